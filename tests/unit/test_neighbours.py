"""The HNSW graph behind the embedded store's vector search: what it proposes is near, it
forgets rows the index dropped, it learns rows the index appended, it leaves small or
narrow searches to exact search, and in the background it answers only once built.

The vector indexes here are built by hand (no SQLite): clustered random unit vectors, the
shape real embeddings have, where the exact top k is computed with numpy.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.typing import NDArray

from graph_service.store.embedded.keywords import KeywordIndex
from graph_service.store.embedded.neighbours import Neighbours
from graph_service.store.embedded.search import VectorIndex

DIMENSION = 32
ROWS = 3000
K = 10


def _vectors(rng: np.random.Generator, n: int) -> NDArray[np.float32]:
    centres = rng.normal(size=(40, DIMENSION))
    raw = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, DIMENSION))
    return (raw / np.linalg.norm(raw, axis=1, keepdims=True)).astype(np.float32)


def _index(
    ids: list[str], matrix: NDArray[np.float32], live: NDArray[np.bool_], generation: int,
    lineage: int = 0,
) -> VectorIndex:  # fmt: skip
    n = len(ids)
    return VectorIndex(
        lineage, generation, n, ids,
        {ids[row]: row for row in np.flatnonzero(live)}, {}, live, matrix,
        np.full(n, -1, dtype=np.int32), {}, np.zeros(n, dtype=np.bool_),
        np.zeros(n, dtype=np.int32), {"en": 0}, np.full(n, np.nan),
        np.zeros(n, dtype=np.int64), np.arange(n, dtype=np.int64), KeywordIndex.empty(),
    )  # fmt: skip


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(11)


@pytest.fixture
def index(rng: np.random.Generator) -> VectorIndex:
    ids = [f"c{row}" for row in range(ROWS)]
    return _index(ids, _vectors(rng, ROWS), np.ones(ROWS, dtype=np.bool_), generation=1)


def _exact(index: VectorIndex, query: NDArray[np.float32], mask: NDArray[np.bool_]) -> set[int]:
    scores = np.where(mask, index.matrix @ query, -np.inf)
    return set(np.argsort(-scores)[:K].tolist())


def _best(index: VectorIndex, rows: NDArray[np.intp], query: NDArray[np.float32]) -> set[int]:
    return set(rows[np.argsort(-(index.matrix[rows] @ query))[:K]].tolist())


def test_the_candidates_hold_the_exact_top_k(index: VectorIndex, rng: np.random.Generator) -> None:
    graph = Neighbours(DIMENSION, None, from_rows=0, background=False)
    everything = np.ones(ROWS, dtype=np.bool_)
    queries = _vectors(rng, 50)
    found = [graph.nearest(index, query, K, everything) for query in queries]
    recall = np.mean(
        [
            len(_best(index, rows, query) & _exact(index, query, everything)) / K
            for rows, query in zip(found, queries, strict=True)
            if rows is not None
        ]
    )
    assert all(rows is not None for rows in found)
    assert recall >= 0.95


def test_a_scope_gets_only_its_rows_and_enough_of_them(
    index: VectorIndex, rng: np.random.Generator
) -> None:
    graph = Neighbours(DIMENSION, None, from_rows=0, background=False)
    mask = rng.random(ROWS) < 0.5
    found = []
    for query in _vectors(rng, 20):
        rows = graph.nearest(index, query, K, mask)
        assert rows is not None and rows.size >= K
        assert mask[rows].all()
        found.append(len(_best(index, rows, query) & _exact(index, query, mask)))
    # The graph is built by several threads, so which neighbours one query misses varies
    # from run to run (CI once saw 7 of 10 on one query): the recall is judged over all 20.
    assert sum(found) >= 0.9 * K * len(found) and min(found) >= K // 2, found


def test_too_few_visible_rows_are_left_to_exact_search(index: VectorIndex) -> None:
    graph = Neighbours(DIMENSION, None, from_rows=500, background=False)
    narrow = np.zeros(ROWS, dtype=np.bool_)
    narrow[:499] = True
    assert graph.nearest(index, index.matrix[0], K, narrow) is None
    narrow[499] = True
    assert graph.nearest(index, index.matrix[0], K, narrow) is not None


def test_it_follows_rows_dropped_and_appended(index: VectorIndex, rng: np.random.Generator) -> None:
    graph = Neighbours(DIMENSION, None, from_rows=0, background=False)
    everything = np.ones(ROWS, dtype=np.bool_)
    assert graph.nearest(index, index.matrix[0], K, everything) is not None
    dropped = rng.choice(ROWS, 300, replace=False)
    changed = dropped[:100]  # these ids come back with new vectors, the rest are deleted
    added = _vectors(rng, 150)
    ids = index.ids + [index.ids[row] for row in changed] + [f"n{i}" for i in range(50)]
    matrix = np.concatenate([index.matrix, added])
    live = np.concatenate([index.live, np.ones(150, dtype=np.bool_)])
    live[dropped] = False
    newer = _index(ids, matrix, live, generation=2)

    for row in dropped:
        rows = graph.nearest(newer, index.matrix[row], K, live)
        assert rows is not None and row not in rows.tolist()
    for row in range(ROWS, ROWS + 150):
        rows = graph.nearest(newer, matrix[row], K, live)
        assert rows is not None and row in rows.tolist()


def test_many_changes_are_reconciled_whole(index: VectorIndex, rng: np.random.Generator) -> None:
    graph = Neighbours(DIMENSION, None, from_rows=0, background=False)
    everything = np.ones(ROWS, dtype=np.bool_)
    graph.nearest(index, index.matrix[0], K, everything)
    reread = _vectors(rng, ROWS)  # a reload: the same ids, new vectors, a new lineage
    again = _index(index.ids, reread, everything, generation=9, lineage=1)
    for row in range(0, ROWS, 97):
        rows = graph.nearest(again, reread[row], K, everything)
        assert rows is not None and row in rows.tolist()


def test_in_the_background_it_answers_once_built(index: VectorIndex) -> None:
    graph = Neighbours(DIMENSION, None, from_rows=0, background=True)
    everything = np.ones(ROWS, dtype=np.bool_)
    assert graph.nearest(index, index.matrix[5], K, everything) is None
    graph.wait(60)
    rows = graph.nearest(index, index.matrix[5], K, everything)
    assert rows is not None and 5 in rows.tolist()
