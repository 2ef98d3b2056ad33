"""The synthetic benchmark corpus: same seed same corpus, exact size, the shape it promises."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from benchmarks.synthetic import COMMUNITIES, GAP_DOMAIN, Generator
from benchmarks.synthetic_text import is_thai
from benchmarks.synthetic_vocab import VOCABULARY
from ingest.sources.jsonl import CopgraphRecord

ITEMS = 2000


def contents(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every document and post of `records`."""
    return [item for record in records for item in [record, *record.get("posts", [])]]


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return list(Generator(ITEMS, seed=7).records())


def test_same_seed_same_corpus_other_seed_another(corpus: list[dict[str, Any]]) -> None:
    assert list(Generator(ITEMS, seed=7).records()) == corpus
    assert list(Generator(ITEMS, seed=8).records()) != corpus


@pytest.mark.parametrize("items", [1, 2, 57, ITEMS])
def test_writes_exactly_the_items_asked_for(items: int) -> None:
    records = list(Generator(items, seed=3).records())
    assert len(contents(records)) == items


def test_every_record_is_valid_copgraph_jsonl(corpus: list[dict[str, Any]]) -> None:
    for record in corpus:
        CopgraphRecord.model_validate(record)
    ids = [item["id"] for item in contents(corpus)]
    assert len(ids) == len(set(ids))


def test_about_forty_percent_thai_written_without_spaces_between_words(
    corpus: list[dict[str, Any]],
) -> None:
    thai = sum(is_thai(item["body"]) for item in contents(corpus))
    assert 0.33 < thai / ITEMS < 0.47
    for languages in VOCABULARY.values():
        phrases = languages["th"]
        for phrase in (*phrases.topics, *phrases.problems, *phrases.actions):
            assert " " not in phrase, phrase


def test_threads_answers_and_documents_mixed_like_a_cop(corpus: list[dict[str, Any]]) -> None:
    kinds = Counter(post["kind"] for record in corpus for post in record.get("posts", []))
    assert kinds["answer"] and kinds["comment"] and kinds["reply"]
    documents = [r for r in corpus if r["type"] == "document"]
    assert 0.08 < len(documents) / len(corpus) < 0.25
    assert all("1. " in document["body"] for document in documents)  # steps: practices
    answered = [r for r in corpus if any(p["kind"] == "answer" for p in r.get("posts", []))]
    accepted = [r for r in answered if any(p.get("accepted") for p in r["posts"])]
    assert 0.5 < len(accepted) / len(answered) < 0.8
    years = {item["created_at"][:4] for item in contents(corpus)}
    assert {"2023", "2024", "2025"} <= years
    private = {c["id"] for c in COMMUNITIES if c["private"]}
    assert private & {r["community"] for r in corpus}


def test_activity_is_skewed_and_domains_have_focused_experts(
    corpus: list[dict[str, Any]],
) -> None:
    authors = Counter(item["author"]["id"] for item in contents(corpus))
    counts = sorted(authors.values(), reverse=True)
    top = counts[: max(1, len(counts) // 20)]
    assert sum(top) > 0.3 * ITEMS  # the top 5% write over 30%
    assert counts[len(counts) // 2] < ITEMS / len(counts) / 2  # median far below the mean
    generator = Generator(ITEMS, seed=7)
    focus = {person.id: person.focus for person in generator.people}
    accepted_by: Counter[str] = Counter(
        post["author"]["id"]
        for record in generator.records()
        for post in record.get("posts", [])
        if post.get("accepted")
    )
    best = [person for person, _ in accepted_by.most_common(10)]
    assert len({focus[person] for person in best}) >= 3  # experts of several domains


def test_the_gap_domain_leaves_many_questions_unanswered(corpus: list[dict[str, Any]]) -> None:
    def unanswered_share(tags: set[str]) -> float:
        """Discussions without an answer (open threads count too: the same share in all)."""
        found = [r for r in corpus if r["type"] == "discussion" and set(r.get("tags", [])) & tags]
        open_ = [r for r in found if not any(p["kind"] == "answer" for p in r["posts"])]
        return len(open_) / max(len(found), 1)

    water = {"water-management", "การจัดการน้ำ", "ฝายชะลอน้ำ", "คลองส่งน้ำ", "farm-pond", "awd"}
    compost = {"composting", "ปุ๋ยหมัก", "ฟางข้าว", "rice-straw", "แม่โจ้"}
    assert GAP_DOMAIN == "water-management"
    assert unanswered_share(water) > unanswered_share(compost) + 0.1
