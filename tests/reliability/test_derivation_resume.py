"""A run that dies after its content is committed but before EXPERT_IN and RELATED_TO are
derived again is finished by its rerun, though every record then reads as unchanged.

The kill tests (test_api_killed.py) hit this window by timing; these pin it down by failing
the derivation itself, and check that a rerun after a run that finished derives nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.errors import StoreUnavailable
from graph_service.models import Expertise
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from graph_service.store.embedded.store import EmbeddedStore
from ingest import SAMPLE_DIR
from ingest.report import IngestReport
from ingest.sources.detect import read_source


class DerivationFails:
    """A real store whose EXPERT_IN replacement fails (whole or in part), as a store dying in
    `derive` would."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner

    def replace_expertise(self, items: list[Expertise]) -> None:
        raise StoreUnavailable("connection lost while deriving (simulated)")

    def replace_expertise_for(
        self, person_ids: list[str], items: list[Expertise], domain_ids: Any = None
    ) -> None:
        raise StoreUnavailable("connection lost while deriving (simulated)")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _run(
    store: Any, data_dir: Path, sample: bool = True, delete: str | None = None
) -> IngestReport:
    """Ingest the sample (or nothing) into `store`, or delete a document from it."""
    pipeline = build_pipeline(Settings(data_dir=data_dir), store, HashingEmbedder())
    try:
        if delete is not None:
            pipeline.delete([delete])
            return IngestReport()
        records = read_source(SAMPLE_DIR / "cop-sample.jsonl", "jsonl") if sample else []
        return pipeline.run(records, IngestReport())
    finally:
        pipeline.cache.close()


def _derived(store: GraphStore) -> tuple[dict[str, int], list[tuple[str, str, int]]]:
    counts = {name: store.stats().relationships[name] for name in ("EXPERT_IN", "RELATED_TO")}
    rows = [(r.person_id, r.domain_id, r.evidence_count) for r in store.expertise()]
    return counts, sorted(rows)


def test_rerun_derives_what_a_run_that_died_while_deriving_left_stale(tmp_path: Path) -> None:
    clean = EmbeddedStore.open(tmp_path / "clean")
    _run(clean, tmp_path / "clean-data")
    store = EmbeddedStore.open(tmp_path / "store")
    with pytest.raises(StoreUnavailable):
        _run(DerivationFails(store), tmp_path / "data")
    assert store.stats().nodes == clean.stats().nodes
    assert store.stats().relationships["EXPERT_IN"] == 0 < clean.stats().relationships["EXPERT_IN"]

    rerun = _run(store, tmp_path / "data")
    assert rerun.total("ingested") == 0 and rerun.total("unchanged") > 0
    assert _derived(store) == _derived(clean)


def test_next_run_derives_after_a_delete_that_died_while_deriving(tmp_path: Path) -> None:
    expected = EmbeddedStore.open(tmp_path / "expected")
    _run(expected, tmp_path / "expected-data")
    _run(expected, tmp_path / "expected-data", delete="agri-001")
    store = EmbeddedStore.open(tmp_path / "store")
    _run(store, tmp_path / "data")
    with pytest.raises(StoreUnavailable):
        _run(DerivationFails(store), tmp_path / "data", delete="agri-001")
    assert _derived(store) != _derived(expected)

    _run(store, tmp_path / "data", sample=False)
    assert _derived(store) == _derived(expected)


def test_rerun_after_a_finished_run_derives_nothing(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path / "store")
    _run(store, tmp_path / "data")
    rerun = _run(DerivationFails(store), tmp_path / "data")
    assert rerun.total("ingested") == 0
