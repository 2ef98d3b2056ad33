"""`GET /v1/gaps`: the expertise-gap map for KM teams, as JSON or CSV."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from graph_service.api.deps import GapMapDep, Reader, StoreDep
from graph_service.api.gaps_csv import gaps_csv, gaps_filename
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from queries.filters import check_filters
from queries.gaps import DomainGap

router = APIRouter(prefix="/v1", tags=["gaps"], responses=problem_responses(*COMMON_ERRORS, 404))


class EmergingTopic(BaseModel):
    """A cluster of content no domain claims: a candidate domain to review."""

    label: str
    keyphrases: list[str]
    size: int


class GapsOut(BaseModel):
    """Domains, biggest gap first, and emerging topics (for admin keys)."""

    gaps: list[DomainGap]
    emerging: list[EmergingTopic]


@router.get(
    "/gaps",
    response_model=GapsOut,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}},
)
def gaps(
    caller: Reader,
    gap_map: GapMapDep,
    store: StoreDep,
    active_months: Annotated[int, Query(ge=1, le=120)] = 12,
    community: Annotated[str | None, Query(max_length=200)] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> GapsOut | Response:
    """Domains ranked by gap (demand per active expert), each with the reasons it is one.

    An unknown `community` (or a private one the caller may not see) is a 404 naming it.
    """
    check_filters(store, caller.search_scope, community)
    scope = caller.search_scope.model_copy(
        update={"communities": frozenset({community}) if community else None}
    )
    found = gap_map.compute(scope, active_months)
    if format == "csv":
        name = gaps_filename(community, datetime.now(UTC).date())
        return Response(
            gaps_csv(found),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    emerging = [
        EmergingTopic(label=s.label, keyphrases=s.keyphrases, size=s.size)
        for s in gap_map.emerging_topics(scope)
    ]
    return GapsOut(gaps=found, emerging=emerging)
