"""The floor under which a vector-only match is no evidence, calibrated on this store.

Cosines mean different things under different models and over different content: on the
bundled sample a true Thai/English pair scores 0.24 while keyboard mash reaches 0.16; in a
3,000-item community keyboard mash reaches 0.24. So no number is fixed: the floor is how
close nonsense gets to the store's content (the best cosine of a few meaningless probes in
the query's scripts, Latin or Thai), plus a margin. A match that is no closer to the query
than nonsense is to anything says nothing about who knows about it.

The floor follows writes by the chunks they name (the change log's 'vectors' keys): each
probe keeps its nearest chunk, and a write that did not change or remove that chunk can only
bring a nearer one among its own, scored exactly (`GraphStore.cosines_each`, one read for
every probe). Searching again after every write cost a vector search per probe (six then),
50-80 ms on Neo4j at 100,000 items, on the first query after every push. Where the search
is approximate (Neo4j's HNSW index, the embedded store's graph past 20,000 chunks) a search
may miss a probe's exact nearest chunk while the new chunks are scored exactly, so a
followed floor and a fresh calibration can differ a little either way; neither is ever above
the exact floor.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass

from embeddings.base import Embedder, Vectors
from graph_service.store.base import GraphStore, SearchScope, ViewChanges
from graph_service.text.language import scripts_in
from queries.versioned import DeltaCache

NULL_PROBES = (
    "qzxv wkpj",
    "asdf jkl qwer",
    "xxyzz vvqq kkjh",
    "กดเ้่าสวงฟ",
    "ๆไำพะัีรนยบล",
    "ฟฟฟ หหห กกก",
    "ฟหกด ่าสว",
)
"""Meaningless text in both scripts: keyboard mash and letter runs, each keyboard's home row
typed as two words among them ("asdf jkl" and its Thai keys "ฟหกด ่าสว", added after a Thai
keyboard mash found experts on a planted community, seed 16: its nearest chunk 0.27, the
floor 0.265, now 0.31; no other planted case of seeds 7 and 11-17 changed)."""
PROBE_SCRIPTS = tuple(scripts_in(probe) for probe in NULL_PROBES)
MARGIN = 0.05
"""How far above nonsense a match must be."""
EVERYTHING = SearchScope(private_allowed=None)
UNKNOWN_CHUNKS = ""
"""The 'vectors' key earlier versions logged for any write of chunks, naming none of them."""


@dataclass(frozen=True)
class Nearest:
    """A probe's nearest chunk: its cosine and id (none in an empty store: any chunk a
    write brings is nearer)."""

    cosine: float = -math.inf
    chunk_id: str | None = None


class RelevanceFloor:
    """The calibrated floor of one store under one embedder, following writes of chunks."""

    def __init__(self, store: GraphStore, embedder: Embedder) -> None:
        self._store = store
        self._embedder = embedder
        self._vectors: list[Vectors] | None = None
        self._lock = threading.Lock()
        self._nearest: DeltaCache[str, tuple[Nearest, ...]] = DeltaCache(
            store, frozenset({"vectors"}), self._calibrate, self._follow, kept=1
        )

    def get(self, text: str = "") -> float:
        """The floor for the store as it is now, for a query of `text`: how close nonsense in
        the query's scripts gets (every probe's for text without letters, or both scripts).

        Nonsense in one script is no measure of a query in the other: on an English-only
        collection (papers) a Thai probe came nearest of all and raised the floor for English
        questions, which lost true vector matches (MAP 0.927 -> 0.923); by script, each kind
        of gibberish is held to its own kind and no planted case or quantumcomputing
        question changes."""
        scripts = scripts_in(text)
        found = [
            near.cosine
            for near, probe_scripts in zip(self._nearest.get(""), PROBE_SCRIPTS, strict=True)
            if near.chunk_id is not None and (not scripts or probe_scripts <= scripts)
        ]
        return max(found, default=0.0) + MARGIN

    def _probes(self) -> list[Vectors]:
        with self._lock:
            if self._vectors is None:
                self._vectors = [self._embedder.embed_query(probe) for probe in NULL_PROBES]
            return self._vectors

    def _calibrate(self, _: str) -> tuple[Nearest, ...]:
        """Each probe's nearest chunk, searched for."""
        return tuple(self._search(vector) for vector in self._probes())

    def _search(self, vector: Vectors) -> Nearest:
        hits = self._store.vector_search(vector.tolist(), 1, "chunk", EVERYTHING)
        return Nearest(hits[0].score, hits[0].id) if hits else Nearest()

    def _follow(
        self, kept: dict[str, tuple[Nearest, ...]], changes: ViewChanges
    ) -> dict[str, tuple[Nearest, ...]]:
        """Each probe's nearest chunk after the writes in `changes` (see `_followed`)."""
        chunks = changes.of("vectors")
        return {key: self._followed(nearest, chunks) for key, nearest in kept.items()}

    def _followed(
        self, nearest: tuple[Nearest, ...], chunks: frozenset[str]
    ) -> tuple[Nearest, ...]:
        """The probes' nearest chunks after writes of `chunks`: searched again where they may
        have changed or removed it, else the nearer of it and the chunks written, which are
        scored against every such probe in one read."""
        probes = self._probes()
        kept = [at for at, near in enumerate(nearest) if not touched(near, chunks)]
        written = sorted(chunks - {UNKNOWN_CHUNKS})
        vectors = [probes[at].tolist() for at in kept]
        scored = dict(zip(kept, self._store.cosines_each(vectors, written, "chunk"), strict=True))
        return tuple(
            _nearer(near, scored[at]) if at in scored else self._search(probes[at])
            for at, near in enumerate(nearest)
        )


def _nearer(near: Nearest, cosines: dict[str, float]) -> Nearest:
    """`near`, or the chunk of `cosines` nearer than it."""
    best = max(cosines.items(), key=lambda item: (item[1], item[0]), default=None)
    if best is None or best[1] <= near.cosine:
        return near
    return Nearest(best[1], best[0])


def touched(near: Nearest, chunks: frozenset[str]) -> bool:
    """Whether the writes that changed `chunks` may have changed or removed `near`'s chunk:
    they name it, or an earlier version's write named no chunk."""
    return UNKNOWN_CHUNKS in chunks or near.chunk_id in chunks
