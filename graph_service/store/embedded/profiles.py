"""The embedded store's `ProfileStore` part: its tables, its SQL and the mixin running them.

Kept apart from the graph's tables and statements (statements.py) because none of it is
content: derivation, `delete_documents` and the graph's counts never touch it. Each record
is its model's JSON under the key it is found by, so a field added to a model needs no new
column. Values are always bound parameters.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Final

from graph_service.profiles import PersonStatus, ProfileChange, SkillClaim
from graph_service.routing import DeliveryStatus, QuestionRouting, RoutingStatus, WebhookEvent
from graph_service.store.embedded import convert
from graph_service.store.embedded import statements as sql

if TYPE_CHECKING:  # connection.py opens the schema, which creates these tables
    from graph_service.store.embedded.connection import Database

PROFILE_DDL: Final = """
CREATE TABLE IF NOT EXISTS skill_claims (
    person_id TEXT NOT NULL, domain_id TEXT NOT NULL, body TEXT NOT NULL,
    PRIMARY KEY (person_id, domain_id));
CREATE TABLE IF NOT EXISTS person_status (person_id TEXT PRIMARY KEY, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS profile_changes (
    seq INTEGER PRIMARY KEY, person_id TEXT NOT NULL, body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS profile_changes_person ON profile_changes (person_id, seq);
CREATE TABLE IF NOT EXISTS routings (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_events (
    id TEXT PRIMARY KEY, status TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS webhook_claims (
    event_id TEXT PRIMARY KEY, holder TEXT NOT NULL, until REAL NOT NULL);
"""
"""Created on every open (`schema.create_tables`), `IF NOT EXISTS`: a store of the same
schema version gains them without a new ingest."""

_CLAIM_ROWS: Final = "('expertise', {row}.person_id), ('profile', {row}.person_id)"
PROFILE_VIEW_LOG_TRIGGERS: Final = sql.view_log_triggers(
    "skill_claims",
    {
        "INSERT": "VALUES " + _CLAIM_ROWS.format(row="new"),
        "DELETE": "VALUES " + _CLAIM_ROWS.format(row="old"),
        "UPDATE": "VALUES " + _CLAIM_ROWS.format(row="old") + ", " + _CLAIM_ROWS.format(row="new"),
    },
) + sql.view_log_triggers(
    "person_status",
    {
        "INSERT": "VALUES ('profile', new.person_id)",
        "DELETE": "VALUES ('profile', old.person_id)",
        "UPDATE": "VALUES ('profile', old.person_id), ('profile', new.person_id)",
    },
)
"""Claims feed the expertise views (a hidden domain) and, with statuses, the profile index:
their changes are logged as the graph's are (statements.py, `view_log`)."""

SELECT_CLAIMS: Final = """
SELECT body FROM skill_claims
WHERE ?1 IS NULL OR person_id IN (SELECT value FROM json_each(?1))
ORDER BY person_id, domain_id"""
DELETE_CLAIMS_OF: Final = "DELETE FROM skill_claims WHERE person_id = ?"
INSERT_CLAIM: Final = "INSERT INTO skill_claims (person_id, domain_id, body) VALUES (?, ?, ?)"
SELECT_STATUSES: Final = """
SELECT body FROM person_status
WHERE ?1 IS NULL OR person_id IN (SELECT value FROM json_each(?1))
ORDER BY person_id"""
UPSERT_STATUS: Final = """
INSERT INTO person_status (person_id, body) VALUES (?, ?)
ON CONFLICT (person_id) DO UPDATE SET body = excluded.body"""
INSERT_CHANGE: Final = "INSERT INTO profile_changes (person_id, body) VALUES (?, ?)"
SELECT_CHANGES: Final = "SELECT body FROM profile_changes WHERE person_id = ? ORDER BY seq"
UPSERT_ROUTING: Final = """
INSERT INTO routings (id, status, created_at, body) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET status = excluded.status, body = excluded.body"""
SELECT_ROUTING: Final = "SELECT body FROM routings WHERE id = ?"
SELECT_ROUTINGS: Final = """
SELECT body FROM routings WHERE ?1 IS NULL OR status = ?1 ORDER BY created_at, id"""
INSERT_EVENT: Final = """
INSERT INTO webhook_events (id, status, created_at, body) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING"""
UPDATE_EVENT: Final = "UPDATE webhook_events SET status = ?, body = ? WHERE id = ?"
CLAIM_EVENT: Final = """
INSERT INTO webhook_claims (event_id, holder, until)
SELECT id, :holder, :until FROM webhook_events
WHERE id = :id AND status = 'pending' AND body = :body
ON CONFLICT (event_id) DO UPDATE SET holder = excluded.holder, until = excluded.until
WHERE webhook_claims.until < :now"""
"""Claim an event as it was read (its body unchanged, still pending) unless a claim on it
runs; one row or none changes. Claims live apart from the events (a table of their own), so
a store created before them gains it on open."""
END_CLAIM: Final = "DELETE FROM webhook_claims WHERE event_id = ?"
SELECT_EVENTS: Final = """
SELECT body FROM webhook_events WHERE ?1 IS NULL OR status = ?1 ORDER BY created_at, id"""


def create_profile_tables(connection: sqlite3.Connection) -> None:
    """Create the profile and routing tables that are missing."""
    connection.executescript(PROFILE_DDL + PROFILE_VIEW_LOG_TRIGGERS)


def _ids(ids: Sequence[str] | None) -> str | None:
    return None if ids is None else convert.id_array(ids)


class ProfileTables:
    """`ProfileStore` over the embedded store's database (mixed into `EmbeddedStore`)."""

    _db: Database

    def skill_claims(self, person_ids: Sequence[str] | None = None) -> list[SkillClaim]:
        with self._db.read() as connection:
            rows = connection.execute(SELECT_CLAIMS, (_ids(person_ids),)).fetchall()
        return [SkillClaim.model_validate_json(body) for (body,) in rows]

    def replace_skills(
        self, person_id: str, claims: Sequence[SkillClaim], changes: Sequence[ProfileChange]
    ) -> None:
        """A new data version: ranking reads the claims."""
        with self._db.write(moves_vectors=False) as connection:
            connection.execute(DELETE_CLAIMS_OF, (person_id,))
            connection.executemany(
                INSERT_CLAIM, [(c.person_id, c.domain_id, c.model_dump_json()) for c in claims]
            )
            _append_changes(connection, changes)

    def person_statuses(self, person_ids: Sequence[str] | None = None) -> list[PersonStatus]:
        with self._db.read() as connection:
            rows = connection.execute(SELECT_STATUSES, (_ids(person_ids),)).fetchall()
        return [PersonStatus.model_validate_json(body) for (body,) in rows]

    def save_statuses(
        self, statuses: Sequence[PersonStatus], changes: Sequence[ProfileChange]
    ) -> None:
        """A new data version: who may be suggested changed."""
        with self._db.write(moves_vectors=False) as connection:
            connection.executemany(
                UPSERT_STATUS, [(s.person_id, s.model_dump_json()) for s in statuses]
            )
            _append_changes(connection, changes)

    def profile_changes(self, person_id: str) -> list[ProfileChange]:
        with self._db.read() as connection:
            rows = connection.execute(SELECT_CHANGES, (person_id,)).fetchall()
        return [ProfileChange.model_validate_json(body) for (body,) in rows]

    def save_routing(self, routing: QuestionRouting) -> None:
        """The data version stays: routings are not part of what search ranks."""
        row = (
            routing.id,
            routing.status,
            routing.created_at.isoformat(),
            routing.model_dump_json(),
        )
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            connection.execute(UPSERT_ROUTING, row)

    def get_routing(self, routing_id: str) -> QuestionRouting | None:
        with self._db.read() as connection:
            row = connection.execute(SELECT_ROUTING, (routing_id,)).fetchone()
        return None if row is None else QuestionRouting.model_validate_json(row[0])

    def routings(self, status: RoutingStatus | None = None) -> list[QuestionRouting]:
        with self._db.read() as connection:
            rows = connection.execute(SELECT_ROUTINGS, (status,)).fetchall()
        return [QuestionRouting.model_validate_json(body) for (body,) in rows]

    def add_webhook_event(self, event: WebhookEvent) -> bool:
        row = (event.id, event.status, event.created_at.isoformat(), event.model_dump_json())
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            return connection.execute(INSERT_EVENT, row).rowcount == 1

    def claim_webhook_event(self, event: WebhookEvent, holder: str, seconds: float) -> bool:
        """The write transaction serialises claims of every process on the folder."""
        now = time.time()
        claim = {
            "id": event.id,
            "body": event.model_dump_json(),
            "holder": holder,
            "until": now + seconds,
            "now": now,
        }
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            return connection.execute(CLAIM_EVENT, claim).rowcount == 1

    def save_webhook_event(self, event: WebhookEvent) -> None:
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            connection.execute(UPDATE_EVENT, (event.status, event.model_dump_json(), event.id))
            connection.execute(END_CLAIM, (event.id,))

    def webhook_events(self, status: DeliveryStatus | None = None) -> list[WebhookEvent]:
        with self._db.read() as connection:
            rows = connection.execute(SELECT_EVENTS, (status,)).fetchall()
        return [WebhookEvent.model_validate_json(body) for (body,) in rows]


def _append_changes(connection: sqlite3.Connection, changes: Sequence[ProfileChange]) -> None:
    connection.executemany(INSERT_CHANGE, [(c.person_id, c.model_dump_json()) for c in changes])
