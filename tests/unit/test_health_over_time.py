"""CoP health over time: each calendar month's scores over the six months up to it (stubbed)."""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.store.base import Interaction, ThreadSummary
from queries.cop_health import HealthCheck
from tests.unit.health_stub import StubStore, interaction

JAN, MAR, SEP = (datetime(2025, month, 10, tzinfo=UTC) for month in (1, 3, 9))


def _question(doc: str, at: datetime, first_reply: datetime | None) -> ThreadSummary:
    return ThreadSummary(
        document_id=doc, kind="question", created_at=at, community_id="c", author_ids=["ann"],
        domain_ids=["d1"], replies=int(first_reply is not None), answers=0, accepted=False,
        first_reply_at=first_reply,
    )  # fmt: skip


def test_a_question_answered_two_months_later_counts_as_answered_only_from_then() -> None:
    activity = [
        interaction("q1", "question", JAN, "ann", None),
        interaction("q1-a", "answer", MAR, "bob", "ann"),
    ]
    health = HealthCheck(StubStore(activity, [_question("q1", JAN, MAR)])).compute("c")  # type: ignore[arg-type]

    assert list(health.monthly_scores) == ["2025-01", "2025-02", "2025-03"], "every month"
    january = health.monthly_scores["2025-01"]
    assert january["head"] == 0.5, "all learning content, but the question is not answered yet"
    assert january["heart"] == 0.0, "nobody has replied to anyone yet"
    assert health.monthly_scores["2025-02"] == january, "a quiet month changes nothing"
    assert health.monthly_scores["2025-03"] == {
        factor: round(score, 4) for factor, score in health.scores.items()
    }, "all the activity is within the last six months: the last month is the community now"
    assert health.monthly_scores["2025-03"]["head"] == 1.0


def test_content_older_than_six_months_leaves_the_window() -> None:
    activity = [
        interaction("q1", "question", JAN, "ann", None),
        interaction("q1-a", "answer", JAN, "bob", "ann"),
        interaction("a2", "article", SEP, "cat", None),
    ]
    health = HealthCheck(StubStore(activity, [_question("q1", JAN, JAN)])).compute("c")  # type: ignore[arg-type]

    assert len(health.monthly_scores) == 9
    assert health.monthly_scores["2025-06"]["head"] == 1.0, "June's window still holds January"
    july = health.monthly_scores["2025-07"]
    assert july == {"head": 0.0, "heart": 0.0, "hand": 0.0}, "six quiet months"
    september = health.monthly_scores["2025-09"]
    assert september["head"] == 0.5, "an article, and no question in the window to answer"
    assert september["heart"] == 0.0 and september["hand"] == 0.5


def test_undated_activity_has_no_month() -> None:
    undated = Interaction(
        content_id="a1", content_kind="article", document_id="a1", created_at=None,
        author_ids=["ann"], parent_author_ids=[], domain_ids=[],
    )  # fmt: skip
    health = HealthCheck(StubStore([undated], [])).compute("c")  # type: ignore[arg-type]
    assert health.monthly_scores == {}
    assert health.monthly == {"undated": {"contents": 1, "replies": 0, "active_members": 1}}
