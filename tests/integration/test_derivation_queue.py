"""Derivation off the request path, on both stores: deferred writes queue what they owe, a
worker derives it, and a derivation that dies leaves its jobs for the next round.

What a worker derives must equal a full recompute with the stored decay epoch and bar, as
incremental derivation does (test_incremental_derivation.py).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.errors import StoreUnavailable
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest import SAMPLE_DIR
from ingest.derivation import Extent, Touched, derive
from ingest.derivation_queue import DerivationWorker
from ingest.derive import recompute_expertise
from ingest.pipeline import Pipeline
from ingest.records import SourceRecord
from ingest.related import recompute_related_practices
from ingest.report import IngestReport
from ingest.sources.detect import read_source

SAMPLE = [
    r for r in read_source(SAMPLE_DIR / "cop-sample.jsonl", "jsonl") if isinstance(r, SourceRecord)
]


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


def _deferred(store: GraphStore, data_dir: Path) -> Pipeline:
    pipeline = build_pipeline(Settings(data_dir=data_dir), store, HashingEmbedder())
    pipeline.deferred = True
    pipeline.related_whole_below = 0
    return pipeline


def _worker(store: Any, pipeline: Pipeline) -> DerivationWorker:
    def derive_touched(touched: Touched) -> Extent:
        return derive(store, touched, pipeline.clock(), pipeline.half_life_days, 0)

    return DerivationWorker(store, derive_touched, lease_seconds=0.5)


def _derived(store: GraphStore) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    expertise = sorted(
        (r.person_id, r.domain_id, r.private_community or "", round(r.score, 5),
         r.evidence_count, r.last_activity)
        for r in store.expertise()
    )  # fmt: skip
    ids, _ = store.practice_embeddings()
    related = sorted(
        (link.source_id, link.target_id, round(link.score, 4), link.method)
        for link in store.related_links(ids)
    )
    return expertise, related


def _full(store: GraphStore, pipeline: Pipeline) -> tuple[list[Any], list[Any]]:
    """What a full recompute with the stored epoch and bar writes."""
    state = store.derivation_state()
    assert state is not None
    recompute_expertise(store, state.decay_epoch, pipeline.half_life_days)
    recompute_related_practices(store, bar=state.related_bar)
    return _derived(store)


def test_deferred_writes_are_derived_by_the_worker_not_by_the_write(
    store: GraphStore, tmp_path: Path
) -> None:
    pipeline = _deferred(store, tmp_path / "data")
    worker = _worker(store, pipeline)
    try:
        pipeline.run(SAMPLE[:12], IngestReport())
        assert store.stats().relationships.get("EXPERT_IN", 0) == 0, "derived by the write"
        queued = store.derivation_jobs(100)
        assert queued and worker.run_once() == len(queued)
        assert store.derivation_jobs(100) == []
        first = _derived(store)
        assert first[0], "the worker derived nothing"

        pipeline.run(SAMPLE[12:], IngestReport())
        assert pipeline.delete([SAMPLE[0].document.id]) == 1
        assert _derived(store) == first, "derived by the write"
        assert len(store.derivation_jobs(100)) == 2, "one job for the run, one for the delete"
        assert worker.run_once() == 2
        derived = _derived(store)
        assert derived != first
        assert _full(store, pipeline) == derived
    finally:
        pipeline.cache.close()


def test_a_derivation_that_died_is_finished_by_the_next_worker(
    store: GraphStore, tmp_path: Path
) -> None:
    pipeline = _deferred(store, tmp_path / "data")
    try:
        pipeline.run(SAMPLE[:12], IngestReport())
        _worker(store, pipeline).run_once()
        pipeline.run(SAMPLE[12:], IngestReport())
        queued = store.derivation_jobs(100)

        with pytest.raises(StoreUnavailable):
            _worker(DerivationDies(store), pipeline).run_once()
        assert store.derivation_jobs(100) == queued, "a job was lost with the derivation"

        assert _worker(store, pipeline).run_once() == len(queued)
        assert store.derivation_jobs(100) == []
        derived = _derived(store)
        assert _full(store, pipeline) == derived
    finally:
        pipeline.cache.close()


def test_a_dead_holder_delays_derivation_only_until_its_lease_runs_out(
    store: GraphStore, tmp_path: Path
) -> None:
    pipeline = _deferred(store, tmp_path / "data")
    worker = _worker(store, pipeline)
    try:
        pipeline.run(SAMPLE[:3], IngestReport())
        assert store.take_derivation_lease("a-process-that-was-killed", 0.5)
        assert worker.run_once() == 0
        time.sleep(0.8)
        assert worker.run_once() == 1
    finally:
        pipeline.cache.close()


def test_a_started_worker_derives_a_push_soon_after_it_is_acknowledged(
    store: GraphStore, tmp_path: Path
) -> None:
    pipeline = _deferred(store, tmp_path / "data")
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
        pipeline.cache.close()


def test_a_stopping_worker_derives_what_is_queued_waiting_out_a_dead_holder(
    store: GraphStore, tmp_path: Path
) -> None:
    pipeline = _deferred(store, tmp_path / "data")
    worker = _worker(store, pipeline)
    try:
        pipeline.run(SAMPLE[:3], IngestReport())
        assert store.take_derivation_lease("a-process-that-was-killed", 0.5)
        worker.start()
        worker.stop()
        assert store.derivation_jobs(10) == []
        assert store.stats().relationships.get("EXPERT_IN", 0) > 0
    finally:
        pipeline.cache.close()
