"""The communities a caller may see, and each one's health: Head, Heart and Hand."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from graph_service.api.deps import LanguageDep, Reader, StoreDep
from graph_service.api.gaps_xlsx import XLSX
from graph_service.api.health_export import health_csv, health_filename, health_xlsx
from graph_service.api.language import Language
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.models import Community
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
    name: str = Field(description="in the response's language (Content-Language)")
    description: str = Field(description="in the response's language (Content-Language)")
    names: dict[str, str] = Field(description="the name in each language the files give")
    descriptions: dict[str, str] = Field(description="the description in each language given")
    private: bool

    @classmethod
    def of(cls, community: Community, language: Language) -> CommunityOut:
        """The community as a reader of `language` sees it, with both languages beside."""
        return cls(
            id=community.id,
            name=community.name_in(language),
            description=community.description_in(language),
            names=community.names,
            descriptions=community.descriptions,
            private=community.private,
        )


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
def list_communities(caller: Reader, store: StoreDep, chosen: LanguageDep) -> list[CommunityOut]:
    """Every community the caller may see (what the `community` filters take), by id, named
    and described in `lang` (else Accept-Language) where the communities file says it."""
    return [
        CommunityOut.of(community, chosen.language)
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
    chosen: LanguageDep,
    format: Annotated[Literal["json", "csv", "xlsx"], Query()] = "json",
) -> HealthOut | Response:
    """Head (shared learning), Heart (trust), Hand (participation), and the CoP type; with
    `format=csv` or `xlsx`, the monthly table as a file with headings in `lang`."""
    community = visible_community(store, caller.search_scope, community_id)
    health = HealthCheck(store).compute(community_id)
    if format == "json":
        return HealthOut(**health.__dict__)
    language = chosen.language
    headers = {
        **chosen.headers,
        "Content-Disposition": f'attachment; filename="{health_filename(community_id, format)}"',
    }
    if format == "csv":
        text = health_csv(health, language)
        return Response(text, media_type="text/csv; charset=utf-8", headers=headers)
    book = health_xlsx(health, community.name_in(language), language)
    return Response(book, media_type=XLSX, headers=headers)
