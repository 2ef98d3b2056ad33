"""The planted-expert collection: seeded, every family there, answers unambiguous and findable."""

from __future__ import annotations

import re
from collections import Counter
from datetime import timedelta

import pytest

from benchmarks.eval import planted_topics as topics
from benchmarks.eval.collection import Collection
from benchmarks.eval.planted import (
    FAMILIES,
    HANDLE_PREFIX,
    NEWCOMER_DAYS,
    PER_FAMILY,
    planted_collection,
)
from benchmarks.synthetic import SPAN_DAYS, START
from benchmarks.synthetic_vocab import VOCABULARY
from ingest.people import person_id
from ingest.records import RawContent

ITEMS = 600


def contents(collection: Collection) -> list[RawContent]:
    return [c for r in collection.records for c in [r.document, *r.posts]]


def words(value: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", value.lower()))


@pytest.fixture(scope="module")
def collection() -> Collection:
    return planted_collection(ITEMS, seed=7)


def test_same_seed_same_collection_other_seed_another(collection: Collection) -> None:
    assert planted_collection(ITEMS, seed=7) == collection
    other = planted_collection(ITEMS, seed=8)
    assert other.records != collection.records
    assert [c.query_id for c in other.cases] != [c.query_id for c in collection.cases]


def test_every_family_has_its_instances(collection: Collection) -> None:
    kinds = Counter(case.kind for case in collection.cases)
    assert set(kinds) == set(FAMILIES)
    assert kinds.pop("nobody") == len(topics.NOBODY)
    assert set(kinds.values()) == {PER_FAMILY}
    assert len({case.query_id for case in collection.cases}) == len(collection.cases)


def test_grades_name_planted_authors_of_the_records(collection: Collection) -> None:
    authors = {person_id(c.author) for c in contents(collection) if c.author}
    for case in collection.cases:
        if case.expect_nobody:
            assert case.grades == {}, case.query_id
            continue
        assert 2 in case.grades.values(), case.query_id
        assert set(case.grades) <= authors, case.query_id
        assert all(who.startswith(f"jsonl:{HANDLE_PREFIX}") for who in case.grades)


def test_planted_people_write_only_planted_records(collection: Collection) -> None:
    for record in collection.records:
        planted = record.document.id.startswith("planted-")
        for content in [record.document, *record.posts]:
            assert content.author is not None
            if not planted:
                assert not content.author.handle.startswith(HANDLE_PREFIX), content.id


def test_background_keeps_its_size_and_planted_cases_add_a_few_dozen(
    collection: Collection,
) -> None:
    background = [r for r in collection.records if not r.document.id.startswith("planted-")]
    assert sum(1 + len(r.posts) for r in background) == ITEMS
    planted = len(contents(collection)) - ITEMS
    assert 24 <= planted <= 100


def test_dates_within_the_span_and_newcomers_recent(collection: Collection) -> None:
    assert collection.now is not None
    assert collection.now >= START + timedelta(days=SPAN_DAYS)
    moments = [c.created_at for c in contents(collection)]
    assert all(m is not None and START <= m <= collection.now for m in moments)
    newcomers = {who for case in collection.cases if case.kind == "newcomer" for who in case.grades}
    for content in contents(collection):
        if content.author and person_id(content.author) in newcomers:
            assert content.created_at is not None
            assert collection.now - content.created_at <= timedelta(days=NEWCOMER_DAYS)


def test_planted_words_never_occur_in_the_background_vocabulary() -> None:
    vocabulary = " ".join(
        phrase
        for languages in VOCABULARY.values()
        for phrases in languages.values()
        for phrase in (*phrases.topics, *phrases.problems, *phrases.actions)
    )
    background = words(vocabulary)
    for rare in topics.RARE:
        assert rare.word not in background and rare.form not in background, rare.word
    markers = [
        *(t.marker for t in topics.THAI_ANSWERS),
        *(t.marker for t in topics.FOCUSED),
        *(t.marker for t in topics.VOLUME),
    ]
    for marker in markers:
        assert marker.lower() not in vocabulary.lower(), marker


def test_rare_word_in_the_document_other_form_only_in_the_question() -> None:
    for rare in topics.RARE:
        assert rare.word in words(rare.title) and rare.word in words(rare.body), rare.word
        assert rare.form not in words(f"{rare.title} {rare.body}"), rare.form
        assert rare.form in words(rare.form_query), rare.form
    assert len({rare.word for rare in topics.RARE}) == len(topics.RARE)


def test_another_seed_is_another_collection_by_name(collection: Collection) -> None:
    """Its results file and its ingest folder must not be taken for the reported seed's."""
    assert collection.name == f"planted-{ITEMS}"
    assert planted_collection(ITEMS, seed=11).name == f"planted-{ITEMS}-seed11"
