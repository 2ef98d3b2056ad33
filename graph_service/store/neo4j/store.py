"""`Neo4jStore`: the GraphStore on a Neo4j server or cluster, through the official driver.

The backend for shared deployments. Any Bolt URI works (`bolt://` for one server,
`neo4j://` or `neo4j+s://` for a cluster or Aura); reads are routed to readers and writes
to the leader. A wrong setting fails at `connect`, within seconds, as a
`ConfigurationError` naming it; a server that goes away later raises `StoreUnavailable`,
which callers may retry.

The class opens the driver, creates the schema and runs the writes; its reads are those of
`Reads`.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from functools import partial
from typing import Any

from neo4j import ManagedTransaction, Record

from graph_service.config import Settings
from graph_service.models import (
    Expertise,
    GraphBatch,
    PracticeLink,
    RankerModel,
    VocabularyWord,
)
from graph_service.store.base import DerivationJob, DerivationState, SearchLogEntry
from graph_service.store.neo4j import convert, schema, writes
from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.connection import Database, open_database
from graph_service.store.neo4j.parameters import unlogged
from graph_service.store.neo4j.practice_vectors import PracticeVectors
from graph_service.store.neo4j.profiles import ProfileNodes
from graph_service.store.neo4j.reads import Reads
from graph_service.store.request_version import PerVersion

VOCABULARY_BATCH = 2000
"""Words per transaction: each holds a 512-float vector."""


def _queued(job: DerivationJob | None) -> list[writes.Statement]:
    """The statement queueing `job` in a write's transaction, if there is one."""
    if job is None:
        return []
    return [(cypher.QUEUE_DERIVATION_JOB, {"id": job.id, "body": job.model_dump_json()})]


