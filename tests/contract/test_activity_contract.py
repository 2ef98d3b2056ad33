"""Contract: a community's activity (CoP health reads it), on every backend."""

from __future__ import annotations

from graph_service.store.base import Authorship, GraphStore, Interaction
from tests.contract import fixtures as f


def test_community_activity_lists_who_replied_to_whom(loaded: GraphStore) -> None:
    assert loaded.community_activity("c:farm") == [
        Interaction(
            content_id="doc:q1", content_kind="question", document_id="doc:q1",
            created_at=f.Q1_AT, author_ids=["p:ann"], parent_author_ids=[],
            domain_ids=["d:compost"],
        ),
        Interaction(
            content_id="post:a1", content_kind="answer", document_id="doc:q1",
            created_at=f.A1_AT, author_ids=["p:somchai"], parent_author_ids=["p:ann"],
            domain_ids=["d:agri", "d:compost"],
        ),
        Interaction(
            content_id="post:c1", content_kind="comment", document_id="doc:q1",
            created_at=f.C1_AT, author_ids=["p:bob"], parent_author_ids=["p:somchai"],
            domain_ids=[],
        ),
    ]  # fmt: skip


def test_community_activity_of_other_or_unknown_communities(loaded: GraphStore) -> None:
    assert [i.content_id for i in loaded.community_activity("c:nurse")] == ["doc:km"]
    assert loaded.community_activity("c:none") == []


def test_authorships_of_given_persons_are_theirs_of_all(loaded: GraphStore) -> None:
    def key(item: Authorship) -> tuple[str, str, str]:
        return (item.person_id, item.content_kind, str(item.created_at))

    every = sorted(loaded.authorships(), key=key)
    assert {item.person_id for item in every} >= {"p:ann", "p:somchai"}
    theirs = sorted(loaded.authorships(["p:ann", "p:somchai", "p:nobody"]), key=key)
    assert theirs == [item for item in every if item.person_id in ("p:ann", "p:somchai")]
    assert loaded.authorships([]) == []
