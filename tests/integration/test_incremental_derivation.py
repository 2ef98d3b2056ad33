"""Incremental derivation equals a full recompute, on both stores.

Random sequences of writes through the pipeline (inserts, author changes, text and title
changes, acceptance changes, re-dating, replies added to a thread as it was, posts dropped,
deletes) over the sample corpus, each derived incrementally; afterwards EXPERT_IN and
RELATED_TO must be what a full recompute with the same decay epoch and the same bar writes.
The tiny hashing embedder keeps an example fast; Neo4j gets fewer.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from embeddings.hashing import HashingEmbedder
from graph_service.association import ROLE_WEIGHT
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.derivation import Extent, derive
from ingest.report import IngestReport
from tests.derived import derived, recomputed_whole
from tests.record_edits import edited
from tests.sample import sample_records

SAMPLE = sample_records()
BASE = [0, 1, 3, 13, 19, 24]
"""Records stored before each sequence: articles and threads, public and private."""
HANDLES = sorted({r.document.author.handle for r in SAMPLE if r.document.author})
DATES = [None, datetime(2019, 5, 1, tzinfo=UTC), datetime.now(UTC) + timedelta(days=40)]
"""Undated, long ago, and after any decay epoch a test can have."""

POOL = [*BASE, 2, 7, 11, 20, 28]
RECORD = st.sampled_from(POOL)
"""A small pool, so that sequences often return to a record and copy each other's texts (a
copied text gives a practice a near twin: the RELATED_TO links the hashing embedder makes)."""
OPERATION = st.one_of(
    st.tuples(st.just("put"), RECORD),
    st.tuples(st.just("author"), RECORD, st.sampled_from(HANDLES)),
    st.tuples(st.just("text"), RECORD, RECORD),
    st.tuples(st.just("accept"), RECORD),
    st.tuples(st.just("date"), RECORD, st.integers(0, len(DATES) - 1)),
    st.tuples(st.just("delete"), RECORD),
    st.tuples(st.just("reply"), RECORD, st.sampled_from(HANDLES), RECORD),
    st.tuples(st.just("drop"), RECORD),
    st.tuples(st.just("title"), RECORD, RECORD),
)

REPLY_DROPS_A_POST = [("drop", 1), ("reply", 1, "anan", 24)]
"""A thread pushed without its last post changes nothing (no content of it changed); pushed
again with a new reply, it is replaced and that post is gone: its author (david.chen, who
wrote nothing else) loses the expertise, though the rest of the thread came back as it was."""
RETITLED = [("title", 1, 0)]
"""A question retitled: its answers come back with their own hashes unchanged, but their
passages carry the title, so their domains may move and their authors are derived again."""
TWIN_THEN_NOT = [("put", 2), ("text", 0, 2), ("text", 0, 11)]
"""agri-001 takes agri-003's text (their practices link as twins), then another: agri-003's
link to agri-001's practice, which kept its id, must go though agri-003 itself is unchanged."""


