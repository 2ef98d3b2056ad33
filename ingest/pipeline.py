"""The ingestion pipeline: read -> normalize -> chunk -> extract -> embed -> load.

Records stream through in batches: memory is bounded by the batch size, not the input.
A batch is read, normalized and chunked, and its passages handed to the embedding workers
(embeddings/parallel.py); while they embed it, the batch before is linked, extracted and
written. The model has a core of its own and the other stages stay off its path: 10,000
items cold took 39 s instead of 56 s on 2 cores. Each batch is one store write, made in a
thread while the pipeline goes on (ingest/write_behind.py); a store failure loses nothing
already committed and a rerun resumes, because unchanged content (same hash as stored) is
skipped. Derived relationships are brought up to date once at the end of a run that changed
anything: for only what the run touched (ingest/derivation.py), or whole after a run which
died before it had derived them (see derive_pending.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice

from embeddings.base import Embedder, PendingVectors
from graph_service.domain_assignment import DomainAssigner
from graph_service.models import Community, GraphBatch
from graph_service.store.base import GraphStore
from graph_service.taxonomy import Taxonomy
from ingest.assemble import BatchAssembler
from ingest.content import NormalizedRecord, normalize_record
from ingest.derivation import Extent, Touched, derive, touched_by_write
from ingest.derivation_queue import job_of
from ingest.derive_pending import DerivationMarker
from ingest.embedding_cache import EmbeddingCache, embed_cached, start_embed_cached
from ingest.passages import passages
from ingest.people import PeopleDirectory
from ingest.practices import CuePracticeExtractor, PracticeExtractor
from ingest.records import AccountClosed, AccountOpen, AccountState, ReadItem, Reject, Skipped
from ingest.related import CALIBRATION_SAMPLE
from ingest.report import IngestReport
from ingest.statuses import sync_source_statuses, sync_statuses
from ingest.vocabulary import learn_vocabulary
from ingest.write_behind import WriteBehind

STAGES = ("read", "normalize", "chunk", "extract", "embed", "load", "derive", "index")


@dataclass
class StageTimer:
    """Seconds spent per stage, for the benchmark's split of the run. `load` is the time
    the run waited for its writes: a write made while the next batch embeds costs nothing
    more (ingest/write_behind.py). `index` is what the store's search indexes took to be
    ready for queries at the run's end (`GraphStore.prepare_search`)."""

    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    def add(self, stage: str, started: float) -> float:
        """Charge the time since `started` to `stage`; returns now, for chaining."""
        now = time.perf_counter()
        self.seconds[stage] += now - started
        return now


