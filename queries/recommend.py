"""Recommendations that portals embed: people to ask, practices to read, communities to join.

Each recommendation comes with a reason a reader understands. They are built from the same
ranking as expert finding and practice search, seeded by a query, a document (its title and
opening) or a person (the titles of what they wrote lately), so one rule explains them all.
People to ask are those who may be asked (not away, not unavailable for questions; people
who left are never found), spread by fair load as routing spreads them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from graph_service.errors import NotFound
from graph_service.store.base import GraphStore, SearchScope
from queries.experts import Expert, ExpertFinder, ExpertQuery
from queries.fair_load import FairLoad
from queries.practices import PracticeSearch
from queries.question_routing import pick
from queries.visibility import community_visible

SEED_CHARS = 1000


@dataclass(frozen=True)
class Recommendation:
    """One thing to look at, and why."""

    id: str
    title: str
    reason: str
    score: float
    domain_id: str | None = None
    """A practice's first domain: where the full page lists it (the embed card links there)."""
    title_th: str = ""
    """The title a Thai reader sees, where the files give one (a community's Thai name)."""

    def title_in(self, language: str) -> str:
        """The title for a reader of `language` (th or en)."""
        return self.title_th if language == "th" and self.title_th else self.title


@dataclass
class Recommendations:
    """People to ask, practices to read, communities to join."""

    people: list[Recommendation] = field(default_factory=list)
    practices: list[Recommendation] = field(default_factory=list)
    communities: list[Recommendation] = field(default_factory=list)


class Recommender:
    """Recommends from a query, a document or a person, within what the caller may see."""

    def __init__(
        self,
        store: GraphStore,
        experts: ExpertFinder,
        practices: PracticeSearch,
        fair_load: FairLoad | None = None,
    ) -> None:
        """`fair_load`: how recent routing ranks people to ask down (None: it does not)."""
        self._store = store
        self._experts = experts
        self._practices = practices
        self._fair_load = fair_load

    def for_document(self, document_id: str, scope: SearchScope, limit: int) -> Recommendations:
        """For readers of a document: its topic's experts (not its authors) and practices."""
        document = self._store.get_document(document_id)
        if document is None or not community_visible(self._store, scope, document.community_id):
            raise NotFound("document", document_id)
        seed = f"{document.title}\n{document.text[:SEED_CHARS]}"
        return self._recommend(seed, scope, limit, set(document.author_ids), document_id)

    def for_person(self, person_id: str, scope: SearchScope, limit: int) -> Recommendations:
        """For a member: people and practices around what they wrote about lately."""
        person = self._store.get_person(person_id)
        if person is None or person.opted_out:
            raise NotFound("person", person_id)
        titles = {item.title for item in self._store.recent_content(person_id, 10, scope)}
        if not titles:
            return Recommendations()
        return self._recommend("\n".join(sorted(titles)), scope, limit, {person_id}, None)

    def for_text(self, text: str, scope: SearchScope, limit: int) -> Recommendations:
        """For a search box or a page's text."""
        return self._recommend(text, scope, limit, set(), None)

    def _recommend(
        self,
        seed: str,
        scope: SearchScope,
        limit: int,
        exclude_people: set[str],
        exclude_document: str | None,
    ) -> Recommendations:
        ranked = self._people_to_ask(seed, scope, exclude_people)[:limit]
        people = [
            Recommendation(
                id=e.person_id,
                title=e.name,
                reason=f"{e.evidence[0].role} of “{e.evidence[0].title}”" if e.evidence else "",
                score=round(e.score, 4),
            )
            for e in ranked
        ]
        practices = [
            Recommendation(
                id=r.practice.id,
                title=r.practice.title,
                reason="; ".join(r.reasons),
                score=round(r.score, 4),
                domain_id=r.practice.domain_ids[0] if r.practice.domain_ids else None,
            )
            for r in self._practices.search(seed, scope, limit + 1)
            if exclude_document is None or not r.practice.source_id.startswith(exclude_document)
        ][:limit]
        return Recommendations(people, practices, self._communities(ranked, limit))

    def _people_to_ask(self, seed: str, scope: SearchScope, exclude: set[str]) -> list[Expert]:
        """Expert search's people for `seed` who may be asked (not away, not unavailable),
        reordered by fair load; those with evidence before those who only declared."""
        now = datetime.now(UTC)
        profiles = self._experts.profiles.get()
        found = [
            e
            for e in self._experts.find(ExpertQuery(text=seed, scope=scope), now)
            if e.person_id not in exclude and profiles.can_be_asked(e.person_id, now.date())
        ]
        if self._fair_load is None:
            return found
        load = self._fair_load.load(self._store.routings(), now)
        return [expert for expert, _, _ in pick(found, load, self._fair_load, len(found))]

    def _communities(self, ranked: list[Expert], limit: int) -> list[Recommendation]:
        counts: Counter[str] = Counter()
        for expert in ranked:
            for item in expert.evidence:
                document = self._store.get_document(item.document_id)
                if document and document.community_id:
                    counts[document.community_id] += 1
        found = []
        for community_id, count in counts.most_common(limit):
            community = self._store.get_community(community_id)
            reason = f"{count} of the best answers on this topic were written there"
            found.append(
                Recommendation(
                    id=community_id,
                    title=community.name if community else community_id,
                    reason=reason,
                    score=count,
                    title_th=community.name_th if community else "",
                )
            )
        return found
