"""Ingest copgraph JSONL rows written by a test, as `copgraph ingest` reads a file: one
definition for the integration tests that build a small community of their own."""

from __future__ import annotations

import json
from pathlib import Path

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.report import IngestReport
from ingest.sources.detect import read_source


def ingest_rows(
    store: GraphStore, embedder: Embedder, folder: Path, rows: list[dict[str, object]]
) -> IngestReport:
    """Write `rows` to a JSONL file in `folder` and run the pipeline over it; its report."""
    path = folder / "records.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    pipeline = build_pipeline(Settings(data_dir=folder / "data"), store, embedder)
    report = IngestReport()
    pipeline.run(read_source(path), report)
    return report
