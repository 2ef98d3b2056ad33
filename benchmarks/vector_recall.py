"""Vector search of a store against exact brute force over the same vectors: recall and speed.

The ingest benchmark saves the id and vector of every chunk it wrote (`--save-vectors`),
which are exactly what the store indexes. For each query (model embeddings of practitioner
queries, Thai and English), the store's `vector_search` top 10 (scope: everything) is
compared with the exact top 10 by numpy cosine over that matrix: recall@10, and the
latency of each. Neo4j's HNSW index is approximate, so its recall can fall below 1; the
embedded store searches exactly (with numpy), so for it the check is that it does.

    python -m benchmarks.vector_recall --store embedded --data-dir STORE --vectors FILE.npz
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from benchmarks.query_latency import queries
from graph_service.config import Settings
from graph_service.services import Services
from graph_service.store.base import GraphStore, SearchScope

K = 10
EVERYTHING = SearchScope(private_allowed=None)
TIE = 1e-5
"""Cosine difference under which two hits are the same rank (float32 vs float64 rounding)."""


def recall(
    store: GraphStore, ids: np.ndarray, matrix: np.ndarray, vectors: np.ndarray
) -> dict[str, float]:
    """Mean recall@K of `store` over `vectors`, and median latencies of both searches.

    An index hit counts if it is among the exact top K, or scores as high as the K-th
    (a tie the exact search broke the other way).
    """
    position = {chunk_id: row for row, chunk_id in enumerate(ids.tolist())}
    found, index_ms, exact_ms = [], [], []
    for vector in vectors:
        started = time.perf_counter()
        scores = matrix @ vector
        top = np.argpartition(-scores, K - 1)[:K]
        exact_ms.append((time.perf_counter() - started) * 1000)
        kth = float(scores[top].min())
        exact = set(ids[top].tolist())
        started = time.perf_counter()
        hits = store.vector_search(vector.tolist(), K, "chunk", EVERYTHING)
        index_ms.append((time.perf_counter() - started) * 1000)
        good = sum(
            1
            for hit in hits
            if hit.id in exact or (hit.id in position and scores[position[hit.id]] >= kth - TIE)
        )
        found.append(good / K)
    index, brute = float(np.median(index_ms)), float(np.median(exact_ms))
    return {
        "queries": float(len(vectors)),
        "vectors": float(len(ids)),
        "recall@10": float(np.mean(found)),
        "index p50 ms": index,
        "numpy p50 ms": brute,
        "index/numpy": index / brute if brute else float("nan"),
    }


def measure(store_kind: str, data_dir: Path | None, saved: Path, model: str) -> dict[str, float]:
    """Open the store and check its vector search against the saved chunk vectors."""
    with np.load(saved) as arrays:
        ids, matrix = arrays["ids"], arrays["vectors"]
    settings = Settings(data_dir=data_dir) if data_dir else Settings()
    if store_kind == "embedded":
        settings = settings.model_copy(update={"neo4j_uri": None})
    with Services(settings.model_copy(update={"embedding_model": model})) as services:
        embedder, store = services.embedder, services.store
        vectors = np.stack([embedder.embed_query(text) for text in queries(200, seed=23)])
        store.vector_search(vectors[0].tolist(), K, "chunk", EVERYTHING)  # loads the index
        return recall(store, ids, matrix, vectors)


def main() -> None:
    """Check one store and print the numbers as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], required=True)
    parser.add_argument("--data-dir", type=Path, help="the embedded store's folder")
    parser.add_argument("--vectors", type=Path, required=True, help=".npz of ingest_run")
    parser.add_argument("--model", default="use-multilingual-v3")
    args = parser.parse_args()
    print(json.dumps(measure(args.store, args.data_dir, args.vectors, args.model), indent=2))


if __name__ == "__main__":
    main()
