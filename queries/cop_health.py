"""CoP health: Head (shared learning), Heart (trust, reciprocity), Hand (participation).

The three success factors of the KM literature behind copgraph, measured from the graph.
Every formula is in docs/cop-health.md; each factor is also summarised as a score in [0, 1]
(the mean of its bounded measures) so communities can be compared and followed over time.
The community's current type (helping, best-practice, knowledge-stewarding, innovation) is
read from its activity mix, with the numbers that decided it. `monthly_scores` gives the three
scores month by month, each over the six months up to it, so a chart can follow them.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from graph_service.store.base import GraphStore, Interaction, SearchScope, ThreadSummary

LEARNING_KINDS = {"question", "answer", "article", "file"}
ASKING_KINDS = {"question", "thread"}
ANSWERING_KINDS = {"answer", "reply"}
DOCUMENT_KINDS = {"article", "file"}
WINDOW_MONTHS = 6


def gini(values: list[int]) -> float:
    """Gini coefficient of non-negative counts: 0 when equal, near 1 when one holds all."""
    ordered = sorted(values)
    total = sum(ordered)
    if not ordered or total == 0:
        return 0.0
    weighted = sum((rank + 1) * value for rank, value in enumerate(ordered))
    return (2 * weighted) / (len(ordered) * total) - (len(ordered) + 1) / len(ordered)


@dataclass
class Health:
    """The measures, the factor scores, the monthly series and the type verdict."""

    community_id: str
    members: int
    head: dict[str, float] = field(default_factory=dict)
    heart: dict[str, float] = field(default_factory=dict)
    hand: dict[str, float] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    monthly: dict[str, dict[str, int]] = field(default_factory=dict)
    monthly_scores: dict[str, dict[str, float]] = field(default_factory=dict)
    contributors_per_domain: dict[str, int] = field(default_factory=dict)
    cop_type: str = ""
    type_evidence: dict[str, float] = field(default_factory=dict)


def _month_of(moment: datetime | None) -> str:
    """ "YYYY-MM" (an f-string: strftime is ten times slower, and this runs per item per month)."""
    return f"{moment.year:04d}-{moment.month:02d}" if moment else "undated"


def _month(item: Interaction) -> str:
    return _month_of(item.created_at)


def _index(month: str) -> int:
    """Months since year 0 of a "YYYY-MM" month, to step through the calendar."""
    year, number = month.split("-")
    return int(year) * 12 + int(number) - 1


def _label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _as_of(thread: ThreadSummary, month: str) -> ThreadSummary:
    """The thread as it stood at the end of `month`: unanswered if its first reply came later."""
    first = thread.first_reply_at
    if first is None or _month_of(first) <= month:
        return thread
    return thread.model_copy(update={"replies": 0, "answers": 0, "first_reply_at": None})


class HealthCheck:
    """Computes a community's health from its activity in the store."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store

    def compute(self, community_id: str) -> Health:
        """Head, Heart and Hand of one community (everything in it, private or not)."""
        activity = self._store.community_activity(community_id)
        scope = SearchScope(communities=frozenset({community_id}), private_allowed=None)
        threads = self._store.thread_summaries(scope)
        members = sorted({a for item in activity for a in item.author_ids})
        practices = {p.id for m in members for p in self._store.practices_by_author(m, scope)}
        health = Health(community_id=community_id, members=len(members))
        self._head(health, activity, threads, len(practices))
        self._heart(health, activity, threads, members)
        self._hand(health, activity, members)
        self._classify(health, activity, threads, len(practices))
        health.monthly_scores = self._over_time(community_id, activity, threads)
        return health

    @classmethod
    def _over_time(
        cls, community_id: str, activity: list[Interaction], threads: list[ThreadSummary]
    ) -> dict[str, dict[str, float]]:
        """Head, Heart and Hand of the trailing `WINDOW_MONTHS` as they stood at each month's end.

        Every calendar month from the first dated content to the last gets the same formulas
        over the content of its window (its members are the window's authors), so a quiet
        stretch shows as a fall. Replies after the month do not count for it: a thread first
        answered later is unanswered as of then. Each item is in at most `WINDOW_MONTHS`
        windows, so this costs a few passes over the activity, not one per month.
        """
        dated = sorted((item for item in activity if item.created_at), key=_month)
        if not dated:
            return {}
        months = [_month(item) for item in dated]
        started = sorted(
            (t for t in threads if t.created_at), key=lambda t: _month_of(t.created_at)
        )
        starts = [_month_of(t.created_at) for t in started]
        series: dict[str, dict[str, float]] = {}
        for index in range(_index(months[0]), _index(months[-1]) + 1):
            month, since = _label(index), _label(index - WINDOW_MONTHS + 1)
            window = dated[bisect_left(months, since) : bisect_right(months, month)]
            opened = [
                _as_of(t, month)
                for t in started[bisect_left(starts, since) : bisect_right(starts, month)]
            ]
            members = sorted({a for item in window for a in item.author_ids})
            snapshot = Health(community_id=community_id, members=len(members))
            cls._head(snapshot, window, opened, 0)
            cls._heart(snapshot, window, opened, members)
            cls._hand(snapshot, window, members)
            series[month] = {factor: round(v, 4) for factor, v in snapshot.scores.items()}
        return series

    @staticmethod
    def _head(
        health: Health, activity: list[Interaction], threads: list[ThreadSummary], practices: int
    ) -> None:
        questions = [t for t in threads if t.kind in ASKING_KINDS]
        months = {_month(item) for item in activity if item.created_at} or {"undated"}
        learning = sum(1 for item in activity if item.content_kind in LEARNING_KINDS)
        health.head = {
            "learning_share": learning / len(activity) if activity else 0.0,
            "questions_answered_share": (
                sum(1 for t in questions if t.replies) / len(questions) if questions else 0.0
            ),
            "practices_per_month": practices / len(months),
        }
        health.scores["head"] = statistics.mean(
            [health.head["learning_share"], health.head["questions_answered_share"]]
        )

    @staticmethod
    def _heart(
        health: Health,
        activity: list[Interaction],
        threads: list[ThreadSummary],
        members: list[str],
    ) -> None:
        pairs = {
            (author, parent)
            for item in activity
            for author in item.author_ids
            for parent in item.parent_author_ids
            if author != parent
        }
        mutual = sum(1 for a, b in pairs if (b, a) in pairs)
        askers = {a for i in activity if i.content_kind in ASKING_KINDS for a in i.author_ids}
        helpers = Counter(
            a for i in activity if i.content_kind in ANSWERING_KINDS for a in i.author_ids
        )
        waits = [
            (t.first_reply_at - t.created_at).total_seconds() / 3600
            for t in threads
            if t.first_reply_at and t.created_at
        ]
        concentration = gini([helpers.get(m, 0) for m in members]) if helpers else 1.0
        health.heart = {
            "reply_reciprocity": mutual / len(pairs) if pairs else 0.0,
            "ask_and_answer_share": len(askers & set(helpers)) / len(members) if members else 0.0,
            "median_hours_to_first_reply": statistics.median(waits) if waits else -1.0,
            "answer_gini": concentration,
        }
        health.scores["heart"] = statistics.mean(
            [
                health.heart["reply_reciprocity"],
                health.heart["ask_and_answer_share"],
                1.0 - concentration,
            ]
        )

    @staticmethod
    def _hand(health: Health, activity: list[Interaction], members: list[str]) -> None:
        active: dict[str, set[str]] = defaultdict(set)
        monthly: dict[str, Counter[str]] = defaultdict(Counter)
        per_member = Counter(a for item in activity for a in item.author_ids)
        domains: dict[str, set[str]] = defaultdict(set)
        for item in activity:
            month = _month(item)
            active[month].update(item.author_ids)
            monthly[month]["contents"] += 1
            monthly[month]["replies"] += int(bool(item.parent_author_ids))
            for domain_id in item.domain_ids:
                domains[domain_id].update(item.author_ids)
        for month, people in active.items():
            monthly[month]["active_members"] = len(people)
        ratios = [len(people) / len(members) for people in active.values()] if members else []
        health.hand = {
            "active_member_ratio": statistics.mean(ratios) if ratios else 0.0,
            "returning_share": (
                sum(1 for m in members if per_member[m] > 1) / len(members) if members else 0.0
            ),
        }
        health.scores["hand"] = statistics.mean(list(health.hand.values()))
        health.monthly = {month: dict(counts) for month, counts in sorted(monthly.items())}
        health.contributors_per_domain = {d: len(p) for d, p in sorted(domains.items())}

    @staticmethod
    def _classify(
        health: Health, activity: list[Interaction], threads: list[ThreadSummary], practices: int
    ) -> None:
        total = len(activity) or 1
        qa = sum(1 for i in activity if i.content_kind in {"question", "answer"})
        documents = sum(1 for i in activity if i.content_kind in DOCUMENT_KINDS)
        cross = sum(1 for t in threads if len(t.domain_ids) >= 2)
        evidence = {
            "helping": qa / total,
            "best-practice": practices / total,
            "knowledge-stewarding": documents / total,
            "innovation": cross / len(threads) if threads else 0.0,
        }
        health.type_evidence = {kind: round(value, 4) for kind, value in evidence.items()}
        health.cop_type = max(evidence, key=lambda kind: (evidence[kind], kind))
