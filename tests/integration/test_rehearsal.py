"""The push an API rehearses at start (ingest/rehearsal.py), on both stores: on Neo4j it runs
every statement a real push runs, and on every store it leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from neo4j import ManagedTransaction

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest import SAMPLE_DIR
from ingest.derivation import Extent, Touched, derive
from ingest.pipeline import Pipeline
from ingest.rehearsal import REHEARSAL_ID, rehearsal_record, rehearse_push
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from ingest.sources.jsonl import Discussion, records_of

NOW = datetime(2026, 1, 6, tzinfo=UTC)


@pytest.fixture
def store_dimension() -> int:
    """Neo4j's indexes made for `HashingEmbedder()`."""
    return HashingEmbedder().dimension


@pytest.fixture
def pipeline(store: GraphStore, tmp_path: Path) -> Iterator[Pipeline]:
    """The API's pipeline (deferring derivation) over the sample corpus, derived once."""
    loading = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    loading.run(read_source(SAMPLE_DIR / "cop-sample.jsonl", "jsonl"), IngestReport())
    loading.deferred = True
    yield loading
    loading.cache.close()


def _deriving(pipeline: Pipeline) -> Any:
    def derive_touched(touched: Touched) -> Extent:
        return derive(pipeline.store, touched, NOW, pipeline.half_life_days)

    return derive_touched


def _state(store: GraphStore) -> dict[str, object]:
    return {
        "stats": store.stats(),
        "version": store.data_version(),
        "jobs": store.derivation_jobs(10),
        "expertise": sorted((r.person_id, r.domain_id, r.score) for r in store.expertise()),
        "rehearsed": store.get_document(REHEARSAL_ID),
        "community": store.get_community(REHEARSAL_ID),
        "word": store.known_vocabulary(["copgraphzyqx"]),
        "person": store.get_person("copgraph-rehearsal-asker"),
    }


def test_a_rehearsed_push_leaves_the_store_as_it_was(pipeline: Pipeline) -> None:
    store = pipeline.store
    before = _state(store)
    took = rehearse_push(pipeline, _deriving(pipeline))
    assert (took is None) == (store.backend == "embedded"), "only Neo4j has plans to warm"
    assert _state(store) == before
    assert before["rehearsed"] is None and before["word"] == set()


def _pushed() -> list[Any]:
    """A discussion unlike the rehearsal's but of the same kinds: a question in a community,
    an accepted answer with a link, a reply."""
    record = rehearsal_record().model_dump(mode="json")
    record.update(id="pushed", title="Mulching rice straw", community="cop-agri")
    record["author"] = {"id": "pushed-asker"}
    answer, reply = record["posts"]
    answer.update(id="pushed-answer", author={"id": "pushed-answerer"}, body="Mulch the beds.")
    answer["links"] = [{"target": "agri-001"}]
    reply.update(id="pushed-reply", reply_to="pushed-answer", author={"id": "pushed-asker"})
    return list(records_of(Discussion.model_validate(record), source="api", position="test"))


@pytest.mark.neo4j
@pytest.mark.parametrize("store", ["neo4j"], indirect=True)
def test_the_rehearsal_runs_every_statement_of_a_real_push(
    pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    ran: list[str] = []
    run = ManagedTransaction.run

    def recording(tx: ManagedTransaction, query: Any, *args: Any, **kwargs: Any) -> Any:
        ran.append(str(query))
        return run(tx, query, *args, **kwargs)

    monkeypatch.setattr(ManagedTransaction, "run", recording)
    assert rehearse_push(pipeline, _deriving(pipeline)) is not None
    rehearsed = set(ran)
    assert any("EXPERT_IN" in statement for statement in rehearsed), "derivation rehearsed"

    ran.clear()
    pipeline.run(_pushed(), IngestReport())
    assert ran and set(ran) <= rehearsed, set(ran) - rehearsed
    assert pipeline.store.get_document("pushed") is not None
