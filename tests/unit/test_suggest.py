"""Domain suggestions: clustering and labelling of unassigned passages."""

from __future__ import annotations

import numpy as np

from graph_service.models import Chunk
from queries.emerging_topics import cluster, suggest_domains


def _chunk(index: int, text: str, vector: np.ndarray) -> Chunk:
    unit = vector / np.linalg.norm(vector)
    return Chunk(
        id=f"c{index}",
        parent_id=f"d{index}",
        text=text,
        search_text=text.lower(),
        language="en",
        embedding=unit.tolist(),
    )


def test_cluster_separates_two_topics() -> None:
    rng = np.random.default_rng(7)
    a, b = rng.normal(size=8), rng.normal(size=8)
    rows = [a + 0.05 * rng.normal(size=8) for _ in range(4)]
    rows += [b + 0.05 * rng.normal(size=8) for _ in range(3)]
    vectors = np.stack([r / np.linalg.norm(r) for r in rows])
    assert cluster(vectors, bar=0.9) == [[0, 1, 2, 3], [4, 5, 6]]


def test_suggestions_are_labelled_by_keyphrases_and_small_clusters_dropped() -> None:
    rng = np.random.default_rng(3)
    topic, noise = rng.normal(size=16), rng.normal(size=(3, 16))
    beekeeping = [
        "Beekeeping in the orchard: check the hive frames weekly.",
        "Our beekeeping group moved the hive frames before the rains.",
        "Beekeeping tip: inspect hive frames for mites in spring.",
        "Hive frames and beekeeping records kept in one notebook.",
    ]
    chunks = [
        _chunk(i, text, topic + 0.05 * rng.normal(size=16)) for i, text in enumerate(beekeeping)
    ]
    chunks += [_chunk(10 + i, f"unrelated note {i}", noise[i]) for i in range(3)]
    suggestions = suggest_domains(chunks, min_size=3)
    assert len(suggestions) == 1
    assert suggestions[0].size == 4
    assert any(
        "beekeeping" in phrase.lower() or "hive" in phrase.lower()
        for phrase in suggestions[0].keyphrases
    )
    assert suggestions[0].examples == ["c0", "c1", "c2"]
