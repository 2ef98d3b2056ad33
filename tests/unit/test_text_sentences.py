"""split_sentences: Thai by spaces and lines, English by punctuation, offsets exact."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from graph_service.text import split_sentences

WISESIGHT = Path(__file__).resolve().parents[3] / "shared" / "data" / "wisesight-sentiment"


def _texts(text: str) -> list[str]:
    return [sentence for _, sentence in split_sentences(text)]


def test_thai_breaks_at_spaces_between_thai_and_at_lines() -> None:
    text = "ชุมนุมนักปฏิบัติ หรือ Community of Practice ( CoP ) นับเป็นกุญแจสำคัญ เนื่องจาก\nการเรียนรู้"
    assert _texts(text) == [
        "ชุมนุมนักปฏิบัติ",
        "หรือ Community of Practice ( CoP ) นับเป็นกุญแจสำคัญ",
        "เนื่องจาก",
        "การเรียนรู้",
    ]


def test_english_breaks_at_stops_but_not_abbreviations() -> None:
    text = 'Dr. Smith uses e.g. compost. He said "Hi." Then left! Did J. R. R. Tolkien? Yes.'
    assert _texts(text) == [
        "Dr. Smith uses e.g. compost.",
        'He said "Hi."',
        "Then left!",
        "Did J. R. R. Tolkien?",
        "Yes.",
    ]


def test_offsets_point_into_the_input() -> None:
    text = "  First one.   Second one?\r\n\n ที่หนึ่ง ที่สอง  "
    sentences = split_sentences(text)
    assert [s for _, s in sentences] == ["First one.", "Second one?", "ที่หนึ่ง", "ที่สอง"]
    assert all(text[start : start + len(s)] == s for start, s in sentences)


def test_blank_text_has_no_sentences() -> None:
    assert split_sentences(" \n\t ") == []


@pytest.mark.parametrize("name", ["pos.txt", "neg.txt", "neu.txt", "q.txt"])
def test_real_thai_offsets_exact_and_nothing_lost(name: str) -> None:
    with (WISESIGHT / name).open(encoding="utf-8") as lines:
        text = "".join(islice(lines, 2000))
    sentences = split_sentences(text)
    assert all(text[start : start + len(s)] == s and s == s.strip() for start, s in sentences)
    assert "".join("".join(s.split()) for _, s in sentences) == "".join(text.split())
    ends = [start + len(s) for start, s in sentences]
    assert all(start >= end for (start, _), end in zip(sentences[1:], ends, strict=False))
