"""Statuses from people.yaml and the sources reach the store on ingest, once (a second ingest
of the same file changes nothing: no new data version, no change logged), and never over a
stronger word: the API over people.yaml over the sources."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from graph_service.errors import InvalidInput
from graph_service.profiles import PersonStatus
from graph_service.store.base import GraphStore
from ingest.people import PeopleDirectory, PersonEntry
from ingest.records import AccountClosed, AccountOpen, RawPerson
from ingest.statuses import sync_source_statuses, sync_statuses

PEOPLE = """
- {id: malee, name: Malee, status: left, since: 2025-12-31}
- {id: wichai, name: Wichai, status: away, until: 2026-02-01, available_for_questions: false}
- {id: sunee, name: Sunee}
"""
AT = datetime(2026, 1, 5, tzinfo=UTC)


@pytest.fixture
def people(store: GraphStore, tmp_path: Path) -> PeopleDirectory:
    """`PEOPLE` as read from a people.yaml, over a store with its schema."""
    store.ensure_schema(8)
    path = tmp_path / "people.yaml"
    path.write_text(PEOPLE, encoding="utf-8")
    return PeopleDirectory.load(path)


def test_statuses_are_written_once_and_only_when_they_change(
    store: GraphStore, people: PeopleDirectory
) -> None:
    at = AT
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


def _closed(handle: str, since: date) -> AccountClosed:
    return AccountClosed(
        source="slack:T1",
        position="users.json #1",
        person=RawPerson(source="slack:T1", handle=handle),
        account="deactivated",
        since=since,
        basis="last activity",
    )


def test_the_api_outranks_people_yaml_which_outranks_the_sources(
    store: GraphStore, people: PeopleDirectory
) -> None:
    at = AT
    store.save_statuses([PersonStatus(person_id="wichai", by="portal", at=at)], [])
    assert sync_statuses(store, people, at) == 1, "malee only: wichai's portal set his"
    closed = [_closed("U1", date(2016, 3, 1)), _closed("U1", date(2016, 3, 28))]
    outcome = sync_source_statuses(store, people, closed, at)
    assert (outcome.written, outcome.kept) == (1, 0)
    u1 = "slack:T1:U1"
    (status,) = store.person_statuses([u1])
    assert (status.status, status.since, status.origin) == ("left", date(2016, 3, 28), "source")
    aliased = PeopleDirectory([PersonEntry(id="malee", aliases=["slack:T1:U2"])])
    outcome = sync_source_statuses(store, aliased, [_closed("U2", date(2026, 1, 1))], at)
    assert (outcome.written, outcome.kept) == (0, 1), "people.yaml's status of malee stands"
    assert store.person_statuses(["malee"])[0].since == date(2025, 12, 31)
    file_says = PeopleDirectory([PersonEntry(id=u1, status="active")])
    assert sync_statuses(store, file_says, at) == 1, "people.yaml replaces a source's word"
    assert store.person_statuses([u1])[0].status == "active"
    assert store.person_statuses(["wichai"])[0].by == "portal"


def test_an_account_open_again_lifts_only_the_left_its_own_source_set(
    store: GraphStore,
) -> None:
    store.ensure_schema(8)
    people, at = PeopleDirectory(), AT
    sync_source_statuses(store, people, [_closed("U1", date(2016, 3, 28))], at)
    elsewhere = AccountOpen(
        source="slack:T9",
        position="users.json #1",
        person=RawPerson(source="slack:T1", handle="U1"),
    )
    assert sync_source_statuses(store, people, [elsewhere], at).written == 0
    again = AccountOpen(
        source="slack:T1",
        position="users.json #1",
        person=RawPerson(source="slack:T1", handle="U1"),
    )
    both = [again, _closed("U1", date(2016, 4, 1))]
    assert sync_source_statuses(store, people, both, at).written == 1, "closed wins: a new date"
    assert store.person_statuses(["slack:T1:U1"])[0].since == date(2016, 4, 1)
    assert sync_source_statuses(store, people, [again], at).written == 1
    (status,) = store.person_statuses(["slack:T1:U1"])
    assert (status.status, status.by) == ("active", "slack:T1: account open again")
    assert sync_source_statuses(store, people, [again], at).written == 0, "once"
