"""A person's track record as of a moment: what the learned ranking reads of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph_service.store.base import Authorship, SearchScope
from queries.person_activity import RECENT_DAYS, PersonActivity

ASKED = datetime(2024, 6, 1, tzinfo=UTC)


def _answer(days_before: float, accepted: bool = False) -> Authorship:
    return Authorship(
        person_id="ann",
        content_kind="answer",
        created_at=ASKED - timedelta(days=days_before),
        accepted=accepted,
        private_community=None,
    )


def test_recent_answers_count_the_month_before_the_moment_and_nothing_after_it() -> None:
    items = [
        _answer(400, accepted=True),
        _answer(RECENT_DAYS + 1),
        _answer(RECENT_DAYS - 1),
        _answer(2, accepted=True),
        _answer(-1),
    ]
    record = PersonActivity.of_items(items, SearchScope()).record("ann", ASKED)
    assert (record.answers, record.accepted, record.recent_answers) == (4, 2, 2)
    assert record.last_active == ASKED - timedelta(days=2)


def test_someone_who_never_answered_has_no_recent_answers() -> None:
    record = PersonActivity.of_items([], SearchScope()).record("bob", ASKED)
    assert (record.answers, record.recent_answers, record.last_active) == (0, 0, None)
