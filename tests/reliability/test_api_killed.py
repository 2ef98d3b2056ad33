"""The API process is SIGKILLed while it ingests: no partial writes, and a rerun converges.

What the code promises (ingest/pipeline.py, store upserts): a pushed record is one pipeline
batch and its content is one store transaction, so after any crash each record is either
wholly in the store (document, every post, their chunks with embeddings, practices, links)
or not at all, and a record acknowledged with 200 is in. Derived relationships (EXPERT_IN,
RELATED_TO) follow off the request path from jobs queued with the content
(ingest/derivation_queue.py), so they may lag after a crash, and the restarted server must
bring them up to date. Records are posted one after another, so what is in after a crash is
a prefix of them, and the graph must then equal a clean run's after that prefix.

Two kills per backend: one at a random moment of the stream of requests, one right after
the last record's content committed while its derivation is still owed (the test holds the
store's derivation lease, as a busy process would, so the server cannot have derived it):
the window in which a crash leaves derived relationships stale while every record already
reads as unchanged.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.models import Expertise
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStats, GraphStore, SearchScope
from ingest.report import IngestReport
from ingest.sources.jsonl import Discussion, records_of
from tests.reliability.api_process import ApiProcess
from tests.reliability.corpus import discussion

RECORDS = [discussion("kill", number, posts=30) for number in range(8)]
DERIVED = ("EXPERT_IN", "RELATED_TO")
HOLDER = "the test, keeping the server from deriving"
EVERYTHING = SearchScope(private_allowed=None)


@dataclass
class Backend:
    """Where the server under test keeps its graph, and a clean store of the same kind."""

    name: str
    environment: dict[str, str]
    open_served: Callable[[], GraphStore]
    open_clean: Callable[[], GraphStore]


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    """The embedded store in the server's data folder, or the killable Neo4j."""
    if request.param == "embedded":
        from graph_service.store.embedded.store import EmbeddedStore

        return Backend(
            "embedded",
            {"COPGRAPH_EMBEDDING_MODEL": "hash"},
            lambda: EmbeddedStore.open(tmp_path / "api" / "data"),
            lambda: EmbeddedStore.open(tmp_path / "clean"),
        )
    from graph_service.store.neo4j.store import Neo4jStore

    served = request.getfixturevalue("killable_neo4j")
    clean: Settings = request.getfixturevalue("neo4j_settings")
    for settings in (served.settings(), clean):
        store = Neo4jStore.connect(settings)
        store.clear()
        store.close()
    return Backend(
        "neo4j",
        {**served.environment(), "COPGRAPH_EMBEDDING_MODEL": "hash"},
        lambda: Neo4jStore.connect(served.settings()),
        lambda: Neo4jStore.connect(clean),
    )


def _content(stats: GraphStats) -> GraphStats:
    """Counts without the derived relationships, which may lag after a crash."""
    kept = {name: n for name, n in stats.relationships.items() if name not in DERIVED}
    return GraphStats(nodes=stats.nodes, relationships=kept)


def _clean_run(backend: Backend, data_dir: Path) -> tuple[list[GraphStats], GraphStore]:
    """The graph after each prefix of RECORDS, pushed one by one as the API does."""
    store = backend.open_clean()
    pipeline = build_pipeline(Settings(data_dir=data_dir), store, HashingEmbedder())
    after = [_content(store.stats())]
    for body in RECORDS:
        record = Discussion.model_validate(body)
        items = records_of(record, source="api", position=f"request {record.id}")
        pipeline.run(items, IngestReport())
        after.append(_content(store.stats()))
    pipeline.cache.close()
    return after, store


def _post_all(server: ApiProcess, acknowledged: list[str]) -> None:
    """Push every record in order until done or until the server dies under a request."""
    with server.client() as client:
        for body in RECORDS:
            try:
                answer = client.post("/v1/discussions", json=body)
            except httpx.TransportError:
                return
            assert answer.status_code == 200, answer.text
            acknowledged.append(body["id"])


