"""A title naming a short query raises its content, rare words most, never a long question's."""

from __future__ import annotations

import pytest

from graph_service.text.segment import query_terms
from queries.title_match import TitleMatch, title_words

QUERY = query_terms("What should we do when a patient becomes hypoglycaemic at night?")


def _titles() -> dict[str, str]:
    """A hundred evidence titles: half name patients at night, one names hypoglycaemia."""
    titles = {f"night-{n}": f"Patients awake at night, ward {n}" for n in range(49)}
    titles |= {f"handover-{n}": f"Handover at the bedside, ward {n}" for n in range(49)}
    titles["rare"] = "Hypoglycaemic on the ward"
    titles["both"] = "Patients at night"
    return titles


def test_a_title_naming_every_word_of_a_short_query_doubles_its_relevance() -> None:
    factors = TitleMatch().factors(QUERY, {"only": "A patient becomes hypoglycaemic at night"}, 0.0)
    assert factors == {"only": pytest.approx(2.0)}


def test_naming_the_one_rare_word_counts_more_than_naming_two_common_ones() -> None:
    factors = TitleMatch().factors(QUERY, _titles(), 0.0)
    assert factors["rare"] > factors["both"] > 1.0
    assert "handover-0" not in factors, "a title naming nothing asked leaves its content as it is"


def test_words_no_title_names_leave_the_share_to_the_words_titles_do_name() -> None:
    """The typed "hypoglycaemic" is nowhere; its written form is: a title naming the form and
    every other word is raised in full."""
    words = [*query_terms("hypoglycaemic patients at night"), *title_words("hypoglycaemia")]
    titles = {"how-to": "Hypoglycaemia in patients at night", "other": "Night shifts"}
    assert TitleMatch().factors(words, titles, 0.0)["how-to"] == pytest.approx(2.0)


def test_the_rise_eases_to_nothing_for_a_question_asked_in_full() -> None:
    how = TitleMatch()
    short = how.factors(QUERY, _titles(), 0.0)["rare"]
    assert how.factors(QUERY, _titles(), 0.5)["rare"] - 1.0 == pytest.approx((short - 1.0) / 2)
    assert how.factors(QUERY, _titles(), 1.0) == {}


def test_untitled_content_and_a_query_without_words_are_left_alone() -> None:
    assert TitleMatch().factors(QUERY, {"chat": ""}, 0.0) == {}
    assert TitleMatch().factors([], _titles(), 0.0) == {}


def test_title_words_are_indexed_as_search_text_is_in_thai_and_english() -> None:
    assert {"review", "request", "pull"} <= title_words("Getting pull requests reviewed")
    assert {"เตียง", "เวร"} <= title_words("ส่งเวรข้างเตียงแบบเอสบาร์")
