"""`EmbeddedStore`: the GraphStore in one SQLite file plus an in-memory vector matrix.

The default backend: nothing to install or run, so `copgraph demo` and the tests work on
any machine. Graph structure lives in typed tables (schema.py), full-text search in FTS5
over pre-segmented text, and vector search is exact numpy (vectors.py). Neo4j is the
backend for shared deployments; the contract suite holds both to the same answers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import numpy as np

from graph_service.errors import StoreUnavailable
from graph_service.models import (
    Chunk,
    Community,
    Document,
    Domain,
    Expertise,
    GraphBatch,
    Person,
    Post,
    Practice,
    PracticeLink,
    SearchTarget,
)
from graph_service.store.base import (
    ContentSummary,
    Contribution,
    DomainDemand,
    Evidence,
    GraphStats,
    Hit,
    Interaction,
    SearchLogEntry,
    SearchScope,
    ThreadSummary,
)
from graph_service.store.embedded import convert, reads, schema, sql_read, sql_write, writes
from graph_service.store.embedded.connection import Database
from graph_service.store.embedded.vectors import VectorIndex


def _batch_dimension(batch: GraphBatch) -> int | None:
    """The dimension of the batch's first embedding, for a store that has none fixed yet."""
    embeddings = [chunk.embedding for chunk in batch.chunks[:1]] + [
        practice.embedding for practice in batch.practices[:1]
    ]
    return len(embeddings[0]) if embeddings else None


def _write(connection: sqlite3.Connection, batch: GraphBatch) -> None:
    """Write `batch` in the caller's transaction, fixing the store's dimension on first use."""
    dimension = schema.stored_dimension(connection) or _batch_dimension(batch)
    if dimension is not None:
        schema.fix_dimension(connection, dimension)
    writes.write_batch(connection, batch, dimension or 0)


