"""The gap map on crafted data, on every backend: demand with an ageing lone expert is the
top gap, and the map follows every ingest at once."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchLogEntry, SearchScope
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from queries.domain_match import DomainMatcher
from queries.gaps import GapMap, evidence_shares, in_language

NOW = datetime(2026, 11, 1, tzinfo=UTC)
TAXONOMY = """
- {id: water, labels: {en: Village water management}, tags: [water]}
- {id: rice, labels: {en: Organic rice farming}, tags: [rice]}
"""


@pytest.fixture
def store_dimension() -> int:
    """Every test here embeds with `HashingEmbedder()`: Neo4j keeps its search indexes
    from test to test and only its graph is emptied (tests/conftest.py, `emptied`)."""
    return HashingEmbedder().dimension


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


def _ingest(store: GraphStore, folder: Path, records: list[dict[str, object]]) -> None:
    corpus = folder / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    (folder / "domains.yaml").write_text(TAXONOMY, encoding="utf-8")
    pipeline = build_pipeline(
        Settings(data_dir=folder / "data"), store, HashingEmbedder(), folder / "domains.yaml"
    )
    pipeline.run(read_source(corpus, "jsonl"), IngestReport())


def _gap_map(store: GraphStore) -> GapMap:
    return GapMap(store, DomainMatcher(store, HashingEmbedder()))


def test_demand_with_an_ageing_lone_expert_is_the_top_gap(
    store: GraphStore, tmp_path: Path
) -> None:
    records = [_question(n, "water", answered=False) for n in range(3)]
    records += [_question(n, "rice", answered=True) for n in range(3)]
    records += [_old_article(n) for n in range(4)]
    _ingest(store, tmp_path, records)

    gaps = _gap_map(store).compute(SearchScope(), 12, now=NOW)

    water, rice = gaps[0], next(g for g in gaps if g.domain_id == "rice")
    assert water.domain_id == "water" and water.gap_score > rice.gap_score
    assert (water.questions, water.unanswered, water.unresolved) == (3, 3, 0)
    assert water.experts >= 1 and water.active_experts == 0
    assert any("nobody answered" in reason for reason in water.reasons)
    assert any("no expert active in the last 12 months" in r for r in water.reasons)
    assert rice.unanswered == 0 and rice.active_experts >= 1
    assert water.trend == {
        "2024-06": {"content": 4},
        "2026-10": {"content": 3, "questions": 3, "unanswered": 3},
    }


def test_the_map_follows_an_ingest_at_once(store: GraphStore, tmp_path: Path) -> None:
    gap_map = _gap_map(store)
    _ingest(store, tmp_path, [_question(n, "water", answered=False) for n in range(2)])
    before = next(g for g in gap_map.compute(SearchScope(), 12, now=NOW) if g.domain_id == "water")
    assert (before.questions, before.unanswered, before.active_experts) == (2, 2, 1)

    _ingest(store, tmp_path, [_question(n, "water", answered=True) for n in range(2)])

    after = next(g for g in gap_map.compute(SearchScope(), 12, now=NOW) if g.domain_id == "water")
    assert (after.questions, after.unanswered) == (2, 0)
    assert after.active_experts > before.active_experts, "the answerers are experts now"


def test_searches_that_found_little_count_for_their_domains(
    store: GraphStore, tmp_path: Path
) -> None:
    _ingest(store, tmp_path, [_question(0, "water", answered=False)])
    searches = [("Village water management", 0, None)] * 2 + [("Organic rice farming", 3, 0.9)] * 2
    for query, count, top in searches:
        store.log_search(
            SearchLogEntry(endpoint="experts", query=query, at=NOW, result_count=count,
                           top_score=top)
        )  # fmt: skip

    gaps = {g.domain_id: g for g in _gap_map(store).compute(SearchScope(), 12, now=NOW)}

    assert (gaps["water"].weak_searches, gaps["rice"].weak_searches) == (2, 0)
    assert "2 searches found little" in gaps["water"].reasons


def test_searches_logged_after_the_map_read_the_log_count_too(
    store: GraphStore, tmp_path: Path
) -> None:
    """The map holds the log and reads only what was logged since (queries/search_demand.py),
    including an entry stamped before the newest it held: it counts what a new map counts."""
    _ingest(store, tmp_path, [_question(0, "water", answered=False)])
    gap_map = _gap_map(store)

    def log(query: str, at: datetime, count: int, top: float | None) -> None:
        store.log_search(
            SearchLogEntry(endpoint="experts", query=query, at=at, result_count=count,
                           top_score=top)
        )  # fmt: skip

    def weak(found: GapMap) -> tuple[int, int]:
        gaps = {g.domain_id: g for g in found.compute(SearchScope(), 12, now=NOW)}
        return gaps["water"].weak_searches, gaps["rice"].weak_searches

    log("Organic rice farming", NOW, 3, 0.9)
    log("Village water management", NOW, 0, None)
    assert weak(gap_map) == (1, 0)
    log("Village water management", NOW - timedelta(seconds=5), 0, None)
    log("Organic rice farming", NOW - timedelta(seconds=2), 3, 0.05)  # under the bar

    assert weak(gap_map) == weak(_gap_map(store)) == (2, 1)


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


def test_a_domain_without_experts_has_no_bus_factor(store: GraphStore, tmp_path: Path) -> None:
    from graph_service.models import Expertise

    records = [_question(n, "rice", answered=True) for n in range(2)]
    _ingest(store, tmp_path, [*records, _question(9, "water", answered=False)])
    scores = [("expert0", "rice", 5.0), ("expert1", "rice", 4.0), ("asker", "water", 0.5)]
    # Person ids as ingest writes them: the source's name, then the author id.
    store.replace_expertise(
        [
            Expertise(person_id=f"jsonl:{p}", domain_id=d, score=s, evidence_count=1, method="t")
            for p, d, s in scores
        ]
    )

    gaps = {g.domain_id: g for g in _gap_map(store).compute(SearchScope(), 12, now=NOW)}

    water, rice = gaps["water"], gaps["rice"]
    assert water.experts == 0, "0.5 is under the median score, 4.0"
    assert (water.bus_factor, water.top1_share) == (0, 0.0)
    assert not any("bus factor" in reason for reason in water.reasons)
    assert (rice.experts, rice.bus_factor, rice.top1_share) == (2, 1, round(5 / 9, 4))


def test_an_old_export_is_mapped_as_of_its_newest_content(
    store: GraphStore, tmp_path: Path
) -> None:
    """A year after the data ends, the map is of the data's last year, not of an empty one."""
    _ingest(store, tmp_path, [_question(n, "water", answered=False) for n in range(2)])
    gap_map = _gap_map(store)
    later = datetime(2028, 1, 1, tzinfo=UTC)

    report = gap_map.report(SearchScope(), 12, clock=later)

    assert report.as_of_basis == "newest_content" and report.as_of.year == 2026
    water = next(g for g in report.gaps if g.domain_id == "water")
    assert (water.questions, water.unanswered, water.active_experts) == (2, 2, 1)
    asked = gap_map.report(SearchScope(), 12, as_of=later)
    water_then = next(g for g in asked.gaps if g.domain_id == "water")
    assert asked.as_of_basis == "asked" and (water_then.questions, water_then.active_experts) == (
        0,
        0,
    ), "nothing was asked, and nobody active, in the 12 months up to 2028"
    assert water_then.trend, "the history stays whole whatever the period"
    recent = gap_map.report(SearchScope(), 12, clock=NOW)
    assert (recent.as_of, recent.as_of_basis) == (NOW, "clock")


