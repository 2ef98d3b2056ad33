"""One ingestion run, alone in its process, printed as one JSON object.

`benchmarks.ingest_throughput` starts this module once per (corpus, store) so that each
run's peak memory is its own (`ru_maxrss` of a fresh process) and a run without the Neo4j
Rust extension really runs without it (`--no-rust-ext`, applied before the driver loads).

Two modes:

- a store (`embedded` or `neo4j`): the real pipeline from an empty store, timed by stage,
  with the model's own time inside the run measured too (`model s`), so the share of the
  run the model takes is known from the same run, under the same load;
- `bare`: the texts the pipeline would embed, embedded by `embed_documents` alone
  (`benchmarks.bare`): the model's throughput with nothing around it; `--part K --parts N`
  takes every N-th record from the K-th on (one of N workers side by side); `--fill-cache`
  then stores the vectors in the embedding cache, so later runs over the corpus skip the
  model.

    python -m benchmarks.ingest_run --corpus synthetic:FILE --store embedded --data-dir D
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks import machine, rust_ext
from benchmarks.bare import bare_run
from benchmarks.corpora import Corpus, corpus
from embeddings.base import Embedder, PendingVectors, Vectors, embed_ahead
from graph_service.config import Settings
from graph_service.models import GraphBatch
from graph_service.services import Services
from graph_service.store.base import DerivationJob, GraphStore
from ingest.pipeline import STAGES
from ingest.report import IngestReport


class TimedEmbedder:
    """An embedder that adds up the seconds and texts its `embed_documents` calls take."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.seconds = 0.0
        self.texts = 0

    @property
    def name(self) -> str:
        """The wrapped model's name (the embedding cache is keyed on it)."""
        return self.inner.name

    @property
    def dimension(self) -> int:
        """The wrapped model's dimension."""
        return self.inner.dimension

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Embed with the wrapped model, timing the call."""
        started = time.perf_counter()
        vectors = self.inner.embed_documents(texts)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return vectors

    def embed_documents_ahead(self, texts: Sequence[str]) -> PendingVectors:
        """Start embedding with the wrapped model (in its workers, if it has them); the
        pipeline's time is what starting and waiting for the rows took: `model %` is then
        the share of the run it waited for the model."""
        started = time.perf_counter()
        pending = embed_ahead(self.inner, texts)
        self.seconds += time.perf_counter() - started
        self.texts += len(texts)
        return _TimedPending(self, pending)

    def embed_query(self, text: str) -> Vectors:
        """Embed a query with the wrapped model."""
        return self.inner.embed_query(text)


class _TimedPending:
    """Rows being embedded; the wait for them is added to the embedder's seconds."""

    def __init__(self, timed: TimedEmbedder, pending: PendingVectors) -> None:
        self._timed = timed
        self._pending = pending

    def result(self) -> Vectors:
        started = time.perf_counter()
        vectors = self._pending.result()
        self._timed.seconds += time.perf_counter() - started
        return vectors


class RecordingStore:
    """A store that keeps the id and embedding of every chunk written through it.

    Those are exactly the vectors the store indexes: `benchmarks.vector_recall` searches
    them by brute force to check the store's own vector search against.
    """

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner
        self.chunk_ids: list[str] = []
        self.chunk_vectors: list[np.ndarray] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def upsert(self, batch: GraphBatch, job: DerivationJob | None = None) -> None:
        """Write through to the store, keeping the batch's chunk vectors."""
        self._inner.upsert(batch, job)
        self.chunk_ids += [chunk.id for chunk in batch.chunks]
        if batch.chunks:
            rows = [chunk.embedding for chunk in batch.chunks]
            self.chunk_vectors.append(np.asarray(rows, dtype=np.float32))

    def save(self, path: Path) -> None:
        """Write the ids and the vectors (rows aligned) as one .npz file."""
        np.savez(path, ids=np.array(self.chunk_ids), vectors=np.concatenate(self.chunk_vectors))


def open_empty_store(kind: str, data_dir: Path) -> GraphStore:
    """An empty store of `kind`: a fresh embedded folder, or the cleared Neo4j of NEO4J_URI."""
    if kind == "neo4j":
        store = Services(Settings()).store
        store.clear()  # type: ignore[attr-defined]  # Neo4jStore's, for benchmarks and tests
        return store
    if any(data_dir.glob("*")):
        raise SystemExit(f"{data_dir} is not empty: an ingest benchmark starts from nothing")
    return Services(Settings(data_dir=data_dir, neo4j_uri=None)).store


