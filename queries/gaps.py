"""The expertise-gap map: per domain, supply of active experts against demand for answers.

Supply: people whose EXPERT_IN score clears a bar calibrated on the graph itself (the median
of all EXPERT_IN scores: "an expert" means "more than the typical contributor here"), split
by whether they were active in the last `active_months`; the share of the domain's evidence
held by its top 1 and top 3 people; and a bus factor: how few people hold half of it.
Demand: questions and threads opened, those nobody answered, questions without an accepted
answer, and logged searches about the domain whose best result scored low. A domain with
demand and thin or ageing supply is a gap; gaps are ranked by demand per active expert.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from graph_service.models import Expertise
from graph_service.store.base import GraphStore, SearchScope, ThreadSummary
from queries.domain_match import DomainMatcher
from queries.visibility import visible_expertise

DAYS_PER_MONTH = 30.44


@dataclass
class DomainGap:
    """One domain's supply, demand, trend and gap verdict."""

    domain_id: str
    name: str
    experts: int = 0
    active_experts: int = 0
    top1_share: float = 0.0
    top3_share: float = 0.0
    bus_factor: int = 0
    questions: int = 0
    unanswered: int = 0
    unresolved: int = 0
    weak_searches: int = 0
    trend: dict[str, dict[str, int]] = field(default_factory=dict)
    gap_score: float = 0.0
    reasons: list[str] = field(default_factory=list)


def _month(moment: datetime | None) -> str | None:
    return moment.strftime("%Y-%m") if moment else None


def evidence_shares(rows: list[Expertise]) -> tuple[float, float, int]:
    """Top-1 share, top-3 share and bus factor of a domain's EXPERT_IN score mass."""
    scores = sorted((row.score for row in rows), reverse=True)
    total = sum(scores)
    if total <= 0:
        return 0.0, 0.0, 0
    running, bus = 0.0, 0
    for score in scores:
        running += score
        bus += 1
        if running >= total / 2:
            break
    return scores[0] / total, sum(scores[:3]) / total, bus


class GapMap:
    """Computes the gap map over one store (and the embedder, to place searches)."""

    def __init__(self, store: GraphStore, matcher: DomainMatcher) -> None:
        self._store = store
        self._matcher = matcher

    def compute(
        self, scope: SearchScope, active_months: int = 12, now: datetime | None = None
    ) -> list[DomainGap]:
        """Every domain with its numbers, the biggest gaps first."""
        now = now or datetime.now(UTC)
        active_since = now - timedelta(days=active_months * DAYS_PER_MONTH)
        every_row = visible_expertise(self._store, scope)
        opted_out = self._opted_out({row.person_id for row in every_row})
        rows = [row for row in every_row if row.person_id not in opted_out]
        bar = statistics.median([row.score for row in rows]) if rows else 0.0
        by_domain: dict[str, list[Expertise]] = defaultdict(list)
        for row in rows:
            by_domain[row.domain_id].append(row)
        gaps = {d.id: DomainGap(domain_id=d.id, name=d.name) for d in self._store.list_domains()}
        for domain_id, gap in gaps.items():
            experts = [row for row in by_domain[domain_id] if row.score >= bar]
            gap.experts = len(experts)
            gap.active_experts = sum(
                1 for row in experts if row.last_activity and row.last_activity >= active_since
            )
            gap.top1_share, gap.top3_share, gap.bus_factor = evidence_shares(by_domain[domain_id])
        for thread in self._store.thread_summaries(scope):
            self._count_demand(gaps, thread)
        self._count_searches(gaps)
        for gap in gaps.values():
            self._judge(gap, active_months)
        return sorted(gaps.values(), key=lambda g: (-g.gap_score, g.domain_id))

    def _opted_out(self, person_ids: set[str]) -> set[str]:
        return {pid for pid in person_ids if (p := self._store.get_person(pid)) and p.opted_out}

    @staticmethod
    def _count_demand(gaps: dict[str, DomainGap], thread: ThreadSummary) -> None:
        month = _month(thread.created_at)
        for domain_id in thread.domain_ids:
            gap = gaps.get(domain_id)
            if gap is None:
                continue
            counts = gap.trend.setdefault(month or "undated", Counter())
            counts["content"] += 1
            if thread.kind not in ("question", "thread"):
                continue
            gap.questions += 1
            counts["questions"] += 1
            if thread.replies == 0:
                gap.unanswered += 1
                counts["unanswered"] += 1
            if thread.kind == "question" and not thread.accepted:
                gap.unresolved += 1

    def _count_searches(self, gaps: dict[str, DomainGap]) -> None:
        log = self._store.search_log()
        scored = [entry.top_score for entry in log if entry.top_score is not None]
        weak_bar = statistics.median(scored) if scored else 0.0
        for entry in log:
            if entry.top_score is not None and entry.top_score >= weak_bar and entry.result_count:
                continue
            for domain_id in self._matcher.match(entry.query):
                if domain_id in gaps:
                    gaps[domain_id].weak_searches += 1

    @staticmethod
    def _judge(gap: DomainGap, active_months: int) -> None:
        demand = 2 * gap.unanswered + gap.unresolved + gap.weak_searches
        gap.gap_score = round(demand / (1 + gap.active_experts), 4)
        if gap.unanswered:
            gap.reasons.append(f"{gap.unanswered} question(s) nobody answered")
        if gap.unresolved:
            gap.reasons.append(f"{gap.unresolved} question(s) without an accepted answer")
        if gap.weak_searches:
            gap.reasons.append(f"{gap.weak_searches} search(es) found little")
        if demand and gap.experts and not gap.active_experts:
            gap.reasons.append(f"no expert active in the last {active_months} months")
        elif demand and not gap.experts:
            gap.reasons.append("no expert at all")
        if gap.bus_factor == 1 and gap.experts:
            gap.reasons.append(f"bus factor 1: one person holds {gap.top1_share:.0%} of it")
