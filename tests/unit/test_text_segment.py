"""Word segmentation: accuracy on hand-segmented Thai, and the words the indexes store."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from graph_service.text import query_terms, search_text, segment, segment_words, token_spans
from graph_service.text.segment import DOMAIN_WORDS, stopwords

WISESIGHT = Path(__file__).resolve().parents[3] / "shared" / "data" / "wisesight-sentiment"
LABELLED = WISESIGHT / "word-tokenization" / "wisesight-1000-samples-tokenised.label"


def _boundaries(tokens: list[str]) -> set[int]:
    """Offsets where a token starts or ends, text edges excluded."""
    edges, offset = set(), 0
    for token in tokens:
        edges.add(offset)
        offset += len(token)
        edges.add(offset)
    return edges - {0, offset}


def test_boundary_f1_on_hand_segmented_social_media() -> None:
    hits = predicted = expected = 0
    for line in LABELLED.read_text(encoding="utf-8").splitlines():
        gold = _boundaries(line.split("|"))
        text = line.replace("|", "")
        ours = {edge for span in token_spans(text) for edge in span} - {0, len(text)}
        hits, predicted, expected = (
            hits + len(gold & ours),
            predicted + len(ours),
            expected + len(gold),
        )
    precision, recall = hits / predicted, hits / expected
    assert 2 * precision * recall / (precision + recall) >= 0.88


def test_mixed_thai_english_words() -> None:
    words = segment_words("การจัดการความรู้ (Knowledge Management) ใน 7 วัน, don't e-mail 😰!")
    assert words == [
        "การ",
        "จัดการ",
        "ความรู้",
        "knowledge",
        "management",
        "ใน",
        "7",
        "วัน",
        "don't",
        "e-mail",
    ]


def test_search_text_holds_compounds_as_whole_tokens() -> None:
    assert search_text("ชุมชนแห่งการเรียนรู้ ที่มีความรู้และแนวปฏิบัติ").split() == [
        "ชุมชน",
        "แห่ง",
        "การเรียนรู้",
        "ที่",
        "มีความรู้",
        "และ",
        "แนวปฏิบัติ",
    ]
    assert search_text("  ...  ") == ""


@pytest.mark.parametrize("name", ["pos.txt", "neg.txt", "neu.txt", "q.txt"])
def test_spans_cover_every_visible_character(name: str) -> None:
    with (WISESIGHT / name).open(encoding="utf-8") as lines:
        for line in islice(lines, 2000):
            spans = token_spans(line)
            covered = "".join(line[start:end] for start, end in spans)
            assert covered == "".join(line.split()), line
            assert all(end > start for start, end in spans)


def test_query_terms_drop_function_words_and_the_words_of_asking() -> None:
    assert query_terms("who knows about composting rice straw")[:3] == ["compost", "rice", "straw"]
    assert query_terms("ใครรู้เรื่องการทำปุ๋ยหมักจากฟางข้าว")[:3] == ["ทำ", "ปุ๋ยหมัก", "ฟางข้าว"]
    assert query_terms("Does anyone know an expert on grafting?") == ["graft"]


def test_a_short_query_is_looked_up_as_a_phrase_too() -> None:
    """A name such as "after action review" keeps its function words as a phrase."""
    assert query_terms("who knows about after action review") == [
        "action", "review", "after action review",
    ]  # fmt: skip
    assert query_terms("ใครรู้เรื่องการทำปุ๋ยหมักจากฟางข้าว")[-1] == "การ ทำ ปุ๋ยหมัก จาก ฟางข้าว"
    long_question = "How do I start making vermicompost at home?"
    assert " " not in "".join(query_terms(long_question)), "a question's wording is not a name"
    assert query_terms("zzxqv") == ["zzxqv"]


def test_english_word_forms_meet_in_the_index() -> None:
    """Snowball stems on both sides: another form of a word finds the stored one."""
    for query, stored in [
        ("vermicompost", "vermicomposting bins"),
        ("grafted", "grafting mango trees"),
        ("beekeepers", "beekeeping"),
        ("organisations", "organisation"),
    ]:
        assert set(query_terms(query)) <= set(search_text(stored).split()), (query, stored)
    assert search_text("การจัดการความรู้ 3.14 KM") == "การ จัดการ ความรู้ 3.14 km"


def test_query_terms_keep_cop_words_and_dedupe() -> None:
    assert query_terms("กลุ่มปฏิบัติ กลุ่ม The Group group") == ["กลุ่ม", "ปฏิบัติ", "group"]


def test_query_of_stopwords_only_still_searches() -> None:
    assert query_terms("the of") == ["the", "of", "the of"]
    assert query_terms("who knows") == ["who", "know"]


def test_every_allowed_domain_word_is_a_pythainlp_stopword() -> None:
    from pythainlp.corpus import thai_stopwords

    assert thai_stopwords() >= DOMAIN_WORDS
    assert not DOMAIN_WORDS & stopwords()


def test_python_newmm_fallback_gives_the_same_words(monkeypatch: pytest.MonkeyPatch) -> None:
    with (WISESIGHT / "q.txt").open(encoding="utf-8") as lines:
        sample = list(islice(lines, 300))
    expected = [segment_words(line) for line in sample]
    fallback = segment._pythainlp_newmm()
    monkeypatch.setattr(segment, "_thai_segmenter", lambda: fallback)
    assert [segment_words(line) for line in sample] == expected
