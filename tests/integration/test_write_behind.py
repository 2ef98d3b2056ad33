"""A batch's store write runs while the next batch is read and embedded, on both stores, and
the run still behaves as a sequential one: a record written twice in one run is an update,
and a write that fails fails the run with what went in before it kept."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.errors import StoreUnavailable
from graph_service.models import GraphBatch
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.pipeline import Pipeline
from ingest.report import IngestReport
from tests.record_edits import edited
from tests.sample import sample_records

SAMPLE = sample_records()
WAIT = 10.0


@pytest.fixture
def store_dimension() -> int:
    return HashingEmbedder().dimension


@pytest.fixture
def pipeline(store: GraphStore, tmp_path: Path) -> Pipeline:
    built = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    built.batch_size = 1
    return built


def test_the_next_batch_is_read_while_a_write_is_in_flight(
    store: GraphStore, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    second_batch_read = threading.Event()
    overlapped: list[bool] = []
    upsert, content_hashes = store.upsert, store.content_hashes
    reads: list[int] = []

    def slow_upsert(batch: GraphBatch, *args: Any) -> None:
        if batch.documents and not overlapped:  # the first batch's write waits until the
            overlapped.append(second_batch_read.wait(WAIT))  # second batch reads the store
        upsert(batch, *args)

    def counted_hashes(ids: Any) -> Any:
        reads.append(1)
        if len(reads) == 2:
            second_batch_read.set()
        return content_hashes(ids)

    monkeypatch.setattr(store, "upsert", slow_upsert)
    monkeypatch.setattr(store, "content_hashes", counted_hashes)
    report = pipeline.run([SAMPLE[0], SAMPLE[1]], IngestReport())

    assert overlapped == [True], "the second batch was read only after the first was written"
    assert store.get_document(SAMPLE[1].document.id) is not None
    assert sum(n for (stage, _), n in report.counts.items() if stage == "ingested") > 2


def test_a_record_written_twice_in_one_run_is_an_update(
    store: GraphStore, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = SAMPLE[1]
    changed = edited(record, ("reply", 1, "late.replier", 0), [], SAMPLE)
    upsert = store.upsert

    def slow_upsert(batch: GraphBatch, *args: Any) -> None:
        if batch.documents:  # long enough for the next batch to read before this commits
            time.sleep(0.3)
        upsert(batch, *args)

    monkeypatch.setattr(store, "upsert", slow_upsert)
    report = pipeline.run([record, changed], IngestReport())

    kind = record.document.kind
    assert report.counts[("ingested", kind)] == 2
    assert report.counts[("updated", kind)] == 1, "the second saw the first one stored"
    assert len(store.get_posts(record.document.id)) == len(changed.posts) == len(record.posts) + 1


def test_a_failed_write_fails_the_run_and_keeps_what_went_in_before(
    store: GraphStore, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    upsert = store.upsert
    writes: list[int] = []

    def failing_second(batch: GraphBatch, *args: Any) -> None:
        writes.append(len(batch.documents))
        if len([n for n in writes if n]) == 2:
            raise StoreUnavailable("the store went down")
        upsert(batch, *args)

    monkeypatch.setattr(store, "upsert", failing_second)
    with pytest.raises(StoreUnavailable, match="went down"):
        pipeline.run([SAMPLE[0], SAMPLE[1], SAMPLE[2]], IngestReport())

    assert store.get_document(SAMPLE[0].document.id) is not None
    assert store.get_document(SAMPLE[1].document.id) is None
    assert store.get_document(SAMPLE[2].document.id) is None
