"""Contract: the vocabulary (words with embeddings, for translating queries across scripts)
is kept the same way on every backend: each word once, numbered in the order it came, read
back from any number on, and no part of the graph's version or counts."""

from __future__ import annotations

import numpy as np

from graph_service.models import VocabularyWord
from graph_service.store.base import GraphStore
from tests.contract import fixtures as f


def _word(word: str, hot: int) -> VocabularyWord:
    """A word whose vector points along axis `hot` (unit length, as stores keep vectors)."""
    vector = [0.0] * f.DIMENSION
    vector[hot] = 1.0
    return VocabularyWord(word=word, vector=vector)


def test_words_come_back_in_the_order_they_were_learned(loaded: GraphStore) -> None:
    loaded.add_vocabulary([_word("teacher", 0), _word("ครู", 1)])
    loaded.add_vocabulary([_word("tube", 2)])
    everything = loaded.vocabulary_since(0)
    assert everything.words == ["teacher", "ครู", "tube"]
    np.testing.assert_allclose(everything.vectors, np.eye(f.DIMENSION)[:3], atol=1e-6)
    later = loaded.vocabulary_since(loaded.vocabulary_since(0).last_seq - 1)
    assert later.words == ["tube"]


def test_a_word_learned_again_keeps_its_place_and_vector(loaded: GraphStore) -> None:
    loaded.add_vocabulary([_word("teacher", 0)])
    first = loaded.vocabulary_since(0)
    loaded.add_vocabulary([_word("teacher", 5), _word("ท่อ", 3)])
    again = loaded.vocabulary_since(0)
    assert again.words == ["teacher", "ท่อ"]
    np.testing.assert_allclose(again.vectors[0], first.vectors[0])
    assert loaded.vocabulary_since(again.last_seq).words == []
    assert loaded.vocabulary_since(again.last_seq).last_seq == again.last_seq


def test_known_vocabulary_names_the_stored_words_only(loaded: GraphStore) -> None:
    loaded.add_vocabulary([_word("teacher", 0), _word("ครู", 1)])
    assert loaded.known_vocabulary(["ครู", "dyslexia", "teacher"]) == {"ครู", "teacher"}
    assert loaded.known_vocabulary([]) == set()


def test_vocabulary_is_no_part_of_the_graph(loaded: GraphStore) -> None:
    version, counts = loaded.data_version(), loaded.stats()
    loaded.add_vocabulary([_word("teacher", 0)])
    assert loaded.data_version() == version
    assert loaded.stats() == counts
