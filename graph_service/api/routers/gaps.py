"""`GET /v1/gaps`: the expertise-gap map for KM teams, as JSON, CSV or an Excel workbook."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from graph_service.api.deps import GapMapDep, LanguageDep, Reader, StoreDep
from graph_service.api.gaps_csv import gaps_csv, gaps_filename
from graph_service.api.gaps_xlsx import XLSX, gaps_xlsx
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from queries.filters import check_filters
from queries.gaps import AsOfBasis, DomainGap, in_language

router = APIRouter(prefix="/v1", tags=["gaps"], responses=problem_responses(*COMMON_ERRORS, 404))
EARLIEST_AS_OF = date(1970, 1, 1)
"""The earliest `as_of`: a period of up to ten years before it stays a real date."""


class EmergingTopic(BaseModel):
    """A cluster of content no domain claims: a candidate domain to review."""

    label: str
    keyphrases: list[str]
    size: int


class GapsOut(BaseModel):
    """Domains, biggest gap first (those without activity last), over a period up to a date.

    `as_of_basis` says where the date came from: asked for, today, or the newest content
    (when that is older than the period, the map is of the data's last period).
    """

    as_of: datetime
    as_of_basis: AsOfBasis
    period_months: int
    gaps: list[DomainGap]
    emerging: list[EmergingTopic]


@router.get(
    "/gaps",
    response_model=GapsOut,
    responses={
        200: {
            "content": {"text/csv": {}, XLSX: {}},
            "description": "JSON, CSV with format=csv, an Excel workbook with format=xlsx",
        }
    },
)
def gaps(
    caller: Reader,
    gap_map: GapMapDep,
    store: StoreDep,
    chosen: LanguageDep,
    active_months: Annotated[
        int, Query(ge=1, le=120, description="the period: months up to `as_of`")
    ] = 12,
    as_of: Annotated[
        date | None,
        Query(
            ge=EARLIEST_AS_OF,
            description="end of the period; default today, or the newest content if older",
        ),
    ] = None,
    community: Annotated[str | None, Query(max_length=200)] = None,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
) -> GapsOut | Response:
    """Domains ranked by gap (demand per active expert), each with the reasons it is one and
    the actions they suggest, worded in `lang` (else Accept-Language; else English).

    An unknown `community` (or a private one the caller may not see) is a 404 naming it.
    """
    check_filters(store, caller.search_scope, community)
    language = chosen.language
    scope = caller.search_scope.model_copy(
        update={"communities": frozenset({community}) if community else None}
    )
    moment = datetime.combine(as_of, time.max, tzinfo=UTC) if as_of else None
    report = gap_map.report(scope, active_months, as_of=moment)
    found = [in_language(gap, language) for gap in report.gaps]
    if format in ("csv", "xlsx"):
        name = gaps_filename(community, report.as_of.date(), format)
        headers = {**chosen.headers, "Content-Disposition": f'attachment; filename="{name}"'}
        if format == "csv":
            return Response(gaps_csv(found), media_type="text/csv; charset=utf-8", headers=headers)
        book = gaps_xlsx(found, language, report.as_of, report.period_months, community)
        return Response(book, media_type=XLSX, headers=headers)
    emerging = [
        EmergingTopic(label=s.label, keyphrases=s.keyphrases, size=s.size)
        for s in gap_map.emerging_topics(scope)
    ]
    return GapsOut(
        as_of=report.as_of,
        as_of_basis=report.as_of_basis,
        period_months=report.period_months,
        gaps=found,
        emerging=emerging,
    )
