"""chunk_text: within budget, exact offsets, and not one visible character lost."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

import pytest

from graph_service.text import TextChunk, chunk_text, detect_language, normalize_text, search_text

SHARED = Path(__file__).resolve().parents[3] / "shared"
WISESIGHT = SHARED / "data" / "wisesight-sentiment"
SEED = SHARED / "seeds" / "gotoknow-581184-community-of-practice.th.txt"


def _check(text: str, chunks: list[TextChunk], max_chars: int) -> None:
    """Budget, exact offsets, order, and every non-whitespace character in some chunk."""
    assert [chunk.ord for chunk in chunks] == list(range(len(chunks)))
    covered = [False] * len(text)
    for chunk in chunks:
        assert 0 < len(chunk.text) <= max_chars
        assert text[chunk.offset : chunk.offset + len(chunk.text)] == chunk.text
        covered[chunk.offset : chunk.offset + len(chunk.text)] = [True] * len(chunk.text)
    lost = [i for i, ch in enumerate(text) if not covered[i] and not ch.isspace()]
    assert not lost, text[lost[0] - 20 : lost[0] + 20]
    assert [c.offset for c in chunks] == sorted(c.offset for c in chunks)


def test_sentences_are_packed_whole() -> None:
    text = "One two three. Four five six. Seven eight nine."
    assert [c.text for c in chunk_text(text, max_chars=30)] == [
        "One two three. Four five six.",
        "Seven eight nine.",
    ]


def test_overlap_repeats_trailing_sentences_that_fit() -> None:
    text = "Aaa aaa. Bbb bbb. Ccc ccc. Ddd ddd."
    chunks = chunk_text(text, max_chars=18, overlap_sentences=1)
    assert [c.text for c in chunks] == [
        "Aaa aaa. Bbb bbb.",
        "Bbb bbb. Ccc ccc.",
        "Ccc ccc. Ddd ddd.",
    ]
    _check(text, chunks, 18)


def test_long_thai_sentence_is_cut_between_words() -> None:
    text = "การจัดการความรู้ในองค์กร" * 20
    chunks = chunk_text(text, max_chars=50)
    _check(text, chunks, 50)
    assert all(c.text.startswith("การ") for c in chunks)


def test_overlong_token_is_cut_before_a_base_character() -> None:
    text = "ก่" * 30 + " " + "x" * 25
    chunks = chunk_text(text, max_chars=7)
    _check(text, chunks, 7)
    assert all(c.text[0] in "กx" for c in chunks)


def test_blank_text_and_bad_arguments() -> None:
    assert chunk_text(" \n ") == []
    with pytest.raises(ValueError):
        chunk_text("text", max_chars=0)
    with pytest.raises(ValueError):
        chunk_text("text", overlap_sentences=-1)


def test_seed_article_chunks_within_budget() -> None:
    text = normalize_text(SEED.read_text(encoding="utf-8"))
    assert detect_language(text) == "th"
    chunks = chunk_text(text, max_chars=400, overlap_sentences=1)
    _check(text, chunks, 400)
    assert len(chunks) > 5
    assert "ความรู้" in search_text(text).split()


@pytest.mark.parametrize("max_chars", [800, 60])
@pytest.mark.parametrize("name", ["pos.txt", "neg.txt", "neu.txt", "q.txt"])
def test_real_thai_loses_nothing(name: str, max_chars: int) -> None:
    with (WISESIGHT / name).open(encoding="utf-8") as lines:
        sample = list(islice(lines, 2000))
    for line in sample:
        _check(line, chunk_text(line, max_chars=max_chars), max_chars)
    text = "".join(sample)
    _check(text, chunk_text(text, max_chars=max_chars, overlap_sentences=2), max_chars)


def test_mark_only_noise_is_still_cut_within_budget() -> None:
    text = "ก" + "\u0e48" * 30
    chunks = chunk_text(text, max_chars=8)
    _check(text, chunks, 8)
    assert chunks[0].text == text[:8]
