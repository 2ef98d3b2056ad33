"""Telling apart people who share a display name: by their main community and main domain.

Two members called "สมชาย ใจดี" were told apart only by their ids (issue 17). Every list and
card that names a person adds, for a person whose name another person with expertise also
has, a short line such as "Organic Farming and Water CoP · Composting": the community most
of their recent content is in and the domain of their best EXPERT_IN score, in the reader's
language. Found once per caller scope, then changed by each write's delta
(`queries.versioned.DeltaCache`): only the names shared with someone whose expertise,
content or name changed are looked at again. People without any expertise are not
compared (they are never listed as experts).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from graph_service.store.base import GraphStore, SearchScope, ViewChanges
from queries.expertise_view import ExpertiseView, ExpertiseViews
from queries.versioned import DeltaCache

RECENT_CONTENT = 50
"""How much of a namesake's recent content decides their main community."""
CHANGED_BY = frozenset({"expertise", "activity", "person"})
"""What moves a namesake: their expertise (whether they are listed, their best domain),
their content (their main community) and their name."""


@dataclass(frozen=True)
class Namesake:
    """What tells a person apart from another of the same name."""

    community_id: str | None
    domain_id: str | None


@dataclass(frozen=True)
class NamesakeIndex:
    """Who is a namesake in one caller scope, and what the next delta needs to say so.

    Attributes:
        names: each stored person with expertise, by id: their name as compared.
        groups: each of those names: the ids of the people who have it.
        found: the namesakes, each with what tells them apart.
    """

    names: dict[str, str]
    groups: dict[str, frozenset[str]]
    found: dict[str, Namesake]


class Namesakes:
    """The namesakes a caller scope can see, each with their main community and domain."""

    def __init__(self, store: GraphStore, views: ExpertiseViews) -> None:
        self._store = store
        self._views = views
        self._cache: DeltaCache[frozenset[str] | None, NamesakeIndex] = DeltaCache(
            store, CHANGED_BY, self._compute, self._update
        )

    def of(self, scope: SearchScope) -> dict[str, Namesake]:
        """By person id, every person with expertise who shares their name with another."""
        return self._cache.get(scope.private_allowed).found

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

    def _compute(self, private_allowed: frozenset[str] | None) -> NamesakeIndex:
        scope = SearchScope(private_allowed=private_allowed)
        view = self._views.get(scope)
        names = self._names(sorted(view.by_person))
        groups: dict[str, set[str]] = defaultdict(set)
        for person_id, name in names.items():
            groups[name].add(person_id)
        frozen = {name: frozenset(ids) for name, ids in groups.items()}
        return NamesakeIndex(names, frozen, self._namesakes(frozen.values(), view, scope))

    def _update(
        self, indexes: dict[frozenset[str] | None, NamesakeIndex], changes: ViewChanges
    ) -> dict[frozenset[str] | None, NamesakeIndex]:
        """Every index with the names of the people who changed looked at again."""
        people = frozenset().union(*(changes.of(kind) for kind in CHANGED_BY))
        stored = self._names(sorted(people))
        return {
            allowed: self._updated(index, people, stored, SearchScope(private_allowed=allowed))
            for allowed, index in indexes.items()
        }

    def _updated(
        self,
        index: NamesakeIndex,
        people: frozenset[str],
        stored: dict[str, str],
        scope: SearchScope,
    ) -> NamesakeIndex:
        view = self._views.get(scope)
        names = dict(index.names)
        groups = dict(index.groups)
        touched: set[str] = set()
        for person_id in people:
            old = names.pop(person_id, None)
            if old is not None:
                touched.add(old)
                groups[old] = groups[old] - {person_id}
            new = stored.get(person_id) if person_id in view.by_person else None
            if new is not None:
                names[person_id] = new
                touched.add(new)
                groups[new] = groups.get(new, frozenset()) | {person_id}
        for name in touched:
            if not groups[name]:
                del groups[name]
        changed = [groups[name] for name in touched if name in groups]
        found = dict(index.found)
        for person_id in people:
            found.pop(person_id, None)
        known = {i: found.pop(i) for i in frozenset().union(*changed) if i in found}
        found.update(self._namesakes(changed, view, scope, known))
        return NamesakeIndex(names, groups, found)

    def _names(self, person_ids: list[str]) -> dict[str, str]:
        """The stored persons among `person_ids`, by id: their names as compared."""
        return {
            person.id: " ".join(person.name.casefold().split())
            for person in self._store.get_people(person_ids)
        }

    def _namesakes(
        self,
        groups: Iterable[frozenset[str]],
        view: ExpertiseView,
        scope: SearchScope,
        known: dict[str, Namesake] | None = None,
    ) -> dict[str, Namesake]:
        """The people of each group of more than one, with what tells them apart (people
        the view no longer lists, by a write the next delta brings, are left out). What is
        `known` of a person (a namesake before, and nothing of theirs changed) is kept."""
        known = known or {}
        listed = [[i for i in sorted(ids) if i in view.by_person] for ids in groups]
        namesakes = [person_id for ids in listed if len(ids) > 1 for person_id in ids]
        unknown = [person_id for person_id in namesakes if person_id not in known]
        communities = self._store.main_communities(unknown, RECENT_CONTENT, scope)
        return {
            person_id: known.get(person_id)
            or Namesake(communities.get(person_id), view.by_person[person_id][0].domain_id)
            for person_id in namesakes
        }
