"""EvidenceCache's bookkeeping: only what it lacks is read, answers come in the order asked,
a chunk without content is remembered as such, no more than its bound is kept, and a write
forgets exactly the rows of the content and people it changed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from graph_service.store.base import Author, Evidence, GraphStore, ViewChanges
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
        authors=[Author(f"p-{thread}", "P")],
    )


class FakeStore:
    """Chunks `c0`..`c9` in thread `t0` by `p-t0`; replies by thread, each by `p-` and the
    thread; every read recorded; `write` logs view changes as the stores do."""

    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []
        self.head: int | None = None
        self.asked: list[list[str]] = []

    def write(self, *changes: tuple[str, str]) -> None:
        self.log.extend(changes)

    def view_changes(self, mark: int | None) -> ViewChanges:
        last = len(self.log) if self.head is None else self.head
        spanned = ViewChanges.from_span(mark, 1, last)
        if spanned is not None:
            return spanned
        assert mark is not None
        return ViewChanges.from_log(last, self.log[mark:last])

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


def test_a_write_forgets_its_content_and_thread_and_nothing_else() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))
    cache.evidence(["c1", "c2"])
    cache.reply_evidence(["t1", "t2"])

    store.write(("content", "elsewhere"), ("activity", "p-t0"), ("expertise", "p-t1"))
    cache.evidence(["c1", "c2"])
    cache.reply_evidence(["t1", "t2"])
    assert store.asked == [["c1", "c2"], ["t1", "t2"]], "nothing kept was changed"

    store.write(("content", "c1"))
    cache.evidence(["c1", "c2"])
    store.write(("content", "t1"))
    cache.reply_evidence(["t1", "t2"])
    store.write(("content", "t0"))
    cache.evidence(["c1", "c2"])
    assert store.asked[2:] == [["c1"], ["t1"], ["c1", "c2"]]


def test_a_renamed_or_opted_out_author_forgets_their_rows() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))
    cache.evidence(["c1"])
    cache.reply_evidence(["t1", "t2"])
    store.write(("person", "p-t2"))
    cache.evidence(["c1"])
    cache.reply_evidence(["t1", "t2"])
    assert store.asked == [["c1"], ["t1", "t2"], ["t2"]]


def test_a_chunk_without_content_is_asked_again_once_content_came() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))
    cache.evidence(["gone", "c1"])
    store.write(("person", "someone"))
    cache.evidence(["gone", "c1"])
    store.write(("content", "new"))
    cache.evidence(["gone", "c1"])
    assert store.asked == [["gone", "c1"], ["gone"]]


def test_a_request_behind_the_kept_rows_keeps_them() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))
    store.write(("content", "x"))
    cache.evidence(["c1"])
    store.write(("content", "y"))
    cache.evidence(["c2"])  # follows the write
    store.head = 1  # a request that saw the graph before it
    cache.evidence(["c1", "c2"])
    store.head = None
    cache.evidence(["c1", "c2"])
    assert store.asked == [["c1"], ["c2"]]


def test_too_much_change_forgets_everything() -> None:
    store = FakeStore()
    cache = EvidenceCache(cast(GraphStore, store))
    cache.evidence(["c1"])
    store.write(("*", "community"))
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
