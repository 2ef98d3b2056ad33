"""Vector search of a store against exact brute force over the same vectors: recall and speed.

The ingest benchmark saves the id and vector of every chunk it wrote (`--save-vectors`),
which are exactly what the store indexes. For each query (model embeddings of practitioner
queries, Thai and English), the store's `vector_search` top 10 (scope: everything) is
compared with the exact top 10 by numpy cosine over that matrix: recall@10, and the
latency of each. Neo4j's HNSW index is approximate, so its recall can fall below 1; so is
the embedded store's from `neighbours.FROM_ROWS` rows (an HNSW graph proposes, numpy
scores; measured once the graph is built), exact below. Without `--vectors`, an embedded
store's own chunk vectors are read from its file. `--k 400` is the expert query's depth;
`--from-rows 0` puts a smaller store on its graph.

    python -m benchmarks.vector_recall --store embedded --data-dir STORE [--vectors FILE.npz]
        [--k 10] [--from-rows N]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from pathlib import Path

import numpy as np

from benchmarks.query_latency import queries
from graph_service.config import Settings
from graph_service.services import Services
from graph_service.store.base import GraphStore, SearchScope
from graph_service.store.embedded import neighbours
from graph_service.store.embedded.connection import FILE_NAME

K = 10
EVERYTHING = SearchScope(private_allowed=None)
TIE = 1e-5
"""Cosine difference under which two hits are the same rank (float32 vs float64 rounding)."""


def recall(
    store: GraphStore, ids: np.ndarray, matrix: np.ndarray, vectors: np.ndarray, k: int = K
) -> dict[str, float]:
    """Mean recall@k of `store` over `vectors`, and median latencies of both searches.

    An index hit counts if it is among the exact top k, or scores as high as the k-th
    (a tie the exact search broke the other way).
    """
    position = {chunk_id: row for row, chunk_id in enumerate(ids.tolist())}
    found, index_ms, exact_ms = [], [], []
    for vector in vectors:
        started = time.perf_counter()
        scores = matrix @ vector
        top = np.argpartition(-scores, k - 1)[:k]
        exact_ms.append((time.perf_counter() - started) * 1000)
        kth = float(scores[top].min())
        exact = set(ids[top].tolist())
        started = time.perf_counter()
        hits = store.vector_search(vector.tolist(), k, "chunk", EVERYTHING)
        index_ms.append((time.perf_counter() - started) * 1000)
        good = sum(
            1
            for hit in hits
            if hit.id in exact or (hit.id in position and scores[position[hit.id]] >= kth - TIE)
        )
        found.append(good / k)
    index, brute = float(np.median(index_ms)), float(np.median(exact_ms))
    return {
        "queries": float(len(vectors)),
        "vectors": float(len(ids)),
        f"recall@{k}": float(np.mean(found)),
        "index p50 ms": index,
        "numpy p50 ms": brute,
        "index/numpy": index / brute if brute else float("nan"),
    }


def stored_vectors(data_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    """An embedded store's chunk ids and normalised vectors, read from its file (what its
    vector index loads), for a store no `--save-vectors` run wrote."""
    with sqlite3.connect(f"file:{data_dir / FILE_NAME}?mode=ro", uri=True) as connection:
        rows = connection.execute("SELECT id, embedding FROM chunks ORDER BY id").fetchall()
    matrix = np.stack([np.frombuffer(blob, dtype=np.float32) for _, blob in rows])
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.array([id_ for id_, _ in rows]), matrix


def measure(
    store_kind: str, data_dir: Path | None, saved: Path | None, model: str, k: int = K
) -> dict[str, float]:
    """Open the store and check its vector search against the saved chunk vectors (or, for
    an embedded store and no `saved`, the vectors in its file)."""
    if saved is not None:
        with np.load(saved) as arrays:
            ids, matrix = arrays["ids"], arrays["vectors"]
    elif store_kind == "embedded" and data_dir is not None:
        ids, matrix = stored_vectors(data_dir)
    else:
        raise SystemExit("--vectors is needed unless an embedded store's --data-dir is given")
    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    if store_kind == "embedded":
        settings = settings.model_copy(update={"neo4j_uri": None})
    with Services(settings.model_copy(update={"embedding_model": model})) as services:
        embedder, store = services.embedder, services.store
        vectors = np.stack([embedder.embed_query(text) for text in queries(200, seed=23)])
        store.prepare_search()  # the steady state: the embedded store's graph built or restored
        return recall(store, ids, matrix, vectors, k)


def main() -> None:
    """Check one store and print the numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], required=True)
    parser.add_argument("--data-dir", type=Path, help="the embedded store's folder")
    parser.add_argument("--vectors", type=Path, help=".npz of ingest_run")
    parser.add_argument("--model", default="use-multilingual-v3")
    parser.add_argument("--k", type=int, default=K, help="hits per search")
    parser.add_argument("--from-rows", type=int, help="rows from which the graph is used")
    args = parser.parse_args()
    if args.from_rows is not None:
        neighbours.FROM_ROWS = args.from_rows
    found = measure(args.store, args.data_dir, args.vectors, args.model, args.k)
    print(json.dumps(found, indent=2))


if __name__ == "__main__":
    main()
