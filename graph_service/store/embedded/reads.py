"""The reads of the embedded store: `Reads`, the read half of `EmbeddedStore`.

Each method runs in one read transaction, so a model put together from several statements
(a document and its authors, a practice and its domains) is one snapshot. Lists of related
ids come back in the order they were written. The contract is `GraphStore`'s; a docstring
here says only what is particular to this backend.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, NamedTuple, get_args

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
    Author,
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
from graph_service.store.embedded import convert, schema
from graph_service.store.embedded import statements as sql
from graph_service.store.embedded.connection import Database
from graph_service.store.embedded.keywords import is_word
from graph_service.store.embedded.neighbours import Neighbours
from graph_service.store.embedded.search import VectorIndex, fts_match
from graph_service.store.request_version import PerVersion, pinned
from graph_service.store.words import query_words


def _grouped(pairs: Iterable[Sequence[Any]]) -> dict[str, list[Any]]:
    """`(key, value...)` rows as lists of values per key, in row order."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for key, *values in pairs:
        groups[key].append(values[0] if len(values) == 1 else values)
    return groups


def _person_from(row: Sequence[Any]) -> Person:
    id_, name, source, opted_out = row
    return Person(id=id_, name=name, source=source, opted_out=bool(opted_out))


def _community_from(row: Sequence[Any]) -> Community:
    id_, name, private, description, name_th, description_th = row
    return Community(
        id=id_,
        name=name,
        private=bool(private),
        description=description,
        name_th=name_th,
        description_th=description_th,
    )


def _practices(connection: sqlite3.Connection, ids: Sequence[str]) -> list[Practice]:
    """The stored practices among `ids`, in the order asked for."""
    wanted = convert.id_array(ids)
    found = {row[0]: row for row in connection.execute(sql.SELECT_PRACTICES, (wanted,))}
    domains = _grouped(connection.execute(sql.SELECT_PRACTICE_DOMAINS, (wanted,)))
    authors = _grouped(connection.execute(sql.SELECT_PRACTICE_AUTHORS, (wanted,)))
    return [
        convert.practice_from(found[id_], domains[id_], authors[id_])
        for id_ in dict.fromkeys(ids)
        if id_ in found
    ]


class LogHead(NamedTuple):
    """The data version and the span of `view_log`, read together."""

    token: str
    """The data version; empty for a store never written since it was created."""
    first: int | None
    """The first seq the log holds (None: the log is empty)."""
    last: int | None
    """The last seq the log holds (None: the log is empty)."""


