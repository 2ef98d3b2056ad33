"""The query-side views changed by each write's delta equal the views built afresh.

Random sequences of writes over the sample corpus on both stores, each of which keeps a change
log (the embedded store's `view_log`, Neo4j's `ViewChange` nodes): pushes, author and
acceptance changes, re-dating, deletes, hidden and confirmed domains, statuses, renames that
make or unmake namesakes, and a community turned private or public. Views queried between
writes follow them by their deltas (`queries.versioned.DeltaCache`, and the evidence kept by
`queries.evidence_cache`); after each write queried, every view of every caller scope must
equal one built from the whole store, and the evidence kept of every chunk and thread the
sample has (stored or not) what the store reads. Neo4j
gets fewer examples (14: each costs Neo4j about 1.6 s, and the suite is held under 15 minutes).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.models import Expertise, GraphBatch
from graph_service.profiles import PersonStatus, SkillClaim
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from ingest.records import SourceRecord
from ingest.report import IngestReport
from queries.evidence_cache import EvidenceCache
from queries.expertise_view import ExpertiseViews
from queries.learned_ranking import LearnedRankers
from queries.namesakes import Namesakes
from queries.person_activity import PersonActivities
from queries.profile_index import ProfileIndexes
from queries.relevance_floor import RelevanceFloor
from tests.record_edits import edited
from tests.sample import sample_records

SAMPLE = sample_records()
BASE = [0, 1, 3, 13, 19, 24]
POOL = [*BASE, 2, 7, 11, 20, 28]
RECORD = st.sampled_from(POOL)
HANDLES = sorted({r.document.author.handle for r in SAMPLE if r.document.author})
DATES = [None, datetime(2019, 5, 1, tzinfo=UTC), datetime(2024, 2, 1, tzinfo=UTC)]
PICK = st.integers(0, 10_000)
"""An index into whatever list the operation picks from (taken modulo its length)."""

OPERATION = st.one_of(
    st.tuples(st.just("put"), RECORD),
    st.tuples(st.just("author"), RECORD, st.sampled_from(HANDLES)),
    st.tuples(st.just("accept"), RECORD),
    st.tuples(st.just("date"), RECORD, st.integers(0, len(DATES) - 1)),
    st.tuples(st.just("delete"), RECORD),
    st.tuples(st.just("claim"), PICK, PICK, st.sampled_from(["hidden", "confirmed", None])),
    st.tuples(st.just("status"), PICK, st.sampled_from(["left", "active"])),
    st.tuples(st.just("rename"), PICK, PICK),
    st.tuples(st.just("private"), PICK),
)
THREADS = [record.document.id for record in SAMPLE]
CHUNKS = [
    f"{content_id}#c{number}"
    for record in SAMPLE
    for content_id in [record.document.id, *(post.id for post in record.posts)]
    for number in range(3)
]
"""Every thread of the sample and its contents' first chunks, whether stored or not."""
STEP = st.tuples(OPERATION, st.booleans())
"""A write, and whether the views are queried after it (else the next delta is larger)."""
SCOPES = [SearchScope(private_allowed=None), SearchScope(private_allowed=frozenset())]


class Views:
    """Every query-side view over one store, each read for every scope (and `allowed`)."""

    def __init__(self, store: GraphStore, allowed: frozenset[str]) -> None:
        self.scopes = [*SCOPES, SearchScope(private_allowed=allowed)]
        expertise = ExpertiseViews(store)
        activities = PersonActivities(store)
        namesakes = Namesakes(store, expertise)
        profiles = ProfileIndexes(store)
        rankers = LearnedRankers(store)
        floor = RelevanceFloor(store, HashingEmbedder())
        evidence = EvidenceCache(store)
        self.reads: dict[str, Callable[[SearchScope], Any]] = {
            "evidence": lambda _: (evidence.evidence(CHUNKS), evidence.reply_evidence(THREADS)),
            "expertise": expertise.get,
            "activity": activities.get,
            "namesakes": namesakes.of,
            "profiles": lambda _: profiles.get(),
            "ranker": lambda _: rankers.get(),
            "floor": lambda _: floor.get(),
        }

    def read(self) -> dict[tuple[str, frozenset[str] | None], Any]:
        return {
            (name, scope.private_allowed): read(scope)
            for name, read in self.reads.items()
            for scope in self.scopes
        }


