"""A title naming a short query raises its content, rare words most, never a long question's."""

from __future__ import annotations

import pytest

from graph_service.text.segment import query_terms
from queries.title_match import TitleMatch, title_words

QUERY = query_terms("What should we do when a patient becomes hypoglycaemic at night?")
TITLES = {
    "ward-notes": "Hypoglycaemic patients at night on the ward",
    "confused": "What to do when older patients get confused at night?",
    "falls": "What to do when patients fall out of bed at night?",
    "rounds": "Night rounds for patients",
    "handover": "Handover at the bedside",
}


def test_a_title_naming_every_word_of_a_short_query_doubles_its_relevance() -> None:
    factors = TitleMatch().factors(QUERY, {"only": "A patient becomes hypoglycaemic at night"}, 0.0)
    assert factors == {"only": pytest.approx(2.0)}


def test_naming_the_rare_word_counts_more_than_naming_the_common_ones() -> None:
    """The words patient and night are in most of the titles, hypoglycaemic in one."""
    factors = TitleMatch().factors(QUERY, TITLES, 0.0)
    assert factors["ward-notes"] > 1.3
    assert 1.0 < factors["confused"] < 1.1
    assert "handover" not in factors, "a title naming nothing asked leaves its content as it is"


def test_the_rise_eases_to_nothing_for_a_question_asked_in_full() -> None:
    how = TitleMatch()
    half = how.factors(QUERY, TITLES, 0.5)["ward-notes"]
    assert half - 1.0 == pytest.approx((how.factors(QUERY, TITLES, 0.0)["ward-notes"] - 1.0) / 2)
    assert how.factors(QUERY, TITLES, 1.0) == {}


def test_untitled_content_and_a_query_without_words_are_left_alone() -> None:
    assert TitleMatch().factors(QUERY, {"chat": None}, 0.0) == {}
    assert TitleMatch().factors([], TITLES, 0.0) == {}


def test_title_words_are_indexed_as_search_text_is_in_thai_and_english() -> None:
    assert {"review", "request", "pull"} <= title_words("Getting pull requests reviewed")
    thai = title_words("ส่งเวรข้างเตียงแบบเอสบาร์")
    assert {"เตียง", "เวร"} <= thai
