"""The API while Neo4j is down: 503 problem+json with Retry-After within seconds, never a 500
or a hang, and 200 again by itself once Neo4j is back, in the same server process.

A reader thread keeps requesting throughout the kill and the restart, so errors raised in
the middle of a query (a connection dying under it) are exercised too, not only refused
connections.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import httpx
import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.neo4j.store import Neo4jStore
from ingest import SAMPLE_DIR
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from tests.reliability.api_process import ApiProcess
from tests.reliability.neo4j_process import KillableNeo4j

pytestmark = pytest.mark.neo4j

READS = (
    "/readyz",
    "/v1/experts?q=composting rice straw",
    "/v1/practices?q=after action review",
    "/v1/recommendations?q=compost",
    "/v1/domains",
    "/v1/people/david.chen",
    "/v1/documents/agri-001",
    "/v1/stats",
    "/v1/gaps",
    "/v1/communities/cop-agri/health",
)
DOCUMENT = {"type": "document", "id": "down-1", "body": "Mulch the beds.", "author": {"id": "a"}}
READ_ANSWERS_WITHIN_S = 8.0
"""Reads retry for 1 s (about 3 s with the driver's back-off); the rest is a busy CPU
serving all of them at once."""
WRITE_ANSWERS_WITHIN_S = 25.0
"""Writes retry for 10 s (about 15 s with back-off) to ride through a leader change."""
RECOVERS_WITHIN_S = 60.0


@pytest.fixture
def api(killable_neo4j: KillableNeo4j, tmp_path: Path) -> Iterator[ApiProcess]:
    """`copgraph serve` over the killable Neo4j holding the sample corpus."""
    store = Neo4jStore.connect(killable_neo4j.settings())
    store.clear()
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "ingest"), store, HashingEmbedder())
    pipeline.run(read_source(SAMPLE_DIR / "cop-sample.jsonl", "jsonl"), IngestReport())
    pipeline.cache.close()
    store.close()
    server = ApiProcess(
        tmp_path / "api", {**killable_neo4j.environment(), "COPGRAPH_EMBEDDING_MODEL": "hash"}
    )
    server.start()
    yield server
    server.stop()


def _keep_reading(api: ApiProcess, stop: threading.Event, statuses: Counter[int]) -> None:
    with api.client(timeout=60) as client:
        for path in itertools.cycle(READS):
            if stop.is_set():
                return
            statuses[client.get(path).status_code] += 1


def _timed_get(api: ApiProcess, path: str) -> tuple[httpx.Response, float]:
    with api.client(timeout=60) as client:
        started = time.monotonic()
        answer = client.get(path)
        return answer, time.monotonic() - started


def _all_at_once(api: ApiProcess, paths: tuple[str, ...]) -> list[tuple[httpx.Response, float]]:
    """Each path's answer and how long it took, all requested concurrently."""
    with ThreadPoolExecutor(len(paths)) as pool:
        return list(pool.map(partial(_timed_get, api), paths))


def _statuses(api: ApiProcess, paths: tuple[str, ...]) -> list[int]:
    return [answer.status_code for answer, _ in _all_at_once(api, paths)]


def _wait_until_ready(client: httpx.Client) -> float:
    started = time.monotonic()
    while time.monotonic() - started < RECOVERS_WITHIN_S:
        if client.get("/readyz").status_code == 200:
            return time.monotonic() - started
        time.sleep(0.2)
    raise AssertionError(f"not ready {RECOVERS_WITHIN_S} s after Neo4j came back")


def test_store_down_answers_503_quickly_and_recovers_by_itself(
    api: ApiProcess, killable_neo4j: KillableNeo4j
) -> None:
    statuses: Counter[int] = Counter()
    stop = threading.Event()
    reader = threading.Thread(target=_keep_reading, args=(api, stop, statuses), daemon=True)
    with api.client(timeout=60) as client:
        assert _statuses(api, (*READS, "/healthz")) == [200] * 11
        reader.start()
        killable_neo4j.kill()
        answers = _all_at_once(api, READS)
        slowest = max(seconds for _, seconds in answers)
        for path, (answer, _) in zip(READS, answers, strict=True):
            assert answer.status_code == 503, (path, answer.text)
            assert answer.headers["content-type"] == "application/problem+json"
            assert answer.headers["retry-after"] == "5"
            assert answer.json()["code"] == "store_unavailable"
            assert f"Neo4j at {killable_neo4j.uri} is unavailable" in answer.json()["detail"]
        assert slowest < READ_ANSWERS_WITHIN_S, f"a read took {slowest:.1f} s to answer 503"
        health = client.get("/healthz")
        assert health.status_code == 503 and health.headers["retry-after"] == "5"
        assert health.json()["store"].startswith("unavailable: Neo4j at")
        started = time.monotonic()
        write = client.post("/v1/documents", json=DOCUMENT)
        write_seconds = time.monotonic() - started
        assert write.status_code == 503 and write.json()["code"] == "store_unavailable"
        assert write_seconds < WRITE_ANSWERS_WITHIN_S

        restarted_in = killable_neo4j.restart()
        recovered_in = _wait_until_ready(client)
        assert _statuses(api, (*READS, "/healthz")) == [200] * 11
        assert client.post("/v1/documents", json=DOCUMENT).json()["status"] == "ingested"
        stop.set()
        reader.join(timeout=60)
    print(
        f"\nwhile down: slowest read 503 in {slowest:.1f} s, write 503 in {write_seconds:.1f} s;"
        f" Neo4j restarted in {restarted_in:.1f} s, API ready {recovered_in:.1f} s later;"
        f" background reader statuses {dict(statuses)}"
    )
    assert set(statuses) <= {200, 503}, f"other answers than 200 and 503: {statuses}"
    assert statuses[200] and statuses[503]
