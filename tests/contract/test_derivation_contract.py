"""What incremental derivation asks of a store: reads and replacements for some people and
some practices only, what hangs on content before it changes, and the derivation state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np

from graph_service.models import Expertise, GraphBatch, PracticeLink
from graph_service.store.base import DerivationState, Footprint, GraphStore
from ingest.related import recompute_related_practices, rederive_related
from tests.contract import fixtures as f
from tests.contract.test_store_contract import EXPERTISE, RELATED


def test_contributions_of_some_people_are_theirs_of_all(loaded: GraphStore) -> None:
    everyone = list(loaded.contributions())
    for people in (["p:somchai"], ["p:ann", "p:bob"], ["p:nobody"], []):
        assert list(loaded.contributions(person_ids=people)) == [
            item for item in everyone if item.person_id in people
        ]


def test_contributions_of_some_people_in_some_domains_are_theirs_there(
    loaded: GraphStore,
) -> None:
    everyone = list(loaded.contributions())
    domains = sorted({item.domain_id for item in everyone})
    assert len(domains) > 1, "the fixture spans domains"
    people = sorted({item.person_id for item in everyone})
    for wanted in ([domains[0]], domains[1:], ["d:missing"], []):
        assert list(loaded.contributions(person_ids=people, domain_ids=wanted)) == [
            item for item in everyone if item.domain_id in wanted
        ]
        assert list(loaded.contributions(person_ids=people[:1], domain_ids=wanted)) == [
            item for item in everyone if item.domain_id in wanted and item.person_id == people[0]
        ]


def test_expertise_is_replaced_for_some_people_in_some_domains_only(loaded: GraphStore) -> None:
    loaded.replace_expertise(EXPERTISE)
    person, domain = EXPERTISE[0].person_id, EXPERTISE[0].domain_id
    renewed = EXPERTISE[0].model_copy(update={"score": 0.123, "evidence_count": 9})
    loaded.replace_expertise_for([person, "p:nobody"], [renewed], [domain, "d:missing"])
    others = [row for row in EXPERTISE if (row.person_id, row.domain_id) != (person, domain)]
    assert others, "the fixture has rows outside the replaced key"
    assert loaded.expertise() == sorted([renewed, *others], key=lambda row: -row.score)
    loaded.replace_expertise_for([person], [], [domain])
    assert loaded.expertise() == sorted(others, key=lambda row: -row.score)


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


def _fan(store: GraphStore) -> None:
    """Seven practices near e0, each from a document of its own: practice:fan0 is e0 and
    practice:fanN leans away from it a little more with each N, so fan0 has six neighbours
    above a bar of 0.5 and keeps the five nearest."""
    documents = [f.OPEN_ARTICLE.model_copy(update={"id": f"doc:fan{n}"}) for n in range(7)]
    practices = [
        f.STRAW_PRACTICE.model_copy(
            update={
                "id": f"practice:fan{n}",
                "source_id": f"doc:fan{n}",
                "embedding": f.vector(e0=1) if n == 0 else f.vector(e0=1, **{f"e{n + 1}": n / 10}),
            }
        )
        for n in range(7)
    ]
    store.upsert(GraphBatch(documents=documents, practices=practices))


def _links(store: GraphStore) -> list[tuple[str, str, float]]:
    ids, _ = store.practice_embeddings()
    return sorted((x.source_id, x.target_id, round(x.score, 4)) for x in store.related_links(ids))


def test_a_practice_that_loses_a_neighbour_takes_the_next_one(loaded: GraphStore) -> None:
    _fan(loaded)
    recompute_related_practices(loaded, bar=0.5)
    fan0 = {link.target_id for link in loaded.related_practices("practice:fan0")}
    assert fan0 == {f"practice:fan{n}" for n in range(1, 6)}
    before = loaded.footprint(["doc:fan1"])
    assert "practice:fan0" in before.linking_practices
    loaded.delete_documents(["doc:fan1"])
    rederive_related(loaded, [], before.linking_practices, bar=0.5, whole_below=0)
    assert {link.target_id for link in loaded.related_practices("practice:fan0")} == {
        f"practice:fan{n}" for n in range(2, 7)
    }
    incremental = _links(loaded)
    recompute_related_practices(loaded, bar=0.5)
    assert _links(loaded) == incremental


def test_practice_embeddings_follow_every_handles_writes(
    loaded: GraphStore, another_handle: Callable[[], GraphStore]
) -> None:
    """A store may keep the embeddings between reads (Neo4j's does, practice_vectors.py):
    after writes through it and through another process's handle (practices added,
    re-embedded, deleted with their document, dropped from a replaced one), both handles
    read exactly what a handle opened afresh reads."""
    other = another_handle()
    loaded.practice_embeddings(), other.practice_embeddings()

    def agreed() -> list[str]:
        ids, matrix = another_handle().practice_embeddings()
        for handle in (loaded, other):
            held_ids, held = handle.practice_embeddings()
            assert held_ids == ids and np.array_equal(held, matrix)
        return ids

    _fan(other)
    assert len(agreed()) == 9
    turned = f.KM_PRACTICE.model_copy(update={"embedding": f.vector(e2=1, e5=2)})
    loaded.upsert(GraphBatch(practices=[turned]))
    agreed()
    other.delete_documents(["doc:fan3", "doc:fan5"])
    assert "practice:fan3" not in agreed()
    kept = f.STRAW_PRACTICE.model_copy(update={"id": "practice:fan1", "source_id": "doc:fan1"})
    document = f.OPEN_ARTICLE.model_copy(update={"id": "doc:fan1"})
    replacing = GraphBatch(documents=[document], practices=[kept])
    loaded.replace_documents(["doc:fan1", "doc:fan2"], replacing)
    assert "practice:fan2" not in agreed()
    _fan(loaded)
    assert len(agreed()) == 9
