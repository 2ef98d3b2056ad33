"""A learned ranking may weigh track record, but never rank a closer match lower.

Trained on a history where the answerers were always the busiest members and their
content matched worse than a quiet member's, an unconstrained model learns "worse match,
higher score". The constraints forbid exactly that: along every relevance feature, with
the other features fixed, the model's output never falls.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from queries.ranker_training import (
    NEVER_AGAINST_RELEVANCE,
    Example,
    PastQuestion,
    TrainingSettings,
    fit,
)
from queries.ranking_features import FEATURES

ANSWERS = FEATURES.index("answers")


def _misleading_history(questions: int = 120, people: int = 8) -> list[Example]:
    """Questions whose answerer is the busiest member, whose match is always the worst."""
    rng = np.random.default_rng(3)
    made = []
    for number in range(questions):
        rows = rng.uniform(0.0, 1.0, size=(people, len(FEATURES)))
        busiest = int(np.argmax(rows[:, ANSWERS]))
        for name in NEVER_AGAINST_RELEVANCE:
            column = FEATURES.index(name)
            rows[busiest, column] = rows[:, column].min() - 0.01
        labels = [2 if person == busiest else 0 for person in range(people)]
        question = PastQuestion(f"q{number}", "?", datetime(2026, 1, 1, tzinfo=UTC), {"a": 2})
        names = [f"p{i}" for i in range(people)]
        made.append(Example(question, names, rows.tolist(), labels, [0.0] * people))
    return made


def test_a_closer_match_never_lowers_the_learned_score() -> None:
    booster = fit(_misleading_history(), TrainingSettings(min_data_in_leaf=5))
    base = np.full(len(FEATURES), 0.5)
    for name in NEVER_AGAINST_RELEVANCE:
        column = FEATURES.index(name)
        sweep = np.tile(base, (21, 1))
        sweep[:, column] = np.linspace(-0.1, 1.1, 21)
        outputs = booster.predict(sweep)
        assert np.all(np.diff(outputs) >= -1e-12), name


def test_the_track_record_is_still_learned() -> None:
    booster = fit(_misleading_history(), TrainingSettings(min_data_in_leaf=5))
    quiet, busy = np.full(len(FEATURES), 0.5), np.full(len(FEATURES), 0.5)
    quiet[ANSWERS], busy[ANSWERS] = 0.1, 0.95
    assert booster.predict(np.vstack([busy]))[0] > booster.predict(np.vstack([quiet]))[0]
