"""`GET /v1/recommendations`: people to ask, practices to read, communities to join."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from graph_service.api.deps import Reader, RecommenderDep
from graph_service.api.page_size import RECOMMENDATIONS_CAP, limit_query
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.errors import InvalidInput
from queries.recommend import Recommendation, Recommendations, Recommender

router = APIRouter(
    prefix="/v1", tags=["recommendations"], responses=problem_responses(*COMMON_ERRORS, 404)
)


class RecommendationOut(BaseModel):
    """One recommendation with its reason."""

    id: str
    title: str
    reason: str
    score: float


class RecommendationsOut(BaseModel):
    """What to show beside a document, a profile or a search."""

    people: list[RecommendationOut]
    practices: list[RecommendationOut]
    communities: list[RecommendationOut]


def _out(items: list[Recommendation]) -> list[RecommendationOut]:
    return [RecommendationOut(**item.__dict__) for item in items]


def recommend(
    recommender: Recommender,
    scope_caller: Reader,
    document_id: str | None,
    person_id: str | None,
    q: str | None,
    limit: int,
) -> Recommendations:
    """Exactly one seed: a document, a person or a query."""
    seeds = [seed for seed in (document_id, person_id, q) if seed]
    if len(seeds) != 1:
        raise InvalidInput("give exactly one of document_id, person_id or q")
    scope = scope_caller.search_scope
    if document_id:
        return recommender.for_document(document_id, scope, limit)
    if person_id:
        return recommender.for_person(person_id, scope, limit)
    return recommender.for_text(q or "", scope, limit)


@router.get("/recommendations", response_model=RecommendationsOut)
def recommendations(
    caller: Reader,
    recommender: RecommenderDep,
    document_id: Annotated[str | None, Query(max_length=512)] = None,
    person_id: Annotated[str | None, Query(max_length=512)] = None,
    q: Annotated[str | None, Query(max_length=1000)] = None,
    limit: Annotated[int, limit_query(RECOMMENDATIONS_CAP, 5)] = 5,
) -> RecommendationsOut:
    """Recommendations seeded by one of document_id, person_id or q, each with a reason."""
    found = recommend(recommender, caller, document_id, person_id, q, limit)
    return RecommendationsOut(
        people=_out(found.people),
        practices=_out(found.practices),
        communities=_out(found.communities),
    )