@dataclass
class Pipeline:
    """One configured ingestion: a store, an embedder, the taxonomy and people files."""

    store: GraphStore
    embedder: Embedder
    taxonomy: Taxonomy
    people: PeopleDirectory
    communities: dict[str, Community]
    cache: EmbeddingCache
    half_life_days: float
    batch_size: int = 64
    extractor: PracticeExtractor = field(default_factory=CuePracticeExtractor)
    timer: StageTimer = field(default_factory=StageTimer)
    derivation: DerivationMarker = field(default_factory=DerivationMarker)
    related_whole_below: int = CALIBRATION_SAMPLE
    """Below this many practices RELATED_TO is recomputed whole (see ingest/related.py)."""
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    """The time a full derivation takes as its decay epoch (a test may move it)."""
    deferred: bool = False
    """Queue each write's derivation in the store with it instead of deriving at the end of
    the run: the API's writes, derived by a `DerivationWorker` (ingest/derivation_queue.py)."""

    def __post_init__(self) -> None:
        self._assigner: DomainAssigner | None = None
        self._touched = Touched()
        self._accounts: list[AccountState] = []
        # A deferring pipeline (the API's: one push a run) prepares once: a schema check and
        # a taxonomy write per push cost Neo4j a round of schema statements, and every
        # process's caches a new data version.
        self._prepared = False

    @property
    def touched(self) -> Touched:
        """What the last run wrote or is about to replace that derivation depends on."""
        return self._touched

    @property
    def assigner(self) -> DomainAssigner:
        """The calibrated domain assigner, built on first use (it embeds the taxonomy)."""
        if self._assigner is None:
            self._assigner = DomainAssigner(self.taxonomy, self.embedder)
        return self._assigner

    def prepare(self) -> None:
        """Create the schema and write the taxonomy, declared communities and the statuses
        people.yaml declares (a deferring pipeline's runs then skip it)."""
        self.store.ensure_schema(self.embedder.dimension)
        self.store.upsert(
            GraphBatch(domains=self.taxonomy.domains, communities=list(self.communities.values()))
        )
        sync_statuses(self.store, self.people)
        self._prepared = True

    def run(
        self,
        records: Iterable[ReadItem],
        report: IngestReport,
        on_batch: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Ingest `records`, counting into `report`; mark the people whose accounts the
        sources say are closed as left, or open again (ingest/statuses.py); derive
        relationships for what changed (or whole, if an earlier run changed content and died
        before deriving), unless the pipeline defers derivation to the store's queue."""
        if not (self.deferred and self._prepared):
            self.prepare()
        interrupted = not self.deferred and self.derivation.is_set()
        self._touched = Touched()
        self._accounts = []
        iterator = iter(records)
        with WriteBehind() as writes:
            ahead: _Embedding | None = None
            embedded = 0
            batches = _batches(iterator, self.batch_size, self.timer)
            while True:
                try:
                    batch = next(batches, None)
                    if batch is None:
                        break
                    fresh = self._normalize(batch, report)
                    if ahead is not None and ahead.holds_any(fresh):
                        before, ahead = ahead, None  # this batch reads what it writes
                        self._finish(before, report, writes)
                    embedding = self._start_embedding(fresh, report, writes, embedded > 0)
                except BaseException:
                    if ahead is not None:  # written, as it was before this batch was read
                        self._finish(ahead, report, writes)
                    raise
                if ahead is not None:
                    self._finish(ahead, report, writes)
                ahead = embedding
                embedded += embedding is not None
                if on_batch:
                    on_batch(report)
            if ahead is not None:
                self._finish(ahead, report, writes)
            started = time.perf_counter()
            writes.wait()
            self.timer.add("load", started)
        if self._accounts:
            outcome = sync_source_statuses(self.store, self.people, self._accounts)
            report.statuses_written, report.statuses_kept = outcome.written, outcome.kept
        if (report.changed and not self.deferred) or interrupted:
            self.derive(None if interrupted else self._touched)
        if report.changed and not self.deferred:
            started = time.perf_counter()
            self.store.prepare_search()
            self.timer.add("index", started)
        return report

    def derive(self, touched: Touched | None = None) -> Extent:
        """Bring EXPERT_IN and RELATED_TO up to date: for `touched` only, or whole when it
        is None (or the store needs it, see ingest/derivation.py)."""
        started = time.perf_counter()
        extent = derive(
            self.store,
            touched,
            self.clock(),
            self.half_life_days,
            self.related_whole_below,
        )
        self.derivation.clear()
        self.timer.add("derive", started)
        return extent

    def delete(self, document_ids: list[str]) -> int:
        """Delete documents with everything derived from them, then re-derive what they
        touched (or queue that, if the pipeline defers derivation)."""
        touched = Touched()
        touched.add_footprint(self.store.footprint(document_ids))
        if self.deferred:
            return self.store.delete_documents(document_ids, job_of(touched))
        interrupted = self.derivation.is_set()
        self.derivation.set()
        deleted = self.store.delete_documents(document_ids)
        if deleted or interrupted:
            self.derive(None if interrupted else touched)
        else:
            self.derivation.clear()
        return deleted

    def _normalize(self, batch: list[ReadItem], report: IngestReport) -> list[NormalizedRecord]:
        """The batch's records normalized; skips, account states and rejects counted."""
        started = time.perf_counter()
        fresh: list[NormalizedRecord] = []
        for item in batch:
            if isinstance(item, Skipped):
                report.skip(item)
                continue
            if isinstance(item, AccountClosed | AccountOpen):
                self._accounts.append(item)
                continue
            if isinstance(item, Reject):
                report.count("read", "record")
                report.reject(item)
                continue
            normalized = normalize_record(item, self.people, self.communities)
            report.count("read", item.document.kind)
            report.count("read", "post", len(item.posts))
            if isinstance(normalized, Reject):
                report.reject(normalized, item.document.kind)
                continue
            for reject in normalized.rejects:
                report.reject(reject, "post")
            fresh.append(normalized)
        self.timer.add("normalize", started)
        return fresh

    def _start_embedding(
        self,
        fresh: list[NormalizedRecord],
        report: IngestReport,
        writes: WriteBehind,
        ahead: bool,
    ) -> _Embedding | None:
        """The records whose content changed, chunked, their passages being embedded: `ahead`
        (a run's later batches), in the embedding workers while the pipeline finishes the
        batch before (embeddings.parallel); a run's first batch, in-process, so that a
        one-batch run (a push) never starts a worker. None when nothing changed."""
        started = time.perf_counter()
        content_ids = [c.id for r in fresh for c in r.contents]
        writes.wait_for(content_ids)
        stored = self.store.content_hashes(content_ids)
        changed = [r for r in fresh if any(stored.get(c.id) != c.content_hash for c in r.contents)]
        changed_ids = {r.document.id for r in changed}
        for record in fresh:
            if record.document.id not in changed_ids:
                report.count("unchanged", record.document.kind)
                report.count("unchanged", "post", len(record.posts))
        if not changed:
            self.timer.add("chunk", started)
            return None
        assembler = BatchAssembler()
        for record in changed:
            for content in record.contents:
                assembler.add_passages(content, passages(content, record.document.title))
        started = self.timer.add("chunk", started)
        vectors = start_embed_cached(self.embedder, assembler.embed_texts(), self.cache, ahead)
        self.timer.add("embed", started)
        return _Embedding(changed, stored, assembler, vectors)

    def _finish(self, embedding: _Embedding, report: IngestReport, writes: WriteBehind) -> None:
        """Link, extract and write a batch once its passages are embedded."""
        changed, stored, assembler = embedding.changed, embedding.stored, embedding.assembler
        started = time.perf_counter()
        vectors = embedding.vectors.result()
        started = self.timer.add("embed", started)
        for record in changed:
            for content in record.contents:
                rows = assembler.rows_of(content.id)
                links = self.assigner.links(
                    content.id, content.kind, vectors[rows], record.document.tags
                )
                assembler.add_content(record, content, links, self.extractor.extract(content))
        started = self.timer.add("extract", started)
        practice_vectors = embed_cached(self.embedder, assembler.practice_texts(), self.cache)
        started = self.timer.add("embed", started)
        writes.wait()
        started = self.timer.add("load", started)
        learn_vocabulary(self.store, self.embedder, self.cache, assembler.embed_texts())
        self.timer.add("embed", started)
        replaced = [r.document.id for r in changed if r.document.id in stored]
        built = assembler.build(vectors, practice_vectors)
        touched = touched_by_write(self.store, changed, stored, built)
        self._touched.merge(touched)
        job = job_of(touched) if self.deferred else None
        if not self.deferred:
            self.derivation.set()

        def write() -> None:
            if replaced:
                self.store.replace_documents(replaced, built, job)
            else:
                self.store.upsert(built, job)

        def count() -> None:
            for record in changed:
                report.count("ingested", record.document.kind)
                report.count("ingested", "post", len(record.posts))
                if record.document.id in stored:
                    report.count("updated", record.document.kind)

        writes.submit(write, [c.id for r in changed for c in r.contents], count)


@dataclass
class _Embedding:
    """A batch whose passages are being embedded: what it writes once they are."""

    changed: list[NormalizedRecord]
    stored: dict[str, str]
    """The store's hashes of the batch's content, read before it is written."""
    assembler: BatchAssembler
    vectors: PendingVectors

    def holds_any(self, records: list[NormalizedRecord]) -> bool:
        """Whether `records` hold content of this batch (whose hashes they must read after
        its write)."""
        ids = {c.id for r in self.changed for c in r.contents}
        return any(c.id in ids for r in records for c in r.contents)


def _batches(items: Iterator[ReadItem], size: int, timer: StageTimer) -> Iterator[list[ReadItem]]:
    while True:
        started = time.perf_counter()
        batch = list(islice(items, size))
        timer.add("read", started)
        if not batch:
            return
        yield batch
