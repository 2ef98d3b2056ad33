"""Translating words across scripts: which words are vocabulary, which counterparts are
close enough, and how translated keyword hits join the typed ones."""

from __future__ import annotations

import numpy as np

from graph_service.store.base import Hit
from graph_service.text.vocabulary import script_of, vocabulary_words
from queries.retrieval import summed
from queries.term_bridge import Translation, Vocabulary


def test_vocabulary_words_are_content_words_of_both_scripts_as_written() -> None:
    words = vocabulary_words("The teachers ช่วยนักเรียนอ่านหนังสือ in 2024, e.g. x-ray")
    assert {"teachers", "นักเรียน", "x-ray"} <= words
    assert not {"the", "in", "2024", "e.g"} & words


def test_scripts_of_words() -> None:
    assert script_of("ครู") == "thai"
    assert script_of("tube") == "latin"
    assert script_of("k8s") is None and script_of("ab") is None and script_of("42") is None


def _vocabulary(*rows: tuple[str, list[float]]) -> Vocabulary:
    vocabulary = Vocabulary(3)
    vectors = np.asarray([vector for _, vector in rows], dtype=np.float32)
    vocabulary.extend(
        [word for word, _ in rows], vectors / np.linalg.norm(vectors, axis=1)[:, None]
    )
    return vocabulary


def test_nearest_keeps_close_counterparts_within_the_spread_of_the_best() -> None:
    vocabulary = _vocabulary(
        ("teacher", [1.0, 0.0, 0.0]),
        ("teachers", [0.95, 0.3, 0.0]),
        ("students", [0.6, 0.8, 0.0]),
        ("tube", [0.0, 0.0, 1.0]),
    )
    query = np.asarray([1.0, 0.0, 0.0], dtype=np.float32)
    assert vocabulary.nearest(query, Translation(closeness=0.7, spread=0.1)) == [
        "teacher",
        "teachers",
    ]
    assert vocabulary.nearest(query, Translation(closeness=0.7, spread=0.1, per_word=1)) == [
        "teacher"
    ]


def test_nearest_finds_nothing_when_no_word_is_close() -> None:
    vocabulary = _vocabulary(("tube", [0.0, 0.0, 1.0]), ("students", [0.6, 0.8, 0.0]))
    far = np.asarray([1.0, 0.0, 0.0], dtype=np.float32)
    assert vocabulary.nearest(far, Translation(closeness=0.7)) == []
    assert Vocabulary(3).nearest(far, Translation()) == []


def test_translated_hits_add_to_typed_ones_on_one_scale() -> None:
    typed = [Hit(id="a", score=8.0), Hit(id="b", score=2.0)]
    translated = [Hit(id="c", score=5.0), Hit(id="b", score=4.0)]
    assert summed(typed, translated) == [
        Hit(id="a", score=8.0),
        Hit(id="b", score=6.0),
        Hit(id="c", score=5.0),
    ]
