"""The recent-help signal on both stores: of two people whose evidence is alike, the one who
answered and replied to others in the last `RECENT_DAYS` ranks first, and the rise is shown
as the named part `recent_help` of a score that still adds up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from ingest.records import RawContent, RawPerson, SourceRecord
from ingest.report import IngestReport
from queries.experts import ExpertFinder, ExpertQuery, RankingWeights
from queries.person_activity import RECENT_DAYS

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
QUESTION = "How long should a compost heap of rice straw rest before turning?"
ANSWER = "Turn the rice straw compost heap after three weeks of rest, when it cools."
OTHER_TOPICS = [
    "Which pump suits drip irrigation from a canal?",
    "How do we dry seeds before storing them in jars?",
    "What is a good agenda for a monthly member meeting?",
]


@pytest.fixture
def store_dimension() -> int:
    """Embedded with `HashingEmbedder()` (Neo4j keeps its search indexes between tests)."""
    return HashingEmbedder().dimension


def _person(handle: str) -> RawPerson:
    return RawPerson(source="test", handle=handle, name=handle.title())


def _thread(key: str, title: str, asked: datetime, answers: dict[str, str]) -> SourceRecord:
    question = RawContent(
        id=f"q-{key}",
        kind="question",
        title=title,
        body=title,
        author=_person("asker"),
        created_at=asked,
    )
    posts = [
        RawContent(
            id=f"a-{key}-{handle}",
            kind="answer",
            body=body,
            author=_person(handle),
            created_at=asked + timedelta(hours=1),
            reply_to=question.id,
        )
        for handle, body in answers.items()
    ]
    return SourceRecord(source="test", position=question.id, document=question, posts=posts)


def _community() -> list[SourceRecord]:
    """ann and bob answer the compost question alike; each answers the other questions
    too, ann in the last few days, bob half a year ago."""
    compost = _thread(
        "compost", QUESTION, NOW - timedelta(days=200), {"ann": ANSWER, "bob": ANSWER}
    )
    recent = [
        _thread(f"ann-{at}", title, NOW - timedelta(days=2 + at), {"ann": f"Try this: {title}"})
        for at, title in enumerate(OTHER_TOPICS)
    ]
    older = [
        _thread(f"bob-{at}", title, NOW - timedelta(days=180 + at), {"bob": f"Try this: {title}"})
        for at, title in enumerate(OTHER_TOPICS)
    ]
    return [compost, *recent, *older]


@pytest.fixture
def finder(store: GraphStore, tmp_path: Path) -> ExpertFinder:
    embedder = HashingEmbedder()
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)
    assert pipeline.run(_community(), IngestReport()).total("rejected") == 0
    return ExpertFinder(store, embedder, half_life_days=730.0)


def test_who_helped_others_lately_ranks_first_among_alike_evidence(finder: ExpertFinder) -> None:
    experts = finder.find(ExpertQuery(QUESTION, scope=SearchScope(private_allowed=None)), NOW)
    by_id = {expert.person_id: expert for expert in experts}
    ann, bob = by_id["test:ann"], by_id["test:bob"]

    assert [e.person_id for e in experts].index(ann.person_id) < experts.index(bob)
    most = RankingWeights().activity_blend
    assert ann.signals["recent_help"] == pytest.approx(most * ann.evidence_total)
    assert "recent_help" not in bob.signals, f"bob's answers are older than {RECENT_DAYS} days"
    for expert in experts:
        assert expert.score == pytest.approx(expert.evidence_total + sum(expert.signals.values()))


def test_once_the_window_has_passed_nobody_is_raised_for_it(finder: ExpertFinder) -> None:
    later = NOW + timedelta(days=RECENT_DAYS + 5)
    experts = finder.find(ExpertQuery(QUESTION, scope=SearchScope(private_allowed=None)), later)
    assert experts and all("recent_help" not in expert.signals for expert in experts)


SHORT_QUERY = "rice straw compost heap turning"
EXACT_ANSWER = (
    "Rice straw compost heap: turning it weekly keeps the heap warm; rice straw rots fast."
)
LOOSE_ANSWER = (
    "Rice straw compost heap turning: mine works without much of it, though I add manure, "
    "water and ash."
)


def _focused_and_active() -> list[SourceRecord]:
    """dan answered exactly the short query, once and long ago; ann answered it less well
    (about half of dan's evidence on either store) and has answered others these last days."""
    compost = _thread(
        "heap", "What should I do with my rice straw?", NOW - timedelta(days=200),
        {"dan": EXACT_ANSWER, "ann": LOOSE_ANSWER},
    )  # fmt: skip
    recent = [
        _thread(f"ann-{at}", title, NOW - timedelta(days=2 + at), {"ann": f"Try this: {title}"})
        for at, title in enumerate(OTHER_TOPICS)
    ]
    return [compost, *recent]


def _finder(store: GraphStore, tmp_path: Path, weights: RankingWeights) -> ExpertFinder:
    embedder = HashingEmbedder()
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)
    assert pipeline.run(_focused_and_active(), IngestReport()).total("rejected") == 0
    return ExpertFinder(store, embedder, half_life_days=730.0, weights=weights)


def test_recent_help_does_not_lift_loose_evidence_over_an_exact_answer(
    store: GraphStore, tmp_path: Path
) -> None:
    everyone = SearchScope(private_allowed=None)
    reserved = _finder(store, tmp_path, RankingWeights()).find(
        ExpertQuery(SHORT_QUERY, scope=everyone), NOW
    )
    assert [e.person_id for e in reserved][:2] == ["test:dan", "test:ann"]
    dan, ann = reserved[0], reserved[1]
    share = (ann.evidence_total / dan.evidence_total) ** RankingWeights().signal_alikeness
    most = RankingWeights().activity_blend
    assert ann.signals["recent_help"] == pytest.approx(most * ann.evidence_total * share)

    whole = _finder(store, tmp_path, RankingWeights(signal_alikeness=0.0)).find(
        ExpertQuery(SHORT_QUERY, scope=everyone), NOW
    )
    assert whole[0].person_id == "test:ann", "without the reserve the active member wins"


def test_a_question_asked_in_full_gets_the_whole_rise(store: GraphStore, tmp_path: Path) -> None:
    finder = _finder(store, tmp_path, RankingWeights())
    long_question = (
        f"{SHORT_QUERY}? Our farm cooperative collects straw after harvest from twelve "
        "villages, piles it beside the drying yard near mango orchards, waters it by hand "
        "from ponds, covers it against monsoon storms, and sells finished batches to "
        "vegetable growers at weekly markets."
    )
    experts = finder.find(ExpertQuery(long_question, scope=SearchScope(private_allowed=None)), NOW)
    ann = next(e for e in experts if e.person_id == "test:ann")
    most = RankingWeights().activity_blend
    assert ann.signals["recent_help"] == pytest.approx(most * ann.evidence_total)
