"""The calibrated linear mix: how each retriever's scores are rescaled and combined."""

from __future__ import annotations

import pytest

from graph_service.store.base import Hit
from queries.retrieval import Fusion, rescaled


def hits(*scores: float) -> list[Hit]:
    return [Hit(id=f"h{i}", score=score) for i, score in enumerate(scores)]


def test_a_full_list_runs_from_one_at_the_top_to_zero_at_the_cut() -> None:
    assert rescaled(hits(0.9, 0.6, 0.3), depth=3, floor_at_zero=True) == pytest.approx(
        {"h0": 1.0, "h1": 0.5, "h2": 0.0}
    )


def test_a_short_keyword_list_holds_every_match_so_its_floor_is_zero() -> None:
    assert rescaled(hits(8.0, 2.0), depth=10, floor_at_zero=True) == {"h0": 1.0, "h1": 0.25}


def test_a_short_vector_list_is_still_scaled_to_its_own_last_hit() -> None:
    assert rescaled(hits(0.4, 0.3, 0.2), depth=10, floor_at_zero=False) == pytest.approx(
        {"h0": 1.0, "h1": 0.5, "h2": 0.0}
    )


def test_ties_and_single_hits_count_fully() -> None:
    assert rescaled(hits(0.5, 0.5), depth=2, floor_at_zero=False) == {"h0": 1.0, "h1": 1.0}
    assert rescaled(hits(3.0), depth=1, floor_at_zero=True) == {"h0": 1.0}
    assert rescaled([], depth=5, floor_at_zero=True) == {}


def test_keywords_weigh_one_and_vectors_their_weight() -> None:
    fusion = Fusion(vector_weight=0.5, cross_language=0.25)
    assert fusion.relevance(1.0, 1.0) == pytest.approx(1.5)
    assert fusion.relevance(1.0, None) == pytest.approx(0.5)
    assert fusion.relevance(None, 0.4) == pytest.approx(0.4)


def test_keyword_blind_items_get_a_share_of_their_vector_score_for_the_keyword_side() -> None:
    fusion = Fusion(vector_weight=0.5, cross_language=0.25, cross_language_power=1.0)
    foreign = fusion.relevance(0.8, None, keyword_blind=True)
    assert foreign == pytest.approx(0.8 * 0.75)
    assert fusion.relevance(0.8, None) < foreign < fusion.relevance(0.8, 0.8)
    assert fusion.relevance(0.8, 0.6, keyword_blind=True) == fusion.relevance(0.8, 0.6)


def test_a_full_list_rescales_alike_whatever_the_engine_s_scale_and_lift() -> None:
    fts5 = hits(71.9, 40.2, 33.5, 20.1)
    lucene = [Hit(id=hit.id, score=hit.score / 2.2 + 0.7) for hit in fts5]
    assert rescaled(lucene, depth=4, floor_at_zero=True) == pytest.approx(
        rescaled(fts5, depth=4, floor_at_zero=True)
    )


def test_a_short_keyword_list_rescales_alike_whatever_the_engine_s_scale() -> None:
    fts5 = hits(8.0, 2.0)
    lucene = [Hit(id=hit.id, score=hit.score / 2.2) for hit in fts5]
    assert rescaled(lucene, depth=10, floor_at_zero=True) == pytest.approx(
        rescaled(fts5, depth=10, floor_at_zero=True)
    )


def test_other_language_evidence_counts_as_a_keyword_match_at_the_top_and_fades_below_it() -> None:
    fusion = Fusion()
    top = fusion.relevance(1.0, None, keyword_blind=True)
    assert top == pytest.approx(fusion.relevance(1.0, fusion.cross_language))
    assert top > fusion.relevance(None, 0.5)
    assert fusion.relevance(0.5, None, keyword_blind=True) < fusion.relevance(None, 0.5)


def test_what_translated_words_found_best_beats_what_only_the_vectors_put_first() -> None:
    """A Thai question about stingless bees: its translated words find the English document
    on them best (the vectors only half way down, cosine 0.41), while the encoder puts an
    English thread on a vegetable garden first (cosine 0.54, one translated word in it)."""
    fusion = Fusion()
    floor = 0.31
    garden_words = 0.31
    """What the translated words found in the garden thread, rescaled ("garden")."""
    document = fusion.relevance(
        0.59, 1.0, keyword_blind=True, sureness=fusion.sureness(0.41, floor)
    )
    garden = fusion.relevance(
        1.0, garden_words, keyword_blind=True, sureness=fusion.sureness(0.54, floor)
    )
    assert document > garden


def test_by_default_keywords_lead_and_cross_language_evidence_sits_between() -> None:
    fusion = Fusion()
    both = fusion.relevance(0.8, 0.8)
    foreign = fusion.relevance(0.8, None, keyword_blind=True)
    vectors_only = fusion.relevance(0.8, None)
    assert both > foreign > vectors_only
    assert fusion.relevance(None, 0.5) > fusion.relevance(1.0, None)


def test_vectors_vouch_for_other_language_evidence_only_as_far_as_it_is_close() -> None:
    fusion = Fusion()
    floor = 0.31
    assert fusion.sureness(0.31 + fusion.sure_margin, floor) == 1.0
    assert fusion.sureness(0.6, floor) == 1.0
    assert fusion.sureness(0.25, floor) == 0.0
    assert fusion.sureness(None, floor) == 0.0
    assert fusion.sureness(0.25, None) == 1.0, "no floor: nothing to judge closeness by"
    # The top of a vector list that is all noise is not a keyword match in disguise.
    noise = fusion.relevance(1.0, None, keyword_blind=True, sureness=fusion.sureness(0.33, floor))
    close = fusion.relevance(1.0, None, keyword_blind=True, sureness=fusion.sureness(0.58, floor))
    assert close == fusion.relevance(1.0, None, keyword_blind=True)
    assert noise < fusion.relevance(0.5, 0.5) < close
