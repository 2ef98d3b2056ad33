"""Discourse and MediaWiki exports end to end on both stores with the real model, and a sync
of a newer export: what it adds, updates and deletes, and nothing of other sources."""

from __future__ import annotations

import json
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.pipeline import Pipeline
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from ingest.sync import SyncScope
from tests.conftest import SHARED

CONNECTORS = SHARED / "data" / "connectors"
PEAR_ID = "mediawiki:en.wikipedia.org:page:24278"


@pytest.fixture
def store_dimension(embedder: Embedder) -> int:
    """Every test here embeds with the session's model: Neo4j keeps its search indexes
    from test to test and only its graph is emptied (tests/conftest.py, `emptied`)."""
    return embedder.dimension


@pytest.fixture
def pipeline(store: GraphStore, embedder: Embedder, tmp_path: Path) -> Pipeline:
    return build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)


def sync(pipeline: Pipeline, path: Path) -> tuple[IngestReport, int]:
    """What `copgraph ingest --sync PATH` does: ingest, then delete what the source lost."""
    scope = SyncScope()
    report = pipeline.run(scope.watch(read_source(path)), IngestReport())
    prune = scope.prune(pipeline.store)
    assert prune.held_back == {}
    return report, pipeline.delete(prune.document_ids) if prune.document_ids else 0


def test_real_exports_go_in_with_their_people_threads_and_communities(
    store: GraphStore, pipeline: Pipeline
) -> None:
    for path in (
        CONNECTORS / "discourse",
        CONNECTORS / "mediawiki" / "article-pear.xml",
        CONNECTORS / "mediawiki" / "pair-0.10.xml",
    ):
        report = pipeline.run(read_source(path), IngestReport())
        assert report.total("ingested") > 0
    topic = store.get_document("discourse:discourse:t57:p1")
    assert topic is not None and topic.kind == "thread"
    assert topic.community_id == "discourse:category:13"
    assert topic.author_ids == ["discourse:discourse:samsaffron"]
    (reply,) = store.get_posts(topic.id)
    assert reply.id == "discourse:discourse:t57:p14" and reply.reply_to == topic.id
    assert reply.score == 5
    pear = store.get_document(PEAR_ID)
    assert pear is not None and len(pear.author_ids) == 4
    assert pear.author_roles == ["author", "contributor", "contributor", "contributor"]
    names = {person.name for person in store.get_people(pear.author_ids)}
    assert {"Quercusrobur", "Mav", "PierreAbbat", "anonymous editor"} == names
    assert store.source_documents("mediawiki:en.wikipedia.org") == [
        "mediawiki:en.wikipedia.org:page:19252820",
        PEAR_ID,
    ]


def _topic(topic_id: int, text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CONNECTORS / "discourse" / "topic.json").read_text("utf-8"))
    data = deepcopy(data)
    data["id"] = topic_id
    data["title"] = f"Topic {topic_id}: {text}"
    data["post_stream"]["posts"][0]["cooked"] = f"<p>{text}</p>"
    return data


def _export(folder: Path, topics: dict[int, str]) -> Path:
    folder.mkdir(parents=True)
    for topic_id, text in topics.items():
        (folder / f"{topic_id}.json").write_text(json.dumps(_topic(topic_id, text)), "utf-8")
    return folder


