"""A changed record is replaced in one transaction: a failure while writing it leaves the old
version whole, never a thread that is gone.

The pipeline used to delete a changed document in one transaction and write its new version
in another, so a crash or a store failure between the two lost the document until a rerun.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.errors import InvalidInput, StoreUnavailable
from graph_service.models import Chunk, GraphBatch
from graph_service.services import build_pipeline
from graph_service.store.base import DerivationJob, GraphStore
from ingest import SAMPLE_DIR
from ingest.report import IngestReport
from ingest.sources.detect import read_source

EDITED = "agri-001"


class ContentWritesFail:
    """A real store that fails every write carrying content, as a store dying would."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner

    def upsert(self, batch: GraphBatch, job: DerivationJob | None = None) -> None:
        if batch.documents or batch.posts:
            raise StoreUnavailable("connection lost while writing (simulated)")
        self._inner.upsert(batch, job)

    def replace_documents(
        self, ids: list[str], batch: GraphBatch, job: DerivationJob | None = None
    ) -> None:
        raise StoreUnavailable("connection lost while writing (simulated)")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def _ingest(store: Any, source: Path, data_dir: Path) -> None:
    pipeline = build_pipeline(Settings(data_dir=data_dir), store, HashingEmbedder())
    try:
        pipeline.run(read_source(source, "jsonl"), IngestReport())
    finally:
        pipeline.cache.close()


def _edited_sample(folder: Path) -> Path:
    lines = (SAMPLE_DIR / "cop-sample.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    for record in records:
        if record["id"] == EDITED:
            record["body"] += "\n\nUpdate: a second season confirmed the 60-90 days."
    folder.mkdir()
    path = folder / "cop-sample.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_a_failure_while_writing_a_changed_record_keeps_the_old_version(
    store: GraphStore, tmp_path: Path
) -> None:
    _ingest(store, SAMPLE_DIR / "cop-sample.jsonl", tmp_path / "data")
    before, old = store.stats(), store.get_document(EDITED)
    with pytest.raises(StoreUnavailable):
        _ingest(ContentWritesFail(store), _edited_sample(tmp_path / "edited"), tmp_path / "data")
    assert store.get_document(EDITED) == old
    assert store.stats() == before


def test_a_replacement_refused_midway_changes_nothing(store: GraphStore, tmp_path: Path) -> None:
    _ingest(store, SAMPLE_DIR / "cop-sample.jsonl", tmp_path / "data")
    before, old = store.stats(), store.get_document(EDITED)
    wrong = Chunk(id=f"{EDITED}#bad", parent_id=EDITED, text="x", search_text="x", embedding=[1.0])
    with pytest.raises(InvalidInput):
        store.replace_documents([EDITED], GraphBatch(chunks=[wrong]))
    assert store.get_document(EDITED) == old
    assert store.stats() == before
