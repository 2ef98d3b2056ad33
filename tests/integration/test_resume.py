"""A store failure mid-run loses nothing committed, and a rerun resumes to a clean run's graph."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.errors import StoreUnavailable
from graph_service.models import GraphBatch
from graph_service.services import build_pipeline
from graph_service.store.base import DerivationJob, GraphStore
from graph_service.store.embedded.store import EmbeddedStore
from ingest import SAMPLE_DIR
from ingest.report import IngestReport
from ingest.sources.detect import read_source

SAMPLE = SAMPLE_DIR / "cop-sample.jsonl"


class FailingStore:
    """Delegates to a real store but fails the `fail_at`-th upsert, as a dying server would."""

    def __init__(self, inner: GraphStore, fail_at: int) -> None:
        self._inner = inner
        self._fail_at = fail_at
        self._upserts = 0

    def upsert(self, batch: GraphBatch, job: DerivationJob | None = None) -> None:
        self._upserts += 1
        if self._upserts == self._fail_at:
            raise StoreUnavailable("connection lost (simulated)")
        self._inner.upsert(batch, job)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _ingest(store: GraphStore, data_dir: Path) -> IngestReport:
    pipeline = build_pipeline(Settings(data_dir=data_dir), store, HashingEmbedder())
    pipeline.batch_size = 8
    try:
        return pipeline.run(read_source(SAMPLE, "jsonl"), IngestReport())
    finally:
        pipeline.cache.close()


def test_rerun_after_a_store_failure_equals_a_clean_run(tmp_path: Path) -> None:
    clean = EmbeddedStore.open(tmp_path / "clean")
    _ingest(clean, tmp_path / "clean-data")

    store = EmbeddedStore.open(tmp_path / "store")
    with pytest.raises(StoreUnavailable):
        _ingest(FailingStore(store, fail_at=4), tmp_path / "data")  # type: ignore[arg-type]
    committed = store.stats().nodes["Document"]
    assert 0 < committed < clean.stats().nodes["Document"]

    rerun = _ingest(store, tmp_path / "data")
    assert sum(rerun.counts[("unchanged", kind)] for kind in ("article", "question", "thread")) == (
        committed
    )
    assert store.stats() == clean.stats()
    resumed, expected = store.expertise(), clean.expertise()
    key = [(r.person_id, r.domain_id, r.evidence_count, r.last_activity) for r in resumed]
    assert key == [(r.person_id, r.domain_id, r.evidence_count, r.last_activity) for r in expected]
    # Scores decay with the time of derivation, which differs between the runs by seconds.
    assert [r.score for r in resumed] == pytest.approx([r.score for r in expected], abs=1e-5)
