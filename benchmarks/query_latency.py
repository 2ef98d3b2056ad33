"""Query latency and throughput of the real API over HTTP, per store, with concurrent clients.

The API runs as a separate uvicorn process on loopback, configured from the environment as
in production (`benchmarks.serve`, which is `copgraph serve` plus a switch for the Neo4j
Rust extension), over a store an ingest benchmark has loaded. Each endpoint is a scenario:
a short warm-up (which for related practices also collects practice ids from
`/v1/practices`), then `clients` concurrent clients for a fixed window
(`benchmarks.loadgen`):

- `/v1/experts?q=` with mixed Thai and English queries drawn from the corpus vocabulary
  (each request embeds its query: the latency includes the model);
- `/v1/practices/{id}/related` for practices found in the warm-up;
- `/v1/gaps` (anonymous reader: the gap map of public content, no emerging topics).

No single request may take longer than the window (or `MIN_LIMIT`, for the short windows of
smoke runs): the first that does stops its scenario (reported as `over window`), and the API
is restarted before the next one, so the abandoned request does not keep a core busy under
the next measurement. The exception is an endpoint's first request, which builds what the
endpoint keeps for later ones (views over the whole graph: 23 s at 100k items on a cold
Neo4j, longer at 1M): it may take as long as a start (`START_TIMEOUT`), and its time is
reported apart (`first ms`).

The model's share of an experts request is reported apart: `embed_query` alone on the same
queries, in this process.

    python -m benchmarks.query_latency --store embedded --data-dir STORE [--seconds 15]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import numpy as np

from benchmarks.loadgen import LoadResult, WindowExceeded, drive
from benchmarks.synthetic_vocab import VOCABULARY
from graph_service.config import Settings
from graph_service.services import Services

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 300.0
"""Seconds the API may take to start: loading the model on a busy machine is slow."""
MIN_LIMIT = 5.0
"""Seconds a single request may always take, however short the window."""
STOP_TIMEOUT = 10.0
"""Seconds a clean stop may take; uvicorn would wait for a request abandoned as too slow."""
ENDPOINTS = ("experts", "related", "gaps")


def queries(count: int, seed: int = 11) -> list[str]:
    """Queries practitioners would type: topics and problems of random domains, half Thai."""
    rng = random.Random(seed)
    found = []
    for number in range(count):
        phrases = rng.choice(list(VOCABULARY.values()))["th" if number % 2 else "en"]
        found.append(rng.choice(phrases.topics + phrases.problems))
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def server_environment(store: str, data_dir: Path | None, model: str) -> dict[str, str]:
    """The API's environment: the caller's, pointed at the store and model to measure."""
    env = dict(os.environ, COPGRAPH_EMBEDDING_MODEL=model)
    if store == "embedded":
        env.pop("NEO4J_URI", None)
        env["COPGRAPH_DATA_DIR"] = str(data_dir)
    else:
        env["COPGRAPH_DATA_DIR"] = tempfile.mkdtemp(prefix="copgraph-bench-api-")
    return env


@dataclass(frozen=True)
class RunningApi:
    """An API process the benchmark started."""

    url: str
    """Its base URL."""
    start_seconds: float
    """From its launch to its first ready answer: the model, the store, and what the API
    prepares before it serves (a push rehearsed, the public query views built)."""


@contextmanager
def api_server(
    env: dict[str, str], no_rust_ext: bool = False, workers: int = 1
) -> Iterator[RunningApi]:
    """A running API until the block ends, then a clean stop (SIGTERM)."""
    port = _free_port()
    command = [sys.executable, "-m", "benchmarks.serve", "--port", str(port)]
    command += ["--workers", str(workers)] + (["--no-rust-ext"] if no_rust_ext else [])
    launched = time.monotonic()
    process = subprocess.Popen(command, cwd=REPO, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = launched + START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the API exited with {process.returncode} during start-up")
            try:
                if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the API did not start within {START_TIMEOUT:.0f} s")
            time.sleep(0.5)
        yield RunningApi(url, time.monotonic() - launched)
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def embed_query_ms(model: str, texts: list[str]) -> dict[str, float]:
    """p50 and p95 of `embed_query` alone on `texts`, in milliseconds."""
    embedder = Services(Settings(embedding_model=model)).embedder
    embedder.embed_query(texts[0])
    times = []
    for text in texts:
        started = time.perf_counter()
        embedder.embed_query(text)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50 ms": float(np.percentile(times, 50)), "p95 ms": float(np.percentile(times, 95))}


WARM_UP = {"experts": 3, "related": 3, "gaps": 1}
"""Requests per endpoint before its window: the first ones load indexes, plans and caches."""
SEARCHES = 10
"""`/v1/practices` searches whose results are the practices `related` asks about."""


class WarmUp:
    """The warm-up requests of one endpoint: the first may take as long as a start, the
    others as long as the window allows; how long the first took."""

    def __init__(self, client: httpx.Client, limit: float) -> None:
        self._client = client
        self._limit = limit
        self.first_seconds: float | None = None

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """One warm-up request; its JSON. A request over its limit raises `WindowExceeded`."""
        first = self.first_seconds is None
        started = time.perf_counter()
        try:
            response = self._client.get(
                path, params=params, timeout=START_TIMEOUT if first else self._limit
            )
        except httpx.TimeoutException as e:
            raise WindowExceeded(path) from e
        if first:
            self.first_seconds = time.perf_counter() - started
        response.raise_for_status()
        return response.json()


def warm_up(url: str, endpoint: str, texts: list[str], limit: float) -> tuple[list[str], float]:
    """The warm-up requests of `endpoint`: the paths its window then cycles through, and
    the seconds its first request took.

    Raises:
        WindowExceeded: the first request took longer than `START_TIMEOUT` seconds, or
            another longer than `limit`.
    """
    with httpx.Client(base_url=url) as client:
        warming = WarmUp(client, limit)
        if endpoint == "experts":
            paths = [f"/v1/experts?q={quote(text)}" for text in texts]
        elif endpoint == "related":
            found: dict[str, None] = {}
            for text in texts[:SEARCHES]:
                answer = warming.get("/v1/practices", {"q": text, "limit": 10})
                found.update(dict.fromkeys(r["id"] for r in answer["results"]))
            paths = [f"/v1/practices/{quote(p, safe='')}/related" for p in found]
        else:
            paths = ["/v1/gaps"]
        for path in paths[: WARM_UP[endpoint]]:
            warming.get(path)
    return paths, (warming.first_seconds or 0.0)


def scenario(
    url: str, endpoint: str, texts: list[str], clients: int, seconds: float
) -> dict[str, float]:
    """Warm-up, then `clients` concurrent clients for `seconds`: the endpoint's numbers."""
    limit = max(seconds, MIN_LIMIT)
    try:
        paths, first = warm_up(url, endpoint, texts, limit)
    except WindowExceeded:
        return LoadResult([], 0, 0.0, over_window=1).summary() | {"in warm-up": 1.0}
    if not paths:
        return LoadResult([], 0, 0.0).summary() | {"first ms": first * 1000}
    return drive(url, paths, clients, seconds, limit).summary() | {"first ms": first * 1000}


