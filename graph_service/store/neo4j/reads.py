"""The reads of the Neo4j store: `Reads`, the read half of `Neo4jStore`.

Each method is one read query, routed to a reader of the cluster; its records become
models in convert.py. Profiles, thread summaries and domain demand are filtered by the
same scope clause as searches (see search.py). The contract is `GraphStore`'s; a
docstring here says only what is particular to this backend.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import NamedTuple, TypeVar

import numpy as np

from graph_service.models import (
    Chunk,
    Community,
    ContentLink,
    Document,
    Domain,
    Expertise,
    Person,
    Post,
    Practice,
    PracticeLink,
    RankerModel,
    SearchTarget,
)
from graph_service.store.base import (
    VIEW_DELTA_MOST,
    Authorship,
    ContentSummary,
    Contribution,
    DerivationJob,
    DerivationState,
    DomainDemand,
    Evidence,
    Footprint,
    GraphStats,
    Hit,
    Interaction,
    SearchLogEntry,
    SearchScope,
    ThreadSummary,
    ViewChanges,
    VocabularySlice,
)
from graph_service.store.neo4j import convert, schema, search
from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.connection import Database
from graph_service.store.neo4j.practice_vectors import PracticeVectors
from graph_service.store.request_version import PerVersion, pinned

T = TypeVar("T")


class GraphHead(NamedTuple):
    """What the `GraphVersion` node says of the graph (`statements.GRAPH_HEAD`)."""

    token: str
    """The data version; empty for a graph no copgraph write has touched."""
    last: int
    """The last write's number (0 before the first)."""
    first: int | None
    """The first write number the view change log holds."""


