"""Which action a gap's numbers call for, and how findings and actions read in both languages."""

from __future__ import annotations

from dataclasses import replace

import pytest

from queries.gap_actions import Finding, GapNumbers, actions_for, findings_of
from queries.gap_wording import action_text, finding_text

QUIET = GapNumbers(
    experts=3, active_experts=2, top1_share=0.4, bus_factor=2, unanswered=0, unresolved=0,
    weak_searches=0, period_months=12,
)  # fmt: skip


@pytest.mark.parametrize(
    ("numbers", "first"),
    [
        (replace(QUIET, unanswered=2), "route_questions"),
        (replace(QUIET, unanswered=2, experts=0, active_experts=0, bus_factor=0), "recruit_expert"),
        (replace(QUIET, weak_searches=1, active_experts=0), "invite_expert"),
        (replace(QUIET, unresolved=1), "after_action_review"),
        (replace(QUIET, bus_factor=1, top1_share=0.8), "pair_newcomer"),
        (replace(QUIET, weak_searches=4), "write_up_practice"),
    ],
)
def test_the_first_action_answers_the_most_pressing_finding(
    numbers: GapNumbers, first: str
) -> None:
    actions = actions_for(numbers)
    assert actions[0].kind == first
    codes = {finding.code for finding in findings_of(numbers)}
    assert all(action.because in codes for action in actions), "every action has its reason"


def test_no_demand_and_no_lone_expert_needs_no_action() -> None:
    assert actions_for(QUIET) == [] and findings_of(QUIET) == []


def test_english_counts_take_the_right_plural_and_thai_has_no_latin_words() -> None:
    assert finding_text(Finding("unanswered", 1)) == "1 question nobody answered"
    assert finding_text(Finding("weak_searches", 2)) == "2 searches found little"
    assert finding_text(Finding("weak_searches", 1)) == "1 search found little"
    assert finding_text(Finding("no_active_expert", 1)) == "no expert active in the last 1 month"
    numbers = replace(QUIET, unanswered=1, active_experts=1, bus_factor=1, unresolved=1)
    for action in actions_for(numbers):
        thai = action_text(action, "th")
        assert thai and not any("a" <= c.lower() <= "z" for c in thai), thai
    route = actions_for(numbers)[0]
    assert action_text(route) == "Route the 1 waiting question to the 1 active expert"
