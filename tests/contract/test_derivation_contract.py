"""What incremental derivation asks of a store: reads and replacements for some people and
some practices only, what hangs on content before it changes, and the derivation state."""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.models import Expertise, PracticeLink
from graph_service.store.base import DerivationState, Footprint, GraphStore
from tests.contract import fixtures as f
from tests.contract.test_store_contract import EXPERTISE, RELATED


def test_contributions_of_some_people_are_theirs_of_all(loaded: GraphStore) -> None:
    everyone = list(loaded.contributions())
    for people in (["p:somchai"], ["p:ann", "p:bob"], ["p:nobody"], []):
        assert list(loaded.contributions(person_ids=people)) == [
            item for item in everyone if item.person_id in people
        ]


def test_expertise_is_replaced_for_some_people_only(loaded: GraphStore) -> None:
    loaded.replace_expertise(EXPERTISE)
    ann = Expertise(
        person_id="p:ann", domain_id="d:km", score=0.9, evidence_count=4,
        last_activity=f.Q1_AT, method="test", private_community="c:nurse",
    )  # fmt: skip
    loaded.replace_expertise_for(["p:somchai", "p:ann"], [ann])
    assert loaded.expertise() == [ann]
    loaded.replace_expertise(EXPERTISE)
    loaded.replace_expertise_for(["p:ann"], [ann])
    somchai = [row for row in EXPERTISE if row.person_id == "p:somchai"]
    assert loaded.expertise() == sorted([ann, *somchai], key=lambda row: -row.score)
    loaded.replace_expertise_for(["p:somchai"], [])
    assert loaded.expertise() == [ann]
    assert loaded.stats().relationships["EXPERT_IN"] == 1


def test_related_links_are_read_and_replaced_for_some_sources_only(loaded: GraphStore) -> None:
    loaded.replace_related_practices(RELATED)
    assert loaded.related_links(["practice:doc:km", "practice:missing"]) == [RELATED[1]]
    assert sorted(loaded.related_links(["practice:post:a1", "practice:doc:km"]), key=str) == (
        sorted(RELATED, key=str)
    )
    weaker = PracticeLink(
        source_id="practice:post:a1", target_id="practice:doc:km", score=0.5, method="again"
    )
    unknown = weaker.model_copy(update={"target_id": "practice:missing"})
    loaded.replace_related_for(["practice:post:a1"], [weaker, unknown])
    assert loaded.related_practices("practice:post:a1") == [weaker]
    assert loaded.related_practices("practice:doc:km") == [RELATED[1]]
    loaded.replace_related_for(["practice:doc:km"], [])
    assert loaded.stats().relationships["RELATED_TO"] == 1


def test_footprint_names_authors_and_practices_linking_to_the_content(
    loaded: GraphStore,
) -> None:
    loaded.replace_related_practices(RELATED[1:])
    assert loaded.footprint(["doc:q1"]) == Footprint(
        authors=frozenset({"p:ann", "p:somchai", "p:bob"}),
        linking_practices=frozenset({"practice:doc:km"}),
    )
    assert loaded.footprint(["post:c1", "doc:open"]) == Footprint(
        authors=frozenset({"p:bob", "p:ann"})
    )
    assert loaded.footprint(["doc:km"]) == Footprint(authors=frozenset({"p:somchai"}))
    assert loaded.footprint(["doc:missing"]) == Footprint()


def test_derivation_state_is_kept_and_replaced(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    assert store.derivation_state() is None
    first = DerivationState(decay_epoch=datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC), basis="b")
    store.save_derivation_state(first)
    assert store.derivation_state() == first
    second = first.model_copy(update={"related_bar": 0.4321})
    store.save_derivation_state(second)
    assert store.derivation_state() == second
