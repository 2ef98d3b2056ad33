"""EXPERT_IN as one caller sees it, indexed by person and by domain, kept per graph version.

Expert search reads EXPERT_IN four ways per request: everyone's standing (the sum over all
domains), the people of the query's domains, the people of a `domain` filter, and the
domains of each person on the page. Each was a read of the store; the per-domain ones alone
moved thousands of rows per request at 100,000 items. All of them come from one read of
the whole relationship per graph version and set of private communities (see
`queries.versioned`), merged as `visible_expertise` merges it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from graph_service.models import Expertise
from graph_service.store.base import GraphStore, SearchScope
from queries.versioned import VersionedCache
from queries.visibility import visible_expertise

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
        standing: each person's summed scores over all domains (Balog's candidate prior).
    """

    by_person: dict[str, list[Expertise]]
    by_domain: dict[str, list[Expertise]]
    standing: dict[str, float]

    @classmethod
    def of(cls, rows: list[Expertise]) -> ExpertiseView:
        """The view of `rows` as `visible_expertise` returns them (best first)."""
        by_person: dict[str, list[Expertise]] = defaultdict(list)
        by_domain: dict[str, list[Expertise]] = defaultdict(list)
        standing: dict[str, float] = defaultdict(float)
        for row in rows:
            by_person[row.person_id].append(row)
            by_domain[row.domain_id].append(row)
            standing[row.person_id] += row.score
        return cls(dict(by_person), dict(by_domain), dict(standing))


class ExpertiseViews:
    """The view of each caller scope over one store, read again only after a write."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._cache: VersionedCache[frozenset[str] | None, ExpertiseView] = VersionedCache(
            self._compute, VIEWS_KEPT
        )

    def get(self, scope: SearchScope) -> ExpertiseView:
        """EXPERT_IN as `scope` may see it, as of now (one version read on a hit)."""
        return self._cache.get(scope.private_allowed, self._store.data_version())

    def _compute(self, private_allowed: frozenset[str] | None) -> ExpertiseView:
        scope = SearchScope(private_allowed=private_allowed)
        return ExpertiseView.of(visible_expertise(self._store, scope))
