"""Telling apart people who share a display name: by their main community and main domain.

Two members called "สมชาย ใจดี" were told apart only by their ids (issue 17). Every list and
card that names a person adds, for a person whose name another person with expertise also
has, a short line such as "Organic Farming and Water CoP · Composting": the community most
of their recent content is in and the domain of their best EXPERT_IN score, in the reader's
language. Found once per graph version and caller scope; people without any expertise are
not compared (they are never listed as experts).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph_service.store.base import GraphStore, SearchScope
from queries.expertise_view import ExpertiseViews
from queries.versioned import VersionedCache

RECENT_CONTENT = 50
"""How much of a namesake's recent content decides their main community."""


@dataclass(frozen=True)
class Namesake:
    """What tells a person apart from another of the same name."""

    community_id: str | None
    domain_id: str | None


class Namesakes:
    """The namesakes a caller scope can see, each with their main community and domain."""

    def __init__(self, store: GraphStore, views: ExpertiseViews) -> None:
        self._store = store
        self._views = views
        self._cache: VersionedCache[frozenset[str] | None, dict[str, Namesake]] = VersionedCache(
            self._compute
        )

    def of(self, scope: SearchScope) -> dict[str, Namesake]:
        """By person id, every person with expertise who shares their name with another."""
        return self._cache.get(scope.private_allowed, self._store.data_version())

    def label(self, person_id: str, scope: SearchScope, language: str) -> str | None:
        """ "community · domain" for a namesake, in `language`; None for anyone else."""
        found = self.of(scope).get(person_id)
        if found is None:
            return None
        parts = []
        if found.community_id:
            community = self._store.get_community(found.community_id)
            parts.append(community.name_in(language) if community else found.community_id)
        if found.domain_id:
            domain = next((d for d in self._store.list_domains() if d.id == found.domain_id), None)
            parts.append(domain.name_in(language) if domain else found.domain_id)
        return " · ".join(parts) or person_id

    def _compute(self, private_allowed: frozenset[str] | None) -> dict[str, Namesake]:
        scope = SearchScope(private_allowed=private_allowed)
        view = self._views.get(scope)
        by_name: dict[str, list[str]] = defaultdict(list)
        for person in self._store.get_people(sorted(view.by_person)):
            by_name[" ".join(person.name.casefold().split())].append(person.id)
        namesakes = [person_id for ids in by_name.values() if len(ids) > 1 for person_id in ids]
        communities = self._store.main_communities(namesakes, RECENT_CONTENT, scope)
        return {
            person_id: Namesake(communities.get(person_id), view.by_person[person_id][0].domain_id)
            for person_id in namesakes
        }
