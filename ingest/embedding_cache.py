"""Stage 5: embeddings, batched, cached by content hash so unchanged text is never re-embedded.

The cache is a small SQLite file keyed on sha256(model name, text): re-ingesting a changed
thread re-embeds only the passages whose text changed, and a second ingest of the same
corpus (or the evaluation's repeated ingests) costs no model time at all.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings.base import Computed, Embedder, PendingVectors, embed_ahead


class EmbeddingCache:
    """Vectors by (model, text) hash, in `path` (or in memory when `path` is None)."""

    def __init__(self, path: Path | None) -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)"
        )
        self._lock = threading.Lock()

    @staticmethod
    def key(model: str, text: str) -> str:
        """The cache key of `text` under `model`."""
        return hashlib.sha256(f"{model}\x00{text}".encode()).hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The cached vectors among `keys`."""
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 500):
                part = list(keys[start : start + 500])
                marks = ",".join("?" * len(part))
                rows = self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE key IN ({marks})", part
                )
                found.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        """Store vectors."""
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)",
                [(key, vector.astype(np.float32).tobytes()) for key, vector in items.items()],
            )

    def close(self) -> None:
        """Close the cache file."""
        self._db.close()


def embed_cached(embedder: Embedder, texts: Sequence[str], cache: EmbeddingCache) -> np.ndarray:
    """Embeddings of `texts` (rows aligned), computing only what the cache lacks."""
    return start_embed_cached(embedder, texts, cache, ahead=False).result()


def start_embed_cached(
    embedder: Embedder, texts: Sequence[str], cache: EmbeddingCache, ahead: bool
) -> CachedPending:
    """`embed_cached`, the texts the cache lacks embedded now or, `ahead`, while the caller
    goes on where `embedder` can (embeddings.base.embed_ahead)."""
    keys = [EmbeddingCache.key(embedder.name, text) for text in texts]
    cached = cache.get_many(keys)
    missing = sorted(
        {key: text for key, text in zip(keys, texts, strict=True) if key not in cached}.items()
    )
    missing_texts = [text for _, text in missing]
    pending: PendingVectors | None = None
    if missing_texts:
        pending = (
            embed_ahead(embedder, missing_texts)
            if ahead
            else Computed(embedder.embed_documents(missing_texts))
        )
    missing_keys = [key for key, _ in missing]
    return CachedPending(cache, embedder.dimension, keys, cached, missing_keys, pending)


class CachedPending:
    """Embeddings partly read from the cache, partly being computed; the computed ones go
    into the cache when they are asked for (in the caller's thread, which owns the cache)."""

    def __init__(
        self,
        cache: EmbeddingCache,
        dimension: int,
        keys: list[str],
        cached: dict[str, np.ndarray],
        missing: list[str],
        pending: PendingVectors | None,
    ) -> None:
        self._cache = cache
        self._dimension = dimension
        self._keys = keys
        self._cached = cached
        self._missing = missing
        self._pending = pending

    def result(self) -> np.ndarray:
        """The rows of every text, in order."""
        if not self._keys:
            return np.zeros((0, self._dimension), dtype=np.float32)
        if self._pending is not None:
            vectors = self._pending.result()
            fresh = {key: vectors[row] for row, key in enumerate(self._missing)}
            self._cache.put_many(fresh)
            self._cached.update(fresh)
            self._pending = None
        return np.stack([self._cached[key] for key in self._keys]).astype(np.float32)