def test_each_gap_gets_an_action_with_its_reason_in_either_language(
    store: GraphStore, tmp_path: Path
) -> None:
    records = [_question(n, "water", answered=False) for n in range(3)]
    records += [_old_article(n) for n in range(4)]
    _ingest(store, tmp_path, records)

    gaps = _gap_map(store).compute(SearchScope(), 12, now=NOW)

    for gap in gaps:
        assert bool(gap.actions) == (gap.gap_score > 0 or gap.bus_factor == 1), gap
    water = next(g for g in gaps if g.domain_id == "water")
    assert water.actions[0].kind == "invite_expert"
    assert water.actions[0].reason == "no expert active in the last 12 months"
    thai = in_language(water, "th")
    assert thai.actions[0].reason == "ไม่มีผู้เชี่ยวชาญที่เคลื่อนไหวใน 12 เดือนที่ผ่านมา"
    assert thai.reasons[0] == "มี 3 คำถามที่ยังไม่มีใครตอบ"


def test_domains_without_activity_come_last_and_a_community_lists_only_its_own(
    store: GraphStore, tmp_path: Path
) -> None:
    records = [_question(n, "water", answered=False) for n in range(2)]
    for record in records:
        record["community"] = "cop-water"
    _ingest(store, tmp_path, records)
    gap_map = _gap_map(store)

    everyone = gap_map.compute(SearchScope(), 12, now=NOW)
    in_water = gap_map.compute(SearchScope(communities=frozenset({"cop-water"})), 12, now=NOW)

    rice = next(g for g in everyone if g.domain_id == "rice")
    assert rice.no_activity and everyone[-1] is rice and not rice.actions
    assert [g.domain_id for g in in_water] == ["water"]
