"""EXPERT_IN as one caller sees it, indexed by person and by domain, kept per graph version.

Expert search reads EXPERT_IN three ways per request: the people of the query's domains,
the people of a `domain` filter, and the domains of each person on the page. Each was a
read of the store; the per-domain ones alone moved thousands of rows per request at
100,000 items. All of them come from one read of
the whole relationship per set of private communities, merged as `visible_expertise`
merges it, then changed by each write's delta (`queries.versioned.DeltaCache`): the rows
of the people whose EXPERT_IN rows or claims changed are read and put in place of theirs.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from graph_service.models import Expertise
from graph_service.store.base import GraphStore, SearchScope, ViewChanges
from queries.versioned import DeltaCache
from queries.visibility import visible_expertise, visible_rows

VIEWS_KEPT = 4
"""Views kept per graph version, one per set of private communities callers may see (public
only, everything, and a member group or two in practice): a view of 100,000 items holds
some 21,000 rows, about 30 MB."""


@dataclass(frozen=True)
class ExpertiseView:
    """One caller's EXPERT_IN rows (one per person and domain), each list best first.

    Attributes:
        by_person: each person's rows.
        by_domain: each domain's rows.
    """

    by_person: dict[str, list[Expertise]]
    by_domain: dict[str, list[Expertise]]

    @cached_property
    def _domain_scores(self) -> dict[str, dict[str, float]]:
        return {}

    def scores_in(self, domain_id: str) -> dict[str, float]:
        """Each person's score in `domain_id`, built once per view and domain: a query looks
        up its few hundred experts in a domain's list of thousands (at 100,000 items)."""
        found = self._domain_scores.get(domain_id)
        if found is None:
            rows = self.by_domain.get(domain_id, [])
            found = self._domain_scores[domain_id] = {row.person_id: row.score for row in rows}
        return found

    @classmethod
    def of(cls, rows: list[Expertise]) -> ExpertiseView:
        """The view of `rows` as `visible_expertise` returns them (best first)."""
        by_person: dict[str, list[Expertise]] = defaultdict(list)
        by_domain: dict[str, list[Expertise]] = defaultdict(list)
        for row in rows:
            by_person[row.person_id].append(row)
            by_domain[row.domain_id].append(row)
        return cls(dict(by_person), dict(by_domain))

    def updated(self, people: frozenset[str], rows: list[Expertise]) -> ExpertiseView:
        """This view with the rows of `people` replaced by `rows` (theirs as `of` takes
        them, best first): what `of` gives for the rows of everyone after the change.

        Each domain list a changed person is in is copied once, and their rows are taken
        out and put in at their places in the order (by bisection: a domain's list at
        100,000 items is thousands of rows, a push changes a few)."""
        by_person = dict(self.by_person)
        by_domain = dict(self.by_domain)
        copied: set[str] = set()

        def own(domain_id: str) -> list[Expertise]:
            if domain_id not in copied:
                by_domain[domain_id] = list(by_domain.get(domain_id, []))
                copied.add(domain_id)
            return by_domain[domain_id]

        for person_id in people:
            for row in by_person.pop(person_id, []):
                listed = own(row.domain_id)
                del listed[bisect.bisect_left(listed, _best_first(row), key=_best_first)]
        fresh = ExpertiseView.of(rows)
        by_person.update(fresh.by_person)
        for domain_id, added in fresh.by_domain.items():
            listed = own(domain_id)
            for row in added:
                bisect.insort(listed, row, key=_best_first)
        for domain_id in copied:
            if not by_domain[domain_id]:
                del by_domain[domain_id]
        return ExpertiseView(by_person, by_domain)


def _best_first(row: Expertise) -> tuple[float, str, str]:
    """The order of `merge_expertise`."""
    return (-row.score, row.person_id, row.domain_id)


class ExpertiseViews:
    """The view of each caller scope over one store, changed by each write's delta."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._cache: DeltaCache[frozenset[str] | None, ExpertiseView] = DeltaCache(
            store, frozenset({"expertise"}), self._compute, self._update, VIEWS_KEPT
        )

    def get(self, scope: SearchScope) -> ExpertiseView:
        """EXPERT_IN as `scope` may see it, as of now (one small read when nothing changed)."""
        return self._cache.get(scope.private_allowed)

    def _compute(self, private_allowed: frozenset[str] | None) -> ExpertiseView:
        scope = SearchScope(private_allowed=private_allowed)
        return ExpertiseView.of(visible_expertise(self._store, scope))

    def _update(
        self, views: dict[frozenset[str] | None, ExpertiseView], changes: ViewChanges
    ) -> dict[frozenset[str] | None, ExpertiseView]:
        """Every view with the rows of the people whose rows or claims changed read again."""
        people = changes.of("expertise")
        ordered = sorted(people)
        rows = [row for person_id in ordered for row in self._store.expertise(person_id)]
        claims = self._store.skill_claims(ordered)
        return {
            allowed: view.updated(
                people, visible_rows(rows, claims, SearchScope(private_allowed=allowed))
            )
            for allowed, view in views.items()
        }
