"""The live service: queries while content streams in, over HTTP, on a store already loaded.

On one API process over a loaded store (the embedded store's folder that `benchmarks.push_cost`
keeps, or the Neo4j `NEO4J_URI` names, loaded with the corpus here if it holds no document),
one client measures, after a warm-up of `--warm-up` seconds (the embedded store's API
restores its neighbour graph in the background after its first query; see
graph_service/store/embedded/neighbours.py):

1. steady expert-query latency (query embedding included);
2. one pushed discussion (`POST /v1/discussions`): seconds to its acknowledgement, then to
   its derivation done (`GET /v1/derivation` empty: visible in `/v1/experts`), and the
   first expert query after it;
3. a stream of one push per second for `--seconds` while the client queries: pushes done,
   acknowledgement p95, query p50/p95, the largest backlog seen and the one left at the end;
4. the peer a user would write by hand on the same store (benchmarks/peer.py), as a ratio.

    python -m benchmarks.live --data-dir build/bench/push-10000-seed7-use-multilingual-v3 \
        --corpus build/bench/synthetic-10000-seed7.jsonl [--store neo4j] [--seconds 60]

Loading Neo4j reads and fills the embedding cache in `--cache-dir` (default: the
`neo4j-...` folder beside the embedded store's `push-...` one). A new cache starts as a
copy of the embedded store's (`--data-dir`, same corpus and model) when there is one, so
`make bench-live` and `make bench-live-neo4j` embed a corpus once between them: at 100,000
items that is the 40 minutes of model time on 2 cores that the load then skips.

Pushes are new questions with answers by people of the corpus (its first answered question
under new ids); they stay in the store (each run adds its own, under a run-unique prefix).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import yaml

from benchmarks import peer
from benchmarks.corpora import corpus
from benchmarks.query_latency import api_server, queries, server_environment
from benchmarks.tables import Column, markdown
from graph_service.api.security import hash_key
from graph_service.config import Settings
from graph_service.services import Services
from ingest.report import IngestReport

WRITER_KEY = "bench-live-writer"
COLUMNS: list[Column] = [
    ("store", "store", ""),
    ("items", "items", ","),
    ("query p50 / p95 ms", "steady", ""),
    ("push ack s", "ack", ".3f"),
    ("derived s", "derived", ".3f"),
    ("first query ms", "first", ".0f"),
    ("stream: pushes done", "pushes", ""),
    ("ack p95 s", "ack p95", ".3f"),
    ("queries p50 / p95 ms", "stream", ""),
    ("backlog max / end", "backlog", ""),
    ("peer p50 / p95 ms", "peer", ""),
    ("ours / peer (p50)", "ratio", ".1f"),
]


def _template(corpus: Path) -> dict[str, Any]:
    """The corpus's first question with answers, as a JSONL record."""
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("type") == "discussion" and record.get("posts"):
                return dict(record)
    raise SystemExit(f"{corpus} has no discussion with posts")


