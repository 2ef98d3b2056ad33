"""Question routing: a portal's unanswered question goes to the people who can answer it.

The people are expert search's, for the question's text, over public content and the
question's own community, less everyone who may not be asked (opted out, left, away,
unavailable for questions, the asker, anyone it already went to), reordered by fair load
(`queries.fair_load`). Every round is recorded on the routing. A routing closes when its
thread (`document_id`) gets a post by someone other than the asker, however it arrives
(ingest, `POST /v1/discussions`); one still open past the timeout goes to the next people.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from graph_service.routing import QuestionRouting, RoutedPerson
from graph_service.store.base import GraphStore, SearchScope
from queries.experts import Expert, ExpertFinder, ExpertQuery
from queries.fair_load import FairLoad

CANDIDATES_READ = 50
"""Ranked people considered per round: enough after the unavailable and the already-asked."""


@dataclass(frozen=True)
class RoutingPolicy:
    """How many people per round, when to go to the next ones, how load is spread."""

    people_per_round: int = 3
    timeout: timedelta = timedelta(hours=48)
    max_rounds: int = 3
    fair_load: FairLoad = FairLoad()


@dataclass(frozen=True)
class Question:
    """A portal's new, unanswered question."""

    text: str
    asker_id: str | None = None
    community_id: str | None = None
    document_id: str | None = None


def pick(
    ranked: list[Expert],
    load: Counter[str],
    fair_load: FairLoad | None,
    count: int,
) -> list[tuple[Expert, float, list[str]]]:
    """The `count` people to ask among `ranked` (all askable), each with the score routing
    ranks them by and the reasons: their evidence, and the load that ranked them down."""
    scored = []
    for expert in ranked:
        factor = fair_load.factor(load[expert.person_id]) if fair_load else 1.0
        reasons = [_evidence_reason(expert)]
        if factor < 1.0:
            reasons.append(
                f"asked {load[expert.person_id]} question(s) lately: ranked down "
                f"{1 - factor:.0%} to spread the load"
            )
        scored.append((expert, expert.score * factor, reasons))
    scored.sort(key=lambda item: (item[0].basis != "evidence", -item[1], item[0].person_id))
    return scored[:count]


def _evidence_reason(expert: Expert) -> str:
    if expert.basis == "declared":
        return "says they know this (declared, no evidence yet)"
    if not expert.evidence:
        return "knows the domains of the question"
    item = expert.evidence[0]
    return f"{item.role} of “{item.title}”"


class QuestionRouter:
    """Routes, re-routes and closes questions over one store."""

    def __init__(self, store: GraphStore, finder: ExpertFinder, policy: RoutingPolicy) -> None:
        self._store = store
        self._finder = finder
        self.policy = policy

    def route(self, question: Question, key_name: str, now: datetime) -> QuestionRouting:
        """Route a new question (its first round) and record it."""
        routing = QuestionRouting(
            id=uuid.uuid4().hex,
            text=question.text,
            asker_id=question.asker_id,
            community_id=question.community_id,
            document_id=question.document_id,
            domain_ids=sorted(self._finder.domain_matcher.match(question.text)),
            created_at=now,
            last_routed_at=now,
            key_name=key_name,
        )
        routing = self._next_round(routing, now)
        self._store.save_routing(routing)
        return routing

    def close_answered(self, now: datetime) -> list[QuestionRouting]:
        """Close every open routing whose thread got a post by someone but the asker."""
        closed = []
        for routing in self._store.routings("open"):
            if routing.document_id is None:
                continue
            posts = self._store.get_posts(routing.document_id)
            answerers = sorted(
                {a for post in posts for a in post.author_ids if a != routing.asker_id}
            )
            if answerers:
                done = routing.model_copy(
                    update={"status": "answered", "closed_at": now, "answered_by": answerers}
                )
                self._store.save_routing(done)
                closed.append(done)
        return closed

    def reroute_due(self, now: datetime) -> list[QuestionRouting]:
        """Route every open question unanswered past the timeout to its next people, up to
        `max_rounds` rounds (a round that finds nobody new leaves it as it is, to be tried
        again later)."""
        rerouted = []
        for routing in self._store.routings("open"):
            rounds = max((r.round for r in routing.routed), default=0)
            if now - routing.last_routed_at < self.policy.timeout:
                continue
            if rounds >= self.policy.max_rounds:
                continue
            after = self._next_round(routing, now)
            if len(after.routed) > len(routing.routed):
                self._store.save_routing(after)
                rerouted.append(after)
        return rerouted

    def _next_round(self, routing: QuestionRouting, now: datetime) -> QuestionRouting:
        """The routing with one more round of people (none if nobody new can be asked)."""
        asked = {r.person_id for r in routing.routed}
        if routing.asker_id:
            asked.add(routing.asker_id)
        private = frozenset({routing.community_id}) if routing.community_id else frozenset()
        scope = SearchScope(private_allowed=private)
        profiles = self._finder.profiles.get()
        ranked = [
            expert
            for expert in self._finder.find(ExpertQuery(text=routing.text, scope=scope), now)
            if expert.person_id not in asked and profiles.can_be_asked(expert.person_id, now.date())
        ][:CANDIDATES_READ]
        load = self.policy.fair_load.load(self._store.routings(), now)
        picked = pick(ranked, load, self.policy.fair_load, self.policy.people_per_round)
        number = max((r.round for r in routing.routed), default=0) + 1
        new = [
            RoutedPerson(
                person_id=expert.person_id,
                name=expert.name,
                round=number,
                at=now,
                score=round(score, 6),
                reasons=reasons,
            )
            for expert, score, reasons in picked
        ]
        if not new:
            return routing
        return routing.model_copy(update={"routed": [*routing.routed, *new], "last_routed_at": now})
