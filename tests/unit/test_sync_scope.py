"""SyncScope.watch: what an export holds, per source, as its items stream past."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ingest.records import (
    AccountClosed,
    RawContent,
    RawPerson,
    Reject,
    Skipped,
    SourceRecord,
    sole,
)
from ingest.sync import SyncScope

SOURCE = "mediawiki:wiki.example.org"


def _record(document_id: str) -> SourceRecord:
    document = RawContent(
        id=document_id,
        kind="article",
        body="Compost rice straw.",
        authors=sole(RawPerson(source=SOURCE, handle="Malee")),
        created_at=datetime(2024, 5, 1, tzinfo=UTC),
    )
    return SourceRecord(source=SOURCE, position="page 1", document=document)


def test_a_skip_is_neither_held_nor_unknown_and_a_reject_keeps_what_it_names() -> None:
    items: list[SourceRecord | Reject | Skipped] = [
        _record("page:1"),
        Skipped(source=SOURCE, position='page 2 "Pear"', kind="redirect page"),
        Reject(source=SOURCE, position="page 3", reason="empty", document_id="page:3"),
        Skipped(source="slack:T1", position="general/2024-05-01.json message 2", kind="bot"),
    ]
    scope = SyncScope()
    assert list(scope.watch(items)) == items, "items pass through unchanged"
    assert scope.present == {SOURCE: {"page:1", "page:3"}, "slack:T1": set()}
    assert not scope.blind_rejects, "a skip holds no deletion back"
    list(scope.watch([Reject(source=SOURCE, position="line 40", reason="malformed XML")]))
    assert scope.blind_rejects == {SOURCE: 1}


def test_a_closed_account_passes_and_puts_no_source_in_scope() -> None:
    closed = AccountClosed(
        source="slack:T2",
        position="users.json #1",
        person=RawPerson(source="slack:T2", handle="U1"),
        account="deactivated",
        since=date(2016, 3, 28),
        basis="last activity",
    )
    scope = SyncScope()
    assert list(scope.watch([closed])) == [closed]
    assert scope.present == {}, "a person's status says nothing of what the source holds"
