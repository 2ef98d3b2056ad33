"""The Neo4j store's `ProfileStore` part: its Cypher, its constraints and the mixin running them.

Kept apart from the graph's statements (statements.py) because none of it is content: each
record is a node outside `NODE_LABELS` (so the graph's counts ignore it), holding its
model's JSON under the key it is found by, with a uniqueness constraint on that key.
Values are always parameters; no label or property name is interpolated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, LiteralString

from neo4j import ManagedTransaction, Record

from graph_service.profiles import PersonStatus, ProfileChange, SkillClaim
from graph_service.routing import DeliveryStatus, QuestionRouting, RoutingStatus, WebhookEvent

if TYPE_CHECKING:
    from graph_service.store.neo4j.connection import Database
    from graph_service.store.neo4j.writes import Statement, ViewKey

PROFILE_SCHEMA: Final[tuple[LiteralString, ...]] = (
    "CREATE CONSTRAINT copgraph_skillclaim_key IF NOT EXISTS "
    "FOR (n:SkillClaim) REQUIRE n.key IS UNIQUE",
    "CREATE INDEX copgraph_skillclaim_person IF NOT EXISTS FOR (n:SkillClaim) ON (n.person_id)",
    "CREATE CONSTRAINT copgraph_personstatus_person IF NOT EXISTS "
    "FOR (n:PersonStatus) REQUIRE n.person_id IS UNIQUE",
    "CREATE INDEX copgraph_profilechange_person IF NOT EXISTS "
    "FOR (n:ProfileChange) ON (n.person_id)",
    "CREATE CONSTRAINT copgraph_routing_id IF NOT EXISTS FOR (n:Routing) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT copgraph_webhookevent_id IF NOT EXISTS "
    "FOR (n:WebhookEvent) REQUIRE n.id IS UNIQUE",
)
"""Created by `schema.ensure_schema` with the graph's own constraints."""

SELECT_CLAIMS: Final = """
MATCH (n:SkillClaim) WHERE $ids IS NULL OR n.person_id IN $ids
RETURN n.body AS body ORDER BY n.person_id, n.domain_id"""
DELETE_CLAIMS_OF: Final = "MATCH (n:SkillClaim {person_id: $person}) DELETE n"
CREATE_CLAIMS: Final = "UNWIND $rows AS row CREATE (n:SkillClaim) SET n = row"
"""Rows `{key, person_id, domain_id, body}`; `key` joins person and domain (constrained)."""
SELECT_STATUSES: Final = """
MATCH (n:PersonStatus) WHERE $ids IS NULL OR n.person_id IN $ids
RETURN n.body AS body ORDER BY n.person_id"""
MERGE_STATUSES: Final = """
UNWIND $rows AS row MERGE (n:PersonStatus {person_id: row.person_id}) SET n.body = row.body"""
CREATE_CHANGES: Final = "UNWIND $rows AS row CREATE (n:ProfileChange) SET n = row"
"""Rows `{person_id, seq, body}`; `seq` (the change's UTC time, then its place in the write)
orders them."""
SELECT_CHANGES: Final = """
MATCH (n:ProfileChange {person_id: $person}) RETURN n.body AS body ORDER BY n.seq"""
MERGE_ROUTING: Final = """
MERGE (n:Routing {id: $id}) SET n.status = $status, n.created_at = $created_at, n.body = $body"""
SELECT_ROUTING: Final = "MATCH (n:Routing {id: $id}) RETURN n.body AS body"
SELECT_ROUTINGS: Final = """
MATCH (n:Routing) WHERE $status IS NULL OR n.status = $status
RETURN n.body AS body ORDER BY n.created_at, n.id"""
ADD_EVENT: Final = """
MERGE (n:WebhookEvent {id: $id})
ON CREATE SET n.status = $status, n.created_at = $created_at, n.body = $body, n.fresh = true
WITH n, n.fresh IS NOT NULL AS created
REMOVE n.fresh
RETURN created"""
"""Creates the event unless its id is stored; says which (the constraint makes it atomic)."""
UPDATE_EVENT: Final = """
MATCH (n:WebhookEvent {id: $id})
SET n.status = $status, n.body = $body
REMOVE n.claimed_by, n.claimed_until"""
"""Save an event's new delivery state and end the claim on it."""
CLAIM_EVENT: Final = """
MATCH (n:WebhookEvent {id: $id})
SET n._lock = true
WITH n, timestamp() AS now
WITH n, now, (n.status = 'pending' AND n.body = $body
              AND coalesce(n.claimed_until, 0) < now) AS free
SET n.claimed_by = CASE WHEN free THEN $holder ELSE n.claimed_by END,
    n.claimed_until = CASE WHEN free THEN now + $milliseconds ELSE n.claimed_until END
REMOVE n._lock
RETURN free"""
"""Claim an event as it was read (its body unchanged, still pending) unless a claim on it
runs past the server's clock. Setting `_lock` first takes the node's write lock before
anything is read, so two processes cannot both find it free (as the derivation lease)."""
SELECT_EVENTS: Final = """
MATCH (n:WebhookEvent) WHERE $status IS NULL OR n.status = $status
RETURN n.body AS body ORDER BY n.created_at, n.id"""


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


