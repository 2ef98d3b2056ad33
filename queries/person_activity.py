"""What each person has done, as of any moment: answers, accepted answers, last activity.

The learned ranking (queries.learned_ranking) weighs a person's track record beside the
evidence a query finds: how often they answer, how often their answer is the accepted one,
how long since they last wrote. It is trained on the community's past questions, each of
which may see only what came before it, and ranks today's queries with the same numbers
taken as of now: so the record is kept as dated events, counted up to any moment.

Read from the store's authorships (every author of every document and post), per set of
private communities a caller may see (a private community's activity counts only for
callers who may see it), then changed by each write's delta (`queries.versioned.DeltaCache`):
the authorships of the people whose content changed are read and put in place of theirs.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from graph_service.models import ContentKind
from graph_service.store.base import Authorship, GraphStore, SearchScope, ViewChanges
from queries.versioned import DeltaCache
from queries.visibility import sees_private

ACTIVITY_KEPT = 4
"""Activity indexes kept per graph version, one per set of visible private communities."""
RECENT_DAYS = 14
"""The window of `Record.recent_answers` and `PersonActivity.recent_responses`: two weeks,
who is answering now. Chosen on the quantumcomputing folds 1-3 (234 questions) against the
month first chosen: nDCG@10 +0.010 [+0.002, +0.020], P@1 +0.017 [+0.000, +0.038]; 10 days
about the same, 7 less, 60 worse (nDCG@10 -0.005); every planted case as before."""
RESPONSES: frozenset[ContentKind] = frozenset({"answer", "reply"})
"""What helping someone else is: answering a question, replying in another's thread."""


@dataclass(frozen=True)
class Record:
    """A person's track record up to one moment."""

    answers: int
    accepted: int
    contributions: int
    last_active: datetime | None
    recent_answers: int
    """Answers in the `RECENT_DAYS` before the moment: who is answering these weeks."""


@dataclass(frozen=True)
class PersonActivity:
    """Each person's dated contributions, answers, accepted answers and responses (answers
    and replies), as sorted timestamps."""

    everything: dict[str, list[float]]
    answers: dict[str, list[float]]
    accepted: dict[str, list[float]]
    responses: dict[str, list[float]]

    @classmethod
    def of(cls, store: GraphStore, scope: SearchScope) -> PersonActivity:
        """The activity `scope` may see: public content and its private communities."""
        return cls.of_items(store.authorships(), scope)

    @classmethod
    def of_items(cls, items: list[Authorship], scope: SearchScope) -> PersonActivity:
        """The activity of `items` that `scope` may see."""
        everything: dict[str, list[float]] = defaultdict(list)
        answers: dict[str, list[float]] = defaultdict(list)
        accepted: dict[str, list[float]] = defaultdict(list)
        responses: dict[str, list[float]] = defaultdict(list)
        for item in items:
            if item.created_at is None or not sees_private(scope, item.private_community):
                continue
            moment = item.created_at.timestamp()
            everything[item.person_id].append(moment)
            if item.content_kind == "answer":
                answers[item.person_id].append(moment)
                if item.accepted:
                    accepted[item.person_id].append(moment)
            if item.content_kind in RESPONSES:
                responses[item.person_id].append(moment)
        for index in (everything, answers, accepted, responses):
            for moments in index.values():
                moments.sort()
        return cls(dict(everything), dict(answers), dict(accepted), dict(responses))

    def updated(self, people: frozenset[str], fresh: PersonActivity) -> PersonActivity:
        """This activity with that of `people` replaced by `fresh` (theirs, all of it)."""
        indexes = []
        for mine, theirs in (
            (self.everything, fresh.everything),
            (self.answers, fresh.answers),
            (self.accepted, fresh.accepted),
            (self.responses, fresh.responses),
        ):
            index = dict(mine)
            for person_id in people:
                index.pop(person_id, None)
            index.update(theirs)
            indexes.append(index)
        return PersonActivity(*indexes)

    def record(self, person_id: str, before: datetime | None) -> Record:
        """What `person_id` had done strictly before `before` (None: everything)."""
        cut = before.timestamp() if before else float("inf")
        everything = self.everything.get(person_id, [])
        count = bisect.bisect_left(everything, cut)
        answers = self.answers.get(person_id, [])
        since = _window_start(before or datetime.now(UTC))
        return Record(
            answers=bisect.bisect_left(answers, cut),
            recent_answers=_between(answers, since, cut),
            accepted=bisect.bisect_left(self.accepted.get(person_id, []), cut),
            contributions=count,
            last_active=datetime.fromtimestamp(everything[count - 1], UTC) if count else None,
        )

    def recent_responses(self, person_id: str, before: datetime) -> int:
        """How many answers and replies `person_id` wrote in the `RECENT_DAYS` before
        `before`: who is helping others these weeks."""
        moments = self.responses.get(person_id, [])
        return _between(moments, _window_start(before), before.timestamp())


def _window_start(moment: datetime) -> float:
    """The start of the `RECENT_DAYS` window that ends at `moment`, in epoch seconds."""
    return moment.timestamp() - RECENT_DAYS * 86_400


def _between(moments: list[float], since: float, cut: float) -> int:
    """How many of the sorted `moments` fall in [since, cut)."""
    return bisect.bisect_left(moments, cut) - bisect.bisect_left(moments, since)


class PersonActivities:
    """The activity each caller scope sees of one store, changed by each write's delta."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._cache: DeltaCache[frozenset[str] | None, PersonActivity] = DeltaCache(
            store, frozenset({"activity"}), self._compute, self._update, ACTIVITY_KEPT
        )

    def get(self, scope: SearchScope) -> PersonActivity:
        """The activity `scope` may see, as the graph is now."""
        return self._cache.get(scope.private_allowed)

    def _compute(self, private_allowed: frozenset[str] | None) -> PersonActivity:
        return PersonActivity.of(self._store, SearchScope(private_allowed=private_allowed))

    def _update(
        self, activities: dict[frozenset[str] | None, PersonActivity], changes: ViewChanges
    ) -> dict[frozenset[str] | None, PersonActivity]:
        people = changes.of("activity")
        items = self._store.authorships(sorted(people))
        return {
            allowed: activity.updated(
                people, PersonActivity.of_items(items, SearchScope(private_allowed=allowed))
            )
            for allowed, activity in activities.items()
        }
