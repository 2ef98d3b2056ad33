"""The GraphStore contract, search and evidence: the same answers from every backend.

Cosine scores are compared (the protocol fixes them as raw cosine); BM25 scores differ
between FTS5 and Lucene, so keyword tests compare ids, and order only where it is obvious.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from graph_service.errors import InvalidInput
from graph_service.models import GraphBatch
from graph_service.store.base import Author, Evidence, GraphStore, SearchScope
from tests.contract import fixtures as f
from tests.contract.fixtures import (
    EVERYONE,
    NODES,
    PUBLIC,
    chunks_matching,
    chunks_near_e0,
    hit_ids,
)


def test_vector_search_ranks_by_cosine_within_the_default_scope(loaded: GraphStore) -> None:
    hits = loaded.vector_search(f.E0, 10, "chunk", PUBLIC)
    expected = [id_ for id_ in f.CHUNK_COSINE if not id_.startswith("doc:km")]
    assert hit_ids(hits) == expected
    assert [hit.score for hit in hits] == pytest.approx(
        [f.CHUNK_COSINE[id_] for id_ in expected], abs=1e-5
    )


def test_cosines_of_given_ids_are_what_vector_search_scores_them(loaded: GraphStore) -> None:
    wanted = ["doc:km#1", "post:a1#0", "no:such#0", "post:a1#0"]
    found = loaded.cosines(f.E0, wanted, "chunk")
    assert set(found) == {"doc:km#1", "post:a1#0"}, "unknown ids left out, each id once"
    for id_, cosine in found.items():
        assert cosine == pytest.approx(f.CHUNK_COSINE[id_], abs=1e-5)
    assert loaded.cosines(f.E0, [], "chunk") == {}
    with pytest.raises(InvalidInput):
        loaded.cosines([1.0, 0.0], ["post:a1#0"], "chunk")


def test_cosines_of_several_vectors_at_once_are_each_vector_s_cosines(loaded: GraphStore) -> None:
    wanted = ["doc:km#1", "post:a1#0", "no:such#0"]
    vectors = [f.E0, f.E1, f.vector(e0=1, e1=1)]
    each = loaded.cosines_each(vectors, wanted, "chunk")
    assert len(each) == len(vectors)
    for vector, found in zip(vectors, each, strict=True):
        alone = loaded.cosines(vector, wanted, "chunk")
        assert found.keys() == alone.keys()
        assert list(found.values()) == pytest.approx([alone[id_] for id_ in found], abs=1e-5)
    assert loaded.cosines_each([], wanted, "chunk") == []
    assert loaded.cosines_each([f.E0], [], "chunk") == [{}]
    with pytest.raises(InvalidInput):
        loaded.cosines_each([f.E0, [1.0, 0.0]], ["post:a1#0"], "chunk")


def test_vector_search_returns_at_most_k(loaded: GraphStore) -> None:
    assert chunks_near_e0(loaded, PUBLIC, k=2) == ["doc:q1#0", "post:a1#0"]
    assert chunks_near_e0(loaded, EVERYONE, k=1) == ["doc:q1#0"]


def test_vector_search_shows_private_communities_only_when_allowed(loaded: GraphStore) -> None:
    assert chunks_near_e0(loaded, EVERYONE) == list(f.CHUNK_COSINE)
    nurses = SearchScope(private_allowed=frozenset({"c:nurse"}))
    assert chunks_near_e0(loaded, nurses) == list(f.CHUNK_COSINE)
    others = SearchScope(private_allowed=frozenset({"c:other"}))
    assert "doc:km#0" not in chunks_near_e0(loaded, others)


def test_vector_search_filters_by_community(loaded: GraphStore) -> None:
    farm = ["doc:q1#0", "post:a1#0", "post:c1#0", "doc:q1#1"]
    assert chunks_near_e0(loaded, SearchScope(communities=frozenset({"c:farm"}))) == farm
    private_asked = SearchScope(communities=frozenset({"c:nurse"}))
    assert chunks_near_e0(loaded, private_asked) == []
    allowed = SearchScope(communities=frozenset({"c:nurse"}), private_allowed=None)
    assert chunks_near_e0(loaded, allowed) == ["doc:km#0", "doc:km#1"]


def test_vector_search_filters_by_language(loaded: GraphStore) -> None:
    assert chunks_near_e0(loaded, SearchScope(language="th", private_allowed=None)) == [
        "doc:km#0",
        "doc:km#1",
    ]
    assert chunks_near_e0(loaded, SearchScope(language="th")) == []
    assert chunks_near_e0(loaded, SearchScope(language="fr", private_allowed=None)) == []


def test_vector_search_filters_by_date_and_drops_undated(loaded: GraphStore) -> None:
    since = SearchScope(since=datetime(2024, 1, 11, tzinfo=UTC), private_allowed=None)
    assert chunks_near_e0(loaded, since) == ["post:a1#0", "post:c1#0"]
    assert chunks_near_e0(loaded, since.model_copy(update={"since": f.A1_AT})) == [
        "post:a1#0",
        "post:c1#0",
    ]


def test_vector_search_of_practices_scopes_by_their_source(loaded: GraphStore) -> None:
    hits = loaded.vector_search(f.E1, 5, "practice", EVERYONE)
    assert hit_ids(hits) == ["practice:post:a1", "practice:doc:km"]
    assert [hit.score for hit in hits] == pytest.approx([1.0, 2**-0.5], abs=1e-5)
    assert hit_ids(loaded.vector_search(f.E1, 5, "practice", PUBLIC)) == ["practice:post:a1"]
    thai = SearchScope(language="th", private_allowed=None)
    assert hit_ids(loaded.vector_search(f.E1, 5, "practice", thai)) == ["practice:doc:km"]


def test_keyword_search_finds_an_english_word(loaded: GraphStore) -> None:
    assert chunks_matching(loaded, ["compost"]) == ["doc:q1#0"]
    assert sorted(chunks_matching(loaded, ["straw"])) == ["doc:q1#0", "post:a1#0"]
    assert all(hit.score > 0 for hit in loaded.keyword_search(["straw"], 5, "chunk", PUBLIC))


def test_keyword_search_matches_any_term(loaded: GraphStore) -> None:
    assert sorted(chunks_matching(loaded, ["compost", "thanks", "absent"])) == [
        "doc:q1#0",
        "post:c1#0",
    ]


def test_keyword_search_ranks_the_denser_match_first(loaded: GraphStore) -> None:
    assert chunks_matching(loaded, ["pile", "straw"])[0] == "post:a1#0"


def test_keyword_search_finds_a_thai_word_not_its_prefix(loaded: GraphStore) -> None:
    assert chunks_matching(loaded, ["ความรู้"]) == ["doc:km#0"]
    assert chunks_matching(loaded, ["ความรัก"]) == ["doc:km#1"]
    assert chunks_matching(loaded, ["ความรู้"], PUBLIC) == []


def test_keyword_search_looks_up_a_term_of_several_words_as_a_phrase(
    loaded: GraphStore,
) -> None:
    """A short query's phrase (text.query_terms) matches those words side by side only."""
    assert chunks_matching(loaded, ["compost rice straw"]) == ["doc:q1#0"]
    assert chunks_matching(loaded, ["straw rice compost"]) == []
    assert chunks_matching(loaded, ["การ จัดการ ความรู้"]) == ["doc:km#0"]


