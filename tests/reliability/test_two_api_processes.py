"""Two `copgraph serve` processes on one store, pushed to at once, end with the graph one
process given the same writes one by one ends with.

The scale-out path: replicas behind a load balancer share one Neo4j (or, on one machine,
one SQLite file). Each process acknowledges its writes and queues their derivation in the
store; either may derive any process's jobs, one at a time under the store's lease
(ingest/derivation_queue.py). Writers interleave freely: the same record reaches both
processes at once, authors are shared across records, and a record is deleted after its
push. Once neither owes derivation, node and relationship counts, EXPERT_IN rows and their
scores must equal the sequential run's (scores to the decay between the two runs' epochs).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.models import Expertise
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.report import IngestReport
from ingest.sources.jsonl import Discussion, records_of
from tests.reliability.api_process import ApiProcess
from tests.reliability.corpus import discussion

RECORDS = [discussion("pair", number, posts=6) for number in range(24)]
TWICE = {"pair-3", "pair-10", "pair-17"}
"""Records pushed to both processes at the same moment."""
DELETED = {"pair-5", "pair-12"}
"""Records deleted right after their push."""
SETTLE_S = 120


def _operations() -> list[tuple[str, dict[str, Any]]]:
    """Every write in its sequential order: push, and delete after the push if it goes."""
    operations: list[tuple[str, dict[str, Any]]] = []
    for body in RECORDS:
        operations.append(("push", body))
        if body["id"] in DELETED:
            operations.append(("delete", body))
    return operations


def _sequential(store: GraphStore, data_dir: Path) -> None:
    """The writes one by one, each derived before the next, as one process would."""
    pipeline = build_pipeline(Settings(data_dir=data_dir), store, HashingEmbedder())
    try:
        for kind, body in _operations():
            if kind == "delete":
                pipeline.delete([body["id"]])
                continue
            record = Discussion.model_validate(body)
            pipeline.run(records_of(record, "api", f"request {record.id}"), IngestReport())
    finally:
        pipeline.cache.close()


def _write(client: httpx.Client, kind: str, body: dict[str, Any]) -> None:
    if kind == "delete":
        answer = client.delete(f"/v1/documents/{body['id']}")
        assert answer.status_code == 204, answer.text
    else:
        answer = client.post("/v1/discussions", json=body)
        assert answer.status_code == 200, answer.text


def _push_concurrently(servers: list[ApiProcess]) -> None:
    """Four writers, two per process, taking the records in turn; a record in TWICE goes to
    both processes at the same time, a deleted one is deleted by the writer that pushed it."""
    failures: list[str] = []
    lanes: list[list[Callable[[], None]]] = [[] for _ in range(4)]
    for index, body in enumerate(RECORDS):
        lane = index % 4
        deleted = body["id"] in DELETED
        lanes[lane].append(partial(_lane_write, servers[lane % 2], body, deleted))
        if body["id"] in TWICE:
            twin = (lane + 1) % 4
            lanes[twin].append(partial(_lane_write, servers[twin % 2], body, False))

    def run(lane: list[Callable[[], None]]) -> None:
        try:
            for write in lane:
                write()
        except Exception as error:  # noqa: BLE001  # reported by the test's thread
            failures.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=run, args=(lane,)) for lane in lanes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures


def _lane_write(server: ApiProcess, body: dict[str, Any], deleted: bool) -> None:
    with server.client() as client:
        _write(client, "push", body)
        if deleted:
            _write(client, "delete", body)


def _settle(servers: list[ApiProcess]) -> None:
    """Wait until the store owes no derivation, as both processes see it."""
    deadline = time.monotonic() + SETTLE_S
    for server in servers:
        with server.client() as client:
            while client.get("/v1/derivation").json()["queued"]:
                assert time.monotonic() < deadline, f"backlog left: {server.log_tail()}"
                time.sleep(0.1)


def _expertise(store: GraphStore) -> list[Expertise]:
    return sorted(store.expertise(), key=lambda row: (row.person_id, row.domain_id))


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def shared(
    request: pytest.FixtureRequest, tmp_path: Path
) -> tuple[dict[str, str], GraphStore, GraphStore]:
    """The environment that puts both processes on one store, that store, and an empty
    store of the same kind for the sequential run."""
    if request.param == "embedded":
        from graph_service.store.embedded.store import EmbeddedStore

        data = tmp_path / "shared-data"
        environment = {"COPGRAPH_DATA_DIR": str(data), "COPGRAPH_EMBEDDING_MODEL": "hash"}
        return environment, EmbeddedStore.open(data), EmbeddedStore.open(tmp_path / "sequential")
    from graph_service.store.neo4j.store import Neo4jStore

    served = request.getfixturevalue("killable_neo4j")
    clean: Settings = request.getfixturevalue("neo4j_settings")
    stores = [Neo4jStore.connect(settings) for settings in (served.settings(), clean)]
    for store in stores:
        store.clear()
    return {**served.environment(), "COPGRAPH_EMBEDDING_MODEL": "hash"}, stores[0], stores[1]


def test_two_processes_pushed_to_at_once_end_as_the_sequential_run(
    shared: tuple[dict[str, str], GraphStore, GraphStore], tmp_path: Path
) -> None:
    environment, store, sequential = shared
    servers = [ApiProcess(tmp_path / f"api-{n}", environment) for n in range(2)]
    # Both processes start at once on an empty store, as replicas do: their schema
    # statements race (Neo4j answered the loser's `IF NOT EXISTS` with an error).
    try:
        try:
            for server in servers:
                server.launch()
            _sequential(sequential, tmp_path / "sequential-data")
            for server in servers:
                server.wait_ready()
            _push_concurrently(servers)
            _settle(servers)
        finally:
            for server in servers:
                server.stop()
        _assert_as_sequential(store, sequential)
    finally:
        store.close()
        sequential.close()


def test_one_serve_with_two_workers_ends_as_the_sequential_run(tmp_path: Path) -> None:
    """`copgraph serve --workers 2`: two processes behind one port, the same guarantee."""
    from graph_service.store.embedded.store import EmbeddedStore

    data = tmp_path / "shared-data"
    environment = {"COPGRAPH_DATA_DIR": str(data), "COPGRAPH_EMBEDDING_MODEL": "hash"}
    store, sequential = EmbeddedStore.open(data), EmbeddedStore.open(tmp_path / "sequential")
    server = ApiProcess(tmp_path / "api", environment, workers=2)
    try:
        try:
            server.launch()
            _sequential(sequential, tmp_path / "sequential-data")
            server.wait_ready()
            _wait_for_workers(server, 2)
            _push_concurrently([server, server])
            _settle([server])
        finally:
            server.stop()
        _assert_as_sequential(store, sequential)
    finally:
        store.close()
        sequential.close()


def _wait_for_workers(server: ApiProcess, count: int) -> None:
    """Wait until `count` worker processes run under the server's supervisor."""
    deadline = time.monotonic() + SETTLE_S
    while len(_workers(server.pid)) < count:
        assert time.monotonic() < deadline, f"workers missing: {server.log_tail()}"
        time.sleep(0.2)
    assert len(_workers(server.pid)) == count


def _workers(parent: int) -> list[psutil.Process]:
    """The worker processes uvicorn spawned under `parent` (its resource tracker aside)."""
    return [
        child
        for child in psutil.Process(parent).children()
        if any("spawn_main" in part for part in child.cmdline())
    ]


def _assert_as_sequential(store: GraphStore, sequential: GraphStore) -> None:
    """No derivation owed; counts and EXPERT_IN rows as the sequential run's."""
    assert store.derivation_jobs(10) == []
    assert store.stats() == sequential.stats()
    served, expected = _expertise(store), _expertise(sequential)
    assert [(r.person_id, r.domain_id, r.evidence_count) for r in served] == [
        (r.person_id, r.domain_id, r.evidence_count) for r in expected
    ]
    assert [r.score for r in served] == pytest.approx([r.score for r in expected], rel=1e-4)
