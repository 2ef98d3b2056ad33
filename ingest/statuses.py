"""People's statuses from people.yaml and from the sources into the store, only where they
changed, and never over a stronger word.

Three say whether someone has left or is away, in order of precedence (`StatusOrigin`):
the API (the person's own portal), the KM team's people.yaml, then the sources (a
deactivated Slack account, a deleted Mattermost one, a suspended Discourse one; an account
open again lifts the `left` its own source set). A status is written over a stored one only
when it comes from the same origin or a stronger one: the person who says "I am back"
through their portal is not made to leave again by the next ingest of an old export. A
status the file or the export does not mention is left as stored. Writing only what differs
keeps "ingesting the same input twice changes nothing": no new data version, no change
logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from graph_service.profiles import PersonStatus, ProfileChange, status_text
from graph_service.store.base import GraphStore
from ingest.people import PeopleDirectory
from ingest.records import AccountClosed, AccountOpen, AccountState


@dataclass(frozen=True)
class StatusOutcome:
    """What a sync of statuses did: written, and kept because a stronger origin set them."""

    written: int = 0
    kept: int = 0


def sync_statuses(store: GraphStore, people: PeopleDirectory, now: datetime | None = None) -> int:
    """Write the statuses people.yaml declares that differ from the stored ones, except over
    a status set through the API; how many were written."""
    return _save(store, people.statuses(), now).written


def sync_source_statuses(
    store: GraphStore,
    people: PeopleDirectory,
    accounts: Sequence[AccountState],
    now: datetime | None = None,
) -> StatusOutcome:
    """Mark the people whose accounts the sources say are closed as `left`, and lift a `left`
    a source set when that source says the account is open again; never where people.yaml
    declares the status or the API set it.

    One person closed in several sources (aliases in people.yaml) left on the latest of the
    dates: they were still there until then. A person closed in one source is not made
    active by another that says open.
    """
    closed: dict[str, AccountClosed] = {}
    opened: dict[str, AccountOpen] = {}
    for item in accounts:
        person = people.resolve(item.person).id
        if isinstance(item, AccountOpen):
            opened.setdefault(person, item)
        elif person not in closed or closed[person].since < item.since:
            closed[person] = item
    declared = {status.person_id for status in people.statuses()}
    statuses = [
        PersonStatus(
            person_id=person,
            status="left",
            since=item.since,
            by=f"{item.source}: {item.account} account, left since {_basis(item)}",
            origin="source",
        )
        for person, item in sorted(closed.items())
        if person not in declared
    ]
    statuses += _reopened(store, opened, set(closed) | declared)
    outcome = _save(store, statuses, now)
    return StatusOutcome(outcome.written, outcome.kept + len(set(closed) & declared))


def _reopened(
    store: GraphStore, opened: dict[str, AccountOpen], settled: set[str]
) -> list[PersonStatus]:
    """Active again: the people a source left whose account that source says is open."""
    candidates = sorted(person for person in opened if person not in settled)
    if not candidates:
        return []
    return [
        PersonStatus(
            person_id=stored.person_id,
            by=f"{opened[stored.person_id].source}: account open again",
            origin="source",
        )
        for stored in store.person_statuses(candidates)
        if stored.origin == "source"
        and stored.status == "left"
        and stored.by.startswith(f"{opened[stored.person_id].source}: ")
    ]


def _basis(item: AccountClosed) -> str:
    return "the date the export gives" if item.basis == "export" else "their last message"


def _save(
    store: GraphStore, statuses: Sequence[PersonStatus], now: datetime | None
) -> StatusOutcome:
    """Write the statuses that differ from the stored ones and may replace them."""
    if not statuses:
        return StatusOutcome()
    now = now or datetime.now(UTC)
    stored = {s.person_id: s for s in store.person_statuses([s.person_id for s in statuses])}
    allowed = [
        status
        for status in statuses
        if status.person_id not in stored or stored[status.person_id].yields_to(status.origin)
    ]
    changed = [
        status.model_copy(update={"at": now})
        for status in allowed
        if status_text(stored.get(status.person_id)) != status_text(status)
    ]
    changes = [
        ProfileChange(
            person_id=status.person_id,
            at=now,
            by=status.by,
            subject="status",
            before=status_text(stored.get(status.person_id)),
            after=status_text(status),
        )
        for status in changed
    ]
    if changed:
        store.save_statuses(changed, changes)
    return StatusOutcome(written=len(changed), kept=len(statuses) - len(allowed))
