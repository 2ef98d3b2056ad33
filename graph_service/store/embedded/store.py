"""`EmbeddedStore`: the GraphStore in one SQLite file plus an in-memory vector matrix.

The default backend: nothing to install or run, so `copgraph demo` and the tests work on
any machine. Graph structure lives in typed tables (schema.py), full-text search in FTS5
over pre-segmented text, ranked from BM25 postings held in memory (keywords.py), and
vector search is numpy (search.py), exact or over the candidates of an HNSW graph kept
beside the file (neighbours.py). Neo4j is the backend for
shared deployments; the contract suite holds both to the same answers.

The class opens the database and runs the writes; its reads are those of `Reads`.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from graph_service.errors import StoreUnavailable
from graph_service.models import (
    Expertise,
    GraphBatch,
    PracticeLink,
    RankerModel,
    VocabularyWord,
)
from graph_service.store.base import DerivationJob, DerivationState, SearchLogEntry
from graph_service.store.embedded import convert, schema, writes
from graph_service.store.embedded import statements as sql
from graph_service.store.embedded.connection import Database
from graph_service.store.embedded.profiles import ProfileTables
from graph_service.store.embedded.reads import Reads
from graph_service.store.request_version import PerVersion


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


def _queue(connection: sqlite3.Connection, job: DerivationJob | None) -> None:
    """Queue `job` in the caller's transaction, so it commits with the write it is owed by."""
    if job is not None:
        connection.execute(sql.INSERT_DERIVATION_JOB, (job.id, job.model_dump_json()))


class EmbeddedStore(ProfileTables, Reads):
    """GraphStore over SQLite in `data_dir`; safe to share between threads."""

    backend = "embedded"

    def __init__(self, database: Database) -> None:
        self._db = database
        self._indexes = {}
        self._neighbours = {}
        self._index_lock = threading.Lock()
        self._lists = PerVersion(self.data_version)

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
        with self._db.write(moves_vectors=False) as connection:
            schema.fix_dimension(connection, dimension)

    def ping(self) -> None:
        with self._db.read() as connection:
            if connection.execute(sql.PING).fetchone() != (1,):
                raise StoreUnavailable("the embedded store did not answer")

    def rehearsal(self) -> None:
        """None: SQLite's first write costs what the others do, so nothing is rehearsed."""
        return None

    def settle_search(self, timeout: float | None = None) -> None:
        """Return once the neighbour graphs that searches started are built or restored
        (neighbours.py): a benchmark measures the steady state, not the exact fallback."""
        for graph in list(self._neighbours.values()):
            graph.wait(timeout)

    def close(self) -> None:
        """The store cannot be used afterwards."""
        self._db.close()

    def upsert(self, batch: GraphBatch, job: DerivationJob | None = None) -> None:
        """One transaction (see writes.py for what a batch replaces).

        Raises:
            InvalidInput: an embedding has the wrong dimension, or a post names a document
                that is not stored.
        """
        if batch.is_empty() and job is None:
            return
        with self._db.write(moves_vectors=True) as connection:
            _write(connection, batch)
            _queue(connection, job)

    def replace_documents(
        self, ids: Sequence[str], batch: GraphBatch, job: DerivationJob | None = None
    ) -> None:
        """One transaction.

        Raises:
            InvalidInput: as `upsert`.
        """
        with self._db.write(moves_vectors=True) as connection:
            writes.delete_documents(connection, ids)
            _write(connection, batch)
            _queue(connection, job)

    def delete_documents(self, ids: Sequence[str], job: DerivationJob | None = None) -> int:
        with self._db.write(moves_vectors=True) as connection:
            _queue(connection, job)
            return writes.delete_documents(connection, ids)

    def finish_derivation_jobs(self, ids: Sequence[str]) -> None:
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            connection.execute(sql.DELETE_DERIVATION_JOBS, (convert.id_array(ids),))

    def take_derivation_lease(self, holder: str, seconds: float) -> bool:
        """By this machine's clock: the processes sharing one SQLite file share it too."""
        now = time.time()
        lease = {"holder": holder, "until": now + seconds, "now": now}
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            connection.execute(sql.TAKE_DERIVATION_LEASE, lease)
            found = connection.execute(sql.SELECT_DERIVATION_LEASE_HOLDER).fetchone()
        return found is not None and found[0] == holder

    def release_derivation_lease(self, holder: str) -> None:
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            connection.execute(sql.RELEASE_DERIVATION_LEASE, (holder,))

    def replace_expertise(self, rows: Sequence[Expertise]) -> None:
        with self._db.write(moves_vectors=False) as connection:
            connection.execute(sql.DELETE_EXPERTISE)
            connection.executemany(sql.INSERT_EXPERTISE, map(convert.expertise_row, rows))

    def replace_expertise_for(
        self,
        person_ids: Sequence[str],
        rows: Sequence[Expertise],
        domain_ids: Sequence[str] | None = None,
    ) -> None:
        people = convert.id_array(person_ids)
        with self._db.write(moves_vectors=False) as connection:
            if domain_ids is None:
                connection.execute(sql.DELETE_EXPERTISE_OF, (people,))
            else:
                connection.execute(
                    sql.DELETE_EXPERTISE_OF_IN, (people, convert.id_array(domain_ids))
                )
            connection.executemany(sql.INSERT_EXPERTISE, map(convert.expertise_row, rows))

    def replace_related_for(self, source_ids: Sequence[str], rows: Sequence[PracticeLink]) -> None:
        with self._db.write(moves_vectors=False) as connection:
            connection.execute(sql.DELETE_RELATED_FROM, (convert.id_array(source_ids),))
            connection.executemany(sql.INSERT_RELATED, map(convert.related_row, rows))

    def save_derivation_state(self, state: DerivationState) -> None:
        """Kept as its JSON in the `meta` table."""
        with self._db.write(moves_vectors=False) as connection:
            connection.execute(sql.SAVE_DERIVATION_STATE, (state.model_dump_json(),))

    def replace_related_practices(self, rows: Sequence[PracticeLink]) -> None:
        """Links naming an unknown practice are dropped."""
        with self._db.write(moves_vectors=False) as connection:
            connection.execute(sql.DELETE_RELATED)
            connection.executemany(sql.INSERT_RELATED, map(convert.related_row, rows))

    def save_ranker_model(self, model: RankerModel) -> None:
        """Kept as its JSON, beside the graph; a new data version, vector indexes unmoved."""
        with self._db.write(moves_vectors=False) as connection:
            connection.execute(sql.UPSERT_RANKER_MODEL, (model.version, model.model_dump_json()))

    def add_vocabulary(self, words: Sequence[VocabularyWord]) -> None:
        """Outside the graph: neither the data version nor the vector indexes move.

        Raises:
            InvalidInput: a vector does not have the store's dimension.
        """
        if not words:
            return
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            dimension = schema.stored_dimension(connection) or len(words[0].vector)
            rows = [(w.word, convert.vector_blob(w.word, w.vector, dimension)) for w in words]
            connection.executemany(sql.INSERT_VOCABULARY, rows)

    def log_search(self, entry: SearchLogEntry) -> None:
        """Vector indexes and the data version stay as they are."""
        with self._db.write(moves_vectors=False, changes_graph=False) as connection:
            connection.execute(sql.INSERT_SEARCH_LOG, convert.search_log_row(entry))