def pipeline_run(
    source: Corpus,
    store_kind: str,
    data_dir: Path,
    cache_dir: Path,
    model: str,
    batch: int,
    save_vectors: Path | None = None,
) -> dict[str, Any]:
    """Ingest the corpus into an empty store; the run's numbers.

    With `save_vectors`, the chunk vectors written are saved there (see `RecordingStore`).
    """
    settings = Settings(
        data_dir=cache_dir, communities_file=source.communities, embedding_model=model
    )
    store = opened = open_empty_store(store_kind, data_dir)
    if save_vectors is not None:
        store = recording = RecordingStore(opened)
    models = Services(settings)  # the model, in COPGRAPH_EMBEDDING_WORKERS processes
    embedder = TimedEmbedder(models.ingest_embedder)
    services = Services(settings, store=store, embedder=embedder)
    pipeline = services.pipeline_for(source.taxonomy)
    pipeline.batch_size = batch
    pipeline.assigner  # noqa: B018  # calibrate before timing: it is start-up, not throughput
    embedder.seconds, embedder.texts = 0.0, 0
    rss_before, cpu_before = machine.peak_rss_mib(), machine.cpu_seconds_with_children()
    server_before = machine.neo4j_cpu_seconds() if store_kind == "neo4j" else None
    started = time.perf_counter()
    report = pipeline.run(source.records(), IngestReport())
    seconds = time.perf_counter() - started
    nodes = store.stats().nodes
    services.close()
    models.close()  # stops the embedding workers, whose CPU time then counts
    cpu_seconds = machine.cpu_seconds_with_children() - cpu_before
    opened.close()
    if save_vectors is not None:
        recording.save(save_vectors)
    items = report.total("ingested")
    posts = report.counts[("ingested", "post")]
    row: dict[str, Any] = {
        "items": items,
        "documents": items - posts,
        "chunks": nodes.get("Chunk", 0),
        "practices": nodes.get("Practice", 0),
        "seconds": seconds,
        "cpu s": cpu_seconds,
        "server cpu s": _since(server_before, machine.neo4j_cpu_seconds()),
        "model s": embedder.seconds,
        "model texts": embedder.texts,
        "rss before MiB": rss_before,
    }
    return row | {f"{stage} s": pipeline.timer.seconds[stage] for stage in STAGES}


def _since(before: float | None, after: float | None) -> float | None:
    """`after - before`, if both are known."""
    return None if before is None or after is None else after - before


def main() -> None:
    """Run once and print the numbers as JSON on the last line of stdout."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="synthetic:FILE, wisesight:N, ...")
    parser.add_argument("--store", choices=["embedded", "neo4j", "bare"], required=True)
    parser.add_argument("--data-dir", type=Path, help="the embedded store's folder")
    parser.add_argument("--cache-dir", type=Path, required=True, help="embedding cache folder")
    parser.add_argument("--model", default="use-multilingual-v3")
    parser.add_argument("--batch-size", type=int, default=256, help="records per batch")
    parser.add_argument("--fill-cache", action="store_true", help="bare: cache the vectors")
    parser.add_argument("--part", type=int, default=0, help="bare: this worker's share")
    parser.add_argument("--parts", type=int, default=1, help="bare: workers side by side")
    parser.add_argument("--no-rust-ext", action="store_true", help="driver without Rust")
    parser.add_argument("--save-vectors", type=Path, help="save chunk ids and vectors (.npz)")
    args = parser.parse_args()
    if args.no_rust_ext:
        rust_ext.block()  # nothing imported so far imports the driver; the store will
    source = corpus(args.corpus)
    load_before = machine.load_average()
    if args.store == "bare":
        row = bare_run(source, args.cache_dir, args.model, args.fill_cache, args.part, args.parts)
    else:
        data_dir = args.data_dir or args.cache_dir / "store"
        row = pipeline_run(
            source,
            args.store,
            data_dir,
            args.cache_dir,
            args.model,
            args.batch_size,
            args.save_vectors,
        )
    row |= {
        "peak RSS MiB": machine.peak_rss_mib(),
        "load avg": max(load_before, machine.load_average()),
        "rust ext": rust_ext.active() if args.store == "neo4j" else None,
    }
    if args.store == "neo4j":
        row["neo4j server MiB"] = machine.process_memory_mib(machine.neo4j_server_pid())
    print(json.dumps(row))


if __name__ == "__main__":
    main()
