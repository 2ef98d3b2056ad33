"""Whom a `profile` key acts for: the members its portal signs in, and no one else.

A portal edits and reads privately the profiles of its own members only (issue 16's
privacy): the keys file binds each `profile` key to person ids, to communities (everyone
who wrote in one is a member of it) or to everyone (`*`, a portal of the whole
organisation). Admin keys act for everyone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from graph_service.store.base import GraphStore, SearchScope

EVERYONE = "*"
COMMUNITY_PREFIX = "community:"


@dataclass(frozen=True)
class Members:
    """The people a key acts for: named ones, the members of communities, or everyone."""

    people: frozenset[str] = frozenset()
    communities: frozenset[str] = frozenset()
    everybody: bool = False

    @classmethod
    def everyone(cls) -> Members:
        """Every person (admin keys, and `profile` keys bound to `*`)."""
        return cls(everybody=True)

    @classmethod
    def of(cls, acts_for: Iterable[str]) -> Members:
        """From a key's `acts_for` entries: person ids, `community:<id>`, `*`."""
        entries = set(acts_for)
        return cls(
            people=frozenset(
                e for e in entries if e != EVERYONE and not e.startswith(COMMUNITY_PREFIX)
            ),
            communities=frozenset(
                e.removeprefix(COMMUNITY_PREFIX) for e in entries if e.startswith(COMMUNITY_PREFIX)
            ),
            everybody=EVERYONE in entries,
        )

    def include(self, store: GraphStore, person_id: str) -> bool:
        """Whether `person_id` is one of them: named, or the author of anything in one of
        the communities (private ones count: membership is not visibility)."""
        if self.everybody or person_id in self.people:
            return True
        if not self.communities:
            return False
        scope = SearchScope(communities=self.communities, private_allowed=None)
        return bool(store.recent_content(person_id, 1, scope))
