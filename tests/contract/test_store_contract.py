"""The GraphStore contract, writes and reads: every backend must give these exact answers.

Written against the protocol's semantics only (see graph_service/store/base.py and
tests/contract/fixtures.py), so the same file holds the embedded store and Neo4j alike.
"""

from __future__ import annotations

from operator import attrgetter

import numpy as np
import pytest

from graph_service.errors import ConfigurationError
from graph_service.models import ContentKind, Expertise, GraphBatch, PracticeLink
from graph_service.store.base import Contribution, GraphStore
from tests.contract import fixtures as f
from tests.contract.fixtures import (
    EVERYONE,
    NODES,
    RELATIONSHIPS,
    chunks_matching,
    chunks_near_e0,
)

EXPERTISE = [
    Expertise(person_id="p:somchai", domain_id="d:compost", score=2.5, evidence_count=3,
              last_activity=f.A1_AT, method="test"),
    Expertise(person_id="p:ann", domain_id="d:compost", score=1.2, evidence_count=2,
              last_activity=f.Q1_AT, method="test"),
    Expertise(person_id="p:somchai", domain_id="d:km", score=0.7, evidence_count=1,
              last_activity=None, method="test", private_community="c:nurse"),
    Expertise(person_id="p:somchai", domain_id="d:agri", score=0.4, evidence_count=1,
              last_activity=f.A1_AT, method="test"),
    Expertise(person_id="p:somchai", domain_id="d:km", score=0.2, evidence_count=1,
              last_activity=f.A1_AT, method="test"),
]  # fmt: skip
"""A person may have one row per domain from public evidence and one per private community."""
RELATED = [
    PracticeLink(source_id="practice:post:a1", target_id="practice:doc:km", score=0.71,
                 method="test"),
    PracticeLink(source_id="practice:doc:km", target_id="practice:post:a1", score=0.71,
                 method="test"),
]  # fmt: skip


def test_ping_answers(store: GraphStore) -> None:
    store.ping()


def test_ensure_schema_is_idempotent_and_keeps_data(loaded: GraphStore) -> None:
    loaded.ensure_schema(f.DIMENSION)
    assert loaded.stats().nodes == NODES


def test_ensure_schema_refuses_another_dimension(loaded: GraphStore) -> None:
    with pytest.raises(ConfigurationError, match="COPGRAPH_EMBEDDING_MODEL"):
        loaded.ensure_schema(f.DIMENSION * 2)


