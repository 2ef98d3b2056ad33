"""`Neo4jStore`: the GraphStore on a Neo4j server or cluster, through the official driver.

The backend for shared deployments. Any Bolt URI works (`bolt://` for one server,
`neo4j://` or `neo4j+s://` for a cluster or Aura); reads are routed to readers and writes
to the leader. A wrong setting fails at `connect`, within seconds, as a
`ConfigurationError` naming it; a server that goes away later raises `StoreUnavailable`,
which callers may retry.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime

import numpy as np
from neo4j import Record

from graph_service.config import Settings
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
from graph_service.store.neo4j import convert, cypher_read, schema, search, writes
from graph_service.store.neo4j import cypher_write as write
from graph_service.store.neo4j.connection import Database, open_database


class Neo4jStore:
    """GraphStore over one Neo4j database; safe to share between threads (the driver is)."""

    backend = "neo4j"

    def __init__(self, database: Database) -> None:
        self._db = database
        self._dimension: int | None = None

    @classmethod
    def connect(cls, settings: Settings) -> Neo4jStore:
        """Open the database the settings name, checking at once that it can be used.

        Raises:
            ConfigurationError: unreachable (names NEO4J_URI), credentials refused
                (NEO4J_USER, NEO4J_PASSWORD) or no such database (NEO4J_DATABASE).
        """
        return cls(open_database(settings))

    def _write(self, statements: Sequence[writes.Statement]) -> list[Record]:
        found: list[Record] = self._db.transaction(lambda tx: writes.run_plan(tx, statements))
        return found

    def ensure_schema(self, dimension: int) -> None:
        """Create constraints and indexes, wait until they are ONLINE, fix the dimension.

        Practices written before the full-text index read `index_text` are given theirs.

        Raises:
            ConfigurationError: the graph holds embeddings of another dimension.
        """
        schema.ensure_schema(self._db, dimension)
        self._dimension = dimension
        unindexed = self._db.read(cypher_read.PRACTICES_WITHOUT_INDEX_TEXT)
        if unindexed:
            self._write(writes.fill_index_text_plan([record["props"] for record in unindexed]))

    def _stored_dimension(self) -> int | None:
        """The graph's vector dimension, read from its indexes until it is known."""
        if self._dimension is None:
            self._dimension = schema.vector_dimension(self._db)
        return self._dimension

    def data_version(self) -> str:
        """The token every write transaction sets (see `writes.run_plan`); empty for a graph
        no copgraph write has touched since it was created."""
        found = self._db.read(cypher_read.DATA_VERSION)
        return str(found[0]["token"]) if found else ""

    def ping(self) -> None:
        """Raise `StoreUnavailable` unless the database answers a trivial query."""
        self._db.ping()

    def close(self) -> None:
        """Close the driver and its connections."""
        self._db.close()

    def clear(self) -> None:
        """Delete every node in batches and drop the search indexes (for tests and resets)."""
        self._db.auto_commit(write.CLEAR_NODES)
        self._db.execute(write.SET_DATA_VERSION, token=writes.new_version())
        schema.drop_search_indexes(self._db)
        self._dimension = None

    def upsert(self, batch: GraphBatch) -> None:
        """Write `batch` in one transaction, creating the schema first if there is none.

        Raises:
            InvalidInput: an embedding does not have the graph's dimension.
        """
        if batch.is_empty():
            return
        self._write(self._write_plan(batch))

    def replace_documents(self, ids: Sequence[str], batch: GraphBatch) -> None:
        """Delete documents `ids` (as `delete_documents`) and write `batch`, in one transaction.

        Raises:
            InvalidInput: an embedding does not have the graph's dimension.
        """
        deleting = [(write.DELETE_DOCUMENTS, {"ids": list(dict.fromkeys(ids))})] if ids else []
        self._write([*deleting, *self._write_plan(batch)])

    def _write_plan(self, batch: GraphBatch) -> list[writes.Statement]:
        """The statements writing `batch`, once the schema exists (created for its vectors)."""
        vectors = [c.embedding for c in batch.chunks[:1]] + [
            p.embedding for p in batch.practices[:1]
        ]
        if self._stored_dimension() is None and vectors:
            self.ensure_schema(len(vectors[0]))
        return writes.write_plan(batch, self._dimension)

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored `content_hash` of each Document or Post among `ids`."""
        found = self._db.read(cypher_read.CONTENT_HASHES, ids=list(ids))
        return {record["id"]: record["content_hash"] for record in found}

    def delete_documents(self, ids: Sequence[str]) -> int:
        """Delete documents with their posts, chunks, practices and links; return how many."""
        if not ids:
            return 0
        found = self._write([(write.DELETE_DOCUMENTS, {"ids": list(dict.fromkeys(ids))})])
        return int(found[0]["deleted"])

    def vector_search(
        self, vector: Sequence[float], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """The `k` chunks or practices nearest `vector` by cosine (raw, in [-1, 1]).

        Raises:
            InvalidInput: `vector` does not have the graph's dimension.
        """
        dimension = self._stored_dimension()
        if dimension is None or k <= 0:
            return []
        query = convert.unit_vector("query vector", vector, dimension)
        found = search.scoped(self._db, "vector", target, k, scope, vector=query)
        # Neo4j scores cosine as (1 + cos) / 2; callers compare raw cosines across backends.
        return [Hit(id=hit.id, score=2 * hit.score - 1) for hit in found]

    def keyword_search(
        self, terms: Sequence[str], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """The `k` best matches of any term by Lucene's BM25, within `scope`."""
        query = search.lucene_query(terms)
        if query is None or k <= 0 or self._stored_dimension() is None:
            return []
        return search.scoped(self._db, "keyword", target, k, scope, query=query)

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        """The content, thread and authors behind each stored chunk among `chunk_ids`."""
        found = self._db.read(cypher_read.EVIDENCE, ids=list(dict.fromkeys(chunk_ids)))
        return [convert.evidence_from(row) for row in found[0]["rows"]]

    def reply_chunks(self, document_ids: Sequence[str]) -> list[str]:
        """The opening chunk of every answer and reply in these threads."""
        found = self._db.read(cypher_read.REPLY_CHUNKS, ids=list(dict.fromkeys(document_ids)))
        return [record["id"] for record in found]

    def contributions(self) -> Iterator[Contribution]:
        """Every (author, content, domain) triple, read in one snapshot."""
        found = self._db.read(cypher_read.CONTRIBUTIONS)
        return iter([convert.contribution_from(record) for record in found])

    def replace_expertise(self, items: Sequence[Expertise]) -> None:
        """Replace all EXPERT_IN relationships with `items`, atomically."""
        dated = [convert.dated(row.model_dump(), "last_activity") for row in items]
        self._write([(write.DELETE_EXPERTISE, {}), *writes.batches(write.CREATE_EXPERTISE, dated)])

    def expertise(
        self, person_id: str | None = None, domain_id: str | None = None
    ) -> list[Expertise]:
        """EXPERT_IN rows of a person, of a domain, or all; best score first."""
        query = cypher_read.expertise(person_id, domain_id)
        found = self._db.read(query, person_id=person_id, domain_id=domain_id)
        return convert.expertise_from(found[0]["rows"])

    def practice_embeddings(self) -> tuple[list[str], np.ndarray]:
        """Every practice id with its normalised embedding, ordered by id."""
        return convert.embeddings_from(self._db.read(cypher_read.PRACTICE_EMBEDDINGS))

    def replace_related_practices(self, items: Sequence[PracticeLink]) -> None:
        """Replace all RELATED_TO links; links naming an unknown practice are dropped."""
        links = [link.model_dump() for link in items]
        self._write([(write.DELETE_RELATED, {}), *writes.batches(write.CREATE_RELATED, links)])

    def related_practices(self, practice_id: str) -> list[PracticeLink]:
        """RELATED_TO links leaving `practice_id`, best first."""
        found = self._db.read(cypher_read.RELATED_PRACTICES, id=practice_id)
        return [PracticeLink(source_id=practice_id, **record) for record in found]

    def get_person(self, person_id: str) -> Person | None:
        """The person, or None."""
        found = self._db.read(cypher_read.GET_PERSON, id=person_id)
        return Person.model_validate(found[0]["props"]) if found else None

    def get_people(self, ids: Sequence[str]) -> list[Person]:
        """The stored persons among `ids`, in no particular order."""
        found = self._db.read(cypher_read.GET_PEOPLE, ids=list(dict.fromkeys(ids)))
        return [Person.model_validate(record["props"]) for record in found]

    def get_community(self, community_id: str) -> Community | None:
        """The community, or None."""
        found = self._db.read(cypher_read.GET_COMMUNITY, id=community_id)
        return Community.model_validate(found[0]["props"]) if found else None

    def list_communities(self) -> list[Community]:
        """Every community, private ones included, ordered by id."""
        found = self._db.read(cypher_read.LIST_COMMUNITIES)
        return [Community.model_validate(record["props"]) for record in found]

    def get_document(self, document_id: str) -> Document | None:
        """The document, or None."""
        found = self._db.read(cypher_read.GET_DOCUMENT, id=document_id)
        return Document.model_validate(convert.from_neo4j(found[0]["props"])) if found else None

    def get_posts(self, document_id: str) -> list[Post]:
        """The posts of a thread, oldest first (undated last)."""
        found = self._db.read(cypher_read.GET_POSTS, id=document_id)
        return [Post.model_validate(convert.from_neo4j(record["props"])) for record in found]

    def get_practices(self, ids: Sequence[str]) -> list[Practice]:
        """The stored practices among `ids`, in the order asked for."""
        found = self._db.read(cypher_read.GET_PRACTICES, ids=list(dict.fromkeys(ids)))
        return [convert.practice_from(record["props"]) for record in found]

    def list_domains(self) -> list[Domain]:
        """The whole taxonomy, ordered by id."""
        return [convert.domain_from(r["props"]) for r in self._db.read(cypher_read.LIST_DOMAINS)]

    def stats(self) -> GraphStats:
        """Counts of nodes by label and relationships by type, zeros included."""
        return convert.stats_from(self._db.read(cypher_read.STATS))

    def recent_content(
        self, person_id: str, limit: int, scope: SearchScope
    ) -> list[ContentSummary]:
        """The person's documents and posts within `scope`, newest first (undated last)."""
        return search.recent_content(self._db, person_id, limit, scope)

    def practices_by_author(self, person_id: str, scope: SearchScope) -> list[Practice]:
        """Practices the person authored whose source content is within `scope`, by id."""
        return search.practices_by_author(self._db, person_id, scope)

    def thread_summaries(self, scope: SearchScope) -> list[ThreadSummary]:
        """Every document within `scope` with its thread's replies, answers and acceptance."""
        return search.thread_summaries(self._db, scope)

    def domain_demand(self, scope: SearchScope) -> list[DomainDemand]:
        """Per domain and UTC month, the documents within `scope` and how their threads went."""
        return search.domain_demand(self._db, scope)

    def community_activity(self, community_id: str) -> list[Interaction]:
        """Every document and post of the community with who replied to whom, oldest first."""
        return search.community_activity(self._db, community_id)

    def unassigned_chunks(self, limit: int) -> list[Chunk]:
        """Up to `limit` chunks whose parent content is about no domain, by parent and order."""
        if limit <= 0:
            return []
        found = self._db.read(cypher_read.UNASSIGNED_CHUNKS, limit=limit)
        return [Chunk.model_validate(record["props"]) for record in found]

    def log_search(self, entry: SearchLogEntry) -> None:
        """Append `entry` to the demand log, a `SearchLog` node outside the graph's counts."""
        self._db.execute(write.LOG_SEARCH, entry=convert.log_props(entry))

    def search_log(self, since: datetime | None = None) -> list[SearchLogEntry]:
        """Logged searches at or after `since` (all when None), oldest first, times in UTC."""
        found = self._db.read(cypher_read.SEARCH_LOG, since=convert.to_neo4j_time(since))
        return [convert.log_entry_from(row) for row in found[0]["rows"]]
