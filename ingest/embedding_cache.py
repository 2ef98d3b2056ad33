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

from embeddings.base import Embedder


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
    if not texts:
        return np.zeros((0, embedder.dimension), dtype=np.float32)
    keys = [EmbeddingCache.key(embedder.name, text) for text in texts]
    cached = cache.get_many(keys)
    missing = sorted(
        {key: text for key, text in zip(keys, texts, strict=True) if key not in cached}.items()
    )
    if missing:
        vectors = embedder.embed_documents([text for _, text in missing])
        fresh = {key: vectors[row] for row, (key, _) in enumerate(missing)}
        cache.put_many(fresh)
        cached.update(fresh)
    return np.stack([cached[key] for key in keys]).astype(np.float32)
