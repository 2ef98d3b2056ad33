"""Approximate nearest neighbours for the embedded store's vector index (usearch HNSW).

Exact search reads every row per query: at 10^5 chunks of 512 floats that is 200 MB of
memory traffic per query, the largest cost of an expert query on a large store. An HNSW
graph finds the nearest rows by visiting a few thousand. Small stores stay exact: below
`FROM_ROWS` visible rows (and whenever the graph is not ready) `nearest` answers None and
the caller searches exactly, which is also what keeps a narrow scope exact.

The graph holds each live row's vector under a key hashed from its id, so it means the same
in every process and after a restart: it is saved beside the SQLite file and, when a process
first needs it, restored and reconciled with the rows it reads (rows gone removed, rows new
or changed added: a comparison of the stored vectors, so no log has to reach back to when
the file was saved). With no file, the graph is built. Either runs in a background thread;
searches are exact until it is done. An ingest does it at its end and the API before it
reports ready (`prepare`): at 100,000 chunks a build takes a minute of a busy core, which
searches beside it shared, and the first API after a bulk ingest, stopped before the build
was done, left no file and the next started it again.

Afterwards the graph follows its `VectorIndex` by the index's live mask: the rows the index
dropped since are removed, the rows it appended are added (a push: a few rows). An index
read whole again (a new lineage, other row numbers) is reconciled anew, in the background.

Which rows a search returns is approximate, their scores are not: the caller scores them
against its own matrix. Candidates are over-fetched by the share of rows the scope hides,
and if too few visible ones come back the caller searches exactly.
"""

from __future__ import annotations

import hashlib
import math
import os
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from graph_service.store.embedded.search import VectorIndex

FROM_ROWS = 20_000
"""Visible rows from which a search asks the graph: below, exact search costs a few ms."""
FOLLOW_ROWS = 2_000
"""Rows changed at most for the graph to follow inline, under its lock; more (a bulk ingest
by another process) are reconciled in the background while searches are exact."""
OVERFETCH = 1.2
"""Candidates fetched per hit wanted, on top of the share of rows the scope hides."""
PAD = 16
CONNECTIVITY = 32
EXPANSION_ADD = 128
"""How densely the graph is built. usearch's defaults (16 links, 64 candidates while
adding) lost isolated rows: on the planted community of 30,000 items, searches for the 28
planted questions missed the exact nearest chunk in 4 (the one document on a rare topic,
which is the case expert search is for), and the vector-only run fell from P@1 0.50
(exact) to 0.33. With 32 and 128 it found all 28 and the top 10 overlap exact 0.996; at
100,000 chunks recall@400 0.993 -> 0.998 and the build takes 20 s instead of 13 on 2 cores."""
EXPANSION_SEARCH = 128
BATCH = 8_192
"""Rows compared or added at a time when reconciling (bounds the copies made)."""
SAME_VECTOR = 1e-2
"""Largest difference of a component for a stored vector (half precision) to be the row's."""


def _graph_class() -> Any:
    """usearch's Index, imported when a store first grows large enough to need it."""
    try:
        from usearch.index import Index
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise ImportError(
            "the embedded store's approximate search needs usearch: pip install usearch"
        ) from e
    return Index


