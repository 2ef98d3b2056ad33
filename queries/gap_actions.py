"""What a KM team should do about a gap, and why: findings read off a domain's numbers, and
the suggested actions they call for.

A gap map that only ranks leaves the reader to work out the next step; each finding here is
a fact with its number (so it can be said in any language, see `queries.gap_wording`), and
each action names the findings it answers. The rules follow the usual KM moves for thin or
fragile expertise: route waiting questions to people who can answer them, invite back
experts who went quiet or recruit one where there is none, pair a newcomer with a lone
expert (bus factor 1), and hold an after-action review where questions got answers but none
was accepted, so that what the community learned is agreed and written down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FindingCode = Literal[
    "unanswered",
    "unresolved",
    "weak_searches",
    "no_active_expert",
    "no_expert",
    "bus_factor_1",
    "expert_left",
    "routed_unanswered",
    "declared_only",
]
ActionKind = Literal[
    "route_questions",
    "ask_declared",
    "invite_expert",
    "recruit_expert",
    "pair_newcomer",
    "after_action_review",
    "write_up_practice",
]


@dataclass(frozen=True)
class Finding:
    """One fact that makes a domain a gap: `value` is its count, its months or its share."""

    code: FindingCode
    value: float


@dataclass(frozen=True)
class SuggestedAction:
    """A step for the KM team, with the numbers that call for it (named as in the wording).

    `text` and `reason` are the step and the finding it answers in words, filled in the
    reader's language by `queries.gaps.in_language`.
    """

    kind: ActionKind
    because: FindingCode
    numbers: dict[str, float] = field(default_factory=dict)
    text: str = ""
    reason: str = ""


@dataclass(frozen=True)
class GapNumbers:
    """The numbers of one domain over the period that the findings and actions read."""

    experts: int
    active_experts: int
    top1_share: float
    bus_factor: int
    unanswered: int
    unresolved: int
    weak_searches: int
    period_months: int
    left_experts: int = 0
    routed_unanswered: int = 0
    declared_only: int = 0


def findings_of(numbers: GapNumbers) -> list[Finding]:
    """The facts that make a domain a gap, most pressing first; none without demand."""
    found: list[Finding] = []
    demand = numbers.unanswered + numbers.unresolved + numbers.weak_searches
    if numbers.unanswered:
        found.append(Finding("unanswered", numbers.unanswered))
    if numbers.unresolved:
        found.append(Finding("unresolved", numbers.unresolved))
    if numbers.weak_searches:
        found.append(Finding("weak_searches", numbers.weak_searches))
    if demand and numbers.experts and not numbers.active_experts:
        found.append(Finding("no_active_expert", numbers.period_months))
    elif demand and not numbers.experts:
        found.append(Finding("no_expert", 0))
    if numbers.bus_factor == 1 and numbers.experts:
        found.append(Finding("bus_factor_1", numbers.top1_share))
    if numbers.left_experts:
        found.append(Finding("expert_left", numbers.left_experts))
    if numbers.routed_unanswered:
        found.append(Finding("routed_unanswered", numbers.routed_unanswered))
    if numbers.declared_only:
        found.append(Finding("declared_only", numbers.declared_only))
    return found


def actions_for(numbers: GapNumbers) -> list[SuggestedAction]:
    """The steps a domain's findings call for, the first the one to take first.

    Every domain with demand gets at least one: where searches alone found little and
    active experts exist, the step is to have them write up a practice people can find.
    """
    actions: list[SuggestedAction] = []
    n = numbers
    demand = n.unanswered + n.unresolved + n.weak_searches + n.routed_unanswered
    if not demand and not (n.bus_factor == 1 and n.experts) and not n.left_experts:
        return actions
    if n.unanswered and n.active_experts:
        actions.append(
            SuggestedAction(
                "route_questions", "unanswered", {"n": n.unanswered, "m": n.active_experts}
            )
        )
    if demand and n.declared_only and not n.active_experts:
        actions.append(SuggestedAction("ask_declared", "declared_only", {"m": n.declared_only}))
    if (demand or n.left_experts) and not n.experts:
        because: FindingCode = "expert_left" if n.left_experts and not demand else "no_expert"
        actions.append(SuggestedAction("recruit_expert", because, {"n": demand}))
    elif demand and not n.active_experts:
        actions.append(
            SuggestedAction(
                "invite_expert", "no_active_expert", {"m": n.experts, "months": n.period_months}
            )
        )
    if n.unresolved:
        actions.append(SuggestedAction("after_action_review", "unresolved", {"n": n.unresolved}))
    if n.bus_factor == 1 and n.experts:
        actions.append(SuggestedAction("pair_newcomer", "bus_factor_1", {"share": n.top1_share}))
    if not actions:
        actions.append(
            SuggestedAction(
                "write_up_practice", "weak_searches", {"n": n.weak_searches, "m": n.active_experts}
            )
        )
    return actions
