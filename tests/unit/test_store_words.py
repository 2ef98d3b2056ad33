"""The words both stores index and look up: one definition, so both match the same text."""

from __future__ import annotations

from graph_service.models import Practice
from graph_service.store.embedded.search import fts_match
from graph_service.store.neo4j.search import lucene_query
from graph_service.store.words import MAX_TERMS, bare, index_text, query_words


def test_bare_strips_what_surrounds_a_word_and_keeps_what_is_inside() -> None:
    assert [bare(t) for t in ("(Straw)", "-straw*", "  Rice   STRAW ", "grover's", "x-trail")] == [
        "straw",
        "straw",
        "rice straw",
        "grover's",
        "x-trail",
    ]
    assert bare("*") == bare("  ") == ""


def test_query_words_are_distinct_bare_and_capped() -> None:
    assert query_words(["Straw", "straw", "(straw)", "", "*", "pile"]) == ["straw", "pile"]
    assert len(query_words(f"w{i}" for i in range(MAX_TERMS + 5))) == MAX_TERMS


def test_both_stores_look_up_the_same_words() -> None:
    terms = ["(Grover's)", "grover's", "x-trail", "*", 'a"b']
    assert lucene_query(terms) == '"grover\'s" OR "x-trail" OR "a\\"b"'
    assert fts_match(terms) == '"grover\'s" OR "x-trail" OR "a""b"'
    assert lucene_query(["*", " "]) is None and fts_match(["*", " "]) is None


def test_a_practice_without_search_text_is_indexed_by_its_bare_words() -> None:
    practice = Practice(
        id="p", title="Compost (rice) straw", summary="Turn it weekly.", passage="",
        source_id="d", embedding=[1.0], search_text="",
    )  # fmt: skip
    assert index_text(practice) == "compost rice straw turn it weekly"
    segmented = practice.model_copy(update={"search_text": "compost rice straw"})
    assert index_text(segmented) == "compost rice straw"
