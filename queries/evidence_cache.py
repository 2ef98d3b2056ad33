"""The evidence behind chunks and the replies of threads, kept and changed by each write's delta.

An expert query reads the content, thread and authors behind some 600 retrieved chunks, and
the answers of the 150-odd threads that matched: at 100,000 items on the embedded store the
two reads were the largest part of what ranking adds to retrieval (four B-tree lookups a
row), and on Neo4j a fifth of the server's time per request. The rows depend on the graph
alone, and the questions asked of one community keep retrieving its same popular content,
so they are kept by chunk and by thread.

Kept per data version, they were all forgotten at every write: under a stream of one push a
second every query read them again, and its p95 was twice the steady one. So the kept rows
follow the store's change log instead (`GraphStore.view_changes`, as `queries.versioned`'s
`DeltaCache` does), read before any row: a write forgets only the rows of the content it
changed ('content': a document or post, its chunks or authors, and a post's thread) and of
the people it renamed or opted out ('person'). Nothing served is older than the graph the
request saw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from itertools import islice
from typing import Final, Generic, TypeVar

from graph_service.store.base import Evidence, GraphStore, ViewChanges

CHUNKS_KEPT = 50_000
"""Chunks whose evidence is kept (about 1 kB each: the chunk's text is its snippet)."""
THREADS_KEPT = 20_000
"""Threads whose replies' evidence is kept."""
ABSENT: Final = ("absent", "")
"""What a chunk without content was read from: any content written may give it some."""

V = TypeVar("V")
Source = tuple[str, str]
"""A change log key a kept row was read from: ('content', id) or ('person', id)."""


class _Kept(Generic[V]):
    """Rows by id with the keys each was read from, so that a write forgets exactly the
    rows it changed, in the time of the rows it changed (a scan of 50,000 kept chunks at
    every push cost the query that followed it tens of milliseconds); past `most` the
    oldest are forgotten."""

    def __init__(self, most: int, sources: Callable[[str, V], Iterable[Source]]) -> None:
        self.values: dict[str, V] = {}
        self._most = most
        self._sources = sources
        self._holders: dict[Source, set[str]] = {}

    def keep(self, fetched: dict[str, V]) -> None:
        overflow = len(self.values) + len(fetched) - self._most
        for key in list(islice(self.values, max(0, overflow))):
            self._drop(key)
        for key, value in fetched.items():
            self._drop(key)
            self.values[key] = value
            for source in self._sources(key, value):
                self._holders.setdefault(source, set()).add(key)

    def forget(self, sources: Iterable[Source]) -> None:
        for source in sources:
            for key in self._holders.pop(source, set()):
                self._drop(key)

    def clear(self) -> None:
        self.values.clear()
        self._holders.clear()

    def _drop(self, key: str) -> None:
        if key not in self.values:
            return
        for source in self._sources(key, self.values.pop(key)):
            holders = self._holders.get(source)
            if holders is not None:
                holders.discard(key)
                if not holders:
                    del self._holders[source]


def _chunk_sources(chunk_id: str, evidence: Evidence | None) -> list[Source]:
    if evidence is None:
        return [ABSENT]
    return [
        ("content", evidence.content_id),
        ("content", evidence.document_id),
        *(("person", author.id) for author in evidence.authors),
    ]


def _thread_sources(thread: str, replies: list[Evidence]) -> list[Source]:
    return [("content", thread), *(("person", a.id) for reply in replies for a in reply.authors)]


class EvidenceCache:
    """`GraphStore.evidence` and `reply_evidence` of one store, kept until a write changes them.

    Both answer in the order of the ids asked for (a thread's replies in the store's order),
    where the store promises no order: the same question gets the same list every time.
    Safe to share between the API's threads.
    """

    def __init__(
        self, store: GraphStore, chunks_kept: int = CHUNKS_KEPT, threads_kept: int = THREADS_KEPT
    ) -> None:
        self._store = store
        self._chunks: _Kept[Evidence | None] = _Kept(chunks_kept, _chunk_sources)
        self._threads: _Kept[list[Evidence]] = _Kept(threads_kept, _thread_sources)
        self._mark: int | None = None
        self._lock = threading.Lock()

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        """The evidence of each chunk that still has content, in the order of `chunk_ids`."""
        found = self._read_through(self._chunks, chunk_ids, self._read_chunks)
        ordered = dict.fromkeys(chunk_ids)
        return [evidence for chunk_id in ordered if (evidence := found[chunk_id]) is not None]

    def reply_evidence(self, document_ids: Sequence[str]) -> list[Evidence]:
        """The evidence of every answer and reply of these threads, thread by thread."""
        found = self._read_through(self._threads, document_ids, self._read_threads)
        return [evidence for thread in dict.fromkeys(document_ids) for evidence in found[thread]]

    def _read_through(
        self, kept: _Kept[V], keys: Sequence[str], read: Callable[[list[str]], dict[str, V]]
    ) -> dict[str, V]:
        """The value of every key: those kept, the others from one `read`, then kept unless
        a write came between the change log's mark and the read (the rows might predate it)."""
        with self._lock:
            mark = self._follow_writes()
            found = {key: kept.values[key] for key in keys if key in kept.values}
        missing = [key for key in dict.fromkeys(keys) if key not in found]
        if not missing:
            return found
        fetched = read(missing)
        with self._lock:
            if self._mark == mark:
                kept.keep(fetched)
        return found | fetched

    def _follow_writes(self) -> int:
        """Forget what the writes since the last look changed; the mark the rest is at.

        A request that saw the graph before a write another request has already followed
        here keeps what is kept: it is newer than what that request saw, never older."""
        changes = self._store.view_changes(self._mark)
        if self._mark is not None and changes.mark < self._mark:
            return self._mark
        if changes.everything:
            self._chunks.clear()
            self._threads.clear()
        elif changes.mark != self._mark:
            self._forget(changes)
        self._mark = changes.mark
        return changes.mark

    def _forget(self, changes: ViewChanges) -> None:
        """Drop the rows of changed content (a chunk's content or thread, a thread's
        replies) and of changed people, and every "no content" answer once content came."""
        content = changes.of("content")
        sources = [
            *(("content", key) for key in content),
            *(("person", key) for key in changes.of("person")),
            *([ABSENT] if content else []),
        ]
        self._chunks.forget(sources)
        self._threads.forget(sources)

    def _read_chunks(self, chunk_ids: list[str]) -> dict[str, Evidence | None]:
        """The store's evidence of `chunk_ids`; None for a chunk it has none for."""
        read = {evidence.chunk_id: evidence for evidence in self._store.evidence(chunk_ids)}
        return {chunk_id: read.get(chunk_id) for chunk_id in chunk_ids}

    def _read_threads(self, document_ids: list[str]) -> dict[str, list[Evidence]]:
        """The store's reply evidence of `document_ids`, by thread (empty for none)."""
        replies: dict[str, list[Evidence]] = {thread: [] for thread in document_ids}
        for evidence in self._store.reply_evidence(document_ids):
            replies[evidence.document_id].append(evidence)
        return replies