def measure(
    store: str,
    data_dir: Path | None,
    model: str,
    clients: int,
    seconds: float,
    no_rust_ext: bool = False,
    workers: int = 1,
) -> dict[str, dict[str, float]]:
    """Per endpoint: requests, req/s, p50/p95/p99 ms with `clients` concurrent clients on an
    API of `workers` processes, whether a request went over the window, and how long the
    API that served it took to start; `embed_query` alone."""
    texts = queries(200)
    results: dict[str, dict[str, float]] = {}
    env = server_environment(store, data_dir, model)
    waiting = list(ENDPOINTS)
    while waiting:
        with api_server(env, no_rust_ext, workers) as api:
            while waiting:
                endpoint = waiting.pop(0)
                results[endpoint] = scenario(api.url, endpoint, texts, clients, seconds)
                results[endpoint]["start s"] = api.start_seconds
                if results[endpoint]["over window"]:
                    break  # a fresh API for the next one: this one may still be computing
    results["embed_query"] = embed_query_ms(model, texts)
    return results


def main() -> None:
    """Measure one store and print the numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], required=True)
    parser.add_argument("--data-dir", type=Path, help="the embedded store's folder")
    parser.add_argument("--model", default="use-multilingual-v3")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--no-rust-ext", action="store_true")
    parser.add_argument("--workers", type=int, default=1, help="API processes (serve --workers)")
    args = parser.parse_args()
    found: dict[str, Any] = measure(
        args.store,
        args.data_dir,
        args.model,
        args.clients,
        args.seconds,
        args.no_rust_ext,
        args.workers,
    )
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
