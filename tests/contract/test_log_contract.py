"""Contract: the demand log and the unassigned-chunk listing, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from graph_service.store.base import GraphStore, SearchLogEntry, SearchScope
from tests.contract import fixtures as f

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _entry(minutes: int, query: str, count: int, top: float | None) -> SearchLogEntry:
    return SearchLogEntry(
        endpoint="experts",
        query=query,
        at=T0 + timedelta(minutes=minutes),
        result_count=count,
        top_score=top,
    )


def test_search_log_round_trips_in_time_order(loaded: GraphStore) -> None:
    entries = [
        _entry(5, "ความรู้ ชุมชน", 0, None),
        _entry(0, "compost rice straw", 3, 1.25),
        _entry(10, '") DETACH DELETE n //', 0, None),
    ]
    before = loaded.stats()
    for entry in entries:
        loaded.log_search(entry)
    assert loaded.search_log() == sorted(entries, key=lambda e: e.at)
    assert loaded.search_log(since=T0 + timedelta(minutes=5)) == [entries[0], entries[2]]
    assert loaded.stats() == before, "the log is not part of the graph's counts"


def test_empty_log(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    assert store.search_log() == []


def test_unassigned_chunks_are_those_of_content_without_domain(loaded: GraphStore) -> None:
    chunks = loaded.unassigned_chunks(limit=100)
    assert [chunk.id for chunk in chunks] == ["post:c1#0"]
    assert chunks[0].embedding == pytest.approx(f.CHUNKS[3].embedding, abs=1e-6)
    assert chunks[0].text == f.COMMENT.text
    assert loaded.unassigned_chunks(limit=0) == []


def test_practice_search_text_is_indexed(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    batch = f.graph_batch()
    practice = f.KM_PRACTICE.model_copy(
        update={"search_text": "ตั้ง ชุมชน นัก ปฏิบัติ แบ่งปัน ความรู้ ทุก สัปดาห์"}
    )
    store.upsert(batch.model_copy(update={"practices": [f.STRAW_PRACTICE, practice]}))
    everything = SearchScope(private_allowed=None)
    hits = store.keyword_search(["ชุมชน"], 10, "practice", everything)
    assert [hit.id for hit in hits] == ["practice:doc:km"]
    assert store.get_practices(["practice:doc:km"])[0].search_text == practice.search_text
