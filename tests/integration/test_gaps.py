"""The gap map on crafted data: demand with an ageing lone expert is the top gap."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.store.base import SearchScope
from graph_service.store.embedded.store import EmbeddedStore
from ingest.factory import build_pipeline
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from queries.domain_match import DomainMatcher
from queries.gaps import GapMap, evidence_shares

NOW = datetime(2026, 11, 1, tzinfo=UTC)
TAXONOMY = """
- {id: water, labels: {en: Village water management}, tags: [water]}
- {id: rice, labels: {en: Organic rice farming}, tags: [rice]}
"""


def _question(n: int, tag: str, answered: bool) -> dict[str, object]:
    record: dict[str, object] = {
        "type": "discussion",
        "id": f"{tag}-q{n}",
        "title": f"{tag} question {n}",
        "body": f"How should we handle {tag} problem number {n} this season?",
        "author": {"id": "asker"},
        "created_at": "2026-10-01T08:00:00+00:00",
        "tags": [tag],
        "posts": [],
    }
    if answered:
        record["posts"] = [
            {
                "id": f"{tag}-q{n}-a",
                "kind": "answer",
                "author": {"id": f"expert{n % 2}"},
                "body": f"Do this for {tag} problem {n}: plan, measure and share results.",
                "created_at": "2026-10-02T08:00:00+00:00",
                "accepted": True,
                "score": 4,
            }
        ]
    return record


def _old_article(n: int) -> dict[str, object]:
    return {
        "type": "document",
        "id": f"water-guide-{n}",
        "title": f"Water guide {n}",
        "body": f"Our check dam guide part {n}: build, maintain and share water.",
        "author": {"id": "old"},
        "created_at": "2024-06-01T08:00:00+00:00",
        "tags": ["water"],
    }


def test_demand_with_an_ageing_lone_expert_is_the_top_gap(tmp_path: Path) -> None:
    records = [_question(n, "water", answered=False) for n in range(3)]
    records += [_question(n, "rice", answered=True) for n in range(3)]
    records += [_old_article(n) for n in range(4)]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (tmp_path / "domains.yaml").write_text(TAXONOMY, encoding="utf-8")
    store = EmbeddedStore.open(tmp_path / "store")
    embedder = HashingEmbedder()
    pipeline = build_pipeline(
        Settings(data_dir=tmp_path / "data"), store, embedder, tmp_path / "domains.yaml"
    )
    pipeline.run(read_source(corpus, "jsonl"), IngestReport())

    gaps = GapMap(store, DomainMatcher(store, embedder)).compute(SearchScope(), 12, now=NOW)

    water, rice = gaps[0], next(g for g in gaps if g.domain_id == "rice")
    assert water.domain_id == "water" and water.gap_score > rice.gap_score
    assert (water.questions, water.unanswered, water.unresolved) == (3, 3, 0)
    assert water.experts >= 1 and water.active_experts == 0
    assert any("nobody answered" in reason for reason in water.reasons)
    assert any("no expert active in the last 12 months" in r for r in water.reasons)
    assert rice.unanswered == 0 and rice.active_experts >= 1
    assert water.trend["2026-10"]["unanswered"] == 3


def test_evidence_shares_and_bus_factor() -> None:
    from graph_service.models import Expertise

    def row(person: str, score: float) -> Expertise:
        return Expertise(
            person_id=person, domain_id="d", score=score, evidence_count=1, method="test"
        )

    top1, top3, bus = evidence_shares([row("a", 6), row("b", 2), row("c", 1), row("d", 1)])
    assert (top1, top3, bus) == (0.6, 0.9, 1)
    assert evidence_shares([row("a", 1), row("b", 1), row("c", 1)])[2] == 2
    assert evidence_shares([]) == (0.0, 0.0, 0)
