"""The learned ranking end to end, on both stores: trained on the store's own answered
questions (each as of when it was asked), kept only when it beats the unsupervised score,
used by expert search with every part of the score named, and versioned in the store."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from ingest.records import RawContent, RawPerson, SourceRecord
from ingest.report import IngestReport
from queries.experts import ExpertFinder, ExpertQuery
from queries.learned_ranking import SIGNATURE, LearnedRankers
from queries.ranker_training import NotEnoughHistory, TrainingSettings, train_ranker
from queries.ranking_features import FEATURES, GROUPS

EVERYONE = SearchScope(private_allowed=None)
T0 = datetime(2025, 1, 6, 8, 0, tzinfo=UTC)
TOPICS = {
    "compost": "compost heap rice straw manure turning moisture",
    "irrigation": "irrigation drip pipe water pump canal schedule",
    "seeds": "seed storage jar humidity germination saving",
}
"""Each topic's words; its answerer and the talker write about it."""
QUESTIONS_PER_TOPIC = 20


@pytest.fixture
def store_dimension() -> int:
    """Every test here embeds with `HashingEmbedder()`: Neo4j keeps its search indexes
    from test to test and only its graph is emptied (tests/conftest.py, `emptied`)."""
    return HashingEmbedder().dimension


def _person(handle: str) -> RawPerson:
    return RawPerson(source="test", handle=handle, name=handle.title())


def history() -> list[SourceRecord]:
    """Questions answered, and accepted, by each topic's answerer in a few plain words,
    while a talker answers every one at length, full of the topic's words, never accepted,
    and writes articles as wordy.

    The unsupervised score favours the talker (more, closer text); the community's own
    answers say the answerers are who to ask.
    """
    records = []
    for index in range(QUESTIONS_PER_TOPIC):
        for offset, (topic, words) in enumerate(TOPICS.items()):
            asked = T0 + timedelta(days=3 * index, hours=offset)
            first, second = words.split()[index % 3], words.split()[3 + index % 3]
            question = RawContent(
                id=f"q-{topic}-{index}",
                kind="question",
                title=f"How do we get the {first} right with {second}?",
                body=f"Our {first} keeps failing when we work on the {second}.",
                author=_person(f"asker{index % 5}"),
                created_at=asked,
            )
            answer = RawContent(
                id=f"a-{topic}-{index}",
                kind="answer",
                body=f"Keep the {first} steady; it works.",
                author=_person(f"answerer-{topic}"),
                created_at=asked + timedelta(hours=2),
                accepted=True,
                reply_to=question.id,
            )
            chatter = [
                RawContent(
                    id=f"c{take}-{topic}-{index}",
                    kind="answer",
                    body=f"On the {first} and the {second}: {words}. " * 3,
                    author=_person("talker"),
                    created_at=asked + timedelta(hours=1, minutes=take),
                    reply_to=question.id,
                )
                for take in range(2)
            ]
            article = RawContent(
                id=f"talk-{topic}-{index}",
                kind="article",
                title=f"Thoughts on {words}",
                body=f"{words}. " * 4 + f"More on {first} and {second}.",
                author=_person("talker"),
                created_at=asked - timedelta(hours=1),
            )
            records.append(SourceRecord(source="test", position=question.id, document=question,
                                        posts=[*chatter, answer]))  # fmt: skip
            records.append(SourceRecord(source="test", position=article.id, document=article))
    return records


@pytest.fixture
def finder(store: GraphStore, tmp_path: Path) -> ExpertFinder:
    """The history ingested into the test's store; an expert finder over it."""
    embedder = HashingEmbedder()
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder)
    report = pipeline.run(history(), IngestReport())
    assert report.total("rejected") == 0
    return ExpertFinder(store, embedder, half_life_days=730.0)


NEW_QUESTION = (
    "How do we get the heap right with turning?\n"
    "Our heap keeps failing when we work on the turning."
)
"""Asked as the community asks, about a pair of words no past question had."""
LATER = T0 + timedelta(days=3 * QUESTIONS_PER_TOPIC + 5)


def ranked(finder: ExpertFinder, **options: bool) -> list[str]:
    query = ExpertQuery(NEW_QUESTION, scope=EVERYONE, **options)
    return [expert.person_id for expert in finder.find(query, now=LATER)]


def test_training_learns_who_the_community_asks(store: GraphStore, finder: ExpertFinder) -> None:
    unsupervised = ranked(finder)
    assert unsupervised[0] == "test:talker", "the case the learned ranking is for"

    model = train_ranker(store, finder, now=LATER)

    assert model.kept and model.version == 1
    assert model.validation["learned_ndcg@10"] > model.validation["unsupervised_ndcg@10"]
    assert store.ranker_models() == [model]
    assert ranked(finder)[0] == "test:answerer-compost"
    assert ranked(finder, learned=False) == unsupervised, "the switch leaves it unsupervised"


def test_a_learned_score_adds_up_to_its_named_parts(
    store: GraphStore, finder: ExpertFinder
) -> None:
    train_ranker(store, finder, now=LATER)
    experts = finder.find(ExpertQuery(NEW_QUESTION, scope=EVERYONE), now=LATER)
    for expert in experts:
        assert set(expert.signals) <= set(GROUPS.values())
        assert expert.score == pytest.approx(expert.evidence_total + sum(expert.signals.values()))
    by_id = {expert.person_id: expert for expert in experts}
    answerer, talker = by_id["test:answerer-compost"], by_id["test:talker"]
    assert answerer.evidence_total < talker.evidence_total == pytest.approx(1.0)
    learned = sum(answerer.signals.values()) - sum(talker.signals.values())
    assert learned > talker.evidence_total - answerer.evidence_total, "why the answerer rises"


def test_a_past_question_sees_only_what_came_before_it(finder: ExpertFinder) -> None:
    asked = T0 + timedelta(days=3 * 10)
    query = ExpertQuery("How do we get the compost right with the heap?", scope=EVERYONE)
    past = finder.as_of(query, asked)
    dated = [match.evidence.created_at for match in past.matches.values()]
    assert dated and all(when is not None and when < asked for when in dated)
    assert "q-compost-10" not in past.matches and "a-compost-10" not in past.matches
    answers = past.rows["test:answerer-compost"][FEATURES.index("answers")]
    assert answers == pytest.approx(math.log1p(10)), "ten answers before it"


def test_too_little_history_trains_nothing(store: GraphStore, finder: ExpertFinder) -> None:
    with pytest.raises(NotEnoughHistory, match="at least 500"):
        train_ranker(store, finder, TrainingSettings(minimum=500), now=LATER)
    assert store.ranker_models() == []


def test_the_newest_model_decides_and_only_if_kept_and_of_these_features(
    store: GraphStore, finder: ExpertFinder, caplog: pytest.LogCaptureFixture
) -> None:
    kept = train_ranker(store, finder, now=LATER)
    rankers = LearnedRankers(store)
    assert rankers.get() is not None and rankers.get().model == kept  # type: ignore[union-attr]
    tried = [(2, list(SIGNATURE), False), (3, ["evidence"], True), (4, list(FEATURES), True)]
    for version, features, was_kept in tried:
        store.save_ranker_model(
            kept.model_copy(update={"version": version, "features": features, "kept": was_kept})
        )
        assert rankers.get() is None, "a newer model not kept, or of other inputs or form"
    skipped = [r.getMessage() for r in caplog.records if "train-ranker" in r.getMessage()]
    assert skipped and "version 4" in skipped[-1], "a kept model of other inputs is said"
    assert ranked(finder)[0] == "test:talker"
