"""The `GraphStore` protocol every backend implements, and the read models it returns.

The protocol is domain-shaped, not a query language: the ranking code in `queries/` asks for
"the evidence behind these chunks" or "every contribution to a domain", and each backend
answers in its own idiom (Cypher, SQL). The contract suite in `tests/contract/` holds every
backend to the same answers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict

from graph_service.models import (
    AuthorRole,
    Chunk,
    Community,
    ContentKind,
    ContentLink,
    Document,
    DocumentKind,
    Domain,
    Expertise,
    GraphBatch,
    Person,
    Post,
    Practice,
    PracticeLink,
    RankerModel,
    SearchTarget,
    VocabularyWord,
)
from graph_service.store.profiles import ProfileStore


class SearchScope(BaseModel):
    """What a search may return: community filter, private visibility, language, recency.

    `private_allowed` lists the private communities the caller may see; `None` means all of
    them (admin and offline tools). Content outside any community is public.
    """

    model_config = ConfigDict(frozen=True)

    communities: frozenset[str] | None = None
    private_allowed: frozenset[str] | None = frozenset()
    language: str | None = None
    since: datetime | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """A chunk or practice id with its retriever score (higher is better). A plain
    dataclass: a search returns hundreds, built from the store's own scores (an expert query
    built some 1,800 as pydantic models, a tenth of its time at 100k items)."""

    id: str
    score: float


@dataclass(frozen=True, slots=True)
class Author:
    """A person as evidence shows them: id, display name, opt-out flag, their part in the
    content (weigh it with `graph_service.association.author_role_weight`).

    A plain dataclass, as `Evidence` is: both are built by the hundreds per expert query
    from rows the store wrote itself, where validation bought nothing and cost a fifth of
    the query."""

    id: str
    name: str
    opted_out: bool = False
    role: AuthorRole = "author"


@dataclass(frozen=True, slots=True)
class ContentSummary:
    """A document or post as a profile lists it: what, where, when, how it was received.
    Built from the store's own rows, unvalidated (see `Author`)."""

    content_id: str
    content_kind: ContentKind
    document_id: str
    title: str
    url: str | None
    created_at: datetime | None
    community_id: str | None
    language: str
    score: int
    accepted: bool


@dataclass(frozen=True, slots=True)
class Evidence(ContentSummary):
    """What a retrieved chunk is evidence of: its content, the thread, who wrote it."""

    chunk_id: str
    snippet: str
    authors: list[Author]


class ThreadSummary(BaseModel):
    """A document and how its thread went: the input of gap maps and CoP health."""

    model_config = ConfigDict(frozen=True)

    document_id: str
    kind: DocumentKind
    created_at: datetime | None
    community_id: str | None
    author_ids: list[str]
    domain_ids: list[str]
    replies: int
    answers: int
    accepted: bool
    first_reply_at: datetime | None


class DomainDemand(BaseModel):
    """Documents about one domain created in one UTC month, and how their threads went.

    The demand side of a gap map, counted where the data lives instead of row by row.
    `year` and `month` are None for undated documents. `questions` counts documents of kind
    question or thread; `unanswered` those of them without a reply (as `ThreadSummary`
    counts replies); `unresolved` the questions (kind question only) without an accepted
    post in their thread.
    """

    model_config = ConfigDict(frozen=True)

    domain_id: str
    year: int | None
    month: int | None
    documents: int
    questions: int
    unanswered: int
    unresolved: int

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> DomainDemand:
        """From a row of the stores' demand reads, whose columns are the fields in order."""
        return cls(**dict(zip(cls.model_fields, row, strict=True)))


class Interaction(BaseModel):
    """One document or post of a community: who wrote it, to whom it replied, when."""

    model_config = ConfigDict(frozen=True)

    content_id: str
    content_kind: ContentKind
    document_id: str
    created_at: datetime | None
    author_ids: list[str]
    parent_author_ids: list[str]
    domain_ids: list[str]


class Contribution(BaseModel):
    """One author's link to one domain through one piece of content (input to EXPERT_IN)."""

    model_config = ConfigDict(frozen=True)

    person_id: str
    content_id: str
    content_kind: ContentKind
    domain_id: str
    weight: float
    created_at: datetime | None
    score: int
    accepted: bool
    private_community: str | None
    """The private community the content is in; None for public content."""
    role: AuthorRole = "author"
    """The person's part in the content."""


