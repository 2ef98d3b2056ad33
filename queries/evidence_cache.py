"""The evidence behind chunks and the replies of threads, kept while the graph stays the same.

An expert query reads the content, thread and authors behind some 600 retrieved chunks, and
the answers of the 150-odd threads that matched: at 100,000 items on the embedded store the
two reads were the largest part of what ranking adds to retrieval (four B-tree lookups a
row), and on Neo4j a fifth of the server's time per request. The rows depend on the graph
alone, and the questions asked of one community keep retrieving its same popular content,
so they are kept by chunk and by thread under the store's `data_version`, with
`queries.versioned`'s rule: the version is read before the rows, any write gives a new
version, and a new version forgets everything kept. Nothing served is older than the graph
the request saw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from itertools import islice
from typing import Generic, TypeVar

from graph_service.store.base import Evidence, GraphStore

K = TypeVar("K")
V = TypeVar("V")

CHUNKS_KEPT = 50_000
"""Chunks whose evidence is kept (about 1 kB each: the chunk's text is its snippet)."""
THREADS_KEPT = 20_000
"""Threads whose replies' evidence is kept."""


class _Kept(Generic[K, V]):
    """Values by key under one version, the oldest forgotten past `kept`; thread-safe."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._version: str | None = None
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def read_through(
        self, keys: Sequence[K], version: str, read: Callable[[list[K]], dict[K, V]]
    ) -> dict[K, V]:
        """The value of every key in `keys` under `version`: those kept, and the others from
        one `read` of the missing keys (which must answer for each of them), then kept."""
        with self._lock:
            if version != self._version:
                self._values, self._version = {}, version
            found = {key: self._values[key] for key in keys if key in self._values}
        missing = [key for key in dict.fromkeys(keys) if key not in found]
        if not missing:
            return found
        fetched = read(missing)
        with self._lock:
            if self._version == version:
                overflow = len(self._values) + len(fetched) - self._kept
                for key in list(islice(self._values, max(0, overflow))):
                    del self._values[key]
                self._values.update(fetched)
        return found | fetched


class EvidenceCache:
    """`GraphStore.evidence` and `reply_evidence` of one store, kept per data version.

    Both answer in the order of the ids asked for (a thread's replies in the store's order),
    where the store promises no order: the same question gets the same list every time.
    """

    def __init__(
        self, store: GraphStore, chunks_kept: int = CHUNKS_KEPT, threads_kept: int = THREADS_KEPT
    ) -> None:
        self._store = store
        self._chunks: _Kept[str, Evidence | None] = _Kept(chunks_kept)
        self._threads: _Kept[str, list[Evidence]] = _Kept(threads_kept)

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        """The evidence of each chunk that still has content, in the order of `chunk_ids`."""
        found = self._chunks.read_through(chunk_ids, self._store.data_version(), self._read_chunks)
        ordered = dict.fromkeys(chunk_ids)
        return [evidence for chunk_id in ordered if (evidence := found[chunk_id]) is not None]

    def reply_evidence(self, document_ids: Sequence[str]) -> list[Evidence]:
        """The evidence of every answer and reply of these threads, thread by thread."""
        version = self._store.data_version()
        found = self._threads.read_through(document_ids, version, self._read_threads)
        return [evidence for thread in dict.fromkeys(document_ids) for evidence in found[thread]]

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