def key_of(id_: str) -> int:
    """A 63-bit key for a row id, the same in every process (a collision among 10^6 ids has
    a probability near 10^-7)."""
    digest = hashlib.blake2b(id_.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def _keys(ids: Iterable[str]) -> NDArray[np.uint64]:
    return np.fromiter(map(key_of, ids), dtype=np.uint64)


class Neighbours:
    """The HNSW graph of one search target, shared by the `VectorIndex` versions of a store.

    Args:
        dimension: of the vectors.
        path: where the graph is saved and restored from (None: never saved).
        from_rows: visible rows from which `nearest` answers (default `FROM_ROWS`).
        background: reconcile in a thread (False: inline, as tests want).
    """

    def __init__(
        self,
        dimension: int,
        path: Path | None,
        from_rows: int | None = None,
        background: bool = True,
    ) -> None:
        self.dimension = dimension
        self.path = path
        self.from_rows = FROM_ROWS if from_rows is None else from_rows
        self._background = background
        self._lock = threading.RLock()  # reentrant: an inline reconcile publishes under it
        self._graph: Any = None
        self._ids: dict[int, str] = {}
        self._lineage = -1
        self._generation = -1
        self._covered: NDArray[np.bool_] = np.zeros(0, dtype=np.bool_)
        self._busy: threading.Thread | None = None

    def nearest(
        self, index: VectorIndex, query: NDArray[np.float32], k: int, mask: NDArray[np.bool_]
    ) -> NDArray[np.intp] | None:
        """Rows of `index` near `query` (normalised) that `mask` shows, at least `k` of them
        unless fewer are shown; None when the caller should search exactly."""
        shown = int(np.count_nonzero(mask))
        if shown < self.from_rows or not self._ready(index):
            return None
        live = len(index.rows)
        fetch = min(live, math.ceil(k * OVERFETCH * live / shown) + PAD)
        with self._lock:
            if self._graph is None or self._busy is not None:
                return None
            keys = self._graph.search(query, fetch, threads=1).keys
            ids = [self._ids.get(int(key)) for key in keys]
        rows = np.fromiter(
            (index.rows.get(id_, -1) for id_ in ids if id_ is not None), dtype=np.intp
        )
        rows = rows[rows >= 0]
        rows = rows[mask[rows]]
        return rows if rows.size >= min(k, shown) else None

    def prepare(self, index: VectorIndex) -> None:
        """Build, restore or bring up to date the graph of `index` now, if it is large
        enough for searches to ask it (`from_rows` live rows), and return once it is done
        (saved, if it changed): an ingest leaves it ready for the next API to restore,
        and the API starts searching from it rather than exactly beside a build."""
        if np.count_nonzero(index.live) < self.from_rows:
            return
        for _ in range(2):  # a reconcile of an older lineage may be running: then ours
            if self._ready(index):
                return
            self.wait()

    def wait(self, timeout: float | None = None) -> None:
        """Return once no reconciliation runs (a benchmark's steady state)."""
        busy = self._busy
        if busy is not None:
            busy.join(timeout)

    def _ready(self, index: VectorIndex) -> bool:
        """Whether the graph answers for `index`, bringing it there or starting to."""
        with self._lock:
            if self._busy is not None:
                return False
            if self._lineage == index.lineage:
                if self._graph is None:  # reconciling this lineage failed: stay exact
                    return False
                if index.generation > self._generation and not self._follow(index):
                    self._start(index)
                    return False
                return True
            self._start(index)
            return self._busy is None and self._graph is not None

    def _follow(self, index: VectorIndex) -> bool:
        """Remove the rows `index` dropped and add those it appended since the graph's
        generation; False (nothing done) when they are too many to do under the lock."""
        covered = self._covered.size
        gone = np.flatnonzero(self._covered & ~index.live[:covered])
        new = covered + np.flatnonzero(index.live[covered:])
        if gone.size + new.size > FOLLOW_ROWS:
            return False
        self._remove(index.ids[row] for row in gone)
        self._add([index.ids[row] for row in new], index.matrix[new])
        self._covered, self._generation = index.live.copy(), index.generation
        return True

    def _start(self, index: VectorIndex) -> None:
        """Reconcile the graph with `index` now or in a thread (called under the lock)."""
        if not self._background:
            self._reconcile(index)
            return
        self._busy = threading.Thread(
            target=self._reconcile, args=(index,), name="neighbours", daemon=True
        )
        self._busy.start()

    def _reconcile(self, index: VectorIndex) -> None:
        """Make the graph hold exactly `index`'s live rows, then publish it (and save it if
        it changed). Searches do not use the graph meanwhile; a failure leaves none, so
        this lineage is searched exactly."""
        try:
            graph = self._graph if self._graph is not None else self._restored()
            if graph is None:
                graph = _graph_class()(
                    ndim=self.dimension, metric="cos", dtype="f16",
                    connectivity=CONNECTIVITY, expansion_add=EXPANSION_ADD,
                    expansion_search=EXPANSION_SEARCH,
                )  # fmt: skip
            self._graph = graph
            live = np.flatnonzero(index.live)
            ids = [index.ids[row] for row in live]
            keys = _keys(ids)
            self._ids = dict(zip(keys.tolist(), ids, strict=True))
            stored = np.asarray(graph.keys, dtype=np.uint64)
            held = np.isin(keys, stored)
            stale = self._stale(keys, held, index.matrix, live)
            self._remove_keys(np.union1d(np.setdiff1d(stored, keys), keys[stale]))
            missing = np.flatnonzero(~held | stale)
            for start in range(0, missing.size, BATCH):
                batch = missing[start : start + BATCH]
                graph.add(keys[batch], index.matrix[live[batch]])
            if self.path is not None and missing.size:
                self._save()
        except BaseException:
            self._graph = None
            raise
        finally:
            with self._lock:
                self._lineage, self._generation = index.lineage, index.generation
                self._covered = index.live.copy()
                self._busy = None

    def _stale(
        self,
        keys: NDArray[np.uint64],
        held: NDArray[np.bool_],
        matrix: NDArray[np.float32],
        rows: NDArray[np.intp],
    ) -> NDArray[np.bool_]:
        """Which of `keys` (of `matrix`'s `rows`) the graph holds with another vector."""
        stale = np.zeros(keys.size, dtype=np.bool_)
        positions = np.flatnonzero(held)
        for start in range(0, positions.size, BATCH):
            batch = positions[start : start + BATCH]
            stored = np.stack(self._graph.get(keys[batch], dtype=np.float32))
            stale[batch] = np.abs(stored - matrix[rows[batch]]).max(axis=1) > SAME_VECTOR
        return stale

    def _restored(self) -> Any:
        """The graph saved beside the store, or None (no file, unreadable, another dimension
        or other construction settings: the graph is then built anew)."""
        if self.path is None or not self.path.exists():
            return None
        try:
            graph = _graph_class().restore(str(self.path))
        except (OSError, RuntimeError, ValueError):
            return None
        built = (graph.ndim, graph.connectivity, graph.expansion_add) if graph else None
        if built != (self.dimension, CONNECTIVITY, EXPANSION_ADD):
            return None  # another dimension, or built with the links of an older version
        graph.expansion_search = EXPANSION_SEARCH
        return graph

    def _save(self) -> None:
        """Save the graph under a temporary name, then rename: a process restoring it never
        reads half a file (and reconciles whatever another process saved)."""
        assert self.path is not None
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        self._graph.save(str(partial))
        os.replace(partial, self.path)

    def _add(self, ids: Sequence[str], vectors: NDArray[np.float32]) -> None:
        if ids:
            keys = _keys(ids)
            self._graph.add(keys, vectors, threads=1)
            self._ids.update(zip(keys.tolist(), ids, strict=True))

    def _remove(self, ids: Iterable[str]) -> None:
        keys = _keys(ids)
        self._remove_keys(keys)
        for key in keys.tolist():
            self._ids.pop(key, None)

    def _remove_keys(self, keys: NDArray[np.uint64]) -> None:
        if keys.size:
            self._graph.remove(keys)
