"""Expert finding's evidence rows kept per data version, on both stores: a question asked again
reads no evidence from the store, and the query after a write sees the write (an edited
answer's new text, a new answer credited through its thread)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from ingest.pipeline import Pipeline
from ingest.records import RawContent, RawPerson, SourceRecord
from ingest.report import IngestReport
from queries.experts import Expert, ExpertFinder, ExpertQuery

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
QUESTION = "How long should a compost heap of rice straw rest before turning?"
EVERYONE = SearchScope(private_allowed=None)


@pytest.fixture
def store_dimension() -> int:
    """Embedded with `HashingEmbedder()` (Neo4j keeps its search indexes between tests)."""
    return HashingEmbedder().dimension


class CountingStore:
    """`store` with its evidence reads counted."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.reads: Counter[str] = Counter()

    def evidence(self, chunk_ids: Any) -> Any:
        self.reads["evidence"] += 1
        return self.store.evidence(chunk_ids)

    def reply_evidence(self, document_ids: Any) -> Any:
        self.reads["reply_evidence"] += 1
        return self.store.reply_evidence(document_ids)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)


def _thread(answers: dict[str, str]) -> SourceRecord:
    question = RawContent(
        id="q-compost",
        kind="question",
        title=QUESTION,
        body=QUESTION,
        author=RawPerson(source="test", handle="asker", name="Asker"),
        created_at=NOW - timedelta(days=20),
    )
    posts = [
        RawContent(
            id=f"a-{handle}",
            kind="answer",
            body=body,
            author=RawPerson(source="test", handle=handle, name=handle.title()),
            created_at=NOW - timedelta(days=19),
            reply_to=question.id,
        )
        for handle, body in answers.items()
    ]
    return SourceRecord(source="test", position=question.id, document=question, posts=posts)


@pytest.fixture
def pipeline(store: GraphStore, tmp_path: Path) -> Pipeline:
    built = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    answers = {"ann": "Turn the rice straw compost heap after three weeks, when it cools."}
    assert built.run([_thread(answers)], IngestReport()).total("rejected") == 0
    return built


def _found(finder: ExpertFinder) -> dict[str, Expert]:
    return {e.person_id: e for e in finder.find(ExpertQuery(QUESTION, scope=EVERYONE), NOW)}


def test_a_question_asked_again_reads_nothing_and_after_a_write_sees_it(
    store: GraphStore, pipeline: Pipeline
) -> None:
    counting = CountingStore(store)
    finder = ExpertFinder(cast(GraphStore, counting), HashingEmbedder(), half_life_days=730.0)

    first = _found(finder)
    reads = dict(counting.reads)
    again = _found(finder)

    assert "test:ann" in first and "test:bob" not in first
    assert reads == {"evidence": 1, "reply_evidence": 1}
    assert counting.reads == reads, "the second query was answered from what the first read"
    assert [(e.person_id, e.score, e.evidence) for e in again.values()] == [
        (e.person_id, e.score, e.evidence) for e in first.values()
    ]

    edited = "Rest the rice straw compost heap for five weeks before turning it."
    answers = {"ann": edited, "bob": "A rice straw compost heap needs turning after a month."}
    assert pipeline.run([_thread(answers)], IngestReport()).total("rejected") == 0
    after = _found(finder)

    assert after["test:ann"].evidence[0].snippet == edited, "the edited answer's chunk"
    assert "test:bob" in after, "the new answer, credited through its thread"
