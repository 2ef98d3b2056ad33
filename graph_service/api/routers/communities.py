"""The communities a caller may see, and each one's health: Head, Heart and Hand."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Header, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from graph_service.api.deps import Reader, StoreDep
from graph_service.api.gaps_xlsx import XLSX
from graph_service.api.health_export import health_csv, health_filename, health_xlsx
from graph_service.api.language import pick_language
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from queries.cop_health import HealthCheck
from queries.visibility import visible_communities, visible_community

router = APIRouter(
    prefix="/v1/communities",
    tags=["communities"],
    responses=problem_responses(*COMMON_ERRORS, 404),
)


class CommunityOut(BaseModel):
    """A community of practice; private ones are listed only to callers allowed for them."""

    id: str
    name: str
    description: str
    private: bool


class HealthOut(BaseModel):
    """A community's health; formulas in docs/cop-health.md."""

    community_id: str
    members: int
    scores: dict[str, float]
    head: dict[str, float]
    heart: dict[str, float]
    hand: dict[str, float]
    monthly: dict[str, dict[str, int]]
    monthly_scores: dict[str, dict[str, float]] = Field(
        description="per calendar month: head, heart and hand over the six months up to it"
    )
    contributors_per_domain: dict[str, int]
    cop_type: str
    type_evidence: dict[str, float]


@router.get("", response_model=list[CommunityOut])
def list_communities(caller: Reader, store: StoreDep) -> list[CommunityOut]:
    """Every community the caller may see (what the `community` filters take), by id."""
    return [
        CommunityOut.model_validate(community, from_attributes=True)
        for community in visible_communities(store, caller.search_scope)
    ]


@router.get(
    "/{community_id}/health",
    response_model=HealthOut,
    responses={200: {"content": {"text/csv": {}, XLSX: {}}, "description": "JSON, CSV or XLSX"}},
)
def community_health(
    caller: Reader,
    store: StoreDep,
    community_id: Annotated[str, Path(max_length=200)],
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
    lang: Annotated[str | None, Query(max_length=35, description="th or en headings")] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> HealthOut | Response:
    """Head (shared learning), Heart (trust), Hand (participation), and the CoP type; with
    `format=csv` or `xlsx`, the monthly table as a file with headings in `lang`."""
    community = visible_community(store, caller.search_scope, community_id)
    health = HealthCheck(store).compute(community_id)
    if format == "json":
        return HealthOut(**health.__dict__)
    language = pick_language(lang, accept_language)
    headers = {
        "Content-Language": language,
        "Content-Disposition": f'attachment; filename="{health_filename(community_id, format)}"',
    }
    if format == "csv":
        text = health_csv(health, language)
        return Response(text, media_type="text/csv; charset=utf-8", headers=headers)
    book = health_xlsx(health, community.name, language)
    return Response(book, media_type=XLSX, headers=headers)
