"""Question routing's records: a portal's question, who it went to, and the webhook events.

A routing is kept whole (one record per question) because it is read whole: to re-route
it, to close it, to count it in the gap map. Webhook events are kept apart, one per thing
a portal must be told, keyed so that the same event is never created, nor delivered, twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RoutingStatus = Literal["open", "answered"]
DeliveryStatus = Literal["pending", "delivered", "dead"]


class RoutedPerson(BaseModel):
    """One person a question went to, in which round, and why them."""

    model_config = ConfigDict(frozen=True)

    person_id: str
    name: str
    round: int = Field(ge=1)
    at: datetime
    score: float
    reasons: list[str]


class QuestionRouting(BaseModel):
    """A portal's unanswered question and everyone it was routed to, round by round.

    `document_id` is the id the question will have when it is ingested (or posted through
    `POST /v1/discussions`): an answer in that thread closes the routing.
    """

    model_config = ConfigDict(frozen=True)

    id: str
    text: str
    asker_id: str | None
    community_id: str | None
    document_id: str | None
    domain_ids: list[str]
    created_at: datetime
    last_routed_at: datetime
    status: RoutingStatus = "open"
    closed_at: datetime | None = None
    answered_by: list[str] = []
    routed: list[RoutedPerson] = []
    key_name: str = Field(description="the API key that asked: its webhook is told")


class WebhookEvent(BaseModel):
    """One notification to a portal, with its delivery state (a dead one is dead-lettered)."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="unique per event: the receiver's de-duplication key too")
    url: str
    body: str
    status: DeliveryStatus = "pending"
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime
    next_attempt_at: datetime | None = None
    delivered_at: datetime | None = None