class Authorship(BaseModel):
    """One author of one document or post: what it was and when (track records read it)."""

    model_config = ConfigDict(frozen=True)

    person_id: str
    content_kind: ContentKind
    created_at: datetime | None
    accepted: bool
    private_community: str | None
    """The private community the content is in; None for public content."""


class Footprint(BaseModel):
    """What derived relationships hang on some documents, read before they change.

    A write that replaces or deletes them changes the EXPERT_IN of their `authors` (who may
    no longer be authors afterwards) and the RELATED_TO of `linking_practices`, the practices
    that link to a practice drawn from them (whose nearest neighbours may now be others).
    """

    model_config = ConfigDict(frozen=True)

    authors: frozenset[str] = frozenset()
    linking_practices: frozenset[str] = frozenset()


class DerivationState(BaseModel):
    """What the stored EXPERT_IN and RELATED_TO were derived against, kept with them.

    Incremental derivation reuses it so that rows it rewrites and rows it leaves agree:
    every recency decay is taken at `decay_epoch`, and RELATED_TO keeps links at or above
    `related_bar` (None: too few practices to calibrate one); related-practice search shows
    none below `related_floor`, calibrated with it. `basis` fingerprints the
    inputs outside the content (half-life, taxonomy, community privacy): when it changes,
    only a full derivation is right.
    """

    model_config = ConfigDict(frozen=True)

    decay_epoch: datetime
    basis: str
    related_bar: float | None = None
    related_floor: float | None = None


class DerivationJob(BaseModel):
    """Derivation a committed write still owes: what it touched (see ingest/derivation.py).

    A write that defers derivation (the API's) commits its job in the same transaction as
    its content, so the store itself is the queue: every committed write has its job, a
    crash loses none, and any process on the store may do the work (ingest/derivation_queue.py).
    """

    model_config = ConfigDict(frozen=True)

    id: str
    people: tuple[str, ...] = ()
    practices: tuple[str, ...] = ()
    linking: tuple[str, ...] = ()
    writers: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    """Authors of new content, re-derived in its domains only (a job queued before these
    were kept names them among `people`)."""


class SearchLogEntry(BaseModel):
    """One logged search, for demand statistics: no caller, no key, no personal data."""

    model_config = ConfigDict(frozen=True)

    endpoint: str
    query: str
    at: datetime
    result_count: int
    top_score: float | None


@dataclass(frozen=True)
class VocabularySlice:
    """Words of the vocabulary with their unit vectors (rows aligned), and the `seq` of the
    last one (the `seq` asked for when there is none): the next read starts after it."""

    words: list[str]
    vectors: NDArray[np.float32]
    last_seq: int


VIEW_DELTA_MOST = 5000
"""Changed keys past which `view_changes` says "everything": a view built again reads
fewer rows than one taking thousands of people apart (a bulk ingest or full derivation)."""


@dataclass(frozen=True)
class ViewChanges:
    """What changed for the query-side views since a mark (see `GraphStore.view_changes`).

    Attributes:
        mark: the mark to ask from next time: every change up to it is in this answer.
        keys: by kind ('expertise', 'activity', 'person', 'profile', 'ranker', 'content',
            'vectors'), the keys whose rows changed: person ids; '' for the ranker; for
            'content', the ids of documents and posts written or deleted, or whose chunks or
            authors were, and the threads (documents) of such posts; for 'vectors', the ids
            of chunks written or deleted ('' when there were too many to name, or the
            write was logged by an earlier version, which named none).
        everything: too much changed to say (or what every view filters on did, or the mark
            was None or is older than the log kept): build every view again.
    """

    mark: int
    keys: dict[str, frozenset[str]]
    everything: bool = False

    def of(self, kind: str) -> frozenset[str]:
        """The changed keys of `kind`."""
        return self.keys.get(kind, frozenset())

    @classmethod
    def from_span(cls, mark: int | None, first: int | None, last: int) -> ViewChanges | None:
        """What a store's change log says since `mark` from its span alone (its `first` and
        `last` numbers): everything when the mark is None, ahead of the log or older than
        what it keeps; nothing when the mark is the last; None when the changes in between
        must be read (`from_log`)."""
        if mark is None or mark > last or (first is not None and mark < first - 1):
            return cls(last, {}, everything=True)
        if mark == last:
            return cls(last, {})
        return None

    @classmethod
    def from_log(cls, last: int, rows: Sequence[tuple[str, str]]) -> ViewChanges:
        """The distinct (kind, key) `rows` logged up to `last`, read `VIEW_DELTA_MOST` + 1
        at most of 'vectors' and as many of the other kinds: more than that of the others,
        or a '*' kind, says everything; more chunks than that say only that chunks changed
        (the 'vectors' key ''), so that a bulk write of chunks leaves the other views to
        follow their own keys."""
        keys: dict[str, set[str]] = {}
        for kind, key in rows:
            keys.setdefault(kind, set()).add(key)
        chunks = keys.get("vectors", set())
        if len(chunks) > VIEW_DELTA_MOST:
            keys["vectors"] = {""}
        everything = len(rows) - len(chunks) > VIEW_DELTA_MOST or "*" in keys
        return cls(last, {k: frozenset(v) for k, v in keys.items()}, everything)