class Reads:
    """Every read of `GraphStore` over `_db`, with the vector dimension cached in `_dimension`,
    the few small lists every request reads (communities, domains) in `_lists` and the
    practices' embeddings in `_practice_vectors`."""

    _db: Database
    _dimension: int | None
    _lists: PerVersion
    _practice_vectors: PracticeVectors

    def _stored_dimension(self) -> int | None:
        """The graph's vector dimension, read from its indexes until it is known."""
        if self._dimension is None:
            self._dimension = schema.vector_dimension(self._db)
        return self._dimension

    def data_version(self) -> str:
        """The token every write transaction sets (see `writes.run_plan`); empty for a graph
        no copgraph write has touched since it was created. Read once per API read request
        (see `request_version`), with the view change log's span (`view_changes`)."""
        return self._head().token

    def _head(self) -> GraphHead:
        """The graph's head as this API read request first read it (outside one: now)."""
        return pinned(self._read_head, "neo4j graph head")

    def _read_head(self) -> GraphHead:
        found = self._db.read(cypher.GRAPH_HEAD)
        if not found:
            return GraphHead("", 0, None)
        row = found[0]
        last = int(row["last"]) if row["last"] is not None else 0
        return GraphHead(str(row["token"] or ""), last, row["first"])

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        found = self._db.read(cypher.CONTENT_HASHES, ids=list(ids))
        return {record["id"]: record["content_hash"] for record in found}

    def source_documents(self, source: str) -> list[str]:
        return [record["id"] for record in self._db.read(cypher.SOURCE_DOCUMENTS, source=source)]

    def vector_search(
        self, vector: Sequence[float], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """Raw cosines, in [-1, 1], as the embedded store gives them.

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

    def cosines(
        self, vector: Sequence[float], ids: Sequence[str], target: SearchTarget
    ) -> dict[str, float]:
        return self.cosines_each([vector], ids, target)[0]

    def cosines_each(
        self, vectors: Sequence[Sequence[float]], ids: Sequence[str], target: SearchTarget
    ) -> list[dict[str, float]]:
        """One statement for every vector (`statements.COSINES_EACH`)."""
        dimension = self._stored_dimension()
        if dimension is None or not ids or not vectors:
            return [{} for _ in vectors]
        queries = [convert.unit_vector("query vector", vector, dimension) for vector in vectors]
        found = self._db.read(
            cypher.COSINES_EACH[target], ids=list(dict.fromkeys(ids)), vectors=queries
        )
        each: list[dict[str, float]] = [{} for _ in vectors]
        # Scored like the index, (1 + cos) / 2; raw cosines, as vector_search gives them.
        for id_, scores in found[0]["rows"]:
            for cosines, score in zip(each, scores, strict=True):
                cosines[id_] = 2 * score - 1
        return each

    def keyword_search(
        self, terms: Sequence[str], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """Scored by Lucene's BM25."""
        query = search.lucene_query(terms)
        if query is None or k <= 0 or self._stored_dimension() is None:
            return []
        return search.scoped(self._db, "keyword", target, k, scope, query=query)

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        found = self._db.read(cypher.EVIDENCE, ids=list(dict.fromkeys(chunk_ids)))
        return [convert.evidence_from(row) for row in found[0]["rows"]]

    def reply_chunks(self, document_ids: Sequence[str]) -> list[str]:
        found = self._db.read(cypher.REPLY_CHUNKS, ids=list(dict.fromkeys(document_ids)))
        return [record["id"] for record in found]

    def reply_evidence(self, document_ids: Sequence[str]) -> list[Evidence]:
        """One query (`statements.REPLY_EVIDENCE`), not two."""
        found = self._db.read(cypher.REPLY_EVIDENCE, ids=list(dict.fromkeys(document_ids)))
        return [convert.evidence_from(row) for row in found[0]["rows"]]

    def contributions(
        self, person_ids: Sequence[str] | None = None, domain_ids: Sequence[str] | None = None
    ) -> Iterator[Contribution]:
        """Read whole in one query, ordered by person, content and domain."""
        if person_ids is None:
            found = self._db.read(cypher.CONTRIBUTIONS, person_ids=None)
            return iter([convert.contribution_from(record) for record in found])
        ids = list(dict.fromkeys(person_ids))
        domains = None if domain_ids is None else list(dict.fromkeys(domain_ids))
        (lists,) = self._db.read(cypher.CONTRIBUTIONS_OF, person_ids=ids, domain_ids=domains)
        return iter(convert.contributions_from(lists["rows"]))

    def expertise(
        self, person_id: str | None = None, domain_id: str | None = None
    ) -> list[Expertise]:
        query = cypher.expertise(person_id, domain_id)
        found = self._db.read(query, person_id=person_id, domain_id=domain_id)
        return convert.expertise_from(found[0]["rows"])

    def practice_embeddings(self) -> tuple[list[str], np.ndarray]:
        """Normalised embeddings, ordered by id, read-only: read whole once per process, then
        what writes changed since (see practice_vectors.py)."""
        return self._practice_vectors.standing(self._db)

    def related_practices(self, practice_id: str) -> list[PracticeLink]:
        found = self._db.read(cypher.RELATED_PRACTICES, id=practice_id)
        return [PracticeLink(source_id=practice_id, **record) for record in found]

    def related_links(self, practice_ids: Sequence[str]) -> list[PracticeLink]:
        found = self._db.read(cypher.RELATED_FROM, ids=list(dict.fromkeys(practice_ids)))
        return [PracticeLink(**record) for record in found if record["score"] is not None]

    def footprint(self, content_ids: Sequence[str]) -> Footprint:
        """Both parts read in one query."""
        found = self._db.read(cypher.FOOTPRINT, ids=list(dict.fromkeys(content_ids)))
        return Footprint(
            authors=frozenset(found[0]["authors"]),
            linking_practices=frozenset(found[0]["linking"]),
        )

    def derivation_state(self) -> DerivationState | None:
        found = self._db.read(cypher.DERIVATION_STATE)
        return DerivationState.model_validate_json(found[0]["body"]) if found else None

    def derivation_jobs(self, limit: int) -> list[DerivationJob]:
        found = self._db.read(cypher.DERIVATION_JOBS, limit=limit)
        return [DerivationJob.model_validate_json(record["body"]) for record in found]

    def get_person(self, person_id: str) -> Person | None:
        found = self._db.read(cypher.GET_PERSON, id=person_id)
        return Person.model_validate(found[0]["props"]) if found else None

    def get_people(self, ids: Sequence[str]) -> list[Person]:
        if not ids:
            return []
        found = self._db.read(cypher.GET_PEOPLE, ids=list(dict.fromkeys(ids)))
        return [Person.model_validate(record["props"]) for record in found]

    def get_community(self, community_id: str) -> Community | None:
        """From `list_communities` (a handful, read once per data version)."""
        return next((c for c in self.list_communities() if c.id == community_id), None)

    def list_communities(self) -> list[Community]:
        return self._lists.get("communities", self._read_communities)

    def _read_communities(self) -> list[Community]:
        found = self._db.read(cypher.LIST_COMMUNITIES)
        return [Community.model_validate(record["props"]) for record in found]

    def get_document(self, document_id: str) -> Document | None:
        found = self._db.read(cypher.GET_DOCUMENT, id=document_id)
        return Document.model_validate(convert.from_neo4j(found[0]["props"])) if found else None

    def get_posts(self, document_id: str) -> list[Post]:
        """Oldest first, undated last."""
        found = self._db.read(cypher.GET_POSTS, id=document_id)
        return [Post.model_validate(convert.from_neo4j(record["props"])) for record in found]

    def get_practices(self, ids: Sequence[str]) -> list[Practice]:
        """In the order asked for."""
        found = self._db.read(cypher.GET_PRACTICES, ids=list(dict.fromkeys(ids)))
        return [convert.practice_from(record["props"]) for record in found]

    def links(self, content_ids: Sequence[str]) -> list[ContentLink]:
        found = self._db.read(cypher.CONTENT_LINKS, ids=list(dict.fromkeys(content_ids)))
        return sorted(
            (ContentLink.model_validate(dict(record)) for record in found),
            key=lambda link: (link.source_id, link.target_id, link.kind),
        )

    def list_domains(self) -> list[Domain]:
        """Ordered by id; read once per data version."""
        return self._lists.get("domains", self._read_domains)

    def _read_domains(self) -> list[Domain]:
        return [convert.domain_from(r["props"]) for r in self._db.read(cypher.LIST_DOMAINS)]

    def stats(self) -> GraphStats:
        """Zeros included."""
        return convert.stats_from(self._db.read(cypher.STATS))

    def recent_content(
        self, person_id: str, limit: int, scope: SearchScope
    ) -> list[ContentSummary]:
        if limit <= 0:
            return []
        found = self._db.read(
            cypher.RECENT_CONTENT,
            person_id=person_id,
            limit=limit,
            **convert.scope_parameters(scope),
        )
        return [convert.content_summary_from(record) for record in found]

    def main_communities(
        self, person_ids: Sequence[str], recent: int, scope: SearchScope
    ) -> dict[str, str]:
        """Counted in Cypher (`statements.MAIN_COMMUNITIES`): one read for everyone."""
        if not person_ids or recent <= 0:
            return {}
        found = self._db.read(
            cypher.MAIN_COMMUNITIES,
            ids=list(dict.fromkeys(person_ids)),
            limit=recent,
            **convert.scope_parameters(scope),
        )
        return {record["person_id"]: record["community_id"] for record in found}

    def practices_by_author(self, person_id: str, scope: SearchScope) -> list[Practice]:
        """Scoped exactly as practice search is (see `statements.PRACTICES_BY_AUTHOR`)."""
        found = self._db.read(
            cypher.PRACTICES_BY_AUTHOR, person_id=person_id, **convert.scope_parameters(scope)
        )
        return [convert.practice_from(record["props"]) for record in found]

    def thread_summaries(self, scope: SearchScope) -> list[ThreadSummary]:
        found = self._db.read(cypher.THREAD_SUMMARIES, **convert.scope_parameters(scope))
        return [
            ThreadSummary.model_validate(
                convert.from_micros(dict(record), "created_at", "first_reply_at")
            )
            for record in found
        ]

    def domain_demand(self, scope: SearchScope) -> list[DomainDemand]:
        found = self._db.read(cypher.DOMAIN_DEMAND, **convert.scope_parameters(scope))
        return [DomainDemand.from_row(row) for row in found[0]["rows"]]

    def community_activity(self, community_id: str) -> list[Interaction]:
        found = self._db.read(cypher.COMMUNITY_ACTIVITY, community_id=community_id)
        return [Interaction.model_validate(convert.from_neo4j(dict(record))) for record in found]

    def unassigned_chunks(self, limit: int) -> list[Chunk]:
        """Ordered by parent, then order in the parent."""
        if limit <= 0:
            return []
        found = self._db.read(cypher.UNASSIGNED_CHUNKS, limit=limit)
        return [Chunk.model_validate(record["props"]) for record in found]

    def search_log(self, since: datetime | None = None) -> list[SearchLogEntry]:
        """Times in UTC."""
        found = self._db.read(cypher.SEARCH_LOG, since=convert.to_neo4j_time(since))
        return [convert.log_entry_from(row) for row in found[0]["rows"]]

    def view_changes(self, mark: int | None) -> ViewChanges:
        """From the `ViewChange` nodes (`statements.LOG_VIEW_CHANGES`): the keys logged after
        `mark`, unless they are more than `VIEW_DELTA_MOST`.

        The log's span comes with the data version (`GRAPH_HEAD`), read once per API read
        request: nothing more to read when nothing changed, one read when something did.
        A mark past the request's span was set by a newer request meanwhile: the span is
        read again, so that only a log that really went back (a `clear`) says everything.
        """
        head = self._head()
        if mark is not None and mark > head.last:
            head = self._read_head()
        spanned = ViewChanges.from_span(mark, head.first, head.last)
        if spanned is not None:
            return spanned
        found = self._db.read(
            cypher.VIEW_CHANGES, mark=mark, last=head.last, most=VIEW_DELTA_MOST + 1
        )
        return ViewChanges.from_log(
            head.last, [(record["kind"], record["key"]) for record in found]
        )

    def authorships(self, person_ids: Sequence[str] | None = None) -> list[Authorship]:
        if person_ids is None:
            found = self._db.read(cypher.AUTHORSHIPS, persons=None)
        else:
            found = self._db.read(cypher.AUTHORSHIPS_OF, persons=list(person_ids))
        return [convert.authorship_from(record) for record in found]

    def ranker_models(self) -> list[RankerModel]:
        found = self._db.read(cypher.RANKER_MODELS)
        return [RankerModel.model_validate_json(record["body"]) for record in found]

    def known_vocabulary(self, words: Sequence[str]) -> set[str]:
        found = self._db.read(cypher.KNOWN_VOCABULARY, words=list(words))
        return {record["word"] for record in found}

    def vocabulary_since(self, seq: int) -> VocabularySlice:
        found = self._db.read(cypher.VOCABULARY_SINCE, seq=seq)
        if not found:
            return VocabularySlice([], np.zeros((0, 0), dtype=np.float32), seq)
        vectors = np.asarray([record["embedding"] for record in found], dtype=np.float32)
        return VocabularySlice([record["word"] for record in found], vectors, found[-1]["seq"])
