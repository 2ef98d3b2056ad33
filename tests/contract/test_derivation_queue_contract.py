"""Contract: the derivation queue and its lease, the same on every backend.

A job commits with the write it is owed by (and not without it), comes back oldest first,
and is gone once finished; the lease admits one holder at a time until it is released or
runs out. Neither moves the graph's data version.
"""

from __future__ import annotations

import time

import pytest

from graph_service.errors import InvalidInput
from graph_service.models import Chunk, Document, GraphBatch
from graph_service.store.base import DerivationJob, GraphStore
from tests.contract import fixtures as f


def _job(name: str) -> DerivationJob:
    return DerivationJob(id=name, people=(f"{name}-person",), practices=("p1",), linking=("p2",))


def _document(document_id: str) -> GraphBatch:
    return GraphBatch(
        documents=[Document(id=document_id, kind="article", title="t", text="t", content_hash="h")]
    )


def test_jobs_commit_with_their_writes_and_come_back_oldest_first(loaded: GraphStore) -> None:
    loaded.upsert(_document("queued-1"), _job("first"))
    loaded.replace_documents(["queued-1"], _document("queued-1"), _job("second"))
    assert loaded.delete_documents(["queued-1"], _job("third")) == 1
    assert loaded.derivation_jobs(10) == [_job("first"), _job("second"), _job("third")]
    assert loaded.derivation_jobs(2) == [_job("first"), _job("second")]


def test_a_write_that_fails_queues_nothing(loaded: GraphStore) -> None:
    wrong = Chunk(
        id="queued-1#0", parent_id="queued-1", text="t", search_text="t", embedding=[1.0, 0.0]
    )
    batch = _document("queued-1").model_copy(update={"chunks": [wrong]})
    with pytest.raises(InvalidInput):
        loaded.upsert(batch, _job("lost"))
    assert loaded.derivation_jobs(10) == []


def test_finished_jobs_leave_the_queue_without_a_new_data_version(loaded: GraphStore) -> None:
    loaded.upsert(_document("queued-1"), _job("first"))
    loaded.upsert(_document("queued-2"), _job("second"))
    version = loaded.data_version()
    loaded.finish_derivation_jobs(["first", "unknown"])
    assert loaded.derivation_jobs(10) == [_job("second")]
    assert loaded.data_version() == version


def test_the_lease_admits_one_holder_until_released(loaded: GraphStore) -> None:
    version = loaded.data_version()
    assert loaded.take_derivation_lease("a", 60)
    assert not loaded.take_derivation_lease("b", 60)
    assert loaded.take_derivation_lease("a", 60), "its holder renews it"
    loaded.release_derivation_lease("b")
    assert not loaded.take_derivation_lease("b", 60), "only the holder releases it"
    loaded.release_derivation_lease("a")
    assert loaded.take_derivation_lease("b", 60)
    assert loaded.data_version() == version


def test_a_lease_whose_holder_stopped_renewing_runs_out(loaded: GraphStore) -> None:
    assert loaded.take_derivation_lease("dead", 3)
    assert not loaded.take_derivation_lease("b", 60)
    time.sleep(3.5)
    assert loaded.take_derivation_lease("b", 60)


def test_jobs_name_what_they_touched_exactly(loaded: GraphStore) -> None:
    job = DerivationJob(id="thai", people=("ผู้ใช้:สมชาย", f.PERSONS[0].id), practices=(), linking=())
    loaded.upsert(_document("queued-thai"), job)
    assert loaded.derivation_jobs(1) == [job]
