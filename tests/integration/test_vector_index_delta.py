"""The embedded store's vector index follows writes by the rows they changed, and answers
as an index read whole from the same file does.

A store that has searched (so holds its indexes) sees inserts, replaced threads and deletes,
made by itself and by another store object on the same file (another process); after each,
its searches in several scopes must equal those of a store opened afresh, and it must not
have read every row again. A community turned private changes what many rows' scopes say:
that one is read whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.models import Community, GraphBatch, SearchTarget
from graph_service.services import build_pipeline
from graph_service.store.embedded import EmbeddedStore
from graph_service.store.embedded.search import VectorIndex
from ingest.report import IngestReport
from tests.sample import (
    SEARCH_TARGETS,
    fresh_vector_answers,
    sample_records,
    two_handles,
    vector_answers,
)

SAMPLE = sample_records()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[SearchTarget]:
    """The targets read whole from now on."""
    read: list[SearchTarget] = []
    whole = VectorIndex.load.__func__  # type: ignore[attr-defined]

    def counting(cls: type[VectorIndex], connection: Any, target: SearchTarget, dim: int) -> Any:
        read.append(target)
        return whole(cls, connection, target, dim)

    monkeypatch.setattr(VectorIndex, "load", classmethod(counting))
    return read


def test_the_index_follows_writes_by_their_rows(tmp_path: Path, loads: list[str]) -> None:
    with two_handles(tmp_path) as (store, other, writes):
        vector_answers(store), vector_answers(other)
        loads.clear()
        for write in writes:
            write()
            answers = vector_answers(store)
            assert loads == [], "read whole after an ordinary write"
            assert answers == fresh_vector_answers(tmp_path / "store")
            loads.clear()


def test_a_community_turned_private_reads_the_index_whole(tmp_path: Path, loads: list[str]) -> None:
    path = tmp_path / "store"
    store = EmbeddedStore.open(path)
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    try:
        pipeline.run(SAMPLE, IngestReport())
        before = vector_answers(store)
        loads.clear()
        agri = next(c for c in store.list_communities() if c.id == "cop-agri")
        assert not agri.private
        closed: Community = agri.model_copy(update={"private": True})
        store.upsert(GraphBatch(communities=[closed]))
        after = vector_answers(store)
        assert sorted(loads) == sorted(SEARCH_TARGETS)
        assert after == fresh_vector_answers(path)
        assert after != before
    finally:
        pipeline.cache.close()
        store.close()