def test_keyword_search_returns_at_most_k(loaded: GraphStore) -> None:
    assert len(loaded.keyword_search(["straw"], 1, "chunk", EVERYONE)) == 1


def test_keyword_search_applies_the_scope(loaded: GraphStore) -> None:
    since = SearchScope(since=datetime(2024, 1, 11, tzinfo=UTC))
    assert chunks_matching(loaded, ["straw"], since) == ["post:a1#0"]
    assert chunks_matching(loaded, ["straw"], SearchScope(communities=frozenset({"c:nurse"}))) == []
    assert chunks_matching(loaded, ["straw"], SearchScope(language="th")) == []
    assert chunks_matching(loaded, ["cafe"], SearchScope(communities=frozenset({"c:farm"}))) == []
    assert chunks_matching(loaded, ["cafe"], PUBLIC) == ["doc:open#0"]


def test_keyword_search_of_practices(loaded: GraphStore) -> None:
    hits = loaded.keyword_search(["manure"], 5, "practice", EVERYONE)
    assert hit_ids(hits) == ["practice:post:a1"]
    assert loaded.keyword_search(["manure"], 5, "practice", SearchScope(language="th")) == []


@pytest.mark.parametrize(
    "term",
    ['"); DROP TABLE chunks; --', 'a" OR "b', "compost OR thanks", "*", "stra*", "NEAR(", "OR",
     "", "  "],
)  # fmt: skip
def test_keyword_search_reads_hostile_terms_as_text(loaded: GraphStore, term: str) -> None:
    assert loaded.keyword_search([term], 10, "chunk", EVERYONE) == []
    assert loaded.stats().nodes == NODES