def test_a_new_store_is_empty(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    stats = store.stats()
    assert stats.nodes == dict.fromkeys(NODES, 0)
    assert stats.relationships == dict.fromkeys(RELATIONSHIPS, 0)
    assert store.vector_search(f.E0, 5, "chunk", EVERYONE) == []
    assert store.keyword_search(["straw"], 5, "practice", EVERYONE) == []
    assert list(store.contributions()) == []
    ids, matrix = store.practice_embeddings()
    assert ids == [] and len(matrix) == 0


def test_upsert_writes_every_node_and_relationship(loaded: GraphStore) -> None:
    stats = loaded.stats()
    assert stats.nodes == NODES
    assert stats.relationships == RELATIONSHIPS


def test_upserting_the_same_batch_again_changes_nothing(loaded: GraphStore) -> None:
    loaded.replace_expertise(EXPERTISE)
    loaded.replace_related_practices(RELATED)
    before = loaded.stats()
    hashes = loaded.content_hashes(["doc:q1", "post:a1", "post:c1", "doc:km", "doc:open"])
    loaded.upsert(f.graph_batch())
    assert loaded.stats() == before
    assert (
        before.relationships["EXPERT_IN"] == len(EXPERTISE)
        and before.relationships["RELATED_TO"] == 2
    )
    assert loaded.content_hashes(list(hashes)) == hashes
    assert loaded.get_document("doc:q1") == f.QUESTION
    assert loaded.get_posts("doc:q1") == [f.ANSWER, f.COMMENT]
    assert chunks_near_e0(loaded, EVERYONE) == list(f.CHUNK_COSINE)


def test_an_edited_document_replaces_its_chunks_and_links(loaded: GraphStore) -> None:
    loaded.upsert(f.edited_question())
    stats = loaded.stats()
    assert stats.nodes == {**NODES, "Chunk": 6}
    assert stats.relationships == {**RELATIONSHIPS, "HAS_CHUNK": 6}
    assert loaded.content_hashes(["doc:q1"]) == {"doc:q1": "h-q1-v2"}
    assert chunks_matching(loaded, ["compost"]) == []
    assert chunks_matching(loaded, ["mulch"]) == ["doc:q1#0"]
    assert chunks_matching(loaded, ["burn"]) == []
    assert "doc:q1#1" not in chunks_near_e0(loaded, EVERYONE)
    ann = [c for c in loaded.contributions() if c.person_id == "p:ann"]
    assert sorted((c.content_id, c.domain_id, c.weight) for c in ann) == [
        ("doc:open", "d:km", 0.6),
        ("doc:q1", "d:km", 0.7),
    ]


def test_content_hashes_of_stored_contents_only(loaded: GraphStore) -> None:
    hashes = loaded.content_hashes(["doc:q1", "post:a1", "doc:missing"])
    assert hashes == {"doc:q1": "h-q1", "post:a1": "h-a1"}
    assert loaded.content_hashes([]) == {}


def test_delete_documents_removes_a_thread_and_what_hangs_off_it(loaded: GraphStore) -> None:
    assert loaded.delete_documents(["doc:q1", "doc:missing"]) == 1
    stats = loaded.stats()
    assert stats.nodes == {**NODES, "Document": 2, "Post": 0, "Chunk": 3, "Practice": 1}
    assert stats.relationships == {
        **RELATIONSHIPS, "AUTHORED": 2, "REPLY_TO": 0, "IN_COMMUNITY": 1, "MEMBER_OF": 1,
        "HAS_CHUNK": 3, "ABOUT": 2, "DESCRIBES": 1, "IN_DOMAIN": 1,
    }  # fmt: skip
    assert loaded.get_document("doc:q1") is None
    assert loaded.get_posts("doc:q1") == []
    assert loaded.content_hashes(["doc:q1", "post:a1", "post:c1"]) == {}
    assert loaded.get_practices(["practice:post:a1"]) == []
    assert loaded.evidence(["doc:q1#0", "post:a1#0"]) == []
    assert chunks_near_e0(loaded, EVERYONE) == ["doc:km#0", "doc:open#0", "doc:km#1"]
    assert chunks_matching(loaded, ["straw"]) == []
    assert loaded.get_person("p:bob") is not None
    assert len(loaded.list_domains()) == 3
    assert loaded.delete_documents(["doc:q1"]) == 0


def test_contributions_join_authors_with_the_domains_of_their_content(
    loaded: GraphStore,
) -> None:
    def row(
        person: str, content: str, kind: ContentKind, domain: str, weight: float
    ) -> Contribution:
        source = {"doc:q1": f.QUESTION, "post:a1": f.ANSWER, "doc:km": f.THAI_ARTICLE}.get(
            content, f.OPEN_ARTICLE
        )
        return Contribution(
            person_id=person, content_id=content, content_kind=kind, domain_id=domain,
            weight=weight, created_at=source.created_at, score=source.score,
            accepted=content == "post:a1",
            private_community="c:nurse" if content == "doc:km" else None,
        )  # fmt: skip

    key = attrgetter("person_id", "content_id", "domain_id")
    assert sorted(loaded.contributions(), key=key) == [
        row("p:ann", "doc:open", "article", "d:km", 0.6),
        row("p:ann", "doc:q1", "question", "d:compost", 0.9),
        row("p:somchai", "doc:km", "article", "d:km", 0.95),
        row("p:somchai", "post:a1", "answer", "d:agri", 0.5),
        row("p:somchai", "post:a1", "answer", "d:compost", 0.8),
    ]


def test_expertise_is_replaced_whole_and_read_best_first(loaded: GraphStore) -> None:
    loaded.replace_expertise(EXPERTISE)
    assert loaded.expertise() == EXPERTISE
    assert loaded.expertise(person_id="p:somchai") == [EXPERTISE[0], *EXPERTISE[2:]]
    assert loaded.expertise(domain_id="d:compost") == EXPERTISE[:2]
    assert loaded.expertise(person_id="p:ann", domain_id="d:compost") == [EXPERTISE[1]]
    assert loaded.expertise(person_id="p:bob") == []
    assert loaded.stats().relationships["EXPERT_IN"] == 5
    loaded.replace_expertise(EXPERTISE[3:])
    assert loaded.expertise() == EXPERTISE[3:]
    loaded.replace_expertise([])
    assert loaded.expertise() == []


def test_practice_embeddings_align_ids_and_rows(loaded: GraphStore) -> None:
    ids, matrix = loaded.practice_embeddings()
    assert sorted(ids) == ["practice:doc:km", "practice:post:a1"]
    assert matrix.shape == (2, f.DIMENSION)
    expected = {p.id: p.embedding for p in (f.STRAW_PRACTICE, f.KM_PRACTICE)}
    for id_, row in zip(ids, matrix, strict=True):
        assert np.allclose(row, expected[id_], atol=1e-6)


def test_related_practices_are_replaced_whole(loaded: GraphStore) -> None:
    unknown = PracticeLink(
        source_id="practice:post:a1", target_id="practice:missing", score=0.9, method="test"
    )
    loaded.replace_related_practices([*RELATED, unknown])
    assert loaded.related_practices("practice:post:a1") == [RELATED[0]]
    assert loaded.related_practices("practice:doc:km") == [RELATED[1]]
    assert loaded.stats().relationships["RELATED_TO"] == 2
    loaded.replace_related_practices(RELATED[1:])
    assert loaded.related_practices("practice:post:a1") == []
    assert loaded.related_practices("practice:missing") == []


def test_getters_return_what_was_written(loaded: GraphStore) -> None:
    assert loaded.get_person("p:bob") == f.PERSONS[2]
    assert loaded.get_person("p:somchai") == f.PERSONS[1]
    assert loaded.get_community("c:nurse") == f.COMMUNITIES[1]
    assert loaded.get_document("doc:q1") == f.QUESTION
    assert loaded.get_document("doc:open") == f.OPEN_ARTICLE
    assert loaded.get_posts("doc:q1") == [f.ANSWER, f.COMMENT]
    assert sorted(loaded.list_domains(), key=lambda d: d.id) == f.DOMAINS


def test_getters_of_unknown_ids(loaded: GraphStore) -> None:
    assert loaded.get_person("p:nobody") is None
    assert loaded.get_community("c:nobody") is None
    assert loaded.get_document("doc:nothing") is None
    assert loaded.get_document("post:a1") is None
    assert loaded.get_posts("doc:nothing") == []
    assert loaded.get_posts("doc:open") == []
    assert loaded.get_practices(["practice:nothing"]) == []


def test_get_practices_returns_the_stored_ones(loaded: GraphStore) -> None:
    [practice] = loaded.get_practices(["practice:post:a1", "practice:nothing"])
    assert practice.model_dump(exclude={"embedding"}) == f.STRAW_PRACTICE.model_dump(
        exclude={"embedding"}
    )
    assert practice.embedding == pytest.approx(f.STRAW_PRACTICE.embedding, abs=1e-6)
    both = loaded.get_practices(["practice:doc:km", "practice:post:a1"])
    assert sorted(p.id for p in both) == ["practice:doc:km", "practice:post:a1"]


def test_an_empty_batch_writes_nothing(loaded: GraphStore) -> None:
    loaded.upsert(GraphBatch())
    assert loaded.stats().nodes == NODES
