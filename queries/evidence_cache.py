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

from collections.abc import Sequence

from graph_service.store.base import Evidence, GraphStore
from queries.versioned import VersionedValues

CHUNKS_KEPT = 50_000
"""Chunks whose evidence is kept (about 1 kB each: the chunk's text is its snippet)."""
THREADS_KEPT = 20_000
"""Threads whose replies' evidence is kept."""


class EvidenceCache:
    """`GraphStore.evidence` and `reply_evidence` of one store, kept per data version.

    Both answer in the order of the ids asked for (a thread's replies in the store's order),
    where the store promises no order: the same question gets the same list every time.
    """

    def __init__(
        self, store: GraphStore, chunks_kept: int = CHUNKS_KEPT, threads_kept: int = THREADS_KEPT
    ) -> None:
        self._store = store
        self._chunks: VersionedValues[str, Evidence | None] = VersionedValues(chunks_kept)
        self._threads: VersionedValues[str, list[Evidence]] = VersionedValues(threads_kept)

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