class Neo4jStore(ProfileNodes, Reads):
    """GraphStore over one Neo4j database; safe to share between threads (the driver is)."""

    backend = "neo4j"

    def __init__(self, database: Database) -> None:
        self._db = database
        self._dimension = None
        self._lists = PerVersion(self.data_version)
        self._practice_vectors = PracticeVectors()

    @classmethod
    def connect(cls, settings: Settings) -> Neo4jStore:
        """Open the database the settings name, checking at once that it can be used.

        Raises:
            ConfigurationError: unreachable (names NEO4J_URI), credentials refused
                (NEO4J_USER, NEO4J_PASSWORD) or no such database (NEO4J_DATABASE).
        """
        return cls(open_database(settings))

    def _write(
        self, statements: Sequence[writes.Statement], views: Sequence[writes.ViewKey] = ()
    ) -> list[Record]:
        found: list[Record] = self._db.transaction(
            lambda tx: writes.run_plan(tx, statements, views)
        )
        return found

    def ensure_schema(self, dimension: int) -> None:
        """Create constraints and indexes, wait until they are ONLINE, fix the dimension.

        Practices written before the full-text index read `index_text` are given theirs, and
        a graph written before writes were numbered its first number.

        Raises:
            ConfigurationError: the graph holds embeddings of another dimension.
        """
        schema.ensure_schema(self._db, dimension)
        self._dimension = dimension
        self._db.execute(cypher.NUMBER_GRAPH_VERSION, token=writes.new_version())
        unindexed = self._db.read(cypher.PRACTICES_WITHOUT_INDEX_TEXT)
        if unindexed:
            self._write(writes.fill_index_text_plan([record["props"] for record in unindexed]))

    def ping(self) -> None:
        """A trivial query, run once without retries (see `Database.ping`)."""
        self._db.ping()

    def prepare_search(self) -> None:
        """Nothing: the server builds and keeps its vector and full-text indexes."""
        return None

    def rehearsal(self) -> AbstractContextManager[None]:
        """Writes run and rolled back, leaving their plans in Neo4j's query cache (see
        `Database.rehearsal`)."""
        return self._db.rehearsal()

    def close(self) -> None:
        self._db.close()

    def clear(self) -> None:
        """Delete every node in batches and drop the search indexes (for tests and resets)."""
        self._db.auto_commit(cypher.CLEAR_NODES)
        statement, parameters = writes.version_statement()
        self._db.execute(statement, **parameters)
        schema.drop_search_indexes(self._db)
        self._dimension = None

    def upsert(self, batch: GraphBatch, job: DerivationJob | None = None) -> None:
        """One transaction, creating the schema first if there is none.

        Raises:
            InvalidInput: an embedding does not have the graph's dimension.
        """
        if batch.is_empty() and job is None:
            return
        self._write([*_queued(job), *self._write_plan(batch)], writes.batch_views(batch))

    def replace_documents(
        self, ids: Sequence[str], batch: GraphBatch, job: DerivationJob | None = None
    ) -> None:
        """One transaction.

        Raises:
            InvalidInput: an embedding does not have the graph's dimension.
        """
        deleting = [(cypher.DELETE_DOCUMENTS, {"ids": list(dict.fromkeys(ids))})] if ids else []
        views = [*writes.batch_views(batch), *writes.content_views(ids)]
        self._write([*_queued(job), *deleting, *self._write_plan(batch)], views)

    def _write_plan(self, batch: GraphBatch) -> list[writes.Statement]:
        """The statements writing `batch`, once the schema exists (created for its vectors)."""
        vectors = [c.embedding for c in batch.chunks[:1]] + [
            p.embedding for p in batch.practices[:1]
        ]
        if self._stored_dimension() is None and vectors:
            self.ensure_schema(len(vectors[0]))
        return writes.write_plan(batch, self._dimension)

    def delete_documents(self, ids: Sequence[str], job: DerivationJob | None = None) -> int:
        if not ids:
            return 0
        deleting = (cypher.DELETE_DOCUMENTS, {"ids": list(dict.fromkeys(ids))})
        found = self._write([*_queued(job), deleting], writes.content_views(ids))
        return int(found[0]["deleted"])

    def finish_derivation_jobs(self, ids: Sequence[str]) -> None:
        """Outside the graph: the data version stays as it is."""
        self._db.execute(cypher.FINISH_DERIVATION_JOBS, ids=list(dict.fromkeys(ids)))

    def take_derivation_lease(self, holder: str, seconds: float) -> bool:
        """By the server's clock, which every API process shares whatever machine it is on."""
        lease = {"holder": holder, "milliseconds": int(seconds * 1000)}

        def take(tx: ManagedTransaction) -> bool:
            return bool(tx.run(cypher.TAKE_DERIVATION_LEASE, lease).single(strict=True)["free"])

        return self._db.transaction(take)

    def release_derivation_lease(self, holder: str) -> None:
        self._db.execute(cypher.RELEASE_DERIVATION_LEASE, holder=holder)

    def replace_expertise(self, items: Sequence[Expertise]) -> None:
        """Logs a view change for everyone who had rows before or has them now."""
        dated = [convert.dated(row.model_dump(), "last_activity") for row in items]
        self._write(
            [(cypher.DELETE_EXPERTISE, {}), *writes.batches(cypher.CREATE_EXPERTISE, dated)],
            [("expertise", person) for person in dict.fromkeys(row.person_id for row in items)],
        )

    def replace_expertise_for(
        self,
        person_ids: Sequence[str],
        items: Sequence[Expertise],
        domain_ids: Sequence[str] | None = None,
    ) -> None:
        people = list(dict.fromkeys(person_ids))
        domains = None if domain_ids is None else list(dict.fromkeys(domain_ids))
        dated = [convert.dated(row.model_dump(), "last_activity") for row in items]
        self._write(
            [
                *(
                    (statement, parameters | {"domain_ids": domains})
                    for statement, parameters in writes.batches(
                        cypher.DELETE_EXPERTISE_OF, people, "ids"
                    )
                ),
                *writes.batches(cypher.CREATE_EXPERTISE, dated),
            ],
            [("expertise", person) for person in people],
        )

    def replace_related_for(self, source_ids: Sequence[str], items: Sequence[PracticeLink]) -> None:
        """Links naming an unknown practice are dropped."""
        links = [link.model_dump() for link in items]
        self._write(
            [
                *writes.batches(cypher.DELETE_RELATED_FROM, list(dict.fromkeys(source_ids)), "ids"),
                *writes.batches(cypher.CREATE_RELATED, links),
            ]
        )

    def save_derivation_state(self, state: DerivationState) -> None:
        """A `DerivationState` node holding its JSON."""
        self._write([(cypher.SAVE_DERIVATION_STATE, {"body": state.model_dump_json()})])

    def replace_related_practices(self, items: Sequence[PracticeLink]) -> None:
        """Links naming an unknown practice are dropped."""
        links = [link.model_dump() for link in items]
        self._write([(cypher.DELETE_RELATED, {}), *writes.batches(cypher.CREATE_RELATED, links)])

    def save_ranker_model(self, model: RankerModel) -> None:
        """A `RankerModel` node holding its JSON; a new data version with it."""
        body = model.model_dump_json()
        self._write(
            [(cypher.SAVE_RANKER_MODEL, {"version": model.version, "body": body})],
            [("ranker", "")],
        )

    def add_vocabulary(self, words: Sequence[VocabularyWord]) -> None:
        """`Word` nodes, outside the graph: the data version stays as it is."""
        rows = [word.model_dump() for word in words]
        for start in range(0, len(rows), VOCABULARY_BATCH):
            chunk = rows[start : start + VOCABULARY_BATCH]
            self._db.transaction(partial(_add_vocabulary, chunk))

    def log_search(self, entry: SearchLogEntry) -> None:
        """A `SearchLog` node, outside the graph's counts; the data version stays as it is."""
        self._db.execute(cypher.LOG_SEARCH, entry=convert.log_props(entry))


def _add_vocabulary(rows: list[dict[str, Any]], tx: ManagedTransaction) -> None:
    tx.run(cypher.ADD_VOCABULARY, unlogged({"words": rows})).consume()