class EmbeddedStore:
    """GraphStore over SQLite in `data_dir`; safe to share between threads."""

    backend = "embedded"

    def __init__(self, database: Database) -> None:
        self._database = database
        self._indexes: dict[SearchTarget, VectorIndex] = {}

    @classmethod
    def open(cls, data_dir: Path) -> EmbeddedStore:
        """Open the store in `data_dir`, creating the directory and tables if missing.

        Raises:
            ConfigurationError: `data_dir` cannot be created or written (the message names
                COPGRAPH_DATA_DIR).
        """
        return cls(Database.open(data_dir))

    def ensure_schema(self, dimension: int) -> None:
        """Fix the embedding dimension; the tables already exist from `open`.

        Raises:
            ConfigurationError: the store was built with another dimension.
        """
        with self._database.write(moves_vectors=False) as connection:
            schema.fix_dimension(connection, dimension)

    def data_version(self) -> str:
        """The token every write of the graph sets (see `Database.write`); empty for a store
        never written since it was created."""
        with self._database.read() as connection:
            found = connection.execute(sql_read.SELECT_DATA_VERSION).fetchone()
        return "" if found is None else str(found[0])

    def ping(self) -> None:
        """Raise `StoreUnavailable` unless the database answers."""
        with self._database.read() as connection:
            if connection.execute(sql_read.PING).fetchone() != (1,):
                raise StoreUnavailable("the embedded store did not answer")

    def close(self) -> None:
        """Close the database; the store cannot be used afterwards."""
        self._database.close()

    def upsert(self, batch: GraphBatch) -> None:
        """Write `batch` in one transaction (see writes.py for what a batch replaces).

        Raises:
            InvalidInput: an embedding has the wrong dimension, or a post names a document
                that is not stored.
        """
        if batch.is_empty():
            return
        with self._database.write(moves_vectors=True) as connection:
            _write(connection, batch)

    def replace_documents(self, ids: Sequence[str], batch: GraphBatch) -> None:
        """Delete documents `ids` (as `delete_documents`) and write `batch`, in one transaction.

        Raises:
            InvalidInput: as `upsert`.
        """
        with self._database.write(moves_vectors=True) as connection:
            writes.delete_documents(connection, ids)
            _write(connection, batch)

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored hash of each Document or Post among `ids`."""
        with self._database.read() as connection:
            return dict(
                connection.execute(sql_read.SELECT_CONTENT_HASHES, (convert.id_array(ids),))
            )

    def delete_documents(self, ids: Sequence[str]) -> int:
        """Delete documents with their posts, chunks, practices and links; return how many."""
        with self._database.write(moves_vectors=True) as connection:
            return writes.delete_documents(connection, ids)

    def vector_search(
        self, vector: Sequence[float], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """The `k` chunks or practices nearest `vector` by cosine (raw, in [-1, 1]).

        Raises:
            InvalidInput: `vector` does not have the store's dimension.
        """
        index = self._index(target)
        return [] if index is None else index.search(vector, k, scope)

    def _index(self, target: SearchTarget) -> VectorIndex | None:
        """The target's vector index, reloaded if any process wrote since it was loaded."""
        with self._database.read() as connection:  # its lock also guards self._indexes
            dimension = schema.stored_dimension(connection)
            if dimension is None:
                return None
            generation = int(connection.execute(sql_read.SELECT_GENERATION).fetchone()[0])
            index = self._indexes.get(target)
            if index is None or index.generation != generation:
                index = self._indexes[target] = VectorIndex.load(connection, target, dimension)
            return index

    def keyword_search(
        self, terms: Sequence[str], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """The `k` best matches of any term by BM25 (score = -bm25, higher is better)."""
        match = sql_read.fts_match(terms)
        if match is None or k <= 0:
            return []
        parameters = {"match": match, "k": k, **convert.scope_parameters(scope)}
        with self._database.read() as connection:
            found = connection.execute(sql_read.keyword_search(target), parameters).fetchall()
        return [Hit(id=id_, score=score) for id_, score in found]

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        """The content, thread and authors behind each stored chunk among `chunk_ids`."""
        with self._database.read() as connection:
            return reads.evidence(connection, chunk_ids)

    def reply_chunks(self, document_ids: Sequence[str]) -> list[str]:
        """The opening chunk of every answer and reply in these threads."""
        ids = convert.id_array(document_ids)
        with self._database.read() as connection:
            found = connection.execute(sql_read.SELECT_REPLY_CHUNKS, (ids,)).fetchall()
        return [chunk_id for (chunk_id,) in found]

    def contributions(self) -> Iterator[Contribution]:
        """Every (author, content, domain) triple, read in one snapshot."""
        with self._database.read() as connection:
            found = reads.contributions(connection)
        return iter(found)

    def replace_expertise(self, rows: Sequence[Expertise]) -> None:
        """Replace all EXPERT_IN rows with `rows` in one transaction."""
        with self._database.write(moves_vectors=False) as connection:
            connection.execute(sql_write.DELETE_EXPERTISE)
            connection.executemany(sql_write.INSERT_EXPERTISE, map(convert.expertise_row, rows))

    def expertise(
        self, person_id: str | None = None, domain_id: str | None = None
    ) -> list[Expertise]:
        """EXPERT_IN rows of a person, of a domain, or all; best score first."""
        parameters = {"person": person_id, "domain": domain_id}
        with self._database.read() as connection:
            found = connection.execute(sql_read.SELECT_EXPERTISE, parameters).fetchall()
        return [convert.expertise_from(row) for row in found]

    def practice_embeddings(self) -> tuple[list[str], np.ndarray]:
        """Every practice id with its normalised embedding, ordered by id."""
        index = self._index("practice")
        if index is None:
            return [], np.zeros((0, 0), dtype=np.float32)
        return list(index.ids), index.matrix.copy()

    def replace_related_practices(self, rows: Sequence[PracticeLink]) -> None:
        """Replace all RELATED_TO links; links naming an unknown practice are dropped."""
        with self._database.write(moves_vectors=False) as connection:
            connection.execute(sql_write.DELETE_RELATED)
            connection.executemany(sql_write.INSERT_RELATED, map(convert.related_row, rows))

    def related_practices(self, practice_id: str) -> list[PracticeLink]:
        """RELATED_TO links leaving `practice_id`, best first."""
        with self._database.read() as connection:
            found = connection.execute(sql_read.SELECT_RELATED, (practice_id,)).fetchall()
        return [
            PracticeLink(source_id=source, target_id=target, score=score, method=method)
            for source, target, score, method in found
        ]

    def get_person(self, person_id: str) -> Person | None:
        """The person, or None."""
        with self._database.read() as connection:
            return reads.person(connection, person_id)

    def get_people(self, ids: Sequence[str]) -> list[Person]:
        """The stored persons among `ids`, in no particular order."""
        with self._database.read() as connection:
            return reads.people(connection, ids)

    def get_community(self, community_id: str) -> Community | None:
        """The community, or None."""
        with self._database.read() as connection:
            return reads.community(connection, community_id)

    def list_communities(self) -> list[Community]:
        """Every community, private ones included, ordered by id."""
        with self._database.read() as connection:
            return reads.communities(connection)

    def get_document(self, document_id: str) -> Document | None:
        """The document, or None."""
        with self._database.read() as connection:
            return reads.document(connection, document_id)

    def get_posts(self, document_id: str) -> list[Post]:
        """The posts of a thread, oldest first (undated last)."""
        with self._database.read() as connection:
            return reads.posts(connection, document_id)

    def get_practices(self, ids: Sequence[str]) -> list[Practice]:
        """The stored practices among `ids`, in the order asked for."""
        with self._database.read() as connection:
            return reads.practices(connection, ids)

    def list_domains(self) -> list[Domain]:
        """The whole taxonomy, ordered by id."""
        with self._database.read() as connection:
            return reads.domains(connection)

    def stats(self) -> GraphStats:
        """Counts of nodes by label and relationships by type, zeros included."""
        with self._database.read() as connection:
            return reads.stats(connection)

    def recent_content(
        self, person_id: str, limit: int, scope: SearchScope
    ) -> list[ContentSummary]:
        """Up to `limit` of the person's documents and posts within `scope`, newest first
        (undated last); a post's title and missing url are its thread's."""
        with self._database.read() as connection:
            return reads.recent_content(connection, person_id, limit, scope)

    def practices_by_author(self, person_id: str, scope: SearchScope) -> list[Practice]:
        """Practices listing the person as an author whose source content is within `scope`
        (as practice search applies it), ordered by id."""
        with self._database.read() as connection:
            return reads.practices_by_author(connection, person_id, scope)

    def thread_summaries(self, scope: SearchScope) -> list[ThreadSummary]:
        """Every document within `scope` with its thread's outcome, by document id."""
        with self._database.read() as connection:
            return reads.thread_summaries(connection, scope)

    def domain_demand(self, scope: SearchScope) -> list[DomainDemand]:
        """Per domain and UTC month, the documents within `scope` and how their threads went."""
        with self._database.read() as connection:
            return reads.domain_demand(connection, scope)

    def community_activity(self, community_id: str) -> list[Interaction]:
        """Every document and post of the community, oldest first (undated last, then by id)."""
        with self._database.read() as connection:
            return reads.community_activity(connection, community_id)

    def unassigned_chunks(self, limit: int) -> list[Chunk]:
        """Up to `limit` chunks of content no domain claims, ordered by id."""
        with self._database.read() as connection:
            return reads.unassigned_chunks(connection, limit)

    def log_search(self, entry: SearchLogEntry) -> None:
        """Append `entry` to the demand log; vector indexes and graph counts stay as they are."""
        with self._database.write(moves_vectors=False, changes_graph=False) as connection:
            connection.execute(sql_write.INSERT_SEARCH_LOG, convert.search_log_row(entry))

    def search_log(self, since: datetime | None = None) -> list[SearchLogEntry]:
        """Logged searches at or after `since` (all when None), oldest first."""
        with self._database.read() as connection:
            return reads.search_log(connection, since)
