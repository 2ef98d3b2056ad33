"""The pipeline embeds a batch while it finishes the one before, and ends with the graph a
run of one batch at a time gives: a batch holding content of the batch still embedding
reads its hashes only after that batch's write."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

import pytest

from embeddings.base import Computed, PendingVectors, Vectors
from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from graph_service.store.embedded.store import EmbeddedStore
from ingest.pipeline import Pipeline
from ingest.records import ReadItem
from ingest.report import IngestReport
from ingest.sources.detect import read_source

EVERYTHING = SearchScope(private_allowed=None)


def row(id_: str, body: str, author: str = "ann") -> dict[str, object]:
    return {
        "type": "document",
        "id": id_,
        "title": f"On {id_}",
        "body": body,
        "author": {"id": author, "name": author},
    }


ROWS = [
    row("x", "Peer assists before a project starts: ask those who did it before."),
    row("y", "Tilapia fish ponds and their water through the hot months."),
    row("a", "Composting rice straw in layers with manure, watered like a sponge."),
    row("b", "Handover at the bedside with SBAR: situation, background, assessment."),
    row("a", "Composting rice straw in layers with manure, watered like a sponge."),
    row("c", "After action reviews in thirty minutes: what we expected, what happened."),
    row("b", "Handover at the bedside with SBAR, and the family asked to listen.", "bee"),
    row("d", "Drip irrigation on durian orchards through the dry season."),
]
"""Batches of two: `a` again, unchanged, right after the batch that holds it; `b` changed
two batches on, by someone else. The first batch is embedded in-process, as every run's."""


class AheadRecorder(HashingEmbedder):
    """The hashing model, embedding ahead and noting when each batch handed over ahead starts
    and is waited for (a run's first batch is embedded in-process: not noted)."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[str] = []

    def embed_documents_ahead(self, texts: Sequence[str]) -> PendingVectors:
        batch = sum(entry.startswith("start") for entry in self.log) + 1
        self.log.append(f"start {batch}")
        return _Noted(self.log, f"wait {batch}", Computed(self.embed_documents(texts)))


class _Noted:
    def __init__(self, log: list[str], entry: str, pending: PendingVectors) -> None:
        self._log, self._entry, self._pending = log, entry, pending

    def result(self) -> Vectors:
        self._log.append(self._entry)
        return self._pending.result()


def run(pipeline: Pipeline, folder: Path, rows: list[dict[str, object]]) -> IngestReport:
    path = folder / f"rows-{len(list(folder.iterdir()))}.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = IngestReport()
    pipeline.run(read_source(path), report)
    return report


def pipeline_of(store: GraphStore, folder: Path, embedder: HashingEmbedder) -> Pipeline:
    pipeline = build_pipeline(Settings(data_dir=folder / "data"), store, embedder)
    pipeline.batch_size = 2
    return pipeline


def test_the_next_batch_is_embedding_while_the_one_before_is_finished(tmp_path: Path) -> None:
    embedder = AheadRecorder()
    store = EmbeddedStore.open(tmp_path / "store")
    try:
        run(pipeline_of(store, tmp_path, embedder), tmp_path, [ROWS[n] for n in (0, 1, 2, 3, 5, 7)])
    finally:
        store.close()
    assert embedder.log == ["start 1", "start 2", "wait 1", "wait 2"]


def test_embedding_ahead_ends_with_the_graph_of_one_batch_at_a_time(
    store: GraphStore, tmp_path: Path
) -> None:
    embedder = AheadRecorder()
    ahead = run(pipeline_of(store, tmp_path, embedder), tmp_path, ROWS)
    assert embedder.log == ["start 1", "wait 1", "start 2", "start 3", "wait 2", "wait 3"], (
        "the batch holding `a` again waits for the write of the batch that holds it"
    )
    assert (ahead.total("unchanged"), ahead.total("updated")) == (1, 1)

    one_at_a_time = EmbeddedStore.open(tmp_path / "one-at-a-time")
    try:
        sequential = pipeline_of(one_at_a_time, tmp_path, HashingEmbedder())
        reports = [run(sequential, tmp_path, ROWS[n : n + 2]) for n in range(0, len(ROWS), 2)]
        for kind in ("ingested", "unchanged", "updated"):
            assert ahead.total(kind) == sum(report.total(kind) for report in reports), kind
        assert store.stats() == one_at_a_time.stats()
        assert store.expertise() == one_at_a_time.expertise()
        hits = store.keyword_search(["sbar"], 10, "chunk", EVERYTHING)
        assert {item.authors[0].id for item in store.evidence([hit.id for hit in hits])} == {
            "jsonl:bee"
        }
    finally:
        one_at_a_time.close()


def test_a_source_failing_mid_run_leaves_the_batch_it_was_embedding_written(
    store: GraphStore, tmp_path: Path
) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in ROWS[:2] + ROWS[5:8]), encoding="utf-8")

    def failing_source() -> Iterator[ReadItem]:
        items = iter(read_source(path))
        yield from islice(items, 4)
        raise OSError("the export's connection dropped")

    pipeline = pipeline_of(store, tmp_path, AheadRecorder())
    with pytest.raises(OSError, match="connection dropped"):
        pipeline.run(failing_source(), IngestReport())
    pipeline.cache.close()
    assert store.stats().nodes["Document"] == 4, "the batch being embedded was lost"
