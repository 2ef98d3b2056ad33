"""EXPERT_IN as each caller may see it: private evidence is derived apart and merged back.

In the crafted graph somchai's only d:km evidence is a Thai article in the private c:nurse
(tests/contract/fixtures.py). Derivation keeps it in its own row, so a caller outside c:nurse
sees no d:km expertise for him, and an admin sees the same scores a derivation over all
evidence at once gives.
"""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.models import Expertise
from graph_service.store.base import GraphStore, SearchScope
from ingest.derive import recompute_expertise
from queries.visibility import visible_expertise
from tests.contract.fixtures import EVERYONE, PUBLIC

NOW = datetime(2026, 1, 1, tzinfo=UTC)
NURSES = SearchScope(private_allowed=frozenset({"c:nurse"}))


def _pairs(rows: list[Expertise]) -> set[tuple[str, str]]:
    return {(row.person_id, row.domain_id) for row in rows}


def test_private_evidence_is_derived_into_rows_of_its_own(loaded: GraphStore) -> None:
    recompute_expertise(loaded, NOW, half_life_days=365)
    private = [row for row in loaded.expertise() if row.private_community is not None]
    assert {(row.person_id, row.domain_id, row.private_community) for row in private} == {
        ("p:somchai", "d:km", "c:nurse")
    }


def test_a_caller_sees_only_expertise_derived_from_what_they_may_see(
    loaded: GraphStore,
) -> None:
    recompute_expertise(loaded, NOW, half_life_days=365)
    assert ("p:somchai", "d:km") not in _pairs(visible_expertise(loaded, PUBLIC))
    assert ("p:somchai", "d:km") in _pairs(visible_expertise(loaded, NURSES))
    assert visible_expertise(loaded, EVERYONE) == visible_expertise(loaded, NURSES)
    assert visible_expertise(loaded, PUBLIC, person_id="p:somchai", domain_id="d:km") == []
    in_km = visible_expertise(loaded, NURSES, domain_id="d:km")
    assert "p:somchai" in {row.person_id for row in in_km}
    assert "p:somchai" not in {
        row.person_id for row in visible_expertise(loaded, PUBLIC, domain_id="d:km")
    }
