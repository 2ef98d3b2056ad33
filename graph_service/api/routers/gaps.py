"""`GET /v1/gaps`: the expertise-gap map for KM teams, as JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from graph_service.api.deps import Reader, StoreDep
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from ingest.suggest import suggest_domains
from queries.gaps import DomainGap, GapMap

router = APIRouter(prefix="/v1", tags=["gaps"], responses=problem_responses(*COMMON_ERRORS))
EMERGING_PASSAGES = 5000
CSV_COLUMNS = (
    "domain_id", "name", "gap_score", "experts", "active_experts", "top1_share", "top3_share",
    "bus_factor", "questions", "unanswered", "unresolved", "weak_searches", "reasons",
)  # fmt: skip


class GapOut(BaseModel):
    """One domain of the gap map."""

    domain_id: str
    name: str
    gap_score: float
    experts: int
    active_experts: int
    top1_share: float
    top3_share: float
    bus_factor: int
    questions: int
    unanswered: int
    unresolved: int
    weak_searches: int
    trend: dict[str, dict[str, int]]
    reasons: list[str]


class EmergingTopic(BaseModel):
    """A cluster of content no domain claims: a candidate domain to review."""

    label: str
    keyphrases: list[str]
    size: int


class GapsOut(BaseModel):
    """Domains, biggest gap first, and emerging topics (for admin keys)."""

    gaps: list[GapOut]
    emerging: list[EmergingTopic]


def _csv(gaps: list[DomainGap]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for gap in gaps:
        values = {**gap.__dict__, "reasons": "; ".join(gap.reasons)}
        writer.writerow([values[column] for column in CSV_COLUMNS])
    return buffer.getvalue()


@router.get(
    "/gaps",
    response_model=GapsOut,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with format=csv"}},
)
def gaps(
    caller: Reader,
    store: StoreDep,
    request: Request,
    active_months: Annotated[int, Query(ge=1, le=120)] = 12,
    community: Annotated[str | None, Query(max_length=200)] = None,
    format: Annotated[Literal["json", "csv"], Query()] = "json",
) -> GapsOut | Response:
    """Domains ranked by gap (demand per active expert), each with the reasons it is one."""
    scope = caller.search_scope.model_copy(
        update={"communities": frozenset({community}) if community else None}
    )
    gap_map: GapMap = request.app.state.gap_map
    found = gap_map.compute(scope, active_months)
    if format == "csv":
        return Response(_csv(found), media_type="text/csv; charset=utf-8")
    emerging = []
    if scope.private_allowed is None:
        emerging = [
            EmergingTopic(label=s.label, keyphrases=s.keyphrases, size=s.size)
            for s in suggest_domains(store.unassigned_chunks(EMERGING_PASSAGES))
        ]
    return GapsOut(gaps=[GapOut(**gap.__dict__) for gap in found], emerging=emerging)