class ProfileNodes:
    """`ProfileStore` over Neo4j (mixed into `Neo4jStore`)."""

    _db: Database
    _write: Callable[[Sequence[Statement], Sequence[ViewKey]], list[Record]]
    """Neo4jStore's: the statements in one transaction, then a new data version with the
    view changes given."""

    def _bodies(self, statement: LiteralString, **parameters: Any) -> list[str]:
        return [str(record["body"]) for record in self._db.read(statement, **parameters)]

    def skill_claims(self, person_ids: Sequence[str] | None = None) -> list[SkillClaim]:
        ids = None if person_ids is None else list(person_ids)
        return [SkillClaim.model_validate_json(b) for b in self._bodies(SELECT_CLAIMS, ids=ids)]

    def replace_skills(
        self, person_id: str, claims: Sequence[SkillClaim], changes: Sequence[ProfileChange]
    ) -> None:
        """A new data version: ranking reads the claims (the person's expertise and profile
        views change)."""
        rows = [
            {
                "key": f"{c.person_id}\x1f{c.domain_id}",
                "person_id": c.person_id,
                "domain_id": c.domain_id,
                "body": c.model_dump_json(),
            }
            for c in claims
        ]
        people = dict.fromkeys([person_id, *(c.person_id for c in claims)])
        self._write(
            [
                (DELETE_CLAIMS_OF, {"person": person_id}),
                (CREATE_CLAIMS, {"rows": rows}),
                _changes_statement(changes),
            ],
            [(kind, person) for person in people for kind in ("expertise", "profile")],
        )

    def person_statuses(self, person_ids: Sequence[str] | None = None) -> list[PersonStatus]:
        ids = None if person_ids is None else list(person_ids)
        found = self._bodies(SELECT_STATUSES, ids=ids)
        return [PersonStatus.model_validate_json(b) for b in found]

    def save_statuses(
        self, statuses: Sequence[PersonStatus], changes: Sequence[ProfileChange]
    ) -> None:
        """A new data version: who may be suggested changed (their profile views)."""
        rows = [{"person_id": s.person_id, "body": s.model_dump_json()} for s in statuses]
        self._write(
            [(MERGE_STATUSES, {"rows": rows}), _changes_statement(changes)],
            [("profile", s.person_id) for s in statuses],
        )

    def profile_changes(self, person_id: str) -> list[ProfileChange]:
        found = self._bodies(SELECT_CHANGES, person=person_id)
        return [ProfileChange.model_validate_json(b) for b in found]

    def save_routing(self, routing: QuestionRouting) -> None:
        """The data version stays: routings are not part of what search ranks."""
        self._db.execute(
            MERGE_ROUTING,
            id=routing.id,
            status=routing.status,
            created_at=_utc(routing.created_at),
            body=routing.model_dump_json(),
        )

    def get_routing(self, routing_id: str) -> QuestionRouting | None:
        found = self._bodies(SELECT_ROUTING, id=routing_id)
        return QuestionRouting.model_validate_json(found[0]) if found else None

    def routings(self, status: RoutingStatus | None = None) -> list[QuestionRouting]:
        found = self._bodies(SELECT_ROUTINGS, status=status)
        return [QuestionRouting.model_validate_json(b) for b in found]

    def add_webhook_event(self, event: WebhookEvent) -> bool:
        parameters = {
            "id": event.id,
            "status": event.status,
            "created_at": _utc(event.created_at),
            "body": event.model_dump_json(),
        }

        def add(tx: ManagedTransaction) -> bool:
            record = tx.run(ADD_EVENT, parameters).single()
            return bool(record and record["created"])

        return self._db.transaction(add)

    def claim_webhook_event(self, event: WebhookEvent, holder: str, seconds: float) -> bool:
        claim = {
            "id": event.id,
            "body": event.model_dump_json(),
            "holder": holder,
            "milliseconds": int(seconds * 1000),
        }

        def take(tx: ManagedTransaction) -> bool:
            record = tx.run(CLAIM_EVENT, claim).single()
            return bool(record and record["free"])

        return self._db.transaction(take)

    def save_webhook_event(self, event: WebhookEvent) -> None:
        self._db.execute(
            UPDATE_EVENT, id=event.id, status=event.status, body=event.model_dump_json()
        )

    def webhook_events(self, status: DeliveryStatus | None = None) -> list[WebhookEvent]:
        found = self._bodies(SELECT_EVENTS, status=status)
        return [WebhookEvent.model_validate_json(b) for b in found]


def _changes_statement(changes: Sequence[ProfileChange]) -> Statement:
    rows = [
        {"person_id": c.person_id, "seq": f"{_utc(c.at)}#{i:06d}", "body": c.model_dump_json()}
        for i, c in enumerate(changes)
    ]
    return CREATE_CHANGES, {"rows": rows}
