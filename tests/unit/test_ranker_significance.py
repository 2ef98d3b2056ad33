"""The learned ranking is kept only on a significant win: the paired randomization test."""

from __future__ import annotations

import numpy as np
import pytest

from queries.ranker_training import paired_randomization_p


def test_no_difference_is_no_evidence() -> None:
    scores = np.array([0.2, 0.5, 0.9])
    assert paired_randomization_p(scores, scores) == 1.0


def test_a_consistent_win_over_many_questions_is_significant() -> None:
    rng = np.random.default_rng(1)
    theirs = rng.uniform(0.2, 0.6, size=60)
    assert paired_randomization_p(theirs + 0.1, theirs) < 0.001


def test_a_higher_mean_from_a_few_lucky_questions_is_not() -> None:
    theirs = np.full(16, 0.3)
    ours = theirs.copy()
    ours[:2] += 0.5
    ours[2:5] -= 0.2
    assert ours.mean() > theirs.mean()
    assert paired_randomization_p(ours, theirs) > 0.05


@pytest.mark.parametrize("seed", [0, 7])
def test_the_test_is_two_sided_and_repeatable(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = rng.uniform(size=30), rng.uniform(size=30)
    assert paired_randomization_p(a, b) == paired_randomization_p(b, a)
    assert paired_randomization_p(a, b) == paired_randomization_p(a, b)