class Reads:
    """Every read of `GraphStore` over `_db`, the vector indexes cached in `_indexes` and
    their neighbour graphs in `_neighbours` (both guarded by `_index_lock`), and the few small
    lists every request reads (communities, domains) in `_lists`."""

    _db: Database
    _lists: PerVersion
    _indexes: dict[SearchTarget, VectorIndex]
    _neighbours: dict[SearchTarget, Neighbours]
    _index_lock: threading.Lock

    def data_version(self) -> str:
        """The token every write of the graph sets (see `Database.write`); empty for a store
        never written since it was created. Read once per API read request, with the view
        change log's span (see `request_version`)."""
        return self._head().token

    def _head(self) -> LogHead:
        """The data version and the view log's span as this API read request first read them
        (outside one: now)."""
        return pinned(self._read_head, "embedded graph head")

    def _read_head(self) -> LogHead:
        with self._db.read() as connection:
            version = connection.execute(sql.SELECT_DATA_VERSION).fetchone()
            first, last = connection.execute(sql.SELECT_VIEW_LOG_SPAN).fetchone()
        return LogHead("" if version is None else str(version[0]), first, last)

    def view_changes(self, mark: int | None) -> ViewChanges:
        """From `view_log` (statements.py): the keys logged after `mark`, unless they are
        more than `VIEW_DELTA_MOST` (a bulk write: building again is then as fast).

        The log's span comes with the data version, read once per API read request: the
        views an expert search consults read nothing more when nothing changed. A mark past
        the request's span was set by a newer request meanwhile: the span is read again.
        An empty log keeps a mark where it is (nothing logged since).
        """
        head = self._head()
        if mark is not None and (head.last is None or mark > head.last):
            head = self._read_head()
        last = mark if head.last is None and mark is not None else int(head.last or 0)
        spanned = ViewChanges.from_span(mark, head.first, last)
        if spanned is not None:
            return spanned
        with self._db.read() as connection:
            found = connection.execute(
                sql.SELECT_VIEW_LOG, (mark, last, VIEW_DELTA_MOST + 1)
            ).fetchall()
        return ViewChanges.from_log(last, found)

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        with self._db.read() as connection:
            return dict(connection.execute(sql.SELECT_CONTENT_HASHES, (convert.id_array(ids),)))

    def source_documents(self, source: str) -> list[str]:
        with self._db.read() as connection:
            return [row[0] for row in connection.execute(sql.SELECT_SOURCE_DOCUMENTS, (source,))]

    def _index(self, target: SearchTarget) -> VectorIndex | None:
        """The target's vector index, brought up to date if any process wrote since."""
        with self._db.read() as connection:
            return self._index_in(connection, target)

    def _index_in(self, connection: sqlite3.Connection, target: SearchTarget) -> VectorIndex | None:
        """`_index` in the snapshot of `connection`, a read transaction that has not read yet.

        The lock is taken before the snapshot begins (at the first read: BEGIN is deferred),
        so snapshots reach the index in time order and it is only ever brought forward.
        """
        with self._index_lock:
            dimension = schema.stored_dimension(connection)
            if dimension is None:
                return None
            generation = int(connection.execute(sql.SELECT_GENERATION).fetchone()[0])
            index = self._indexes.get(target)
            if index is None:
                index = self._indexes[target] = VectorIndex.load(connection, target, dimension)
                path = self._db.data_dir / f"neighbours-{target}.usearch"
                self._neighbours.setdefault(target, Neighbours(dimension, path))
            elif index.generation != generation:
                index = self._indexes[target] = index.updated(connection, target, generation)
            return index

    def prepare_search(self) -> None:
        """Each target's neighbour graph built, restored or brought up to date now (see
        neighbours.py), where the target is large enough to have one."""
        for target in get_args(SearchTarget):
            index = self._index(target)
            if index is not None:
                self._neighbours[target].prepare(index)

    def vector_search(
        self, vector: Sequence[float], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """Raw cosines, in [-1, 1]; exact up to `neighbours.FROM_ROWS` visible rows, from
        an HNSW graph's candidates past that (recall in benchmarks/results/live.md).

        Raises:
            InvalidInput: `vector` does not have the store's dimension.
        """
        index = self._index(target)
        if index is None:
            return []
        return index.search(vector, k, scope, self._neighbours.get(target))

    def cosines(
        self, vector: Sequence[float], ids: Sequence[str], target: SearchTarget
    ) -> dict[str, float]:
        index = self._index(target)
        return {} if index is None else index.cosines(vector, ids)

    def cosines_each(
        self, vectors: Sequence[Sequence[float]], ids: Sequence[str], target: SearchTarget
    ) -> list[dict[str, float]]:
        """In process, so one `cosines` per vector costs no round trip."""
        return [self.cosines(vector, ids, target) for vector in vectors]

    def keyword_search(
        self, terms: Sequence[str], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """Scored -bm25 (higher is better): single words from the vector index's postings,
        phrases by FTS5 in the same snapshot (keywords.py)."""
        words = query_words(terms)
        if not words or k <= 0:
            return []
        with self._db.read() as connection:
            index = self._index_in(connection, target)
            if index is None:
                return []
            phrases = {
                phrase: connection.execute(
                    sql.phrase_scores(target), (fts_match([phrase]),)
                ).fetchall()
                for phrase in words
                if not is_word(phrase)
            }
            return index.keyword_search(words, k, scope, phrases)

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        return self._evidence(sql.SELECT_EVIDENCE, chunk_ids)

    def _evidence(self, statement: str, ids: Sequence[str]) -> list[Evidence]:
        """The evidence of the `SELECT_EVIDENCE` rows `statement` gives for `ids`."""
        with self._db.read() as connection:
            found = connection.execute(statement, (convert.id_array(ids),)).fetchall()
            content_ids = convert.id_array(row[2] for row in found)
            rows = connection.execute(sql.SELECT_AUTHORS, (content_ids,)).fetchall()
        authors: dict[str, list[Author]] = defaultdict(list)
        for content_id, id_, name, opted_out, role in rows:  # once per content, not per chunk
            authors[content_id].append(Author(id_, name, bool(opted_out), role))
        return [
            Evidence(
                chunk_id=chunk_id,
                snippet=snippet,
                content_id=content_id,
                content_kind=kind,
                document_id=document_id,
                title=title,
                url=url,
                created_at=convert.parse_time(created_at),
                community_id=community_id,
                language=language,
                score=score,
                accepted=bool(accepted),
                authors=list(authors[content_id]),
            )  # fmt: skip
            for (
                chunk_id,
                snippet,
                content_id,
                kind,
                document_id,
                title,
                url,
                created_at,
                community_id,
                language,
                score,
                accepted,
            ) in found  # fmt: skip
        ]

    def reply_chunks(self, document_ids: Sequence[str]) -> list[str]:
        ids = convert.id_array(document_ids)
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_REPLY_CHUNKS, (ids,)).fetchall()
        return [chunk_id for (chunk_id,) in found]

    def reply_evidence(self, document_ids: Sequence[str]) -> list[Evidence]:
        """One statement from the threads to their replies' evidence: through a list of
        chunk ids it took twice as long (the chunks looked up again by id)."""
        return self._evidence(sql.SELECT_REPLY_EVIDENCE, document_ids)

    def contributions(
        self, person_ids: Sequence[str] | None = None, domain_ids: Sequence[str] | None = None
    ) -> Iterator[Contribution]:
        """Read whole in one snapshot, ordered by person, content and domain."""
        parameters: tuple[str, ...] = ()
        statement = sql.SELECT_CONTRIBUTIONS
        if person_ids is not None and domain_ids is not None:
            statement = sql.SELECT_CONTRIBUTIONS_OF_IN
            parameters = (convert.id_array(person_ids), convert.id_array(domain_ids))
        elif person_ids is not None:
            statement, parameters = sql.SELECT_CONTRIBUTIONS_OF, (convert.id_array(person_ids),)
        with self._db.read() as connection:  # rows fetched under the lock, built after it
            rows = connection.execute(statement, parameters).fetchall()
        found = [
            Contribution(
                person_id=person_id,
                content_id=content_id,
                content_kind=kind,
                domain_id=domain_id,
                weight=weight,
                created_at=convert.parse_time(created_at),
                score=score,
                accepted=bool(accepted),
                private_community=private_community,
                role=role,
            )  # fmt: skip
            for (
                person_id,
                content_id,
                kind,
                domain_id,
                weight,
                created_at,
                score,
                accepted,
                private_community,
                role,
            ) in rows  # fmt: skip
        ]
        return iter(found)

    def expertise(
        self, person_id: str | None = None, domain_id: str | None = None
    ) -> list[Expertise]:
        parameters = {"person": person_id, "domain": domain_id}
        statement = sql.SELECT_EXPERTISE if person_id is None else sql.SELECT_PERSON_EXPERTISE
        with self._db.read() as connection:
            found = connection.execute(statement, parameters).fetchall()
        return [convert.expertise_from(row) for row in found]

    def practice_embeddings(self) -> tuple[list[str], np.ndarray]:
        """Normalised embeddings, ordered by id (a copy of the vector index)."""
        index = self._index("practice")
        if index is None:
            return [], np.zeros((0, 0), dtype=np.float32)
        return index.standing()

    def related_practices(self, practice_id: str) -> list[PracticeLink]:
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_RELATED, (practice_id,)).fetchall()
        return [
            PracticeLink(source_id=source, target_id=target, score=score, method=method)
            for source, target, score, method in found
        ]

    def related_links(self, practice_ids: Sequence[str]) -> list[PracticeLink]:
        with self._db.read() as connection:
            found = connection.execute(
                sql.SELECT_RELATED_FROM, (convert.id_array(practice_ids),)
            ).fetchall()
        return [
            PracticeLink(source_id=source, target_id=target, score=score, method=method)
            for source, target, score, method in found
        ]

    def footprint(self, content_ids: Sequence[str]) -> Footprint:
        """Both parts read in one snapshot."""
        ids = (convert.id_array(content_ids),)
        with self._db.read() as connection:
            authors = connection.execute(sql.SELECT_FOOTPRINT_AUTHORS, ids).fetchall()
            linking = connection.execute(sql.SELECT_FOOTPRINT_LINKING, ids).fetchall()
        return Footprint(
            authors=frozenset(row[0] for row in authors),
            linking_practices=frozenset(row[0] for row in linking),
        )

    def derivation_state(self) -> DerivationState | None:
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_DERIVATION_STATE).fetchone()
        return None if found is None else DerivationState.model_validate_json(found[0])

    def derivation_jobs(self, limit: int) -> list[DerivationJob]:
        with self._db.read() as connection:
            rows = connection.execute(sql.SELECT_DERIVATION_JOBS, (limit,)).fetchall()
        return [DerivationJob.model_validate_json(row[0]) for row in rows]

    def get_person(self, person_id: str) -> Person | None:
        with self._db.read() as connection:
            row = connection.execute(sql.SELECT_PERSON, (person_id,)).fetchone()
        return None if row is None else _person_from(row)

    def get_people(self, ids: Sequence[str]) -> list[Person]:
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_PEOPLE, (convert.id_array(ids),))
            return [_person_from(row) for row in found]

    def get_community(self, community_id: str) -> Community | None:
        """From `list_communities` (a handful, read once per data version)."""
        return next((c for c in self.list_communities() if c.id == community_id), None)

    def list_communities(self) -> list[Community]:
        return self._lists.get("communities", self._read_communities)

    def _read_communities(self) -> list[Community]:
        with self._db.read() as connection:
            return [_community_from(row) for row in connection.execute(sql.SELECT_COMMUNITIES)]

    def get_document(self, document_id: str) -> Document | None:
        with self._db.read() as connection:
            row = connection.execute(sql.SELECT_DOCUMENT, (document_id,)).fetchone()
            if row is None:
                return None
            authors = _grouped(
                connection.execute(sql.SELECT_AUTHORSHIPS, (convert.id_array([row[0]]),))
            )
        return convert.document_from(row, authors[row[0]])

    def get_posts(self, document_id: str) -> list[Post]:
        """Oldest first, undated last."""
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_POSTS_OF, (document_id,)).fetchall()
            ids = convert.id_array(row[0] for row in found)
            authors = _grouped(connection.execute(sql.SELECT_AUTHORSHIPS, (ids,)))
        return [convert.post_from(row, authors[row[0]]) for row in found]

    def links(self, content_ids: Sequence[str]) -> list[ContentLink]:
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_CONTENT_LINKS, (convert.id_array(content_ids),))
            return [
                ContentLink(source_id=source, target_id=target, kind=kind)
                for source, target, kind in found
            ]

    def get_practices(self, ids: Sequence[str]) -> list[Practice]:
        """In the order asked for."""
        with self._db.read() as connection:
            return _practices(connection, ids)

    def list_domains(self) -> list[Domain]:
        """Ordered by id; read once per data version."""
        return self._lists.get("domains", self._read_domains)

    def _read_domains(self) -> list[Domain]:
        with self._db.read() as connection:
            broader = _grouped(connection.execute(sql.SELECT_BROADER))
            return [
                Domain(
                    id=id_,
                    labels=json.loads(labels),
                    description=description,
                    description_th=description_th,
                    broader=broader[id_],
                )  # fmt: skip
                for id_, labels, description, description_th in connection.execute(
                    sql.SELECT_DOMAINS
                )
            ]

    def stats(self) -> GraphStats:
        """Zeros included."""
        with self._db.read() as connection:
            return GraphStats(
                nodes=dict(connection.execute(sql.COUNT_NODES).fetchall()),
                relationships=dict(connection.execute(sql.COUNT_RELATIONSHIPS).fetchall()),
            )

    def recent_content(
        self, person_id: str, limit: int, scope: SearchScope
    ) -> list[ContentSummary]:
        """A post's title and missing url are its thread's."""
        with self._db.read() as connection:
            if limit <= 0:  # SQLite reads a negative LIMIT as "no limit"
                return []
            parameters = {"person": person_id, "limit": limit, **convert.scope_parameters(scope)}
            found = connection.execute(sql.RECENT_CONTENT, parameters)
            return [convert.content_summary_from(row) for row in found]

    def main_communities(
        self, person_ids: Sequence[str], recent: int, scope: SearchScope
    ) -> dict[str, str]:
        """Counted from `recent_content`, a local read per person."""
        found: dict[str, str] = {}
        for person_id in dict.fromkeys(person_ids):
            counts = Counter(
                item.community_id
                for item in self.recent_content(person_id, recent, scope)
                if item.community_id
            )
            if counts:
                found[person_id] = counts.most_common(1)[0][0]
        return found

    def practices_by_author(self, person_id: str, scope: SearchScope) -> list[Practice]:
        """Scoped exactly as practice search is (see `statements.PRACTICES_BY_AUTHOR`)."""
        with self._db.read() as connection:
            parameters = {"person": person_id, **convert.scope_parameters(scope)}
            ids = [id_ for (id_,) in connection.execute(sql.PRACTICES_BY_AUTHOR, parameters)]
            return _practices(connection, ids)

    def thread_summaries(self, scope: SearchScope) -> list[ThreadSummary]:
        with self._db.read() as connection:
            found = connection.execute(
                sql.THREAD_SUMMARIES, convert.scope_parameters(scope)
            ).fetchall()
            ids = convert.id_array(row[0] for row in found)
            authors = _grouped(connection.execute(sql.SELECT_AUTHOR_IDS, (ids,)))
            domain_ids = _grouped(connection.execute(sql.SELECT_DOMAIN_IDS, (ids,)))
        return [
            convert.thread_summary_from(row, authors[row[0]], domain_ids[row[0]]) for row in found
        ]

    def domain_demand(self, scope: SearchScope) -> list[DomainDemand]:
        with self._db.read() as connection:
            found = connection.execute(sql.DOMAIN_DEMAND, convert.scope_parameters(scope))
            return [DomainDemand.from_row(row) for row in found]

    def community_activity(self, community_id: str) -> list[Interaction]:
        """Parent authors are those of the stored content a post replies to."""
        with self._db.read() as connection:
            found = connection.execute(
                sql.COMMUNITY_ACTIVITY, {"community": community_id}
            ).fetchall()
            ids = convert.id_array(row[0] for row in found)
            parent_ids = convert.id_array(row[4] for row in found if row[4] is not None)
            authors = _grouped(connection.execute(sql.SELECT_AUTHOR_IDS, (ids,)))
            parent_authors = _grouped(connection.execute(sql.SELECT_AUTHOR_IDS, (parent_ids,)))
            domain_ids = _grouped(connection.execute(sql.SELECT_DOMAIN_IDS, (ids,)))
        return [
            convert.interaction_from(
                row, authors[row[0]], parent_authors[row[4]] if row[4] else [], domain_ids[row[0]]
            )
            for row in found
        ]

    def unassigned_chunks(self, limit: int) -> list[Chunk]:
        """Ordered by id."""
        with self._db.read() as connection:
            if limit <= 0:  # SQLite reads a negative LIMIT as "no limit"
                return []
            found = connection.execute(sql.SELECT_UNASSIGNED_CHUNKS, (limit,))
            return [convert.chunk_from(row) for row in found]

    def search_log(self, since: datetime | None = None) -> list[SearchLogEntry]:
        with self._db.read() as connection:
            parameters = {"since": None if since is None else convert.epoch(since)}
            found = connection.execute(sql.SELECT_SEARCH_LOG, parameters)
            return [convert.search_log_from(row) for row in found]

    def authorships(self, person_ids: Sequence[str] | None = None) -> list[Authorship]:
        with self._db.read() as connection:
            if person_ids is None:
                found = connection.execute(sql.SELECT_TRACK_RECORDS).fetchall()
            else:
                ids = convert.id_array(person_ids)
                found = connection.execute(sql.SELECT_TRACK_RECORDS_OF, (ids,)).fetchall()
        return [
            Authorship.model_construct(  # stored rows, validated on their way in
                person_id=person_id,
                content_kind=kind,
                created_at=convert.parse_time(created_at),
                accepted=bool(accepted),
                private_community=private_community,
            )
            for person_id, kind, created_at, accepted, private_community in found
        ]

    def ranker_models(self) -> list[RankerModel]:
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_RANKER_MODELS)
            return [RankerModel.model_validate_json(row[0]) for row in found]

    def known_vocabulary(self, words: Sequence[str]) -> set[str]:
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_KNOWN_VOCABULARY, (convert.id_array(words),))
            return {row[0] for row in found}

    def vocabulary_since(self, seq: int) -> VocabularySlice:
        with self._db.read() as connection:
            found = connection.execute(sql.SELECT_VOCABULARY_SINCE, (seq,)).fetchall()
        if not found:
            return VocabularySlice([], np.zeros((0, 0), dtype=np.float32), seq)
        vectors = np.stack([convert.blob_vector(blob) for _, _, blob in found])
        return VocabularySlice([word for _, word, _ in found], vectors, found[-1][0])
