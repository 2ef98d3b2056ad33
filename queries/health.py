"""CoP health: Head (shared learning), Heart (trust, reciprocity), Hand (participation).

The three success factors of the KM literature behind copgraph, measured from the graph.
Every formula is in docs/cop-health.md; each factor is also summarised as a score in [0, 1]
(the mean of its bounded measures) so communities can be compared and followed over time.
The community's current type (helping, best-practice, knowledge-stewarding, innovation) is
read from its activity mix, with the numbers that decided it.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph_service.store.base import GraphStore, Interaction, SearchScope, ThreadSummary

LEARNING_KINDS = {"question", "answer", "article", "file"}
ASKING_KINDS = {"question", "thread"}
ANSWERING_KINDS = {"answer", "reply"}
DOCUMENT_KINDS = {"article", "file"}


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
    contributors_per_domain: dict[str, int] = field(default_factory=dict)
    cop_type: str = ""
    type_evidence: dict[str, float] = field(default_factory=dict)


def _month(item: Interaction) -> str:
    return item.created_at.strftime("%Y-%m") if item.created_at else "undated"


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
        return health

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
