"""What the learned ranking knows of one person for one query: a fixed row of numbers.

The same function makes the rows a model is trained on (past questions, each as of the
moment it was asked) and the rows it ranks today's queries with (as of now), so the two
cannot drift apart. Each feature is one thing a KM team would name as a reason: how well
the person's content matches (the unsupervised evidence score, their best match, by
keywords and by meaning), how much of it there is, how many of their answers are in
threads like this one and were accepted there, their track record overall, how long
since they last wrote and how much they answered in the last two weeks.

The features fall into the groups a page shows as the parts of a learned score
(`GROUPS`): a part per group, named like the graph signals it replaces.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from graph_service.store.base import Evidence
from queries.expert_scoring import Expert
from queries.person_activity import PersonActivity
from queries.retrieval import Retrieved

FEATURES: tuple[str, ...] = (
    "evidence",
    "evidence_share",
    "reciprocal_rank",
    "best_match",
    "items",
    "keyword_best",
    "vector_best",
    "cosine_best",
    "thread_items",
    "answers_here",
    "accepted_here",
    "answers",
    "accepted",
    "acceptance",
    "idle_days",
    "recent_answers",
)
"""The inputs of a learned ranking, in the order its model reads them."""
GROUPS: dict[str, str] = {
    **dict.fromkeys(FEATURES[:8], "match"),
    **dict.fromkeys(("thread_items", "answers_here", "accepted_here"), "similar_questions"),
    **dict.fromkeys(("answers", "accepted", "acceptance"), "track_record"),
    "idle_days": "activity",
    "recent_answers": "activity",
}
"""The signal each feature's part of a learned score is shown under."""
NEVER_ACTIVE_DAYS = 10_000.0
"""`idle_days` of a person with no dated contribution before the moment ranked."""


@dataclass(frozen=True)
class Match:
    """One content's part in a query's evidence: its relevance, what it is, and what the
    retrievers said of its best chunk (None: it counts through its thread's opening post)."""

    relevance: float
    evidence: Evidence
    retrieved: Retrieved | None


def feature_rows(
    experts: dict[str, Expert],
    matches: dict[str, Match],
    activity: PersonActivity,
    as_of: datetime,
) -> dict[str, list[float]]:
    """One row of `FEATURES` per expert, as of `as_of`."""
    if not experts:
        return {}
    by_person: dict[str, list[Match]] = defaultdict(list)
    for match in matches.values():
        for author in match.evidence.authors:
            by_person[author.id].append(match)
    best_relevance = max(match.relevance for match in matches.values())
    best_evidence = max(expert.evidence_total for expert in experts.values()) or 1.0
    order = sorted(experts.values(), key=lambda e: (-e.evidence_total, e.person_id))
    rank = {expert.person_id: position for position, expert in enumerate(order, start=1)}
    rows = {}
    for person_id, expert in experts.items():
        own = by_person.get(person_id, [])
        retrieved = [match.retrieved for match in own if match.retrieved is not None]
        answers_here = [m for m in own if m.evidence.content_kind == "answer"]
        record = activity.record(person_id, as_of)
        idle = (
            (as_of - record.last_active).total_seconds() / 86_400
            if record.last_active
            else NEVER_ACTIVE_DAYS
        )
        rows[person_id] = [
            expert.evidence_total,
            expert.evidence_total / best_evidence,
            1.0 / rank[person_id],
            max((m.relevance for m in own), default=0.0) / (best_relevance or 1.0),
            math.log1p(len(own)),
            max((item.keyword_score or 0.0 for item in retrieved), default=0.0),
            max((item.vector_score or 0.0 for item in retrieved), default=0.0),
            max((item.cosine or 0.0 for item in retrieved), default=0.0),
            math.log1p(sum(1 for m in own if m.retrieved is None)),
            math.log1p(len(answers_here)),
            math.log1p(sum(1 for m in answers_here if m.evidence.accepted)),
            math.log1p(record.answers),
            math.log1p(record.accepted),
            (record.accepted + 1) / (record.answers + 2),
            math.log1p(max(idle, 0.0)),
            math.log1p(record.recent_answers),
        ]
    return rows
