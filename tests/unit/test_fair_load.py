"""Fair load: recent routing ranks people down within its bound, and only within its window."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Literal

import pytest

from graph_service.routing import QuestionRouting, RoutedPerson
from queries.expert_scoring import Expert
from queries.fair_load import FairLoad
from queries.question_routing import pick

NOW = datetime(2026, 6, 1, tzinfo=UTC)


def _expert(
    person_id: str, score: float, basis: Literal["evidence", "declared"] = "evidence"
) -> Expert:
    return Expert(person_id=person_id, name=person_id, evidence_total=score, basis=basis)


def _routing(person_ids: list[str], at: datetime) -> QuestionRouting:
    routed = [
        RoutedPerson(person_id=p, name=p, round=1, at=at, score=1.0, reasons=[]) for p in person_ids
    ]
    return QuestionRouting(
        id=f"r-{at.isoformat()}-{'-'.join(person_ids)}",
        text="q",
        asker_id=None,
        community_id=None,
        document_id=None,
        domain_ids=[],
        created_at=at,
        last_routed_at=at,
        routed=routed,
        key_name="portal",
    )


def test_the_penalty_grows_with_load_up_to_the_bound() -> None:
    fair = FairLoad(penalty=0.15, bound=0.5)
    assert [fair.factor(n) for n in (0, 1, 2, 3, 4, 10)] == pytest.approx(
        [1.0, 0.85, 0.7, 0.55, 0.5, 0.5]
    )


def test_only_routings_within_the_window_count() -> None:
    fair = FairLoad(window_days=14)
    routings = [
        _routing(["a", "b"], NOW - timedelta(days=1)),
        _routing(["a"], NOW - timedelta(days=13)),
        _routing(["a", "c"], NOW - timedelta(days=15)),
        _routing(["b"], NOW + timedelta(days=1)),
    ]
    assert fair.load(routings, NOW) == Counter({"a": 2, "b": 1})


def test_a_loaded_best_expert_lets_the_second_be_asked_and_says_why() -> None:
    ranked = [_expert("best", 1.0), _expert("second", 0.8), _expert("third", 0.3)]
    fair = FairLoad(penalty=0.15, bound=0.5)
    assert [e.person_id for e, _, _ in pick(ranked, Counter(), fair, 2)] == ["best", "second"]
    picked = pick(ranked, Counter({"best": 2}), fair, 2)
    assert [e.person_id for e, _, _ in picked] == ["second", "best"]
    assert picked[1][1] == pytest.approx(0.7)
    assert "ranked down 30% to spread the load" in picked[1][2][1]


def test_the_bound_keeps_the_best_ahead_of_a_much_weaker_one() -> None:
    ranked = [_expert("best", 1.0), _expert("weak", 0.3)]
    picked = pick(ranked, Counter({"best": 50}), FairLoad(penalty=0.15, bound=0.5), 2)
    assert [e.person_id for e, _, _ in picked] == ["best", "weak"]


def test_a_declaration_alone_stays_after_everyone_with_evidence() -> None:
    ranked = [_expert("evidence", 0.1), _expert("declared", 0.0, "declared")]
    picked = pick(ranked, Counter({"evidence": 9}), FairLoad(), 2)
    assert [e.person_id for e, _, _ in picked] == ["evidence", "declared"]
    assert picked[1][2] == ["says they know this (declared, no evidence yet)"]


def test_without_fair_load_the_order_is_expert_search_s() -> None:
    ranked = [_expert("best", 1.0), _expert("second", 0.9)]
    picked = pick(ranked, Counter({"best": 5}), None, 2)
    assert [e.person_id for e, _, _ in picked] == ["best", "second"]