def _pick(items: list[str], at: int) -> str:
    return sorted(items)[at % len(items)]


def test_views_changed_by_deltas_equal_views_built_afresh(
    store: GraphStore, tmp_path: Path
) -> None:
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())

    @settings(max_examples=40 if store.backend == "embedded" else 14, deadline=None,
              derandomize=True,
              suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
    @given(steps=st.lists(STEP, min_size=1, max_size=10))
    def check(steps: list[tuple[tuple[Any, ...], bool]]) -> None:
        pipeline.delete([record.document.id for record in SAMPLE])
        pipeline.run([SAMPLE[at] for at in BASE], IngestReport())
        allowed = frozenset(sorted(c.id for c in store.list_communities() if c.private)[:1])
        kept = Views(store, allowed)
        kept.read()
        current = {at: SAMPLE[at] for at in BASE}
        for operation, look in steps:
            _write(store, pipeline, current, operation)
            if look:
                assert kept.read() == Views(store, allowed).read(), operation
        assert kept.read() == Views(store, allowed).read()

    try:
        check()
    finally:
        pipeline.cache.close()


def _write(
    store: GraphStore,
    pipeline: Any,
    current: dict[int, SourceRecord],
    operation: tuple[Any, ...],
) -> None:
    """Apply one random write to the store."""
    kind = operation[0]
    people = sorted({row.person_id for row in store.expertise()}) or ["nobody"]
    if kind == "delete":
        pipeline.delete([SAMPLE[operation[1]].document.id])
        current.pop(operation[1], None)
    elif kind in ("put", "author", "accept", "date"):
        at = operation[1]
        current[at] = edited(current.get(at, SAMPLE[at]), operation, DATES)
        pipeline.run([current[at]], IngestReport())
    elif kind == "claim":
        person = _pick(people, operation[1])
        domains = sorted({d.id for d in store.list_domains()})
        claims = []
        if operation[3] is not None:
            claims = [SkillClaim(person_id=person, domain_id=_pick(domains, operation[2]),
                                 kind=operation[3], by="test", at=datetime.now(UTC))]  # fmt: skip
        store.replace_skills(person, claims, [])
    elif kind == "status":
        status = PersonStatus(person_id=_pick(people, operation[1]), status=operation[2])
        store.save_statuses([status], [])
    elif kind == "rename":
        stored = {p.id: p for p in store.get_people(people)}
        if len(stored) > 1:
            renamed = stored[_pick(list(stored), operation[1])]
            name = stored[_pick(list(stored), operation[2])].name
            store.upsert(GraphBatch(persons=[renamed.model_copy(update={"name": name})]))
    elif kind == "private":
        communities = sorted(store.list_communities(), key=lambda c: c.id)
        if communities:
            community = communities[operation[1] % len(communities)]
            flipped = community.model_copy(update={"private": not community.private})
            store.upsert(GraphBatch(communities=[flipped]))


def test_a_push_changes_the_expertise_view_by_its_delta(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    try:
        pipeline.run([SAMPLE[at] for at in BASE], IngestReport())
        views = ExpertiseViews(store)
        before = views.get(SCOPES[1])
        whole: list[Expertise] = []
        read = store.expertise

        def counting(person_id: str | None = None, domain_id: str | None = None) -> Any:
            found = read(person_id, domain_id)
            if person_id is None and domain_id is None:
                whole.extend(found)
            return found

        monkeypatch.setattr(store, "expertise", counting)
        pipeline.run([SAMPLE[2]], IngestReport())
        after = views.get(SCOPES[1])
        assert not whole, "the push's people were read, not all of EXPERT_IN"
        assert after != before
        assert after == ExpertiseViews(store).get(SCOPES[1])
    finally:
        pipeline.cache.close()
