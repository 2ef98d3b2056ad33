"""The expertise-gap map: per domain, supply of active experts against demand for answers.

Supply: people whose EXPERT_IN score clears a bar calibrated on the graph itself (the median
of all EXPERT_IN scores: "an expert" means "more than the typical contributor here"), split
by whether they were active in the last `active_months`; the share of the experts' score
held by the top 1 and top 3 of them; and a bus factor: how few of them hold half of it.
Demand: questions and threads opened, those nobody answered, questions without an accepted
answer, and logged searches about the domain whose best result scored low. A domain with
demand and thin or ageing supply is a gap; gaps are ranked by demand per active expert.

The period: experts count as active, and questions and searches as demand, within the
`active_months` up to an "as of" moment. By default that is now, unless the newest content is
older than the period (a sample or an archive), when it is the newest content instead: a map
of an export from last year should show last year's gaps, not "nobody active" everywhere.
Domains with no content and no expert are "no activity yet" and ranked after every other;
with a community filter, only the domains that community wrote about are listed.

Supply and demand are read from the whole graph (every EXPERT_IN row, every thread's outcome
per domain and month), so each is kept per graph version (`queries.versioned`): a request
on an unchanged graph reads only the version, the taxonomy and the demand log.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Literal

from graph_service.models import Expertise
from graph_service.store.base import DomainDemand, GraphStore, SearchScope
from queries.domain_match import DomainMatcher
from queries.emerging_topics import DomainSuggestion, suggest_domains
from queries.expertise_view import ExpertiseViews
from queries.gap_actions import Finding, GapNumbers, SuggestedAction, actions_for, findings_of
from queries.gap_wording import Language, action_reason, action_text, finding_text
from queries.profile_index import ProfileIndex
from queries.search_demand import SearchDemandLog
from queries.versioned import VersionedCache
from queries.visibility import community_visible

DAYS_PER_MONTH = 30.44
WEAK_SHARE = 0.5
"""A search found little when it found nobody (expert search has a relevance floor), or its
best person scored under this share of the median best score of all searches: scores are
relative within a query, so only a search far below the usual counts, not half of all."""
EMERGING_PASSAGES = 5000
"""Unclaimed passages clustered for emerging topics at most (clustering is linear in them)."""


@dataclass
class DomainGap:
    """One domain's supply, demand, trend and gap verdict."""

    domain_id: str
    name: str
    name_th: str = ""
    experts: int = 0
    active_experts: int = 0
    top1_share: float = 0.0
    top3_share: float = 0.0
    bus_factor: int = 0
    questions: int = 0
    unanswered: int = 0
    unresolved: int = 0
    weak_searches: int = 0
    left_experts: int = 0
    declared_only: int = 0
    routed_unanswered: int = 0
    trend: dict[str, dict[str, int]] = field(default_factory=dict)
    gap_score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    actions: list[SuggestedAction] = field(default_factory=list)
    no_activity: bool = False


AsOfBasis = Literal["asked", "clock", "newest_content"]


@dataclass(frozen=True)
class GapReport:
    """The gap map over one period: when it is as of, why then, and every domain."""

    as_of: datetime
    as_of_basis: AsOfBasis
    period_months: int
    gaps: list[DomainGap]


@dataclass(frozen=True)
class Supply:
    """A domain's supply as one caller sees EXPERT_IN, opted-out people left out.

    Attributes:
        experts: people whose score clears the bar (the median of all visible scores).
        expert_activity: the last activity of each expert who has one, oldest first, so
            that counting the active ones for any period is a bisection.
        shares: top-1 share, top-3 share and bus factor of the experts' score mass (see
            `evidence_shares`); none without an expert. The bus factor counts only the
            holders of half the mass who are still here: it falls when one of them leaves.
        left: experts who left; their knowledge still counts, and is at risk.
        declared_only: people who declared the domain without evidence in it.
    """

    experts: int = 0
    expert_activity: tuple[datetime, ...] = ()
    shares: tuple[float, float, int] = (0.0, 0.0, 0)
    left: int = 0
    declared_only: int = 0

    def active_since(self, moment: datetime) -> int:
        """How many experts were active at or after `moment`."""
        return len(self.expert_activity) - bisect_left(self.expert_activity, moment)


def _month(row: DomainDemand) -> str:
    if row.year is None or row.month is None:
        return "undated"
    return f"{row.year:04d}-{row.month:02d}"


def _month_number(moment: datetime) -> int:
    return moment.year * 12 + moment.month - 1


def _in_period(row: DomainDemand, first: int, last: int) -> bool:
    """Whether the row's month is within the period; undated rows count (when is unknown,
    and leaving them out would hide their questions from every period)."""
    if row.year is None or row.month is None:
        return True
    return first <= row.year * 12 + row.month - 1 <= last


