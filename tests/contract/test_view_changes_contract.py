"""The change log as every backend reads it: writes of chunks are named chunk by chunk, and
past the count the views follow by key, a bulk write of chunks says only that chunks
changed while the other keys are still named."""

from __future__ import annotations

import pytest

from graph_service.models import Chunk, Document, GraphBatch, Person
from graph_service.store import base
from graph_service.store.base import GraphStore
from graph_service.store.embedded import reads as embedded_reads
from graph_service.store.neo4j import reads as neo4j_reads
from tests.contract import fixtures as f

MOST = 3
"""A small `VIEW_DELTA_MOST`, so that a few chunks go past it."""


def _document(number: int, chunks: int) -> GraphBatch:
    document = Document(
        id=f"doc:bulk-{number}", kind="article", title=f"Bulk {number}", text="Straw piles.",
        author_ids=["p:bulk"], language="en", content_hash=f"h-bulk-{number}-{chunks}",
    )  # fmt: skip
    return GraphBatch(
        persons=[Person(id="p:bulk", name="Bulk", source="test")],
        documents=[document],
        chunks=[
            Chunk(
                id=f"{document.id}#{at}",
                parent_id=document.id,
                ord=at,
                text="Straw piles.",
                search_text="straw piles",
                language="en",
                embedding=f.vector(e0=1),
            )  # fmt: skip
            for at in range(chunks)
        ],
    )


def test_chunks_written_and_dropped_are_named(loaded: GraphStore) -> None:
    mark = loaded.view_changes(None).mark
    loaded.upsert(_document(1, 2))
    assert loaded.view_changes(mark).of("vectors") == {"doc:bulk-1#0", "doc:bulk-1#1"}

    mark = loaded.view_changes(None).mark
    loaded.upsert(_document(1, 1))  # the second chunk is dropped
    assert "doc:bulk-1#1" in loaded.view_changes(mark).of("vectors")


def test_a_bulk_write_of_chunks_says_only_that_chunks_changed(
    loaded: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in (base, embedded_reads, neo4j_reads):
        monkeypatch.setattr(module, "VIEW_DELTA_MOST", MOST)
    mark = loaded.view_changes(None).mark
    loaded.upsert(_document(2, MOST + 2))

    changes = loaded.view_changes(mark)
    assert changes.of("vectors") == {""}
    assert not changes.everything
    assert "doc:bulk-2" in changes.of("content")
