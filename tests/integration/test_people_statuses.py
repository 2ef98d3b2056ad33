"""Statuses from people.yaml reach the store on ingest, once: a second ingest of the same
file changes nothing (no new data version, no change logged)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from graph_service.errors import InvalidInput
from graph_service.store.base import GraphStore
from ingest.people import PeopleDirectory
from ingest.statuses import sync_statuses

PEOPLE = """
- {id: malee, name: Malee, status: left, since: 2025-12-31}
- {id: wichai, name: Wichai, status: away, until: 2026-02-01, available_for_questions: false}
- {id: sunee, name: Sunee}
"""


def test_statuses_are_written_once_and_only_when_they_change(
    store: GraphStore, tmp_path: Path
) -> None:
    store.ensure_schema(8)
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    people = PeopleDirectory.load(path)
    at = datetime(2026, 1, 5, tzinfo=UTC)
    assert sync_statuses(store, people, at) == 2
    version = store.data_version()
    assert sync_statuses(store, people, at) == 0
    assert store.data_version() == version
    found = {s.person_id: s for s in store.person_statuses()}
    assert found["malee"].status == "left" and found["malee"].since == date(2025, 12, 31)
    assert found["wichai"].until == date(2026, 2, 1)
    assert not found["wichai"].available_for_questions
    assert "sunee" not in found, "an entry without a status leaves the stored one alone"
    changes = store.profile_changes("malee")
    assert [(c.by, c.before, c.after) for c in changes] == [
        ("people.yaml", None, "left since 2025-12-31")
    ]


def test_a_status_whose_dates_do_not_fit_names_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("- {id: malee, status: away}\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="entry 'malee'.*needs 'until'"):
        PeopleDirectory.load(path).statuses()
