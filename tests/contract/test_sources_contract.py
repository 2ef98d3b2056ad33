"""Contract: the documents of one source, as a sync lists them, on every backend."""

from __future__ import annotations

from graph_service.models import Document, GraphBatch
from graph_service.store.base import GraphStore


def test_source_documents_lists_one_source_only_sorted(loaded: GraphStore) -> None:
    assert loaded.source_documents("se") == ["doc:q1"]
    assert loaded.source_documents("gotoknow") == ["doc:km"]
    assert loaded.source_documents("no-such-source") == []
    assert loaded.source_documents("") == [], "an empty name is no wildcard"
    more = [
        Document(id=f"doc:se-{n}", kind="article", title=f"t{n}", text=f"text {n}", source="se")
        for n in (2, 1)
    ]
    loaded.upsert(GraphBatch(documents=more))
    assert loaded.source_documents("se") == ["doc:q1", "doc:se-1", "doc:se-2"]
    loaded.delete_documents(["doc:se-1", "doc:q1"])
    assert loaded.source_documents("se") == ["doc:se-2"]
    assert loaded.source_documents("wiki") == ["doc:open"], "other sources untouched"
