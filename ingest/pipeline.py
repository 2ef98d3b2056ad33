"""The ingestion pipeline: read -> normalize -> chunk -> extract -> embed -> load.

Records stream through in batches: memory is bounded by the batch size, not the input.
Each batch is one store write; a store failure loses nothing already committed and a rerun
resumes, because unchanged content (same hash as stored) is skipped. Derived relationships
are recomputed once at the end of a run that changed anything, or that follows a run which
died before it had derived them (see derivation.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import islice

from embeddings.base import Embedder
from graph_service.models import Community, GraphBatch
from graph_service.store.base import GraphStore
from ingest.assemble import BatchAssembler
from ingest.chunking import passages
from ingest.derivation import DerivationMarker
from ingest.derive import recompute_expertise, recompute_related_practices
from ingest.domains import DomainAssigner
from ingest.embed import EmbeddingCache, embed_cached
from ingest.normalize import NormalizedRecord, normalize_record
from ingest.overlap import BackgroundWriter, WriteLedger, ahead
from ingest.people import PeopleDirectory
from ingest.practices import CuePracticeExtractor, PracticeExtractor
from ingest.records import Reject, SourceRecord
from ingest.report import IngestReport
from ingest.taxonomy import Taxonomy

STAGES = ("read", "normalize", "chunk", "extract", "embed", "load", "derive")


@dataclass
class StageTimer:
    """Seconds spent per stage, for the benchmark's split of the run."""

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
    half_life_days: float = 730.0
    batch_size: int = 64
    extractor: PracticeExtractor = field(default_factory=CuePracticeExtractor)
    timer: StageTimer = field(default_factory=StageTimer)
    derivation: DerivationMarker = field(default_factory=DerivationMarker)

    def __post_init__(self) -> None:
        self._assigner: DomainAssigner | None = None

    @property
    def assigner(self) -> DomainAssigner:
        """The calibrated domain assigner, built on first use (it embeds the taxonomy)."""
        if self._assigner is None:
            self._assigner = DomainAssigner(self.taxonomy, self.embedder)
        return self._assigner

    def prepare(self) -> None:
        """Create the schema and write the taxonomy and declared communities."""
        self.store.ensure_schema(self.embedder.dimension)
        self.store.upsert(
            GraphBatch(domains=self.taxonomy.domains, communities=list(self.communities.values()))
        )

    def run(
        self,
        records: Iterable[SourceRecord | Reject],
        report: IngestReport,
        on_batch: Callable[[IngestReport], None] | None = None,
    ) -> IngestReport:
        """Ingest `records`, counting into `report` (`on_batch` sees it after each batch);
        derive relationships if anything changed (or an earlier run changed content and died
        before deriving).

        Three threads share the work (see `ingest.overlap`): one prepares the next batch,
        this one embeds the current batch, one writes the previous batch.
        """
        self.prepare()
        interrupted = self.derivation.is_set()
        ledger = WriteLedger()
        prepared = self._prepared(iter(records), report, ledger)
        with (
            ahead(prepared, on_stop=ledger.abandon) as batches,
            BackgroundWriter() as writer,
        ):
            for batch in batches:
                if batch.changed:
                    built = self._build(batch)
                    writer.submit(partial(self._write, batch, built, report, ledger))
                if on_batch:
                    on_batch(report)
        if report.changed or interrupted:
            self.derive()
        return report

    def derive(self) -> None:
        """Recompute EXPERT_IN and RELATED_TO from what is stored."""
        started = time.perf_counter()
        recompute_expertise(self.store, datetime.now(UTC), self.half_life_days)
        recompute_related_practices(self.store)
        self.derivation.clear()
        self.timer.add("derive", started)

    def delete(self, document_ids: list[str]) -> int:
        """Delete documents with everything derived from them, then re-derive."""
        interrupted = self.derivation.is_set()
        self.derivation.set()
        deleted = self.store.delete_documents(document_ids)
        if deleted or interrupted:
            self.derive()
        else:
            self.derivation.clear()
        return deleted

    def _prepared(
        self, records: Iterator[SourceRecord | Reject], report: IngestReport, ledger: WriteLedger
    ) -> Iterator[_Prepared]:
        """Read, normalize, compare with what is stored, and chunk, batch by batch; a batch
        that changed anything is counted in `ledger` as on its way to the store."""
        handed: set[str] = set()
        for batch in _batches(records, self.batch_size, self.timer):
            started = time.perf_counter()
            fresh = [record for item in batch if (record := self._normalized(item, report))]
            started = self.timer.add("normalize", started)
            content_ids = [c.id for r in fresh for c in r.contents]
            if not handed.isdisjoint(content_ids) and not ledger.wait_for_writes():
                return  # the run stopped while this batch waited for an earlier copy's write
            stored = self.store.content_hashes(content_ids)
            changed = [
                r for r in fresh if any(stored.get(c.id) != c.content_hash for c in r.contents)
            ]
            changed_ids = {r.document.id for r in changed}
            for record in fresh:
                if record.document.id not in changed_ids:
                    report.count("unchanged", record.document.kind)
                    report.count("unchanged", "post", len(record.posts))
            assembler = BatchAssembler()
            for record in changed:
                for content in record.contents:
                    assembler.add_passages(content, passages(content, record.document.title))
                    handed.add(content.id)
            self.timer.add("chunk", started)
            if changed:
                ledger.handed()
            yield _Prepared(changed, stored, assembler)

    def _normalized(
        self, item: SourceRecord | Reject, report: IngestReport
    ) -> NormalizedRecord | None:
        """`item` normalized and counted as read; None (counted as rejected) if it is not."""
        if isinstance(item, Reject):
            report.count("read", "record")
            report.reject(item)
            return None
        normalized = normalize_record(item, self.people, self.communities)
        report.count("read", item.document.kind)
        report.count("read", "post", len(item.posts))
        if isinstance(normalized, Reject):
            report.reject(normalized, item.document.kind)
            return None
        for reject in normalized.rejects:
            report.reject(reject, "post")
        return normalized

    def _build(self, batch: _Prepared) -> GraphBatch:
        """Embed a prepared batch, assign domains, extract practices: the graph to write."""
        started = time.perf_counter()
        assembler = batch.assembler
        vectors = embed_cached(self.embedder, assembler.embed_texts(), self.cache)
        started = self.timer.add("embed", started)
        for record in batch.changed:
            for content in record.contents:
                rows = assembler.rows_of(content.id)
                links = self.assigner.links(
                    content.id, content.kind, vectors[rows], record.document.tags
                )
                assembler.add_content(record, content, links, self.extractor.extract(content))
        started = self.timer.add("extract", started)
        practice_vectors = embed_cached(self.embedder, assembler.practice_texts(), self.cache)
        started = self.timer.add("embed", started)
        built = assembler.build(vectors, practice_vectors)
        self.timer.add("extract", started)
        return built

    def _write(
        self, batch: _Prepared, built: GraphBatch, report: IngestReport, ledger: WriteLedger
    ) -> None:
        """Write one built batch (replacing the documents already stored), then count it."""
        started = time.perf_counter()
        replaced = [r.document.id for r in batch.changed if r.document.id in batch.stored]
        self.derivation.set()
        if replaced:
            self.store.replace_documents(replaced, built)
        else:
            self.store.upsert(built)
        self.timer.add("load", started)
        ledger.written()
        for record in batch.changed:
            report.count("ingested", record.document.kind)
            report.count("ingested", "post", len(record.posts))


@dataclass(frozen=True)
class _Prepared:
    """A batch ready to embed: its changed records (none if nothing changed), the content
    hashes stored for them before the run wrote them, and their passages."""

    changed: list[NormalizedRecord]
    stored: dict[str, str]
    assembler: BatchAssembler


def _batches(
    items: Iterator[SourceRecord | Reject], size: int, timer: StageTimer
) -> Iterator[list[SourceRecord | Reject]]:
    while True:
        started = time.perf_counter()
        batch = list(islice(items, size))
        timer.add("read", started)
        if not batch:
            return
        yield batch
