"""EvidenceCache's bookkeeping: only what it lacks is read, answers come in the order asked,
a chunk without content is remembered as such, and no more than its bound is kept."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from graph_service.store.base import Author, Evidence, GraphStore
from queries.evidence_cache import EvidenceCache

REPLIES = {"t1": ["r1", "r2"], "t2": ["r3"], "t3": []}


def _evidence(chunk_id: str, thread: str) -> Evidence:
    return Evidence(
        content_id=chunk_id.split("#")[0],
        content_kind="answer",
        document_id=thread,
        title="",
        url=None,
        created_at=None,
        community_id=None,
        language="en",
        score=0,
        accepted=False,
        chunk_id=chunk_id,
        snippet=f"text of {chunk_id}",
        authors=[Author("p", "P")],
    )


class FakeStore:
    """Chunks `c0`..`c9` in thread `t0`; replies by thread; every read recorded."""

    def __init__(self) -> None:
        self.version = "v1"
        self.asked: list[list[str]] = []

    def data_version(self) -> str:
        return self.version

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        self.asked.append(list(chunk_ids))
        return [_evidence(c, "t0") for c in reversed(chunk_ids) if c.startswith("c")]

    def reply_evidence(self, document_ids: Sequence[str]) -> list[Evidence]:
        self.asked.append(list(document_ids))
        return [_evidence(r, t) for t in document_ids for r in REPLIES[t]]


def test_only_missing_chunks_are_read_and_answers_keep_the_order_asked() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))

    first = cache.evidence(["c1", "c2", "gone"])
    second = cache.evidence(["c3", "gone", "c2", "c1"])

    assert [e.chunk_id for e in first] == ["c1", "c2"]
    assert [e.chunk_id for e in second] == ["c3", "c2", "c1"]
    assert store.asked == [["c1", "c2", "gone"], ["c3"]], "'gone' was remembered as no content"


def test_a_new_version_reads_again() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))
    cache.evidence(["c1"])
    store.version = "v2"
    cache.evidence(["c1"])
    assert store.asked == [["c1"], ["c1"]]


def test_replies_come_thread_by_thread_and_a_thread_without_any_is_kept() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))

    found = cache.reply_evidence(["t2", "t3", "t1"])
    again = cache.reply_evidence(["t1", "t3"])

    assert [e.chunk_id for e in found] == ["r3", "r1", "r2"]
    assert [e.chunk_id for e in again] == ["r1", "r2"]
    assert store.asked == [["t2", "t3", "t1"]]


def test_past_its_bound_the_oldest_chunks_are_forgotten() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store), chunks_kept=3)
    cache.evidence(["c1", "c2", "c3"])
    cache.evidence(["c4", "c5"])  # c1 and c2 make room
    cache.evidence(["c3", "c4", "c5"])
    cache.evidence(["c1"])
    assert store.asked == [["c1", "c2", "c3"], ["c4", "c5"], ["c1"]]
