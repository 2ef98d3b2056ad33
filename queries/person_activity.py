"""What each person has done, as of any moment: answers, accepted answers, last activity.

The learned ranking (queries.learned_ranking) weighs a person's track record beside the
evidence a query finds: how often they answer, how often their answer is the accepted one,
how long since they last wrote. It is trained on the community's past questions, each of
which may see only what came before it, and ranks today's queries with the same numbers
taken as of now: so the record is kept as dated events, counted up to any moment.

Read from the store's authorships (every author of every document and post), per graph
version and set of private communities a caller may see: a private community's activity
counts only for callers who may see it.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from graph_service.store.base import GraphStore, SearchScope
from queries.versioned import VersionedCache
from queries.visibility import sees_private

ACTIVITY_KEPT = 4
"""Activity indexes kept per graph version, one per set of visible private communities."""


@dataclass(frozen=True)
class Record:
    """A person's track record up to one moment."""

    answers: int
    accepted: int
    contributions: int
    last_active: datetime | None


@dataclass(frozen=True)
class PersonActivity:
    """Each person's dated contributions, answers and accepted answers (sorted timestamps)."""

    everything: dict[str, list[float]]
    answers: dict[str, list[float]]
    accepted: dict[str, list[float]]

    @classmethod
    def of(cls, store: GraphStore, scope: SearchScope) -> PersonActivity:
        """The activity `scope` may see: public content and its private communities."""
        everything: dict[str, list[float]] = defaultdict(list)
        answers: dict[str, list[float]] = defaultdict(list)
        accepted: dict[str, list[float]] = defaultdict(list)
        for item in store.authorships():
            if item.created_at is None or not sees_private(scope, item.private_community):
                continue
            moment = item.created_at.timestamp()
            everything[item.person_id].append(moment)
            if item.content_kind == "answer":
                answers[item.person_id].append(moment)
                if item.accepted:
                    accepted[item.person_id].append(moment)
        for index in (everything, answers, accepted):
            for moments in index.values():
                moments.sort()
        return cls(dict(everything), dict(answers), dict(accepted))

    def record(self, person_id: str, before: datetime | None) -> Record:
        """What `person_id` had done strictly before `before` (None: everything)."""
        cut = before.timestamp() if before else float("inf")
        everything = self.everything.get(person_id, [])
        count = bisect.bisect_left(everything, cut)
        return Record(
            answers=bisect.bisect_left(self.answers.get(person_id, []), cut),
            accepted=bisect.bisect_left(self.accepted.get(person_id, []), cut),
            contributions=count,
            last_active=datetime.fromtimestamp(everything[count - 1], UTC) if count else None,
        )


class PersonActivities:
    """The activity each caller scope sees of one store, read again only after a write."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._cache: VersionedCache[frozenset[str] | None, PersonActivity] = VersionedCache(
            self._compute, ACTIVITY_KEPT
        )

    def get(self, scope: SearchScope) -> PersonActivity:
        """The activity `scope` may see, as the graph is now."""
        return self._cache.get(scope.private_allowed, self._store.data_version())

    def _compute(self, private_allowed: frozenset[str] | None) -> PersonActivity:
        return PersonActivity.of(self._store, SearchScope(private_allowed=private_allowed))
