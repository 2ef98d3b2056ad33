"""A person's status: who may be asked on a given day, and the dates each status needs."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from graph_service.profiles import PersonStatus, status_text

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("status", "left", "askable"),
    [
        (PersonStatus(person_id="p"), False, True),
        (PersonStatus(person_id="p", available_for_questions=False), False, False),
        (PersonStatus(person_id="p", status="away", until=date(2026, 6, 2)), False, False),
        (PersonStatus(person_id="p", status="away", until=TODAY), False, True),
        (PersonStatus(person_id="p", status="left", since=date(2026, 5, 1)), True, False),
        (PersonStatus(person_id="p", status="left", since=date(2026, 7, 1)), False, True),
        (PersonStatus(person_id="p", status="left"), True, False),
    ],
)
def test_who_has_left_and_who_may_be_asked(status: PersonStatus, left: bool, askable: bool) -> None:
    assert status.has_left(TODAY) is left
    assert status.can_be_asked(TODAY) is askable


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "away"}, "needs 'until'"),
        ({"status": "active", "until": date(2026, 1, 1)}, "'until' belongs to status 'away'"),
        ({"status": "away", "until": TODAY, "since": TODAY}, "'since' belongs to status 'left'"),
    ],
)
def test_dates_must_fit_the_status(fields: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        PersonStatus.model_validate({"person_id": "p", **fields})


def test_the_change_log_reads_a_status_in_words() -> None:
    away = PersonStatus(person_id="p", status="away", until=TODAY, available_for_questions=False)
    assert status_text(away) == "away until 2026-06-01, not available for questions"
    assert status_text(None) is None
