"""The pipeline prepares ahead of its writes: a document that comes twice in one input is still
compared with its first copy as stored, and a failed write stops the run before later ones.

The store here is slow on purpose, so that preparation runs well ahead of the writes.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.errors import StoreUnavailable
from graph_service.models import GraphBatch
from graph_service.store.base import GraphStore
from graph_service.store.embedded.store import EmbeddedStore
from ingest.factory import SAMPLE_DIR, build_pipeline
from ingest.report import IngestReport
from ingest.sources.detect import read_source

REPEATED = "agri-002"


class SlowStore:
    """A real store whose content writes take a while; the `fail_at`-th fails (0: none)."""

    def __init__(self, inner: GraphStore, fail_at: int = 0) -> None:
        self._inner = inner
        self._fail_at = fail_at
        self.writes = 0

    def upsert(self, batch: GraphBatch) -> None:
        if batch.documents:  # not the taxonomy and communities written first
            self._write()
        self._inner.upsert(batch)

    def replace_documents(self, ids: list[str], batch: GraphBatch) -> None:
        self._write()
        self._inner.replace_documents(ids, batch)

    def _write(self) -> None:
        self.writes += 1
        time.sleep(0.2)
        if self.writes == self._fail_at:
            raise StoreUnavailable("connection lost (simulated)")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _records() -> list[dict[str, Any]]:
    lines = (SAMPLE_DIR / "cop-sample.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _write(records: list[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def _ingest(store: Any, source: Path, data_dir: Path, batch_size: int = 2) -> IngestReport:
    pipeline = build_pipeline(Settings(data_dir=data_dir), store, HashingEmbedder())
    pipeline.batch_size = batch_size
    try:
        return pipeline.run(read_source(source, "jsonl"), IngestReport())
    finally:
        pipeline.cache.close()


def test_a_document_twice_in_one_input_ends_as_its_last_copy(tmp_path: Path) -> None:
    records = _records()
    first = next(r for r in records if r["id"] == REPEATED)
    assert len(first["posts"]) >= 2, "the repeated thread needs replies to lose"
    last = first | {"body": first["body"] + " (edited)", "posts": first["posts"][:1]}
    others = [r for r in records if r["id"] != REPEATED]
    twice = _write([first, *others[:4], last, *others[4:]], tmp_path / "twice.jsonl")
    once = _write([*others[:4], last, *others[4:]], tmp_path / "once.jsonl")

    store = EmbeddedStore.open(tmp_path / "twice")
    report = _ingest(SlowStore(store), twice, tmp_path / "twice-data")
    clean = EmbeddedStore.open(tmp_path / "once")
    _ingest(clean, once, tmp_path / "once-data")

    assert store.stats() == clean.stats(), "the first copy's extra reply must be gone"
    documents = report.total("ingested") - report.counts[("ingested", "post")]
    assert documents == len(records) + 1, "both copies were written, the second replacing"


def test_a_failed_write_stops_the_run_before_any_later_batch(tmp_path: Path) -> None:
    source = _write(_records(), tmp_path / "sample.jsonl")
    store = EmbeddedStore.open(tmp_path / "store")
    slow = SlowStore(store, fail_at=2)
    with pytest.raises(StoreUnavailable):
        _ingest(slow, source, tmp_path / "data")
    assert slow.writes == 2, "no write after the failed one"
    assert store.stats().nodes["Document"] == 2, "the first batch (two records) is stored"