def _check_whole_or_absent(
    backend: Backend, after: list[GraphStats], acknowledged: list[str]
) -> int:
    """Assert the no-partial-writes promise on the crashed server's store; returns how
    many records are in."""
    store = backend.open_served()
    try:
        store.ping()
        present = [body["id"] for body in RECORDS if store.get_document(body["id"]) is not None]
        count = len(present)
        assert present == [body["id"] for body in RECORDS[:count]], "not a prefix"
        assert acknowledged == present[: len(acknowledged)], "an acknowledged record is lost"
        for body in RECORDS:
            posts = store.get_posts(body["id"])
            assert len(posts) == (len(body["posts"]) if body["id"] in present else 0)
        assert _content(store.stats()) == after[count]
        query = HashingEmbedder().embed_query("drip irrigation for vegetables").tolist()
        hits = store.vector_search(query, 50, "chunk", EVERYTHING)
        assert len(store.evidence([hit.id for hit in hits])) == len(hits), "dangling chunks"
        return count
    finally:
        store.close()


def _wait_for(server: ApiProcess, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 300
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {server.log_tail()}"
        time.sleep(0.01)


def _stream(server: ApiProcess, acknowledged: list[str]) -> threading.Thread:
    poster = threading.Thread(target=_post_all, args=(server, acknowledged), daemon=True)
    poster.start()
    return poster


def _expertise(store: GraphStore) -> list[Expertise]:
    return sorted(store.expertise(), key=lambda row: (row.person_id, row.domain_id))


def test_api_killed_mid_ingest_leaves_whole_records_and_a_rerun_converges(
    backend: Backend, tmp_path: Path
) -> None:
    server = ApiProcess(tmp_path / "api", backend.environment)
    landed: list[str] = []

    acknowledged: list[str] = []
    with ThreadPoolExecutor(1) as pool:  # the clean run needs nothing of the server's start
        clean_run = pool.submit(_clean_run, backend, tmp_path / "clean-data")
        server.start()
        after, clean = clean_run.result()
    posting = time.monotonic()
    poster = _stream(server, acknowledged)
    _wait_for(server, lambda: len(acknowledged) >= 3)
    time.sleep((time.monotonic() - posting) / 3 / 2)  # about half way into the fourth
    server.kill()
    poster.join(timeout=60)
    landed.append(f"{_check_whole_or_absent(backend, after, acknowledged)} in, {acknowledged=}")

    acknowledged = []
    server.start()
    watcher = backend.open_served()
    # The lease first, then the pushes: with the lease taken once the stream was under way,
    # a server whose pushes are fast (on Neo4j, since it rehearses one at start) could
    # push and derive every record before the test got hold of it.
    _wait_for(server, lambda: watcher.take_derivation_lease(HOLDER, 600))  # once free
    poster = _stream(server, acknowledged)
    _wait_for(server, lambda: watcher.get_document(RECORDS[-1]["id"]) is not None)
    server.kill()
    owed = watcher.derivation_jobs(100)
    watcher.release_derivation_lease(HOLDER)
    watcher.close()
    poster.join(timeout=60)
    assert owed, "the kill came after the derivation"
    landed.append(f"{_check_whole_or_absent(backend, after, acknowledged)} in, {acknowledged=}")

    server.start()
    with server.client() as client:
        statuses = [client.post("/v1/discussions", json=body).json()["status"] for body in RECORDS]
    server.stop()
    print(f"\n{backend.name}: kills left {landed}; rerun statuses {statuses}")
    store = backend.open_served()
    assert store.stats() == clean.stats()
    resumed, expected = _expertise(store), _expertise(clean)
    assert [(r.person_id, r.domain_id, r.evidence_count) for r in resumed] == [
        (r.person_id, r.domain_id, r.evidence_count) for r in expected
    ]
    assert [r.score for r in resumed] == pytest.approx([r.score for r in expected], abs=1e-5)
    store.close()
    clean.close()
