"""The bundled sample corpus, ingested for the tests that serve it (API, security, fuzzing,
browser, soak), with the real model's vectors computed once per session.

Every module that serves the sample gets a fresh store of its own, since its tests write,
delete and log searches; what they need not repeat is the model's work on the same texts.
The session's first ingest fills an embedding cache; each later ingest starts from a copy,
so it still runs the whole pipeline into its store, the model's vectors read from the cache
(the very float32 rows the model gave; the pipeline itself is tested cold, with the model,
in tests/integration/test_pipeline.py).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from embeddings.base import Embedder
from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.models import SearchTarget
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from graph_service.store.embedded import EmbeddedStore
from ingest import SAMPLE_DIR
from ingest.records import SourceRecord
from ingest.report import IngestReport
from ingest.sources.detect import read_source

SEARCHES = ["composting rice straw", "after action review", "การจัดการความรู้", "hand hygiene"]
"""Queries the vector-index tests search the sample with (English and Thai)."""
SEARCH_SCOPES = [
    SearchScope(private_allowed=None),
    SearchScope(),
    SearchScope(communities=frozenset({"cop-agri"}), private_allowed=None),
    SearchScope(language="th", private_allowed=None),
]
SEARCH_TARGETS: list[SearchTarget] = ["chunk", "practice"]

CACHE_NAME = "embedding-cache.sqlite"
"""The pipeline's cache file in a data directory (graph_service/services.py)."""


def sample_records() -> list[SourceRecord]:
    """The sample's threads and documents, in file order: writes a test can replay in parts."""
    found = read_source(SAMPLE_DIR / "cop-sample.jsonl", "jsonl")
    return [record for record in found if isinstance(record, SourceRecord)]


def vector_answers(store: GraphStore) -> list[list[tuple[str, float]]]:
    """The top 8 of each of `SEARCHES` in every scope and target (hashing embedder): ids with
    cosines to 6 places (exact and graph-assisted search sum the same products in another
    order)."""
    embedder = HashingEmbedder()
    return [
        [
            (hit.id, round(hit.score, 6))
            for hit in store.vector_search(embedder.embed_query(query).tolist(), 8, target, scope)
        ]
        for query in SEARCHES
        for scope in SEARCH_SCOPES
        for target in SEARCH_TARGETS
    ]


@contextmanager
def two_handles(
    folder: Path,
) -> Iterator[tuple[EmbeddedStore, EmbeddedStore, list[Callable[[], Any]]]]:
    """Two embedded store objects on one file (two processes, as far as their caches can
    tell), the sample but its last four records ingested through the first, and the writes
    the tests replay: inserts through each, a replaced thread, deletes through the other."""
    path = folder / "store"
    store, other = EmbeddedStore.open(path), EmbeddedStore.open(path)
    pipeline = build_pipeline(Settings(data_dir=folder / "data"), store, HashingEmbedder())
    elsewhere = build_pipeline(Settings(data_dir=folder / "other"), other, HashingEmbedder())
    sample = sample_records()
    edited = sample[1].model_copy(
        update={"document": sample[1].document.model_copy(update={"body": sample[7].document.body})}
    )
    writes: list[Callable[[], Any]] = [
        lambda: pipeline.run(sample[-4:-2], IngestReport()),
        lambda: elsewhere.run(sample[-2:], IngestReport()),
        lambda: pipeline.run([edited], IngestReport()),
        lambda: elsewhere.delete([sample[2].document.id, sample[-1].document.id]),
    ]
    try:
        pipeline.run(sample[:-4], IngestReport())
        yield store, other, writes
    finally:
        pipeline.cache.close()
        elsewhere.cache.close()
        store.close()
        other.close()


def fresh_vector_answers(path: Path) -> list[list[tuple[str, float]]]:
    """`vector_answers` of an embedded store opened afresh on `path` (its index read whole)."""
    fresh = EmbeddedStore.open(path)
    try:
        return vector_answers(fresh)
    finally:
        fresh.close()


def _ingest(store: GraphStore, settings: Settings, embedder: Embedder) -> None:
    pipeline = build_pipeline(settings, store, embedder)
    try:
        report = pipeline.run(read_source(SAMPLE_DIR / "cop-sample.jsonl", "jsonl"), IngestReport())
    finally:
        pipeline.cache.close()
    assert report.total("rejected") == 0, report.counts


def embed_sample(folder: Path, embedder: Embedder) -> Path:
    """Ingest the sample into a throwaway embedded store in `folder`; returns the embedding
    cache it filled, for `ingest_sample`."""
    from graph_service.store.embedded.store import EmbeddedStore

    store = EmbeddedStore.open(folder / "store")
    try:
        _ingest(store, Settings(data_dir=folder / "data"), embedder)
    finally:
        store.close()
    return folder / "data" / CACHE_NAME


def ingest_sample(store: GraphStore, settings: Settings, embedder: Embedder, vectors: Path) -> None:
    """Ingest the sample into `store`, its texts' vectors read from a copy of the cache
    `vectors` (from `embed_sample`) placed in `settings.data_dir`."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vectors, settings.data_dir / CACHE_NAME)
    _ingest(store, settings, embedder)
