"""A read request reads the store's data version once, however many caches consult it
(graph_service/store/request_version.py), and still sees every write made before it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embeddings.hashing import HashingEmbedder
from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from graph_service.store.request_version import one_version
from ingest.report import IngestReport
from ingest.sources.jsonl import Discussion, records_of
from tests.reliability.corpus import discussion

VERSION_READ = "_read_head"
"""Each store's read of its data version, with the view change log's span: this counts the
views' reads of the log too."""


def _ingest(store: GraphStore, settings: Settings, body: dict[str, Any]) -> None:
    pipeline = build_pipeline(settings, store, HashingEmbedder())
    try:
        record = Discussion.model_validate(body)
        pipeline.run(records_of(record, "test", body["id"]), IngestReport())
    finally:
        pipeline.cache.close()


def _people(client: TestClient, query: str) -> set[str]:
    answer = client.get("/v1/experts", params={"q": query})
    assert answer.status_code == 200, answer.text
    return {expert["id"] for expert in answer.json()["results"]}


def test_a_read_request_reads_the_data_version_once(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    for number in range(3):
        _ingest(store, settings, discussion("version", number, posts=3))
    reads = 0
    unpinned = getattr(type(store), VERSION_READ)

    def counted(self: GraphStore) -> Any:
        nonlocal reads
        reads += 1
        return unpinned(self)

    monkeypatch.setattr(type(store), VERSION_READ, counted)
    with TestClient(create_app(settings, store=store, embedder=HashingEmbedder())) as client:
        assert _people(client, "compost")  # the caches of this version are filled
        reads = 0
        assert _people(client, "compost")
        assert reads == 1, "one read of the version for the whole request, the views' included"
        reads = 0
        store.data_version()
        store.data_version()
        assert reads == 2, "outside a read request, every call reads the store"

        assert not any(p.startswith("jsonl:xylo-") for p in _people(client, "xylophone"))
        body = discussion("xylo", 1, posts=3)
        body["title"] = body["body"] = "Xylophone tuning: sand the bars, check every week"
        body["author"] = {"id": "xylo-author", "name": "Xylo"}
        _ingest(store, settings, body)
        found = _people(client, "xylophone")
        assert "jsonl:xylo-author" in found, "the next request sees the write"


def test_within_a_read_request_unchanged_views_and_lists_read_nothing(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What expert search consults several times a request (each view's change log, the
    taxonomy, the communities) costs no read of the store once the version is pinned."""
    _ingest(store, Settings(data_dir=tmp_path / "data"), discussion("lists", 1, posts=2))
    mark = store.view_changes(None).mark
    reads = 0
    unwatched = store._db.read  # type: ignore[attr-defined]

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal reads
        reads += 1
        return unwatched(*args, **kwargs)

    monkeypatch.setattr(store._db, "read", counted)  # type: ignore[attr-defined]
    with one_version():
        store.data_version()
        store.list_domains(), store.list_communities()
        reads = 0
        for _ in range(5):
            changes = store.view_changes(mark)
            assert changes.mark == mark and not changes.everything and not changes.keys
            assert store.list_domains() and store.list_communities()
            store.get_community(store.list_communities()[0].id)
        assert reads == 0
    store.list_domains()
    assert reads == 1, "outside a read request, the version is read; the list is kept"
