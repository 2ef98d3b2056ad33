"""The ingestion pipeline end to end, on both stores, with the real multilingual model."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from embeddings.base import Embedder
from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from graph_service.text import query_terms
from ingest import SAMPLE_DIR
from ingest.pipeline import Pipeline
from ingest.records import SourceRecord
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from tests.conftest import SHARED

pytestmark = pytest.mark.model
EVERYTHING = SearchScope(private_allowed=None)
SEED = SHARED / "seeds" / "gotoknow-581184-community-of-practice.th.txt"


@pytest.fixture
def pipeline(store: GraphStore, embedder: Embedder, tmp_path: Path) -> Pipeline:
    """A pipeline over the test's store with the sample taxonomy."""
    return build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)


def ingest(pipeline: Pipeline, path: Path, fmt: str = "auto", **options: str) -> IngestReport:
    """Run the pipeline over one source and return its report."""
    report = IngestReport(rejects_path=path.parent / f"{path.name}.rejects.jsonl")
    pipeline.run(read_source(path, fmt, **options), report)  # type: ignore[arg-type]
    report.close()
    return report


def test_sample_ingests_and_a_second_ingest_changes_nothing(
    store: GraphStore, pipeline: Pipeline
) -> None:
    sample = SAMPLE_DIR / "cop-sample.jsonl"
    first = ingest(pipeline, sample)
    records = sum(1 for line in sample.read_text(encoding="utf-8").splitlines() if line.strip())
    assert first.total("rejected") == 0
    assert sum(first.counts[("ingested", kind)] for kind in ("article", "question", "thread")) == (
        records
    )
    stats, expertise = store.stats(), store.expertise()
    assert stats.nodes["Practice"] > 0 and stats.relationships["ABOUT"] > 0
    assert stats.relationships["EXPERT_IN"] == len(expertise) > 0
    same_name = [store.get_person(pid) for pid in ("somchai.k", "somchai.p")]
    assert [p.name for p in same_name if p] == ["สมชาย ใจดี", "สมชาย ใจดี"]
    assert {r.domain_id for r in store.expertise(person_id="somchai.k")} != {
        r.domain_id for r in store.expertise(person_id="somchai.p")
    }, "two people sharing a display name stay two people with their own expertise"
    teerasak = store.get_person("teerasak")
    assert teerasak is not None and teerasak.opted_out

    second = ingest(pipeline, sample)
    assert second.total("ingested") == 0
    assert second.total("unchanged") == first.total("ingested")
    assert store.stats() == stats
    assert store.expertise() == expertise


def test_thai_seed_article_gives_thai_chunks_a_practice_and_a_domain(
    store: GraphStore, pipeline: Pipeline
) -> None:
    report = ingest(pipeline, SEED, "files", community="cop-km", default_author="gotoknow")
    assert report.total("ingested") == 1
    hits = store.keyword_search(["ความรู้"], 50, "chunk", EVERYTHING)
    evidence = store.evidence([hit.id for hit in hits])
    assert evidence and {item.language for item in evidence} == {"th"}
    document_id = evidence[0].document_id
    assert store.stats().nodes["Practice"] >= 1
    domains = {c.domain_id for c in store.contributions() if c.content_id == document_id}
    assert "knowledge-management" in domains