@pytest.mark.parametrize("term", ["-straw", "straw*", "(straw)", "STRAW"])
def test_keyword_search_ignores_operators_around_a_word(loaded: GraphStore, term: str) -> None:
    assert sorted(chunks_matching(loaded, [term])) == ["doc:q1#0", "post:a1#0"]


def test_keyword_search_without_terms_finds_nothing(loaded: GraphStore) -> None:
    assert loaded.keyword_search([], 10, "chunk", EVERYONE) == []


def test_evidence_names_content_thread_and_authors(loaded: GraphStore) -> None:
    found = {e.chunk_id: e for e in loaded.evidence(["post:a1#0", "post:c1#0", "missing"])}
    assert set(found) == {"post:a1#0", "post:c1#0"}
    assert found["post:a1#0"] == Evidence(
        chunk_id="post:a1#0", snippet=f.ANSWER.text, content_id="post:a1",
        content_kind="answer", document_id="doc:q1", title="How do I compost rice straw?",
        url="https://example.org/q/1#a1", created_at=f.A1_AT, community_id="c:farm",
        language="en", score=5, accepted=True,
        authors=[Author(id="p:somchai", name="สมชาย", opted_out=False)],
    )  # fmt: skip
    comment = found["post:c1#0"]
    assert (comment.url, comment.content_kind, comment.accepted, comment.score) == (
        "https://example.org/q/1", "comment", False, 0,
    )  # fmt: skip
    assert comment.authors == [Author(id="p:bob", name="Bob", opted_out=True)]


def test_reply_chunks_are_the_opening_chunks_of_answers_and_replies(loaded: GraphStore) -> None:
    assert loaded.reply_chunks(["doc:q1", "doc:km", "missing"]) == ["post:a1#0"]
    assert loaded.reply_chunks([]) == []


def test_reply_evidence_is_the_evidence_of_the_reply_chunks(loaded: GraphStore) -> None:
    """Expert search reads both in one go (one query on Neo4j); the answer must not change."""
    reply = f.ANSWER.model_copy(
        update={"id": "post:r1", "kind": "reply", "accepted": False, "content_hash": "h-r1"}
    )
    chunks = [
        f.CHUNKS[2].model_copy(update={"id": f"post:r1#{n}", "parent_id": "post:r1", "ord": n})
        for n in (0, 1)
    ]
    loaded.upsert(GraphBatch(posts=[reply], chunks=chunks))
    threads = ["doc:q1", "doc:km", "doc:q1", "missing"]

    def by_chunk(found: list[Evidence]) -> list[Evidence]:
        return sorted(found, key=lambda e: e.chunk_id)

    found = by_chunk(loaded.reply_evidence(threads))
    assert found == by_chunk(loaded.evidence(loaded.reply_chunks(threads)))
    assert [e.chunk_id for e in found] == ["post:a1#0", "post:r1#0"]
    assert loaded.reply_evidence(["doc:km", "missing"]) == loaded.reply_evidence([]) == []


def test_evidence_of_a_document_chunk(loaded: GraphStore) -> None:
    [evidence] = loaded.evidence(["doc:km#0"])
    assert evidence == Evidence(
        chunk_id="doc:km#0", snippet="การจัดการความรู้ในองค์กร", content_id="doc:km",
        content_kind="article", document_id="doc:km", title="การจัดการความรู้ในองค์กร",
        url=None, created_at=f.KM_AT, community_id="c:nurse", language="th", score=0,
        accepted=False, authors=[Author(id="p:somchai", name="สมชาย")],
    )  # fmt: skip
    assert loaded.evidence([]) == []


def test_evidence_of_content_nobody_is_named_for(loaded: GraphStore) -> None:
    """A post by a deleted account (StackExchange keeps those) is evidence without authors."""
    orphan = f.COMMENT.model_copy(
        update={"id": "post:orphan", "author_ids": [], "author_roles": [], "content_hash": "h-x"}
    )
    chunk = f.CHUNKS[3].model_copy(update={"id": "post:orphan#0", "parent_id": "post:orphan"})
    loaded.upsert(GraphBatch(posts=[orphan], chunks=[chunk]))
    [evidence] = loaded.evidence(["post:orphan#0"])
    assert evidence.content_id == "post:orphan" and evidence.authors == []