def _pushed(template: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The template under ids no earlier push used."""
    posts = [
        {
            **post,
            "id": f"{prefix}{post['id']}",
            **({"reply_to": f"{prefix}{post['reply_to']}"} if post.get("reply_to") else {}),
        }
        for post in template.get("posts", [])
    ]
    return {**template, "id": f"{prefix}{template['id']}", "posts": posts}


def _ms(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000 if values else float("nan")


def _pair(values: list[float]) -> str:
    return f"{_ms(values, 50):.0f} / {_ms(values, 95):.0f}"


class Live:
    """One API under measurement: its client and the texts it queries and pushes."""

    def __init__(self, url: str, template: dict[str, Any]) -> None:
        self.client = httpx.Client(base_url=url, headers={"X-API-Key": WRITER_KEY}, timeout=120)
        self.template = template
        self.texts = queries(200)
        self.run = uuid.uuid4().hex[:8]
        self.pushes = 0

    def query(self, number: int) -> float:
        """Seconds one expert query took."""
        started = time.perf_counter()
        answer = self.client.get("/v1/experts", params={"q": self.texts[number % 200]})
        answer.raise_for_status()
        return time.perf_counter() - started

    def push(self, client: httpx.Client | None = None) -> float:
        """Seconds until one new discussion was acknowledged."""
        self.pushes += 1
        body = _pushed(self.template, f"live-{self.run}-{self.pushes}-")
        started = time.perf_counter()
        answer = (client or self.client).post("/v1/discussions", json=body)
        answer.raise_for_status()
        return time.perf_counter() - started

    def backlog(self, client: httpx.Client | None = None) -> int:
        """Derivation jobs queued now."""
        queued: int = (client or self.client).get("/v1/derivation").json()["queued"]
        return queued

    def settle(self, limit: float = 300) -> float:
        """Seconds until no derivation is owed."""
        started = time.perf_counter()
        while self.backlog() and time.perf_counter() - started < limit:
            time.sleep(0.01)
        return time.perf_counter() - started


def _stream(live: Live, seconds: float) -> dict[str, Any]:
    """One push a second for `seconds` while this thread queries without pause."""
    acks: list[float] = []
    backlog: list[int] = []
    done = threading.Event()

    def pusher() -> None:
        with httpx.Client(
            base_url=str(live.client.base_url), headers={"X-API-Key": WRITER_KEY}, timeout=120
        ) as client:
            started = time.monotonic()
            for second in range(int(seconds)):
                time.sleep(max(0.0, started + second - time.monotonic()))
                acks.append(live.push(client))
                backlog.append(live.backlog(client))
        done.set()

    thread = threading.Thread(target=pusher)
    thread.start()
    latencies: list[float] = []
    while not done.is_set():
        latencies.append(live.query(len(latencies)))
    thread.join()
    end = live.backlog()
    return {
        "pushes": f"{len(acks)} of {int(seconds)}",
        "ack p95": float(np.percentile(acks, 95)),
        "stream": _pair(latencies),
        "backlog": f"{max(backlog)} / {end}",
        "drained s": live.settle(),
    }


CACHE = "embedding-cache.sqlite"


def load_neo4j(corpus_path: Path, model: str, cache_dir: Path, vectors_from: Path | None) -> None:
    """Ingest the corpus into the Neo4j `NEO4J_URI` names, unless it holds documents, with
    the embedding cache of `cache_dir` (a copy of `vectors_from`'s when it has none yet)."""
    source = corpus(f"synthetic:{corpus_path}")
    settings = Settings(
        data_dir=cache_dir, communities_file=source.communities, embedding_model=model
    )
    with Services(settings) as services:
        if services.store.stats().nodes.get("Document", 0):
            return
        seed = None if vectors_from is None else vectors_from / CACHE
        if not (cache_dir / CACHE).exists() and seed is not None and seed.exists():
            print(f"embedding cache: a copy of {seed}")
            cache_dir.mkdir(parents=True, exist_ok=True)
            _copy_sqlite(seed, cache_dir / CACHE)
        pipeline = services.pipeline_for(source.taxonomy)
        pipeline.batch_size = 256
        print(f"ingesting {corpus_path} into Neo4j (once; reruns reuse it)")
        started = time.perf_counter()
        pipeline.run(source.records(), IngestReport())
        print(f"loaded in {time.perf_counter() - started:.0f} s")


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a SQLite file that another process may be writing."""
    reading = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    writing = sqlite3.connect(target)
    try:
        reading.backup(writing)
    finally:
        writing.close()
        reading.close()


def measure(args: argparse.Namespace) -> dict[str, Any]:
    """Every step of the module docstring on one store; a row of the table."""
    if args.store == "neo4j":
        stem = args.corpus.stem.removeprefix("synthetic-")
        cache_dir = args.cache_dir or args.corpus.parent / f"neo4j-{stem}-{args.model}"
        load_neo4j(args.corpus, args.model, cache_dir, args.data_dir)
    folder = Path(tempfile.mkdtemp(prefix="copgraph-live-"))
    keys = folder / "keys.yaml"
    entry = {"name": "writer", "sha256": hash_key(WRITER_KEY), "scopes": ["read", "write"]}
    keys.write_text(yaml.safe_dump([entry]), encoding="utf-8")
    env = server_environment(args.store, args.data_dir, args.model)
    env["COPGRAPH_API_KEYS_FILE"] = str(keys)
    env["COPGRAPH_COMMUNITIES_FILE"] = str(args.corpus.with_suffix(".communities.yaml"))
    with api_server(env) as api:
        url = api.url
        live = Live(url, _template(args.corpus))
        nodes = httpx.get(f"{url}/v1/stats").json()["nodes"]
        items = nodes.get("Document", 0) + nodes.get("Post", 0)
        warm_until, number = time.monotonic() + args.warm_up, 0
        while number < 5 or time.monotonic() < warm_until:
            live.query(number)
            number += 1
        steady = [live.query(number) for number in range(args.queries)]
        ack = live.push()
        derived = ack + live.settle()
        first = live.query(0) * 1000
        stream = _stream(live, args.seconds)
        ours = [live.query(number) for number in range(args.queries)]
        mine = peer.measure(args.store, args.data_dir, args.model, live.texts[: args.queries])
        live.client.close()
    return {
        "store": args.store,
        "items": items,
        "steady": _pair(steady),
        "ack": ack,
        "derived": derived,
        "first": first,
        **stream,
        "peer": _pair(mine),
        "ratio": _ms(ours, 50) / _ms(mine, 50),
    }


def main() -> None:
    """Parse the options, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--data-dir", type=Path, help="the embedded store's folder")
    cache_help = "neo4j: embedding cache folder to load with (default: beside --corpus)"
    parser.add_argument("--cache-dir", type=Path, help=cache_help)
    parser.add_argument("--corpus", type=Path, required=True, help="the synthetic JSONL")
    parser.add_argument("--model", default="use-multilingual-v3")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--queries", type=int, default=60)
    parser.add_argument("--warm-up", type=float, default=10, help="seconds of queries first")
    args = parser.parse_args()
    row = measure(args)
    print(markdown([row], COLUMNS))
    print(f"\nbacklog drained {row['drained s']:.1f} s after the stream's last push")


if __name__ == "__main__":
    main()