def test_incremental_derivation_equals_a_full_recompute(store: GraphStore, tmp_path: Path) -> None:
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    pipeline.related_whole_below = 0
    clock = [datetime.now(UTC)]
    pipeline.clock = lambda: clock[0]
    examples = 60 if store.backend == "embedded" else 6

    @settings(max_examples=examples, deadline=None, derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(operations=st.lists(OPERATION, min_size=1, max_size=8))
    @example(operations=TWIN_THEN_NOT)
    @example(operations=REPLY_DROPS_A_POST)
    @example(operations=RETITLED)
    def check(operations: list[tuple[Any, ...]]) -> None:
        pipeline.delete([record.document.id for record in SAMPLE])
        pipeline.run([SAMPLE[at] for at in BASE], IngestReport())
        assert pipeline.derive(None) == "full"
        current = {at: SAMPLE[at] for at in BASE}
        for operation in operations:
            clock[0] += timedelta(days=100)
            at = operation[1]
            if operation[0] == "delete":
                pipeline.delete([SAMPLE[at].document.id])
                current.pop(at, None)
                continue
            current[at] = edited(current.get(at, SAMPLE[at]), operation, DATES, SAMPLE)
            pipeline.run([current[at]], IngestReport())
        incremental = derived(store)
        assert recomputed_whole(store, pipeline.half_life_days) == incremental

    try:
        check()
    finally:
        pipeline.cache.close()


def test_a_push_derives_incrementally_a_crash_or_another_basis_whole(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extents: list[Extent] = []

    def recording(*args: Any, **kwargs: Any) -> Extent:
        extents.append(derive(*args, **kwargs))
        return extents[-1]

    monkeypatch.setattr("ingest.pipeline.derive", recording)
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    try:
        pipeline.run(SAMPLE[:5], IngestReport())
        state = store.derivation_state()
        assert extents == ["full"] and state is not None and state.related_bar is not None
        pipeline.run([SAMPLE[5]], IngestReport())
        pipeline.delete([SAMPLE[0].document.id])
        assert extents == ["full", "incremental", "incremental"]
        kept = store.derivation_state()
        assert kept is not None and kept.decay_epoch == state.decay_epoch
        pipeline.derivation.set()
        pipeline.run([], IngestReport())
        moved = store.derivation_state()
        assert extents[-1] == "full"
        assert moved is not None and moved.decay_epoch > state.decay_epoch
        pipeline.run([SAMPLE[6]], IngestReport())
        assert extents[-1] == "incremental"
        pipeline.half_life_days *= 2
        pipeline.run([SAMPLE[7]], IngestReport())
        assert extents[-1] == "full", "another half-life: no stored row holds any more"
        pipeline.run([SAMPLE[8]], IngestReport())
        assert extents[-1] == "incremental"
        monkeypatch.setitem(ROLE_WEIGHT, "author", ROLE_WEIGHT["author"] + 1.0)
        pipeline.run([SAMPLE[9]], IngestReport())
        assert extents[-1] == "full", "another association weight: the stored rows are stale"
    finally:
        pipeline.cache.close()


def test_new_content_rederives_its_authors_in_its_domains_only(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A push of new content reads its authors' contributions in the domains it is about (and
    those feeding their rows), not everything they wrote; so does a reply added to a thread
    (its other posts come back as they were); a changed record's authors are read whole,
    since their old contributions are gone."""
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    reads: list[tuple[list[str] | None, list[str] | None]] = []
    unwatched = store.contributions

    def watched(person_ids: Any = None, domain_ids: Any = None) -> Any:
        reads.append((person_ids and sorted(person_ids), domain_ids and sorted(domain_ids)))
        return unwatched(person_ids=person_ids, domain_ids=domain_ids)

    try:
        pipeline.run(SAMPLE[:12], IngestReport())
        monkeypatch.setattr(store, "contributions", watched)
        pipeline.run([SAMPLE[12]], IngestReport())
        domains = {domain.id for domain in store.list_domains()}
        assert reads and all(people for people, _ in reads), reads
        restricted = [wanted for _, wanted in reads if wanted is not None]
        assert restricted and all(set(wanted) < domains for wanted in restricted), reads
        reads.clear()
        reply = edited(SAMPLE[1], ("reply", 1, "anan", 24), DATES, SAMPLE)
        pipeline.run([reply], IngestReport())  # the thread rewritten, its other posts as they were
        assert reads and all(wanted is not None for _, wanted in reads), "a reply: no one whole"
        posted = {post.id: post for post in store.get_posts(SAMPLE[1].document.id)}
        replier = set(posted[reply.posts[-1].id].author_ids)
        read = {person for people, _ in reads for person in people or ()}
        assert read == replier, "a reply re-derives its author only"
        reads.clear()
        pipeline.run([edited(SAMPLE[12], ("text", 12, 2), DATES, SAMPLE)], IngestReport())
        assert any(wanted is None for _, wanted in reads), "a replaced record's authors, whole"
        assert derived(store) == recomputed_whole(store, pipeline.half_life_days)
    finally:
        pipeline.cache.close()
