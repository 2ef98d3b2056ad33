"""People's statuses from people.yaml into the store, on every ingest, only where they changed.

The KM team's file is one source of who is away or has left (the API and, later, the
source readers are the others); a status the file does not mention is left as stored.
Writing only what differs keeps "ingesting the same input twice changes nothing": no new
data version, no change logged.
"""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.profiles import ProfileChange, status_text
from graph_service.store.base import GraphStore
from ingest.people import PeopleDirectory


def sync_statuses(store: GraphStore, people: PeopleDirectory, now: datetime | None = None) -> int:
    """Write the statuses people.yaml declares that differ from the stored ones; how many."""
    declared = people.statuses()
    if not declared:
        return 0
    now = now or datetime.now(UTC)
    stored = {s.person_id: s for s in store.person_statuses([s.person_id for s in declared])}
    changed = [
        status.model_copy(update={"at": now})
        for status in declared
        if status_text(stored.get(status.person_id)) != status_text(status)
    ]
    changes = [
        ProfileChange(
            person_id=status.person_id,
            at=now,
            by="people.yaml",
            subject="status",
            before=status_text(stored.get(status.person_id)),
            after=status_text(status),
        )
        for status in changed
    ]
    if changed:
        store.save_statuses(changed, changes)
    return len(changed)
