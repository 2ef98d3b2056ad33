"""Derivation off the request path, on both stores: deferred writes queue what they owe, a
worker derives it, and a derivation that dies leaves its jobs for the next round.

What a worker derives must equal a full recompute with the stored decay epoch and bar, as
incremental derivation does (test_incremental_derivation.py).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.errors import StoreUnavailable
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.derivation import Extent, Touched, derive
from ingest.derivation_queue import DerivationWorker
from ingest.pipeline import Pipeline
from ingest.report import IngestReport
from tests.derived import derived, recomputed_whole
from tests.sample import sample_records

SAMPLE = sample_records()


class DerivationDies:
    """A real store that loses its connection once a derivation has rewritten EXPERT_IN, in
    the middle of RELATED_TO, as a process killed mid-derivation would leave it."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner

    def replace_related_for(self, *args: Any) -> None:
        raise StoreUnavailable("connection lost while deriving (simulated)")

    def replace_related_practices(self, *args: Any) -> None:
        raise StoreUnavailable("connection lost while deriving (simulated)")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.fixture
def store_dimension() -> int:
    """Every test here embeds with `HashingEmbedder()`: Neo4j keeps its search indexes
    from test to test and only its graph is emptied (tests/conftest.py, `emptied`)."""
    return HashingEmbedder().dimension


@pytest.fixture
def pipeline(store: GraphStore, tmp_path: Path) -> Iterator[Pipeline]:
    """A pipeline over `store` that defers derivation to a worker, as the API's pushes do."""
    deferred = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    deferred.deferred = True
    deferred.related_whole_below = 0
    yield deferred
    deferred.cache.close()


def _worker(store: Any, pipeline: Pipeline) -> DerivationWorker:
    def derive_touched(touched: Touched) -> Extent:
        return derive(store, touched, pipeline.clock(), pipeline.half_life_days, 0)

    return DerivationWorker(store, derive_touched, lease_seconds=0.5)


def test_deferred_writes_are_derived_by_the_worker_not_by_the_write(
    store: GraphStore, pipeline: Pipeline
) -> None:
    worker = _worker(store, pipeline)
    pipeline.run(SAMPLE[:12], IngestReport())
    assert store.stats().relationships.get("EXPERT_IN", 0) == 0, "derived by the write"
    queued = store.derivation_jobs(100)
    assert queued and worker.run_once() == len(queued)
    assert store.derivation_jobs(100) == []
    first = derived(store)
    assert first[0], "the worker derived nothing"

    pipeline.run(SAMPLE[12:], IngestReport())
    assert pipeline.delete([SAMPLE[0].document.id]) == 1
    assert derived(store) == first, "derived by the write"
    assert len(store.derivation_jobs(100)) == 2, "one job for the run, one for the delete"
    assert worker.run_once() == 2
    now = derived(store)
    assert now != first
    assert recomputed_whole(store, pipeline.half_life_days) == now


def test_a_derivation_that_died_is_finished_by_the_next_worker(
    store: GraphStore, pipeline: Pipeline
) -> None:
    pipeline.run(SAMPLE[:12], IngestReport())
    _worker(store, pipeline).run_once()
    pipeline.run(SAMPLE[12:], IngestReport())
    queued = store.derivation_jobs(100)

    with pytest.raises(StoreUnavailable):
        _worker(DerivationDies(store), pipeline).run_once()
    assert store.derivation_jobs(100) == queued, "a job was lost with the derivation"

    assert _worker(store, pipeline).run_once() == len(queued)
    assert store.derivation_jobs(100) == []
    now = derived(store)
    assert recomputed_whole(store, pipeline.half_life_days) == now


def test_a_dead_holder_delays_derivation_only_until_its_lease_runs_out(
    store: GraphStore, pipeline: Pipeline
) -> None:
    worker = _worker(store, pipeline)
    pipeline.run(SAMPLE[:3], IngestReport())
    assert store.take_derivation_lease("a-process-that-was-killed", 0.5)
    assert worker.run_once() == 0
    time.sleep(0.8)
    assert worker.run_once() == 1


class LeaseCount:
    """A real store counting the leases taken through it."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner
        self.taken = 0

    def take_derivation_lease(self, holder: str, seconds: float) -> bool:
        self.taken += 1
        return self._inner.take_derivation_lease(holder, seconds)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_an_idle_worker_polls_without_taking_the_lease(
    store: GraphStore, pipeline: Pipeline
) -> None:
    """An empty queue is one read per poll, not a lease taken and released (two writes)."""
    counted = LeaseCount(store)
    worker = _worker(counted, pipeline)
    assert worker.run_once() == 0
    assert counted.taken == 0
    pipeline.run(SAMPLE[:3], IngestReport())
    assert worker.run_once() == 1
    taken = counted.taken  # once, and again for each renewal while it derived
    assert taken >= 1
    assert worker.run_once() == 0
    assert counted.taken == taken


def test_a_started_worker_derives_a_push_soon_after_it_is_acknowledged(
    store: GraphStore, pipeline: Pipeline
) -> None:
    worker = _worker(store, pipeline)
    worker.start()
    try:
        pipeline.run(SAMPLE[:12], IngestReport())
        worker.wake()
        deadline = time.monotonic() + 30
        while store.derivation_jobs(1) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.derivation_jobs(1) == []
        assert store.stats().relationships.get("EXPERT_IN", 0) > 0
    finally:
        worker.stop()


def test_a_stopping_worker_derives_what_is_queued_waiting_out_a_dead_holder(
    store: GraphStore, pipeline: Pipeline
) -> None:
    worker = _worker(store, pipeline)
    pipeline.run(SAMPLE[:3], IngestReport())
    assert store.take_derivation_lease("a-process-that-was-killed", 0.5)
    worker.start()
    worker.stop()
    assert store.derivation_jobs(10) == []
    assert store.stats().relationships.get("EXPERT_IN", 0) > 0
