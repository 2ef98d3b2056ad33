"""The communities a caller may see, and each one's health: Head, Heart and Hand."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from graph_service.api.deps import Reader, StoreDep
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


@router.get("/{community_id}/health", response_model=HealthOut)
def community_health(
    caller: Reader, store: StoreDep, community_id: Annotated[str, Path(max_length=200)]
) -> HealthOut:
    """Head (shared learning), Heart (trust), Hand (participation), and the CoP type."""
    visible_community(store, caller.search_scope, community_id)
    return HealthOut(**HealthCheck(store).compute(community_id).__dict__)