def evidence_shares(rows: list[Expertise]) -> tuple[float, float, int]:
    """Top-1 share, top-3 share and bus factor of a domain's EXPERT_IN score mass.

    The bus factor is the fewest people who together hold half of it. Shares are rounded to
    4 places: they are read by people and spreadsheets, not computed with.
    """
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
    return round(scores[0] / total, 4), round(sum(scores[:3]) / total, 4), bus


class GapMap:
    """Computes the gap map over one store (and the embedder, to place searches)."""

    def __init__(
        self, store: GraphStore, matcher: DomainMatcher, views: ExpertiseViews | None = None
    ) -> None:
        """`views`: EXPERT_IN as each caller sees it, shared with expert search so that a
        write makes one read of it, not one per user of it."""
        self._store = store
        self._matcher = matcher
        self._views = views or ExpertiseViews(store)
        self._supply: VersionedCache[frozenset[str] | None, dict[str, Supply]] = VersionedCache(
            self._read_supply
        )
        self._demand: VersionedCache[SearchScope, list[DomainDemand]] = VersionedCache(
            self._read_demand
        )
        self._demand_log = SearchDemandLog(store)

    def emerging_topics(self, scope: SearchScope) -> list[DomainSuggestion]:
        """Clusters of passages no domain claims, for callers who see every community only:
        a cluster's keyphrases and size would otherwise leak what private communities
        discuss."""
        if scope.private_allowed is not None:
            return []
        return suggest_domains(self._store.unassigned_chunks(EMERGING_PASSAGES))

    def report(
        self,
        scope: SearchScope,
        active_months: int = 12,
        as_of: datetime | None = None,
        clock: datetime | None = None,
    ) -> GapReport:
        """The map over the `active_months` up to `as_of`; without one, up to now or, when
        the newest content is older than the period, up to the newest content."""
        basis: AsOfBasis = "asked"
        if as_of is None:
            clock = clock or datetime.now(UTC)
            newest = self.newest_content(scope)
            period = timedelta(days=active_months * DAYS_PER_MONTH)
            stale = newest is not None and newest < clock - period
            as_of, basis = (newest, "newest_content") if stale and newest else (clock, "clock")
        gaps = self.compute(scope, active_months, now=as_of)
        return GapReport(as_of, basis, active_months, gaps)

    def newest_content(self, scope: SearchScope) -> datetime | None:
        """The latest moment the graph shows activity in `scope`: an expert's last activity,
        else the start of the newest month with content about a domain."""
        version = self._store.data_version()
        latest = [
            supply.expert_activity[-1]
            for supply in self._supply.get(scope.private_allowed, version).values()
            if supply.expert_activity
        ]
        latest += [
            datetime(row.year, row.month, 1, tzinfo=UTC)
            for row in self._demand.get(scope, version)
            if row.year is not None and row.month is not None
        ]
        return max(latest, default=None)

    def compute(
        self, scope: SearchScope, active_months: int = 12, now: datetime | None = None
    ) -> list[DomainGap]:
        """Every domain with its numbers over the `active_months` up to `now`, the biggest
        gaps first and domains without activity last."""
        now = now or datetime.now(UTC)
        active_since = now - timedelta(days=active_months * DAYS_PER_MONTH)
        version = self._store.data_version()
        supply = self._supply.get(scope.private_allowed, version)
        gaps = {
            d.id: DomainGap(domain_id=d.id, name=d.name, name_th=d.labels.get("th", ""))
            for d in self._store.list_domains()
        }
        for domain_id, gap in gaps.items():
            domain = supply.get(domain_id, Supply())
            gap.experts = domain.experts
            gap.active_experts = domain.active_since(active_since)
            gap.top1_share, gap.top3_share, gap.bus_factor = domain.shares
            gap.left_experts, gap.declared_only = domain.left, domain.declared_only
        first, last = _month_number(active_since), _month_number(now)
        for row in self._demand.get(scope, version):
            self._count_demand(gaps, row, _in_period(row, first, last))
        self._count_searches(gaps, active_since, now)
        for routing in self._store.routings("open"):
            for domain_id in routing.domain_ids:
                if domain_id in gaps and community_visible(
                    self._store, scope, routing.community_id
                ):
                    gaps[domain_id].routed_unanswered += 1
        if scope.communities is not None:
            gaps = {domain_id: gap for domain_id, gap in gaps.items() if gap.trend}
        for gap in gaps.values():
            self._judge(gap, active_months)
        return sorted(gaps.values(), key=lambda g: (g.no_activity, -g.gap_score, g.domain_id))

    def _read_supply(self, private_allowed: frozenset[str] | None) -> dict[str, Supply]:
        """Each domain's supply as callers with these private communities see it."""
        view = self._views.get(SearchScope(private_allowed=private_allowed))
        people = self._store.get_people(list(view.by_person))
        opted_out = {person.id for person in people if person.opted_out}
        by_domain = {
            domain_id: [row for row in rows if row.person_id not in opted_out]
            for domain_id, rows in view.by_domain.items()
        }
        rows = [row for domain_rows in by_domain.values() for row in domain_rows]
        bar = statistics.median([row.score for row in rows]) if rows else 0.0
        profiles = ProfileIndex.of(self._store.skill_claims(), self._store.person_statuses())
        today = datetime.now(UTC).date()
        supply = {}
        for domain_id in by_domain.keys() | profiles.declared.keys():
            domain_rows = by_domain.get(domain_id, [])
            experts = [row for row in domain_rows if row.score >= bar]
            left = {row.person_id for row in experts if profiles.has_left(row.person_id, today)}
            activity = sorted(
                row.last_activity
                for row in experts
                if row.last_activity and row.person_id not in left
            )
            # Over the experts only: a domain where nobody clears the bar has no bus factor,
            # not a bus factor of 1 from whoever holds the most of its little score.
            top1, top3, bus = evidence_shares(experts)
            holders = sorted(experts, key=lambda row: (-row.score, row.person_id))[:bus]
            bus -= sum(row.person_id in left for row in holders)
            with_evidence = {row.person_id for row in domain_rows}
            declared = profiles.declared.get(domain_id, {}).keys() - with_evidence - opted_out
            supply[domain_id] = Supply(
                len(experts), tuple(activity), (top1, top3, bus), len(left), len(declared)
            )
        return supply

    def _read_demand(self, scope: SearchScope) -> list[DomainDemand]:
        """The demand side within `scope`, by domain and month (undated last)."""
        found = self._store.domain_demand(scope)
        return sorted(found, key=lambda d: (d.domain_id, d.year is None, d.year or 0, d.month or 0))

    @staticmethod
    def _count_demand(gaps: dict[str, DomainGap], row: DomainDemand, in_period: bool) -> None:
        """The row goes into the domain's trend (its whole history) and, when it falls in the
        period, into its demand."""
        gap = gaps.get(row.domain_id)
        if gap is None:
            return
        counts = gap.trend.setdefault(_month(row), Counter())
        counts["content"] += row.documents
        if in_period:
            gap.questions += row.questions
            gap.unanswered += row.unanswered
            gap.unresolved += row.unresolved
        for key, count in (("questions", row.questions), ("unanswered", row.unanswered)):
            if count:
                counts[key] += count

    def _count_searches(self, gaps: dict[str, DomainGap], since: datetime, until: datetime) -> None:
        """Weak searches of the period: the bar is set by every logged search, the count by
        those made between `since` and `until`."""
        weak = self._demand_log.get().weak(since, until, WEAK_SHARE)
        domains = self._matcher.match_all(weak)
        for query in weak:
            for domain_id in domains[query]:
                if domain_id in gaps:
                    gaps[domain_id].weak_searches += 1

    @staticmethod
    def _judge(gap: DomainGap, active_months: int) -> None:
        demand = 2 * gap.unanswered + gap.unresolved + gap.weak_searches + gap.routed_unanswered
        gap.gap_score = round(demand / (1 + gap.active_experts), 4)
        gap.no_activity = not gap.trend and not gap.experts and not demand
        numbers = GapNumbers(
            experts=gap.experts,
            active_experts=gap.active_experts,
            top1_share=gap.top1_share,
            bus_factor=gap.bus_factor,
            unanswered=gap.unanswered,
            unresolved=gap.unresolved,
            weak_searches=gap.weak_searches,
            period_months=active_months,
            left_experts=gap.left_experts,
            routed_unanswered=gap.routed_unanswered,
            declared_only=gap.declared_only,
        )
        gap.findings = findings_of(numbers)
        gap.actions = actions_for(numbers)
        worded = in_language(gap, "en")
        gap.reasons, gap.actions = worded.reasons, worded.actions


def in_language(gap: DomainGap, language: Language) -> DomainGap:
    """A copy of `gap` whose reasons and actions are worded in `language`."""
    return replace(
        gap,
        reasons=[finding_text(finding, language) for finding in gap.findings],
        actions=[
            replace(
                action,
                text=action_text(action, language),
                reason=action_reason(action, gap.findings, language),
            )
            for action in gap.actions
        ],
    )