class GraphStats(BaseModel):
    """Node and relationship counts, by label and type."""

    nodes: dict[str, int]
    relationships: dict[str, int]


class GraphStore(ProfileStore, Protocol):
    """Storage of the CoP graph. Every write is an idempotent upsert keyed on `id`.

    What people say about themselves and question routing are `ProfileStore`'s part."""

    backend: str

    def ensure_schema(self, dimension: int) -> None:
        """Create constraints and indexes (idempotent); the embedding dimension is fixed."""

    def data_version(self) -> str:
        """A token of the stored graph's state, for caches of what is computed from it.

        It changes with every write that changes the graph (not with the demand log), in
        this process or any other, and two states never share one: a reader that reads the
        token *before* the data may reuse its results for as long as the token stays the
        same, and is never served a result of an older graph.
        """

    def view_changes(self, mark: int | None) -> ViewChanges:
        """What writes changed, by kind and key, since `mark` (None: since ever), from the
        store's change log (the embedded store's `view_log`, Neo4j's `ViewChange` nodes).

        Read it *before* the data a view is brought up to date from: the view is then at
        least as new as the answer's `mark`.
        """

    def ping(self) -> None:
        """Raise `StoreUnavailable` unless the store answers."""

    def rehearsal(self) -> AbstractContextManager[None] | None:
        """A context in which this thread's writes run in full and are then rolled back, for
        a store whose first writes cost far more than later ones (Neo4j plans each
        statement the first time it sees it); None for a store with nothing to warm, in
        which no write may be rehearsed (ingest/rehearsal.py)."""

    def prepare_search(self) -> None:
        """Bring what searches read to its steady state now, where the store builds it
        lazily: the embedded store's neighbour graphs (built or restored and saved);
        nothing for Neo4j, whose server keeps its indexes. An ingest calls it at its end
        and the API before it reports ready."""

    def close(self) -> None:
        """Release connections and files."""

    def upsert(self, batch: GraphBatch, job: DerivationJob | None = None) -> None:
        """Write the nodes of `batch` and the relationships their fields name, and `job`
        with them (one transaction)."""

    def content_hashes(self, ids: Sequence[str]) -> dict[str, str]:
        """The stored `content_hash` of each Document or Post id that exists."""

    def source_documents(self, source: str) -> list[str]:
        """The ids of the stored documents read from `source` (a reader's namespace such as
        `discourse:forum`), sorted: what a sync of that source compares its export with."""

    def delete_documents(self, ids: Sequence[str], job: DerivationJob | None = None) -> int:
        """Delete documents with their posts, chunks, practices and links, and queue `job`
        in the same transaction; return how many."""

    def replace_documents(
        self, ids: Sequence[str], batch: GraphBatch, job: DerivationJob | None = None
    ) -> None:
        """Delete documents `ids` as `delete_documents` does and write `batch` (and `job`),
        atomically: a changed thread is seen, and survives a crash, as it was or as it is,
        never gone."""

    def vector_search(
        self, vector: Sequence[float], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """The `k` chunks or practices nearest `vector` by cosine, within `scope`."""

    def cosines(
        self, vector: Sequence[float], ids: Sequence[str], target: SearchTarget
    ) -> dict[str, float]:
        """The raw cosine of each of `ids` (of `target`) to `vector`, as `vector_search`
        scores it; ids the store lacks are left out. For items another retriever found
        beyond the vector list's depth, whose closeness a caller must still judge.

        Raises:
            InvalidInput: `vector` does not have the store's dimension.
        """

    def cosines_each(
        self, vectors: Sequence[Sequence[float]], ids: Sequence[str], target: SearchTarget
    ) -> list[dict[str, float]]:
        """`cosines` of each of `vectors`, in order, read at once: the relevance floor
        scores a write's chunks against all its probes after every write, and one read
        instead of one per probe saves a round trip each on a server.

        Raises:
            InvalidInput: a vector does not have the store's dimension.
        """

    def keyword_search(
        self, terms: Sequence[str], k: int, target: SearchTarget, scope: SearchScope
    ) -> list[Hit]:
        """The `k` best chunks or practices for any of `terms` (BM25), within `scope`."""

    def evidence(self, chunk_ids: Sequence[str]) -> list[Evidence]:
        """The content, thread and authors behind each chunk id, in no particular order."""

    def reply_chunks(self, document_ids: Sequence[str]) -> list[str]:
        """The opening chunk of every answer and reply in these threads, in no order.

        Expert finding credits a thread's answerers when the thread matches the query,
        even where an answer's own words do not (Balog's thread-level association).
        """

    def reply_evidence(self, document_ids: Sequence[str]) -> list[Evidence]:
        """`evidence(reply_chunks(document_ids))`, in no particular order: what expert
        finding reads for the threads that matched, in one read where the backend can."""

    def contributions(
        self, person_ids: Sequence[str] | None = None, domain_ids: Sequence[str] | None = None
    ) -> Iterator[Contribution]:
        """Every (author, content, domain) triple, or those of `person_ids` (in `domain_ids`
        only, when given with them): what EXPERT_IN is derived from."""

    def footprint(self, content_ids: Sequence[str]) -> Footprint:
        """What derived relationships hang on these documents or posts and the posts of
        these documents (see `Footprint`); read it before replacing or deleting them."""

    def replace_expertise(self, rows: Sequence[Expertise]) -> None:
        """Replace all EXPERT_IN relationships with `rows`."""

    def replace_expertise_for(
        self,
        person_ids: Sequence[str],
        rows: Sequence[Expertise],
        domain_ids: Sequence[str] | None = None,
    ) -> None:
        """Replace the EXPERT_IN rows of `person_ids` (public and private alike), in
        `domain_ids` only when given, with `rows`, in one transaction; every row must be of
        one of them (and of those domains). Other rows stay."""

    def expertise(
        self, person_id: str | None = None, domain_id: str | None = None
    ) -> list[Expertise]:
        """EXPERT_IN rows of a person, of a domain, or all; best score first."""

    def practice_embeddings(self) -> tuple[list[str], np.ndarray]:
        """Every practice id with its embedding (rows aligned), to derive RELATED_TO."""

    def replace_related_practices(self, rows: Sequence[PracticeLink]) -> None:
        """Replace all RELATED_TO relationships with `rows`."""

    def replace_related_for(self, source_ids: Sequence[str], rows: Sequence[PracticeLink]) -> None:
        """Replace the RELATED_TO links leaving `source_ids` with `rows`, in one transaction;
        every row must leave one of them. Links naming an unknown practice are dropped."""

    def related_practices(self, practice_id: str) -> list[PracticeLink]:
        """RELATED_TO links leaving `practice_id`, best first."""

    def related_links(self, practice_ids: Sequence[str]) -> list[PracticeLink]:
        """RELATED_TO links leaving any of `practice_ids`, in no set order (one read)."""

    def derivation_state(self) -> DerivationState | None:
        """What the stored derived relationships were derived against; None before any."""

    def save_derivation_state(self, state: DerivationState) -> None:
        """Keep `state` (replacing the stored one) for the derivations that follow."""

    def derivation_jobs(self, limit: int) -> list[DerivationJob]:
        """The oldest `limit` queued derivation jobs, oldest first."""

    def finish_derivation_jobs(self, ids: Sequence[str]) -> None:
        """Remove done jobs from the queue (unknown ids are ignored); not a graph change."""

    def take_derivation_lease(self, holder: str, seconds: float) -> bool:
        """Hold the right to derive for `seconds` by the store's clock, unless another
        holder's lease is still running; taking it again renews it. Derivations of two
        processes at once could interleave a stale read with a newer write."""

    def release_derivation_lease(self, holder: str) -> None:
        """Give the lease up, if `holder` has it."""

    def get_person(self, person_id: str) -> Person | None:
        """The person, or None."""

    def get_people(self, ids: Sequence[str]) -> list[Person]:
        """The stored persons among `ids`, in no particular order (one read for many)."""

    def get_community(self, community_id: str) -> Community | None:
        """The community, or None."""

    def list_communities(self) -> list[Community]:
        """Every community, private ones included, ordered by id."""

    def get_document(self, document_id: str) -> Document | None:
        """The document, or None."""

    def get_posts(self, document_id: str) -> list[Post]:
        """The posts of a thread, oldest first."""

    def get_practices(self, ids: Sequence[str]) -> list[Practice]:
        """The practices that exist among `ids`."""

    def links(self, content_ids: Sequence[str]) -> list[ContentLink]:
        """Every link leaving or reaching one of `content_ids`, by source, target and kind.

        A link is its source's: written, replaced and deleted with it. Its target is kept by
        id whether or not it is stored (a citation of a paper not ingested yet) and the link
        is found from either end all the same; it counts as a `LINKS` relationship in
        `stats` only while the target is stored, and deleting the target leaves it waiting
        for content of that id again.
        """

    def list_domains(self) -> list[Domain]:
        """The whole taxonomy."""

    def stats(self) -> GraphStats:
        """Counts of nodes by label and relationships by type."""

    def recent_content(
        self, person_id: str, limit: int, scope: SearchScope
    ) -> list[ContentSummary]:
        """The person's documents and posts within `scope`, newest first (undated last)."""

    def main_communities(
        self, person_ids: Sequence[str], recent: int, scope: SearchScope
    ) -> dict[str, str]:
        """Per person, the community most of their `recent` newest contents within `scope`
        are in, as `recent_content` lists them (a tie: the community of the newer content);
        people with no such content left out. One read where the backend can."""

    def practices_by_author(self, person_id: str, scope: SearchScope) -> list[Practice]:
        """Practices the person authored whose source content is within `scope`, by id."""

    def thread_summaries(self, scope: SearchScope) -> list[ThreadSummary]:
        """Every document within `scope` with its thread's outcome, by document id.

        `replies` and `first_reply_at` count posts by anyone but the document's authors;
        `answers` counts posts of kind answer; `accepted` is whether one was accepted;
        `domain_ids` are the document's ABOUT domains, sorted.
        """

    def domain_demand(self, scope: SearchScope) -> list[DomainDemand]:
        """Per domain and UTC month of creation, the documents within `scope` about it and
        how their threads went (see `DomainDemand`), in no particular order.

        A document counts once for each domain it is ABOUT; the scope applies to the
        document as in `thread_summaries`.
        """

    def community_activity(self, community_id: str) -> list[Interaction]:
        """Every document and post of a community, oldest first (undated last, then by id).

        `parent_author_ids` are the authors of the document or post a post replies to
        (empty for documents); ids and domain ids are sorted.
        """

    def unassigned_chunks(self, limit: int) -> list[Chunk]:
        """Up to `limit` chunks whose parent content has no ABOUT link (any community)."""

    def log_search(self, entry: SearchLogEntry) -> None:
        """Append a search to the demand log."""

    def search_log(self, since: datetime | None = None) -> list[SearchLogEntry]:
        """Logged searches at or after `since` (all when None), oldest first."""

    def authorships(self, person_ids: Sequence[str] | None = None) -> list[Authorship]:
        """Every author of every document and post (domain or not), or those of the given
        persons only, in no set order."""

    def save_ranker_model(self, model: RankerModel) -> None:
        """Store a learned ranking under its version (a version saved twice is replaced).

        Ranking reads the newest kept model, so saving one sets a new data version.
        """

    def ranker_models(self) -> list[RankerModel]:
        """Every stored learned ranking, oldest version first."""

    def add_vocabulary(self, words: Sequence[VocabularyWord]) -> None:
        """Store words not stored yet, each under the next `seq`; a stored word keeps its
        vector and `seq`. Vocabulary is no part of the graph: the data version stays."""

    def known_vocabulary(self, words: Sequence[str]) -> set[str]:
        """Which of `words` the vocabulary holds."""

    def vocabulary_since(self, seq: int) -> VocabularySlice:
        """The words stored after `seq`, in `seq` order."""
