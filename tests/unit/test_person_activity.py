"""A person's track record as of a moment: what the learned ranking reads of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from graph_service.models import ContentKind
from graph_service.store.base import Authorship, SearchScope
from queries.person_activity import RECENT_DAYS, PersonActivity

ASKED = datetime(2024, 6, 1, tzinfo=UTC)


def _answer(days_before: float, accepted: bool = False, kind: ContentKind = "answer") -> Authorship:
    return Authorship(
        person_id="ann",
        content_kind=kind,
        created_at=ASKED - timedelta(days=days_before),
        accepted=accepted,
        private_community=None,
    )


def test_recent_answers_count_the_window_before_the_moment_and_nothing_after_it() -> None:
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


def test_recent_responses_are_the_window_s_answers_and_replies_to_others() -> None:
    items = [
        _answer(3),
        _answer(4, kind="reply"),
        _answer(RECENT_DAYS - 1, kind="reply"),
        _answer(RECENT_DAYS + 1),
        _answer(1, kind="question"),
        _answer(1, kind="comment"),
        _answer(1, kind="article"),
        _answer(-1, kind="reply"),
    ]
    activity = PersonActivity.of_items(items, SearchScope())
    assert activity.recent_responses("ann", ASKED) == 3
    assert activity.recent_responses("bob", ASKED) == 0


def test_the_window_is_two_weeks_who_answers_now_not_who_answered_this_month() -> None:
    """Three weeks ago is not now: two weeks ranked the answerers of the quantumcomputing
    folds 1-3 better than a month (see RECENT_DAYS)."""
    activity = PersonActivity.of_items([_answer(13), _answer(21)], SearchScope())
    assert activity.recent_responses("ann", ASKED) == 1
