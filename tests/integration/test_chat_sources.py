"""Each chat export ingested end to end on both stores, with the real model.

The real exports of `../shared/data/connectors/` (LINE: the hand-written one of
tests/unit/data/line, since no real LINE export can be shared), detected by `--format auto`:
what goes in is every message the reader kept, once, with its community (private ones
private), its people (names resolved) and its reply structure; a second ingest changes
nothing; a sync of a newer Slack export adds, updates and deletes in that workspace only.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.people import person_id
from ingest.pipeline import Pipeline
from ingest.records import RawPerson, Reject, Skipped, SourceRecord
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from ingest.sync import SyncScope
from tests.conftest import SHARED

pytestmark = pytest.mark.model
CONNECTORS = SHARED / "data" / "connectors"
LINE = Path(__file__).parents[1] / "unit" / "data" / "line" / "km-nurses.th.txt"
EXPORTS = {
    "slack": CONNECTORS / "slack" / "hfaran-testarchive",
    "teams": CONNECTORS / "teams" / "zulip-TeamsData_ZulipChat",
    "mattermost": CONNECTORS / "mattermost" / "export.json",
    "line": LINE,
}
EXPECTED = {
    # source: (documents, posts, people, communities, private communities, rejects, skipped)
    "slack": (13, 39, 4, 2, 0, 0, 106),
    "teams": (1, 3, 3, 1, 0, 0, 3),
    "mattermost": (5, 7, 3, 4, 1, 1, 8),
    "line": (2, 3, 3, 1, 1, 0, 3),
}
"""What each export holds, counted by hand from the files (see the report of issue 15)."""
NAMED = {
    "slack": ("slack:T0BMHLSRH", "U0BMYT2FL", "Harry Potter"),
    "teams": ("teams", "88cbf3c2-0810-4d32-aa19-863c12bf7be9", "Pieter K"),
    "mattermost": ("mattermost", "ron", "Ron Weasley"),
    "line": ("line:KM-พยาบาล-รพ.สต.", "นก", "นก"),
}


@pytest.fixture
def store_dimension(embedder: Embedder) -> int:
    """Every test here embeds with the session's model: Neo4j keeps its search indexes
    from test to test and only its graph is emptied (tests/conftest.py, `emptied`)."""
    return embedder.dimension


@pytest.mark.parametrize("source", list(EXPORTS))
def test_chat_export_ingests_whole_and_twice_changes_nothing(
    source: str, store: GraphStore, embedder: Embedder, tmp_path: Path
) -> None:
    items = list(read_source(EXPORTS[source]))
    records = [item for item in items if isinstance(item, SourceRecord)]
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)
    report = IngestReport()
    pipeline.run(items, report)
    documents, posts, people, communities, private, rejects, skipped = EXPECTED[source]
    stats = store.stats()
    assert stats.nodes["Document"] == documents == len(records)
    assert stats.nodes["Post"] == posts == sum(len(r.posts) for r in records)
    assert stats.relationships["REPLY_TO"] == posts
    assert report.total("rejected") == rejects == sum(isinstance(i, Reject) for i in items)
    assert report.total("skipped") == skipped == sum(isinstance(i, Skipped) for i in items)
    stored = {c.id: c for c in store.list_communities() if c.id.startswith(source)}
    assert len(stored) == communities and sum(c.private for c in stored.values()) == private
    authors = {a.person for r in records for c in [r.document, *r.posts] for a in c.authors}
    assert (
        len(authors) == people and len(store.get_people([person_id(a) for a in authors])) == people
    )
    namespace, handle, name = NAMED[source]
    person = store.get_person(person_id(RawPerson(source=namespace, handle=handle)))
    assert person is not None and person.name == name
    threaded = max(records, key=lambda r: len(r.posts))
    replies = {post.id: post.reply_to for post in store.get_posts(threaded.document.id)}
    assert replies == {post.id: post.reply_to for post in threaded.posts}
    again = IngestReport()
    pipeline.run(read_source(EXPORTS[source]), again)
    assert again.total("ingested") == 0 and again.total("unchanged") == documents + posts


def test_a_newer_slack_export_adds_and_updates_and_leaves_the_rest(
    store: GraphStore, embedder: Embedder, tmp_path: Path
) -> None:
    """The March days arrive in a later export: the discussions they extend are updated, new
    ones added, the rest unchanged, and the store ends as one ingest of the whole export."""
    older = tmp_path / "older"
    shutil.copytree(EXPORTS["slack"], older)
    for day in older.glob("*/2016-03-2*.json"):
        day.unlink()
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)
    first = IngestReport()
    pipeline.run(read_source(older), first)
    before = {r.document.id: len(r.posts) for r in _records(older)}
    second = IngestReport()
    pipeline.run(read_source(EXPORTS["slack"]), second)
    after = {r.document.id: len(r.posts) for r in _records(EXPORTS["slack"])}
    added = after.keys() - before.keys()
    grown = {d for d in before.keys() & after.keys() if after[d] != before[d]}
    assert added and before.keys() <= after.keys()
    assert second.total("ingested") == sum(1 + after[d] for d in added | grown)
    assert second.total("unchanged") == sum(1 + after[d] for d in after.keys() - added - grown)
    stats = store.stats()
    assert stats.nodes["Document"] == len(after) and stats.nodes["Post"] == sum(after.values())


def _records(path: Path) -> list[SourceRecord]:
    return [item for item in read_source(path) if isinstance(item, SourceRecord)]


def test_a_slack_sync_adds_updates_and_deletes_in_its_workspace_only(
    store: GraphStore, embedder: Embedder, tmp_path: Path
) -> None:
    """The older export lacks the March days; the newer one has them, lacks 14 January (its
    conversation was deleted) and has a message edited. A sync leaves the store as the newer
    export alone would, and the LINE chat ingested beside it untouched."""
    older, newer = tmp_path / "older", tmp_path / "newer"
    shutil.copytree(EXPORTS["slack"], older)
    for day in older.glob("*/2016-03-2*.json"):
        day.unlink()
    shutil.copytree(EXPORTS["slack"], newer)
    (newer / "enrique" / "2016-01-14.json").unlink()
    edited = newer / "enrique" / "2016-02-07.json"
    messages = json.loads(edited.read_text(encoding="utf-8"))
    messages[0]["text"] = "Read the crypto guide first, then the setup notes."
    edited.write_text(json.dumps(messages), encoding="utf-8")
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)
    pipeline.run(read_source(LINE), IngestReport())
    line_documents = store.source_documents("line:KM-พยาบาล-รพ.สต.")
    _sync(pipeline, older)
    before = {r.document.id for r in _records(older)}
    after = {r.document.id for r in _records(newer)}
    assert before - after and after - before, "the newer export deletes and adds discussions"
    report, deleted = _sync(pipeline, newer)
    assert deleted == len(before - after)
    assert report.counts[("updated", "thread")] >= 1, "the edited discussion is updated"
    assert store.source_documents("slack:T0BMHLSRH") == sorted(after)
    updated = store.get_document("slack:T0BMHLSRH:C0JGLMMNX:1454884927.000002")
    assert updated is not None and "crypto guide" in updated.text
    assert store.source_documents("line:KM-พยาบาล-รพ.สต.") == line_documents != []
    stats = store.stats()
    report, deleted = _sync(pipeline, newer)
    assert (report.total("ingested"), deleted) == (0, 0)
    assert store.stats() == stats, "syncing the same export twice changes nothing"


def _sync(pipeline: Pipeline, path: Path) -> tuple[IngestReport, int]:
    """What `copgraph ingest --sync PATH` does: ingest, then delete what the source lost."""
    scope = SyncScope()
    report = pipeline.run(scope.watch(read_source(path)), IngestReport())
    prune = scope.prune(pipeline.store)
    assert prune.held_back == {}, "the export's rejects all name their discussions"
    return report, pipeline.delete(prune.document_ids) if prune.document_ids else 0