def test_corrupt_records_are_rejected_and_the_rest_goes_in(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    good = {
        "type": "document",
        "id": "good-1",
        "title": "Composting rice straw",
        "body": "Chop the straw, keep the pile moist and turn it every week.",
        "author": {"id": "ann", "name": "Ann"},
        "community": "cop-agri",
    }
    lines = [
        json.dumps(good).encode(),
        b'{"type": "document", "id": "broken", ',
        json.dumps({**good, "id": "empty", "body": "   "}).encode(),
        json.dumps({k: v for k, v in {**good, "id": "anon"}.items() if k != "author"}).encode(),
        json.dumps({**good, "id": "latin1", "body": "caf\u00e9"})
        .encode()
        .replace(b"caf\\u00e9", "café".encode("latin-1")),
        json.dumps({**good, "id": "good-2", "title": "Second"}).encode(),
    ]
    corrupt = tmp_path / "corrupt.jsonl"
    corrupt.write_bytes(b"\n".join(lines) + b"\n")
    report = ingest(pipeline, corrupt)
    assert report.total("ingested") == 2
    assert report.total("rejected") == 4
    rejects = [
        json.loads(line)
        for line in corrupt.with_name("corrupt.jsonl.rejects.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    assert [r["position"] for r in rejects] == ["line 2", "line 3", "line 4", "line 5"]
    assert all(r["reason"] for r in rejects)
    assert store.get_document("good-1") is not None and store.get_document("good-2") is not None


def test_thai_and_english_on_one_topic_land_in_the_same_domain(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    records = [
        {
            "type": "document",
            "id": "compost-en",
            "title": "Composting rice straw after harvest",
            "body": "We compost rice straw instead of burning it: pile the straw, add manure, "
            "keep it moist and turn the heap every ten days until it is dark compost.",
            "author": {"id": "ann", "name": "Ann"},
        },
        {
            "type": "document",
            "id": "compost-th",
            "title": "การทำปุ๋ยหมักจากฟางข้าว",
            "body": "หลังเกี่ยวข้าวอย่าเผาฟาง ให้นำฟางข้าวมากองรวมกัน ใส่มูลสัตว์ รดน้ำให้ชื้น "
            "และกลับกองทุกสิบวันจนได้ปุ๋ยหมักสีดำ",
            "author": {"id": "somsak", "name": "สมศักดิ์"},
        },
    ]
    path = tmp_path / "pair.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    ingest(pipeline, path)
    domains: dict[str, set[str]] = {"compost-en": set(), "compost-th": set()}
    for contribution in store.contributions():
        domains[contribution.content_id].add(contribution.domain_id)
    assert domains["compost-en"] & domains["compost-th"]


def test_changed_document_replaces_its_chunks_and_delete_removes_everything(
    store: GraphStore, pipeline: Pipeline, tmp_path: Path
) -> None:
    path = tmp_path / "doc.jsonl"

    def write(body: str) -> None:
        record = {
            "type": "document",
            "id": "doc-1",
            "title": "Incident postmortems",
            "body": body,
            "author": {"id": "kim", "name": "Kim"},
        }
        path.write_text(json.dumps(record) + "\n", encoding="utf-8")

    write("Write a blameless postmortem within two days. " * 3)
    ingest(pipeline, path)
    write("Hold a short review. Record the timeline. Share the lessons learned widely.")
    report = ingest(pipeline, path)
    assert report.total("ingested") == 1
    hits = store.keyword_search(query_terms("blameless"), 10, "chunk", EVERYTHING)
    assert hits == []
    assert store.keyword_search(query_terms("timeline"), 10, "chunk", EVERYTHING)
    assert pipeline.delete(["doc-1"]) == 1
    stats = store.stats()
    assert stats.nodes["Document"] == stats.nodes["Chunk"] == stats.nodes["Practice"] == 0
    assert stats.relationships["EXPERT_IN"] == 0


def test_stackexchange_dump_ingests_completely(store: GraphStore, tmp_path: Path) -> None:
    """Completeness and linking of the whole real dump (a plumbing property: the fast hashing
    embedder stands in for the model, which takes minutes on 5,000 passages on 2 cores)."""
    dump = SHARED / "data" / "stackexchange-quantumcomputing"
    read = list(read_source(dump, "stackexchange"))
    records = [item for item in read if isinstance(item, SourceRecord)]
    posts = Counter(post.kind for record in records for post in record.posts)
    pipeline = build_pipeline(
        Settings(data_dir=tmp_path / "data"),
        store,
        HashingEmbedder(),
        taxonomy_file=SAMPLE_DIR / "domains-quantum.yaml",
    )
    report = IngestReport()
    pipeline.run(read, report)
    stats = store.stats()
    assert stats.nodes["Document"] == len(records) - report.counts[("rejected", "question")]
    assert stats.nodes["Post"] == posts.total() - report.counts[("rejected", "post")]
    assert stats.nodes["Document"] > 600 and stats.nodes["Post"] > 1000
    assert stats.relationships["REPLY_TO"] == stats.nodes["Post"]
    assert stats.relationships["AUTHORED"] >= stats.nodes["Post"]
    assert stats.relationships["ABOUT"] > 0 and stats.relationships["EXPERT_IN"] > 0
    with_accepted = [r for r in records if any(p.accepted for p in r.posts)]
    assert len(with_accepted) > 300
    stored = store.get_posts(with_accepted[0].document.id)
    assert any(post.accepted and post.author_ids for post in stored)
