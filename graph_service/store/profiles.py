"""The part of the store contract that holds what people and portals say, not what is derived.

Skills people declare, confirm or hide, their status, the log of every change to either,
question routings and webhook events. None of it is content: derivation never rewrites
it, and it lives beside the graph on each backend. Profile writes set a new data version
(ranking and the gap map read them); routing and webhook writes do not, as the demand log
does not, so that questions asked do not empty the caches of search.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from graph_service.profiles import PersonStatus, ProfileChange, SkillClaim
from graph_service.routing import DeliveryStatus, QuestionRouting, RoutingStatus, WebhookEvent


class ProfileStore(Protocol):
    """Skills, statuses and their change log; routings and webhook events."""

    def skill_claims(self, person_ids: Sequence[str] | None = None) -> list[SkillClaim]:
        """The claims of `person_ids` (every claim when None), by person then domain."""

    def replace_skills(
        self, person_id: str, claims: Sequence[SkillClaim], changes: Sequence[ProfileChange]
    ) -> None:
        """Make `claims` the person's whole set and append `changes`, in one transaction."""

    def person_statuses(self, person_ids: Sequence[str] | None = None) -> list[PersonStatus]:
        """The stored statuses of `person_ids` (all when None), by person; a person without
        one is active."""

    def save_statuses(
        self, statuses: Sequence[PersonStatus], changes: Sequence[ProfileChange]
    ) -> None:
        """Replace the status of each person named and append `changes`, in one transaction."""

    def profile_changes(self, person_id: str) -> list[ProfileChange]:
        """Every change to the person's profile, oldest first."""

    def save_routing(self, routing: QuestionRouting) -> None:
        """Store the routing whole, replacing the one of its id."""

    def get_routing(self, routing_id: str) -> QuestionRouting | None:
        """The routing, or None."""

    def routings(self, status: RoutingStatus | None = None) -> list[QuestionRouting]:
        """Every routing (of `status`), oldest first."""

    def add_webhook_event(self, event: WebhookEvent) -> bool:
        """Store a new event; False (and nothing changed) when its id is already stored."""

    def claim_webhook_event(self, event: WebhookEvent, holder: str, seconds: float) -> bool:
        """Take the right to deliver `event` for `seconds` by the store's clock: only while
        it is stored as it was read (still pending, nothing moved since) and no other
        holder's claim on it is running. Senders of several processes claim before they
        send, so one event goes out from one of them."""

    def save_webhook_event(self, event: WebhookEvent) -> None:
        """Replace the stored event of its id (its delivery state moved), ending any claim."""

    def webhook_events(self, status: DeliveryStatus | None = None) -> list[WebhookEvent]:
        """Every event (of `status`), oldest first."""
