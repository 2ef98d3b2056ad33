"""Both stores hold the same words: a term matches the same chunks, ranked the same way.

Neo4j's full-text index splits the pre-segmented text at spaces only; the embedded store's
FTS5 once split at inner punctuation too, so `grover` also found `grover's` there and the
two stores ranked the same question's evidence differently.
"""

from __future__ import annotations

import pytest

from graph_service.models import Chunk, Document, GraphBatch, Person
from graph_service.store.base import GraphStore
from tests.contract.fixtures import DIMENSION, EVERYONE, hit_ids, vector

WORDS = {
    "doc:w#0": "grover's algorithm searches an unsorted list",
    "doc:w#1": "grover wrote the algorithm in 1996",
    "doc:w#2": "an x-trail costs 0.5 of a café visit",
    "doc:w#3": "grover grover grover and nothing else",
}


@pytest.fixture
def worded(store: GraphStore) -> GraphStore:
    """A store holding one article whose chunks carry words with inner punctuation."""
    store.ensure_schema(DIMENSION)
    document = Document(
        id="doc:w", kind="article", title="Words", text=" ".join(WORDS.values()),
        source="wiki", author_ids=["p:w"], language="en", content_hash="h-w",
    )  # fmt: skip
    chunks = [
        Chunk(
            id=chunk_id,
            parent_id="doc:w",
            ord=int(chunk_id[-1]),
            offset=0,
            text=words,
            search_text=words,
            language="en",
            embedding=vector(e0=1),
        )  # fmt: skip
        for chunk_id, words in WORDS.items()
    ]
    store.upsert(
        GraphBatch(
            persons=[Person(id="p:w", name="W", source="wiki")],
            documents=[document],
            chunks=chunks,
        )
    )
    return store


def matching(store: GraphStore, *terms: str) -> list[str]:
    return hit_ids(store.keyword_search(list(terms), 10, "chunk", EVERYONE))


ONE_TERM = {
    "grover's": ["doc:w#0"],
    "(Grover's)": ["doc:w#0"],
    "x-trail": ["doc:w#2"],
    "0.5": ["doc:w#2"],
    "café": ["doc:w#2"],
    "s": [],
    "trail": [],
    "5": [],
    "cafe": [],
}
"""What each term finds: a word with inner punctuation or a diacritic is one term."""


def test_a_word_with_inner_punctuation_or_a_diacritic_is_one_term(worded: GraphStore) -> None:
    assert {term: matching(worded, term) for term in ONE_TERM} == ONE_TERM


def test_a_word_does_not_match_its_possessive(worded: GraphStore) -> None:
    assert matching(worded, "grover") == ["doc:w#3", "doc:w#1"]


def test_a_repeated_term_weighs_once(worded: GraphStore) -> None:
    once = worded.keyword_search(["grover", "algorithm"], 10, "chunk", EVERYONE)
    twice = worded.keyword_search(["grover", "Grover", "algorithm"], 10, "chunk", EVERYONE)
    assert hit_ids(once) == ["doc:w#1", "doc:w#3", "doc:w#0"] == hit_ids(twice)
    assert [hit.score for hit in twice] == pytest.approx([hit.score for hit in once])
