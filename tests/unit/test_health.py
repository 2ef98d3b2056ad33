"""CoP health formulas on crafted activity (a stub store: the formulas are the subject)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph_service.store.base import Interaction, ThreadSummary
from queries.cop_health import HealthCheck, gini
from tests.unit.health_stub import StubStore, interaction

T0 = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)


def _item(cid: str, kind: str, author: str, parent: str | None, hours: float) -> Interaction:
    return interaction(cid, kind, T0 + timedelta(hours=hours), author, parent)


def _thread(doc: str, author: str, replies: int, first_reply_hours: float | None) -> ThreadSummary:
    return ThreadSummary(
        document_id=doc, kind="question", created_at=T0, community_id="c", author_ids=[author],
        domain_ids=["d1"], replies=replies, answers=replies, accepted=False,
        first_reply_at=T0 + timedelta(hours=first_reply_hours) if first_reply_hours else None,
    )  # fmt: skip


def test_gini() -> None:
    assert gini([1, 1, 1, 1]) == 0.0
    assert gini([0, 0, 0, 10]) == pytest.approx(0.75)
    assert gini([]) == 0.0


def test_a_community_of_reciprocal_helpers_scores_high_on_heart() -> None:
    activity = [
        _item("q1", "question", "ann", None, 0), _item("q1-a", "answer", "bob", "ann", 2),
        _item("q2", "question", "bob", None, 24), _item("q2-a", "answer", "ann", "bob", 27),
    ]  # fmt: skip
    threads = [_thread("q1", "ann", 1, 2), _thread("q2", "bob", 1, 3)]
    health = HealthCheck(StubStore(activity, threads)).compute("c")  # type: ignore[arg-type]
    assert health.heart["reply_reciprocity"] == 1.0
    assert health.heart["ask_and_answer_share"] == 1.0
    assert health.heart["median_hours_to_first_reply"] == 2.5
    assert health.scores["heart"] == 1.0
    assert health.head["questions_answered_share"] == 1.0
    assert health.cop_type == "helping"


def test_a_community_with_no_replies_scores_low_on_heart() -> None:
    activity = [_item(f"d{n}", "article", f"p{n}", None, n) for n in range(4)]
    activity += [_item("q9", "question", "p0", None, 10)]
    threads = [_thread("q9", "p0", 0, None)]
    health = HealthCheck(StubStore(activity, threads)).compute("c")  # type: ignore[arg-type]
    assert health.scores["heart"] == 0.0
    assert health.head["questions_answered_share"] == 0.0
    assert health.cop_type == "knowledge-stewarding"
    assert health.hand["returning_share"] == 0.25