def test_a_solved_topic_keeps_its_accepted_answer(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    solved = _topic(5, "How do we keep the compost pile warm in the cool season?")
    solved["post_stream"]["posts"][3]["accepted_answer"] = True
    (tmp_path / "forum").mkdir()
    (tmp_path / "forum" / "5.json").write_text(json.dumps(solved), encoding="utf-8")
    pipeline.run(read_source(tmp_path / "forum"), IngestReport())
    question = store.get_document("discourse:forum:t5:p1")
    assert question is not None and question.kind == "question"
    (answer,) = store.get_posts(question.id)
    assert answer.kind == "answer" and answer.accepted and answer.score == 5


def test_sync_adds_updates_and_deletes_only_in_its_own_source(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    pipeline.run(read_source(CONNECTORS / "mediawiki" / "article-pear.xml"), IngestReport())
    first = {
        1: "Compost rice straw with a fungal starter.",
        2: "Turn the pile weekly.",
        3: "Keep the pile moist.",
    }
    _, deleted = sync(pipeline, _export(tmp_path / "v1" / "forum", first))
    assert deleted == 0
    second = {1: first[1], 2: "Turn the pile every ten days.", 4: "Cover it in the rain."}
    report, deleted = sync(pipeline, _export(tmp_path / "v2" / "forum", second))
    assert deleted == 1
    assert report.counts[("ingested", "thread")] == 2 and report.counts[("updated", "thread")] == 1
    assert report.counts[("unchanged", "thread")] == 1
    assert store.source_documents("discourse:forum") == [
        "discourse:forum:t1:p1",
        "discourse:forum:t2:p1",
        "discourse:forum:t4:p1",
    ]
    updated = store.get_document("discourse:forum:t2:p1")
    assert updated is not None and "ten days" in updated.text
    assert store.get_posts("discourse:forum:t3:p1") == []
    assert store.get_document(PEAR_ID) is not None, "another source is never touched"
    before = store.stats()
    report, deleted = sync(pipeline, tmp_path / "v2" / "forum")
    assert (report.total("ingested"), deleted) == (0, 0)
    assert store.stats() == before, "syncing the same export twice changes nothing"


def test_a_reject_that_names_no_document_holds_deletes_back(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    folder = _export(tmp_path / "forum", {1: "Compost rice straw.", 2: "Turn the pile."})
    sync(pipeline, folder)
    (folder / "2.json").write_text('{"post_stream": {"posts": [', encoding="utf-8")
    scope = SyncScope()
    pipeline.run(scope.watch(read_source(folder)), IngestReport())
    prune = scope.prune(store)
    assert (
        prune.document_ids == [] and "1 deletion(s) held back" in prune.held_back["discourse:forum"]
    )


def test_a_wiki_page_that_became_a_redirect_is_deleted_by_a_sync(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    pear = (CONNECTORS / "mediawiki" / "article-pear.xml").read_text(encoding="utf-8")
    sync(pipeline, CONNECTORS / "mediawiki" / "article-pear.xml")
    assert store.get_document(PEAR_ID) is not None
    last = pear.rindex("</revision>") + len("</revision>")
    redirect = (
        "<revision><id>9</id><timestamp>2003-01-01T00:00:00Z</timestamp><contributor>"
        "<username>Mav</username></contributor><text>#REDIRECT [[Pyrus]]</text></revision>"
    )
    newer = tmp_path / "article-pear.xml"
    newer.write_text(pear[:last] + redirect + pear[last:], encoding="utf-8")
    report, deleted = sync(pipeline, newer)
    assert deleted == 1 and store.get_document(PEAR_ID) is None
    assert report.counts[("skipped", "redirect page")] == 1 and report.total("rejected") == 0


def test_a_category_export_makes_named_communities_private_where_the_forum_says(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    """The real topic in two categories of a category export: the forum's names and its
    read restriction reach the stored communities; a listed topic not saved is a reject."""
    folder = tmp_path / "forum"
    data: dict[str, Any] = json.loads((CONNECTORS / "discourse" / "topic.json").read_text("utf-8"))
    (folder / "t").mkdir(parents=True)
    (folder / "c" / "staff").mkdir(parents=True)
    (folder / "t" / "57.json").write_text(json.dumps(data), encoding="utf-8")
    (folder / "t" / "58.json").write_text(json.dumps({**data, "id": 58, "category_id": None}))
    listed = {"topic_list": {"topics": [{"id": 58}, {"id": 60}]}}
    (folder / "c" / "staff" / "7.json").write_text(json.dumps(listed), encoding="utf-8")
    categories = [{"id": 13, "name": "ทั่วไป"}, {"id": 7, "name": "Staff", "read_restricted": True}]
    (folder / "categories.json").write_text(
        json.dumps({"category_list": {"categories": categories}}), encoding="utf-8"
    )
    report = pipeline.run(read_source(folder), IngestReport())
    assert report.reject_reasons == {
        "topic 60 is listed but in no topic file": 1,
        "empty body": 2,  # post 3 of the real topic is an image alone, in each copy
    }
    general, staff = (
        store.get_community("forum:category:13"),
        store.get_community("forum:category:7"),
    )
    assert general is not None and (general.name, general.private) == ("ทั่วไป", False)
    assert staff is not None and (staff.name, staff.private) == ("Staff", True)
    topic = store.get_document("discourse:forum:t58:p1")
    assert topic is not None and topic.community_id == "forum:category:7"
