"""Soak: concurrent clients send a portal's mix of reads and writes to a live server, over each
store, with the real embedding model; no request may fail and nothing may leak.

Bounded in time and loopback only. The suite runs a short soak (SOAK_SECONDS, default 8 per
store, after a warm-up): enough for failures and for descriptors, sockets, threads or Neo4j
connections that grow; `make soak` runs it for 10 minutes. Run it for longer with, for example,
`SOAK_SECONDS=600 .venv/bin/pytest tests/reliability/test_soak.py -s` (`-s` prints the
latency, throughput and resource numbers). SOAK_CLIENTS sets the client threads (default 4).

Leaks are judged from outside the server process (psutil): resident memory, file
descriptors, TCP sockets and the connections to Neo4j, first quarter of the run against
the last quarter, after the warm-up has loaded the model, filled caches and the pool.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from tests.reliability.api_process import ApiProcess
from tests.reliability.load import Traffic, run_clients
from tests.reliability.resources import Sample, Sampler, median_rss, peak, window
from tests.sample import ingest_sample

pytestmark = pytest.mark.model

SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "8"))
CLIENTS = int(os.environ.get("SOAK_CLIENTS", "4"))
WARM_UP_SECONDS = min(30.0, max(4.0, SOAK_SECONDS / 5))
"""Long enough for every kind of request to have come several times (about 150 requests)."""
SAMPLE_EVERY_S = min(1.0, max(0.25, SOAK_SECONDS / 32))
"""At least 32 samples in a short soak, so each quarter compared holds several."""
RSS_GROWTH_MB = 64.0
"""Allowed growth of resident memory from the first to the last quarter (medians), plus
`RSS_PER_NEW_RECORD_MB` per record written: a leak per request grows with the request
count, thousands of them. Read-only traffic measured flat (+0.8 MiB over 9,000 expert
searches); new records grow what the server holds by design (embedded: about 4 KiB each,
its in-memory vector matrix; both: the working set of derivation, which reads every
contribution and practice)."""
RSS_PER_NEW_RECORD_MB = 16 / 1024
SOCKET_SLACK = 2
"""Sockets and descriptors may differ by a connection being opened or closed mid-sample."""


BACKENDS = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]
Served = tuple[ApiProcess, int | None]
"""A server and the port of its Neo4j (None for the embedded store)."""


def _launch(
    backend: str,
    folder: Path,
    request: pytest.FixtureRequest,
    embedder: Embedder,
    sample_vectors: Path,
) -> Served:
    """Fill a store of `backend` with the sample and launch `copgraph serve` over it."""
    store: GraphStore
    environment: dict[str, str] = {}
    store_port = None
    if backend == "embedded":
        from graph_service.store.embedded.store import EmbeddedStore

        store = EmbeddedStore.open(folder / "data")
    else:
        from graph_service.store.neo4j.store import Neo4jStore

        settings: Settings = request.getfixturevalue("neo4j_module_settings")
        store = Neo4jStore.connect(settings)
        store.clear()
        environment = {
            "NEO4J_URI": settings.neo4j_uri or "",
            "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        }
        store_port = urlsplit(settings.neo4j_uri).port
    ingest_sample(store, Settings(data_dir=folder / "data"), embedder, sample_vectors)
    store.close()
    server = ApiProcess(folder, environment)
    server.launch()
    return server, store_port


@pytest.fixture(scope="module")
def launched(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    embedder: Embedder,
    sample_vectors: Path,
) -> Iterator[dict[str, Served]]:
    """`copgraph serve` with the real model over a store holding the sample corpus, for each
    backend the session soaks, all launched at once: a server takes 15-20 s to load the
    model (70 s on a busy machine) and needs nothing of the other. Until its own soak, a
    server only loads; each test's traffic goes to its own server alone."""
    backends = sorted(
        {
            str(item.callspec.params["backend"])
            for item in request.session.items
            if isinstance(item, pytest.Function) and item.module is request.module
        }
    )
    servers = {
        backend: _launch(
            backend, tmp_path_factory.mktemp(f"soak-{backend}"), request, embedder, sample_vectors
        )
        for backend in backends
    }
    yield servers
    for server, _ in servers.values():
        server.stop()


@pytest.fixture
def served(launched: dict[str, Served], backend: str) -> Iterator[Served]:
    """This test's server, once ready; stopped after the test."""
    server, store_port = launched[backend]
    server.wait_ready()
    yield server, store_port
    server.stop()


def _quarters(samples: list[Sample]) -> list[list[Sample]]:
    size = max(1, len(samples) // 4)
    quarters = [samples[start : start + size] for start in range(0, size * 4, size)]
    return [quarter for quarter in quarters if quarter]


def _summary(name: str, traffic: Traffic, samples: list[Sample]) -> str:
    p50, p95 = traffic.percentiles()
    first, last = window(samples, first=True), window(samples, first=False)
    writes = sum(len(traffic.latencies.get(k, [])) for k in ("write-new", "write-repost"))
    return (
        f"\n{name}: {traffic.total()} requests ({writes} writes) in {SOAK_SECONDS:.0f} s ="
        f" {traffic.total() / SOAK_SECONDS:.1f} req/s with {CLIENTS} clients;"
        f" latency p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms;"
        f" RSS by quarter {' -> '.join(f'{median_rss(q):.0f}' for q in _quarters(samples))} MiB;"
        f" fds {peak(first, 'fds')} -> {peak(last, 'fds')};"
        f" tcp {peak(first, 'tcp')} -> {peak(last, 'tcp')};"
        f" Neo4j connections {peak(first, 'store_connections')} ->"
        f" {peak(last, 'store_connections')}; threads {peak(first, 'threads')} ->"
        f" {peak(last, 'threads')}; failures {traffic.failures[:5]}"
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_mixed_traffic_for_a_while_fails_nothing_and_leaks_nothing(
    served: Served, backend: str
) -> None:
    server, store_port = served
    warm = run_clients(server.client, CLIENTS, WARM_UP_SECONDS, f"soak-{backend}-warm")
    sampler = Sampler(server.pid, store_port, interval=SAMPLE_EVERY_S)
    sampler.start()
    traffic = run_clients(server.client, CLIENTS, SOAK_SECONDS, f"soak-{backend}")
    samples = sampler.stop()
    print(_summary(backend, traffic, samples))

    assert not warm.failures, warm.failures[:10]
    assert not traffic.failures, traffic.failures[:10]
    assert set(traffic.statuses) == {200}
    assert len(samples) >= 4, "too few samples to compare"
    first, last = window(samples, first=True), window(samples, first=False)
    allowed = RSS_GROWTH_MB + len(traffic.latencies.get("write-new", [])) * RSS_PER_NEW_RECORD_MB
    assert median_rss(last) - median_rss(first) < allowed
    for counted in ("fds", "tcp", "store_connections", "threads"):
        assert peak(last, counted) <= peak(first, counted) + SOCKET_SLACK, counted
    if store_port is not None:
        assert 0 < peak(samples, "store_connections") <= CLIENTS + 2 * SOCKET_SLACK
