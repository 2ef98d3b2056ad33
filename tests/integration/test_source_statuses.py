"""Closed accounts in a source's export reach people's statuses through ingest, on both stores.

The real Slack export of `../shared/data/connectors/`, ingested once as it is (everyone
active), then again with three users deactivated: one is marked left since their last
message and is no longer suggested as a person to ask; people.yaml keeps the second active
and the API the third (API > people.yaml > source); a third ingest changes nothing; the
export as it was (the account reactivated) makes the leaver active again.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.services import Services
from graph_service.store.base import GraphStore, SearchScope
from ingest.people import person_id
from ingest.records import RawPerson
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from queries.profile_edit import StatusIn, set_status
from tests.conftest import SHARED

pytestmark = pytest.mark.model
EXPORT = SHARED / "data" / "connectors" / "slack" / "hfaran-testarchive"
TEAM = "slack:T0BMHLSRH"
LEAVER, KEPT_BY_FILE, KEPT_BY_API = "U0BMQB6JE", "U0BMS113R", "U0BMYT2FL"
QUESTION = (
    "GA is inherently parallelizable: the search agents of a population work independently "
    "of each other, unlike simulated annealing"
)
"""What the leaver wrote about, in other words."""


def _id(handle: str) -> str:
    return person_id(RawPerson(source=TEAM, handle=handle))


def _export(folder: Path, deactivated: set[str]) -> Path:
    export = shutil.copytree(EXPORT, folder)
    users = json.loads((export / "users.json").read_text(encoding="utf-8"))
    for user in users:
        user["deleted"] = user["id"] in deactivated
    (export / "users.json").write_text(json.dumps(users), encoding="utf-8")
    return export


def _people_to_ask(services: Services) -> list[str]:
    found = services.recommender.for_text(QUESTION, SearchScope(private_allowed=None), 10)
    return [person.id for person in found.people]


def test_a_deactivated_account_leaves_unless_people_yaml_or_the_api_says_otherwise(
    store: GraphStore, embedder: Embedder, tmp_path: Path
) -> None:
    people = tmp_path / "people.yaml"
    people.write_text(f"- {{id: '{_id(KEPT_BY_FILE)}', status: active}}\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data", people_file=people)
    services = Services(settings, store, embedder)
    pipeline = services.pipeline
    pipeline.run(read_source(_export(tmp_path / "before", set())), IngestReport())
    assert _id(LEAVER) in _people_to_ask(services), "the leaver is an expert on it"
    set_status(store, _id(KEPT_BY_API), StatusIn(status="active", actor="yt"), "portal")

    closed = _export(tmp_path / "after", {LEAVER, KEPT_BY_FILE, KEPT_BY_API})
    report = IngestReport()
    pipeline.run(read_source(closed), report)

    assert (report.statuses_written, report.statuses_kept) == (1, 2)
    statuses = {s.person_id: s for s in store.person_statuses()}
    leaver = statuses[_id(LEAVER)]
    assert (leaver.status, leaver.since, leaver.origin) == ("left", date(2016, 3, 28), "source")
    assert leaver.by == f"{TEAM}: deactivated account, left since their last message"
    assert [c.after for c in store.profile_changes(_id(LEAVER))] == ["left since 2016-03-28"]
    assert (statuses[_id(KEPT_BY_FILE)].status, statuses[_id(KEPT_BY_FILE)].origin) == (
        "active",
        "people.yaml",
    )
    assert (statuses[_id(KEPT_BY_API)].status, statuses[_id(KEPT_BY_API)].by) == (
        "active",
        "portal for yt",
    )
    assert _id(LEAVER) not in _people_to_ask(services), "a left person is never suggested"

    again = IngestReport()
    pipeline.run(read_source(closed), again)
    assert (again.statuses_written, again.statuses_kept) == (0, 2)
    assert len(store.profile_changes(_id(LEAVER))) == 1, "the same export twice changes nothing"

    reopened = IngestReport()
    pipeline.run(read_source(EXPORT), reopened)
    assert (reopened.statuses_written, reopened.statuses_kept) == (1, 0)
    back = store.person_statuses([_id(LEAVER)])[0]
    assert (back.status, back.by) == ("active", f"{TEAM}: account open again")
    assert store.person_statuses([_id(KEPT_BY_API)])[0].by == "portal for yt"
    assert _id(LEAVER) in _people_to_ask(services), "reactivated, they may be asked again"
    services.close()
