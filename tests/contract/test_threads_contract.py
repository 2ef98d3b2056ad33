"""Contract: thread summaries (gap maps and CoP health read them), on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.models import GraphBatch
from graph_service.store.base import GraphStore, SearchScope, ThreadSummary
from tests.contract import fixtures as f

EVERYTHING = SearchScope(private_allowed=None)


def test_every_document_with_its_thread_outcome(loaded: GraphStore) -> None:
    assert loaded.thread_summaries(EVERYTHING) == [
        ThreadSummary(
            document_id="doc:km", kind="article", created_at=f.KM_AT, community_id="c:nurse",
            author_ids=["p:somchai"], domain_ids=["d:km"], replies=0, answers=0,
            accepted=False, first_reply_at=None,
        ),
        ThreadSummary(
            document_id="doc:open", kind="article", created_at=None, community_id=None,
            author_ids=["p:ann"], domain_ids=["d:km"], replies=0, answers=0, accepted=False,
            first_reply_at=None,
        ),
        ThreadSummary(
            document_id="doc:q1", kind="question", created_at=f.Q1_AT, community_id="c:farm",
            author_ids=["p:ann"], domain_ids=["d:compost"], replies=2, answers=1,
            accepted=True, first_reply_at=f.A1_AT,
        ),
    ]  # fmt: skip


def test_thread_summaries_apply_the_scope(loaded: GraphStore) -> None:
    public = [t.document_id for t in loaded.thread_summaries(SearchScope())]
    assert public == ["doc:open", "doc:q1"]
    farm = SearchScope(communities=frozenset({"c:farm"}))
    assert [t.document_id for t in loaded.thread_summaries(farm)] == ["doc:q1"]
    recent = SearchScope(private_allowed=None, since=datetime(2024, 1, 1, tzinfo=UTC))
    assert [t.document_id for t in loaded.thread_summaries(recent)] == ["doc:q1"]


def test_replies_by_the_asker_do_not_count(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    own_reply = f.COMMENT.model_copy(
        update={"id": "post:own", "author_ids": ["p:ann"], "reply_to": "doc:q1"}
    )
    store.upsert(
        GraphBatch(
            persons=f.PERSONS,
            communities=f.COMMUNITIES,
            documents=[f.QUESTION],
            posts=[own_reply],
        )
    )
    question = next(t for t in store.thread_summaries(EVERYTHING) if t.document_id == "doc:q1")
    assert (question.replies, question.answers, question.first_reply_at) == (0, 0, None)
