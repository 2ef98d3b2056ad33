"""What people said about themselves, indexed for ranking: one read per graph version.

Expert search, recommendations, routing and the gap map each ask "did this person hide
this domain, confirm it, declare it? have they left? can they be asked?" for every
candidate of every request. Claims and statuses are small and change only with a profile
write, so they are read again only after one (logged as 'profile' in the embedded store's
change log; per data version on Neo4j).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from graph_service.profiles import PersonStatus, SkillClaim
from graph_service.store.base import GraphStore
from queries.versioned import DeltaCache


@dataclass(frozen=True)
class ProfileIndex:
    """Claims by kind and statuses by person.

    Attributes:
        hidden: (person, domain) pairs the person hid.
        confirmed: (person, domain) pairs the person confirmed.
        declared: each domain's declarations, by person id.
        statuses: each person's stored status (a person without one is active).
    """

    hidden: frozenset[tuple[str, str]] = frozenset()
    confirmed: frozenset[tuple[str, str]] = frozenset()
    declared: dict[str, dict[str, SkillClaim]] = field(default_factory=dict)
    statuses: dict[str, PersonStatus] = field(default_factory=dict)

    @classmethod
    def of(cls, claims: list[SkillClaim], statuses: list[PersonStatus]) -> ProfileIndex:
        """The index of a store's claims and statuses."""
        declared: dict[str, dict[str, SkillClaim]] = defaultdict(dict)
        for claim in claims:
            if claim.kind == "declared":
                declared[claim.domain_id][claim.person_id] = claim
        return cls(
            hidden=frozenset((c.person_id, c.domain_id) for c in claims if c.kind == "hidden"),
            confirmed=frozenset(
                (c.person_id, c.domain_id) for c in claims if c.kind == "confirmed"
            ),
            declared=dict(declared),
            statuses={status.person_id: status for status in statuses},
        )

    def hides_any(self, person_id: str, domain_ids: set[str]) -> bool:
        """Whether the person hid one of `domain_ids`."""
        return any((person_id, domain_id) in self.hidden for domain_id in domain_ids)

    def has_left(self, person_id: str, today: date) -> bool:
        """Whether the person has left as of `today`."""
        status = self.statuses.get(person_id)
        return status is not None and status.has_left(today)

    def can_be_asked(self, person_id: str, today: date) -> bool:
        """Whether a question may go to the person on `today` (no status: yes)."""
        status = self.statuses.get(person_id)
        return status is None or status.can_be_asked(today)


class ProfileIndexes:
    """The store's `ProfileIndex`, read again only after a claim or status changed."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._cache: DeltaCache[None, ProfileIndex] = DeltaCache(
            store, frozenset({"profile"}), self._read, kept=1
        )

    def get(self) -> ProfileIndex:
        """The index as of now (one version read when nothing changed)."""
        return self._cache.get(None)

    def _read(self, _: None) -> ProfileIndex:
        return ProfileIndex.of(self._store.skill_claims(), self._store.person_statuses())
