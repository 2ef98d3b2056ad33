"""The floor under which a vector-only match is no evidence, calibrated on this store.

Cosines mean different things under different models and over different content: on the
bundled sample a true Thai/English pair scores 0.24 while keyboard mash reaches 0.16; in a
3,000-item community keyboard mash reaches 0.24. So no number is fixed: the floor is how
close nonsense gets to the store's content (the best cosine of a few meaningless probes,
Latin and Thai), plus a margin, read again after each write that changed a chunk. A match
that is no closer to the query than nonsense is to anything says nothing about who knows
about it.
"""

from __future__ import annotations

import threading

from embeddings.base import Embedder, Vectors
from graph_service.store.base import GraphStore, SearchScope
from queries.versioned import DeltaCache

NULL_PROBES = (
    "qzxv wkpj",
    "asdf jkl qwer",
    "xxyzz vvqq kkjh",
    "กดเ้่าสวงฟ",
    "ๆไำพะัีรนยบล",
    "ฟฟฟ หหห กกก",
)
"""Meaningless text in both scripts: keyboard mash and letter runs."""
MARGIN = 0.05
"""How far above nonsense a match must be."""
EVERYTHING = SearchScope(private_allowed=None)


class RelevanceFloor:
    """The calibrated floor of one store under one embedder, calibrated again after a write
    of chunks."""

    def __init__(self, store: GraphStore, embedder: Embedder) -> None:
        self._store = store
        self._embedder = embedder
        self._vectors: list[Vectors] | None = None
        self._lock = threading.Lock()
        self._floor: DeltaCache[str, float] = DeltaCache(
            store, frozenset({"vectors"}), self._calibrate, kept=1
        )

    def get(self) -> float:
        """The floor for the store as it is now."""
        return self._floor.get("")

    def _calibrate(self, _: str) -> float:
        with self._lock:
            if self._vectors is None:
                self._vectors = [self._embedder.embed_query(probe) for probe in NULL_PROBES]
        best = [
            hits[0].score
            for vector in self._vectors
            if (hits := self._store.vector_search(vector.tolist(), 1, "chunk", EVERYTHING))
        ]
        return max(best, default=0.0) + MARGIN
