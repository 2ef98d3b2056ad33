"""`POST /v1/questions`: a portal's new question goes to the people who can answer it.

Routing is the person's business, so it needs a `profile` key (a portal acting for its
members); the routing history of a question, and the dead-letter log of webhooks, are
read with the same key or an admin one.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from graph_service.api.deps import Admin, ProfileEditor, RoutingDeskDep, StoreDep
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.errors import NotFound
from graph_service.routing import QuestionRouting, WebhookEvent
from queries.question_routing import Question
from queries.visibility import visible_community

router = APIRouter(
    prefix="/v1", tags=["questions"], responses=problem_responses(*COMMON_ERRORS, 403, 404)
)


class QuestionIn(BaseModel):
    """A new, unanswered question of a portal."""

    text: str = Field(min_length=1, max_length=5000)
    asker_id: str | None = Field(default=None, max_length=512)
    community_id: str | None = Field(default=None, max_length=200)
    question_id: str | None = Field(
        default=None,
        max_length=512,
        description="the id the question will be ingested under: an answer in its thread "
        "(ingest or POST /v1/discussions) closes the routing",
    )


class PersonToAsk(BaseModel):
    """Someone the question went to, and why them."""

    id: str
    name: str
    round: int
    reasons: list[str]


class RoutingOut(BaseModel):
    """A routing: the people asked so far, and whether the question was answered."""

    id: str
    status: str
    domain_ids: list[str]
    people: list[PersonToAsk]
    created_at: datetime
    closed_at: datetime | None
    answered_by: list[str]


def routing_out(routing: QuestionRouting) -> RoutingOut:
    """The response form of a routing."""
    return RoutingOut(
        id=routing.id,
        status=routing.status,
        domain_ids=routing.domain_ids,
        people=[
            PersonToAsk(id=r.person_id, name=r.name, round=r.round, reasons=r.reasons)
            for r in routing.routed
        ],
        created_at=routing.created_at,
        closed_at=routing.closed_at,
        answered_by=routing.answered_by,
    )


@router.post("/questions", response_model=RoutingOut, status_code=201)
def post_question(
    caller: ProfileEditor, desk: RoutingDeskDep, store: StoreDep, body: QuestionIn
) -> RoutingOut:
    """Route a question to the people to ask (never those who left, are away, unavailable
    or opted out), recorded, and told to the portal's webhook. An unknown community (or a
    private one the key may not see) is a 404 naming it."""
    if body.community_id:
        visible_community(store, caller.search_scope, body.community_id)
    question = Question(
        text=body.text,
        asker_id=body.asker_id,
        community_id=body.community_id,
        document_id=body.question_id,
    )
    return routing_out(desk.ask(question, caller.name))


@router.get("/questions/{routing_id}", response_model=RoutingOut)
def get_question(
    caller: ProfileEditor, store: StoreDep, routing_id: Annotated[str, Path(max_length=64)]
) -> RoutingOut:
    """A routing as it stands: who was asked in each round, whether it was answered. Only
    the key that asked (or an admin) sees it; to others it does not exist."""
    routing = store.get_routing(routing_id)
    if routing is None or not (caller.can("admin") or routing.key_name == caller.name):
        raise NotFound("question", routing_id)
    return routing_out(routing)


@router.get("/webhooks/dead", response_model=list[WebhookEvent])
def dead_webhooks(caller: Admin, store: StoreDep) -> list[WebhookEvent]:
    """The dead-letter log: events the portal never accepted, with the last error."""
    return store.webhook_events("dead")
