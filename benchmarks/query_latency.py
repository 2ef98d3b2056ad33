"""Query latency and throughput of the real API over HTTP, per store, with concurrent clients.

The API runs as a separate uvicorn process on loopback, configured from the environment as
in production (`benchmarks.serve`, which is `copgraph serve` plus a switch for the Neo4j
Rust extension), over a store an ingest benchmark has loaded. After a warm-up (which also
collects practice ids from `/v1/practices`), each endpoint is driven for a fixed time by
`clients` concurrent clients (`benchmarks.loadgen`):

- `/v1/experts?q=` with mixed Thai and English queries drawn from the corpus vocabulary
  (each request embeds its query: the latency includes the model);
- `/v1/practices/{id}/related` for practices found in the warm-up;
- `/v1/gaps` (anonymous reader: the gap map of public content, no emerging topics).

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
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import numpy as np

from benchmarks.loadgen import drive
from benchmarks.synthetic_vocab import VOCABULARY
from embeddings.factory import load_embedder

REPO = Path(__file__).resolve().parents[1]
START_TIMEOUT = 300.0
"""Seconds the API may take to start: loading the model on a busy machine is slow."""
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


@contextmanager
def api_server(env: dict[str, str], no_rust_ext: bool = False) -> Iterator[str]:
    """A running API (its base URL) until the block ends, then a clean stop (SIGTERM)."""
    port = _free_port()
    command = [sys.executable, "-m", "benchmarks.serve", "--port", str(port)]
    process = subprocess.Popen(
        command + (["--no-rust-ext"] if no_rust_ext else []), cwd=REPO, env=env
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
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
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def embed_query_ms(model: str, texts: list[str]) -> dict[str, float]:
    """p50 and p95 of `embed_query` alone on `texts`, in milliseconds."""
    embedder = load_embedder(model)
    embedder.embed_query(texts[0])
    times = []
    for text in texts:
        started = time.perf_counter()
        embedder.embed_query(text)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50 ms": float(np.percentile(times, 50)), "p95 ms": float(np.percentile(times, 95))}


def warm_up(url: str, texts: list[str]) -> list[str]:
    """A few requests of each endpoint (loads indexes and plans); the practice ids seen."""
    practice_ids: dict[str, None] = {}
    with httpx.Client(base_url=url, timeout=300) as client:
        for text in texts[:20]:
            client.get("/v1/experts", params={"q": text}).raise_for_status()
            found = client.get("/v1/practices", params={"q": text, "limit": 10})
            found.raise_for_status()
            practice_ids.update(dict.fromkeys(r["id"] for r in found.json()["results"]))
        for practice_id in list(practice_ids)[:3]:
            client.get(f"/v1/practices/{quote(practice_id, safe='')}/related").raise_for_status()
        client.get("/v1/gaps").raise_for_status()
    return list(practice_ids)


def measure(
    store: str,
    data_dir: Path | None,
    model: str,
    clients: int,
    seconds: float,
    no_rust_ext: bool = False,
) -> dict[str, dict[str, float]]:
    """Per endpoint: requests, req/s, p50/p95/p99 ms with `clients` concurrent clients."""
    texts = queries(200)
    results: dict[str, dict[str, float]] = {}
    with api_server(server_environment(store, data_dir, model), no_rust_ext) as url:
        practice_ids = warm_up(url, texts)
        paths = {
            "experts": [f"/v1/experts?q={quote(text)}" for text in texts],
            "related": [f"/v1/practices/{quote(p, safe='')}/related" for p in practice_ids],
            "gaps": ["/v1/gaps"],
        }
        for endpoint in ENDPOINTS:
            if paths[endpoint]:
                results[endpoint] = drive(url, paths[endpoint], clients, seconds).summary()
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
    args = parser.parse_args()
    found: dict[str, Any] = measure(
        args.store, args.data_dir, args.model, args.clients, args.seconds, args.no_rust_ext
    )
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
