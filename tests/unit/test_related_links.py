"""RELATED_TO's nearest neighbours: the top five at or above the bar, ties to the lower id,
whichever rows are asked for (the whole store or the few a write touched).

Scores are compared to 1e-6: a float32 product computed for one row or for a block of rows
may differ in its last bit, which can move the sixth decimal of the rounded score."""

from __future__ import annotations

import numpy as np
import pytest

from ingest.related import RELATED_PER_PRACTICE, nearest_links


def _by_sorting(vectors: np.ndarray, row: int, bar: float) -> list[tuple[int, float]]:
    scores = vectors @ vectors[row]
    scores[row] = -np.inf
    top = np.argsort(-scores, kind="stable")[:RELATED_PER_PRACTICE]
    return [(int(col), float(scores[col])) for col in top if scores[col] >= bar]


def test_nearest_links_are_the_stable_sorts_top_five_above_the_bar() -> None:
    rng = np.random.default_rng(7)
    raw = rng.normal(size=(60, 4)).astype(np.float32)
    vectors = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    ids = [f"p{n:02d}" for n in range(len(vectors))]
    for bar in (-1.0, 0.5, 0.9):
        links = nearest_links(ids, vectors, range(len(ids)), bar, block=7)
        for row in range(len(ids)):
            mine = [(ids.index(x.target_id), x.score) for x in links if x.source_id == ids[row]]
            expected = _by_sorting(vectors, row, bar)
            assert [col for col, _ in mine] == [col for col, _ in expected]
            assert [score for _, score in mine] == pytest.approx(
                [score for _, score in expected], abs=2e-6
            )
        some = nearest_links(ids, vectors, [3, 40], bar)
        alone = [(x.source_id, x.target_id) for x in some]
        assert alone == [(x.source_id, x.target_id) for x in links if x.source_id in ("p03", "p40")]


def test_twins_tie_to_the_lower_id() -> None:
    twin = np.array([0.6, 0.8], dtype=np.float32)
    vectors = np.stack([twin] * 7 + [np.array([1.0, 0.0], dtype=np.float32)])
    ids = [f"p{n}" for n in range(len(vectors))]
    links = nearest_links(ids, vectors, [3, 7], bar=0.5)
    assert [(x.source_id, x.target_id) for x in links] == [
        ("p3", "p0"), ("p3", "p1"), ("p3", "p2"), ("p3", "p4"), ("p3", "p5"),
        ("p7", "p0"), ("p7", "p1"), ("p7", "p2"), ("p7", "p3"), ("p7", "p4"),
    ]  # fmt: skip
