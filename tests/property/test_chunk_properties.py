"""Properties of sentences, chunks and passages on any text: exact offsets, nothing lost.

The chunker's promise (graph_service/text/chunk.py) is that every chunk is an exact slice of its
text, within budget, and that no visible character is left out of every chunk; sentences
(graph_service/text/sentences.py) are exact, stripped slices with only whitespace between them.
Passages (ingest/passages.py) carry those slices with the thread title for embedding.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from graph_service.text.chunk import chunk_text
from graph_service.text.normalize import normalize_text
from graph_service.text.segment import search_text
from graph_service.text.sentences import split_sentences
from ingest.content import Content
from ingest.passages import CHUNK_CHARS, passages
from tests.property.strategies import PROPERTY, TEXT

BUDGETS = st.sampled_from([1, 2, 7, 60, CHUNK_CHARS])


def _is_mark(char: str) -> bool:
    return unicodedata.category(char)[0] == "M"


@PROPERTY
@given(TEXT)
def test_sentences_are_exact_stripped_slices_with_only_whitespace_between(text: str) -> None:
    position = 0
    for start, sentence in split_sentences(text):
        assert sentence and sentence == sentence.strip()
        assert text[start : start + len(sentence)] == sentence
        assert not text[position:start].strip(), "only whitespace between sentences"
        position = start + len(sentence)
    assert not text[position:].strip()


@PROPERTY
@given(TEXT, BUDGETS, st.integers(min_value=0, max_value=3))
def test_chunks_are_exact_slices_within_budget_covering_every_visible_character(
    text: str, budget: int, overlap: int
) -> None:
    chunks = chunk_text(text, max_chars=budget, overlap_sentences=overlap)
    assert [chunk.ord for chunk in chunks] == list(range(len(chunks)))
    assert all(a.offset < b.offset for a, b in zip(chunks, chunks[1:], strict=False))
    covered: set[int] = set()
    for chunk in chunks:
        assert chunk.text and text[chunk.offset : chunk.offset + len(chunk.text)] == chunk.text
        assert len(chunk.text) <= budget
        covered.update(range(chunk.offset, chunk.offset + len(chunk.text)))
    assert [i for i, char in enumerate(text) if not char.isspace() and i not in covered] == []
    if overlap == 0:
        assert all(
            a.offset + len(a.text) <= b.offset for a, b in zip(chunks, chunks[1:], strict=False)
        )


@PROPERTY
@given(TEXT, BUDGETS)
def test_a_chunk_starts_on_a_combining_mark_only_when_its_letter_cannot_fit(
    text: str, budget: int
) -> None:
    for chunk in chunk_text(text, max_chars=budget):
        start = chunk.offset
        if start == 0 or not _is_mark(text[start]) or text[start - 1].isspace():
            continue
        if _is_mark(text[start - 1]):
            continue  # a run of marks on nothing, cut at the budget
        end = start
        while end < len(text) and _is_mark(text[end]):
            end += 1
        assert end - (start - 1) > budget, "the letter and its marks would have fit"


@pytest.mark.parametrize(("budget", "overlap"), [(0, 0), (-1, 0), (10, -1)])
def test_a_bad_budget_is_a_value_error_naming_it(budget: int, overlap: int) -> None:
    with pytest.raises(ValueError, match=r"max_chars >= 1 and overlap_sentences >= 0"):
        chunk_text("text", max_chars=budget, overlap_sentences=overlap)


@PROPERTY
@given(TEXT, TEXT)
def test_passages_slice_the_text_and_index_what_they_embed(title: str, body: str) -> None:
    text = normalize_text(body)
    content = Content(
        id="c",
        kind="answer",
        document_id="d",
        title="",
        text=text,
        language="other",
        authors=(),
        links=(),
        created_at=None,
        url=None,
        tags=(),
        score=0,
        accepted=False,
        reply_to="d",
        community_id=None,
        source="property",
        content_hash="",
    )
    found = passages(content, normalize_text(title))
    assert len({p.id for p in found}) == len(found)
    header = normalize_text(title).strip()
    for passage in found:
        assert text[passage.offset : passage.offset + len(passage.text)] == passage.text
        assert passage.embed_text.endswith(passage.text)
        assert passage.embed_text in (passage.text, f"{header}\n{passage.text}")
        assert passage.search_text == search_text(passage.embed_text)
    kept = "".join(passage.text for passage in found)
    assert re.sub(r"\s", "", kept) == re.sub(r"\s", "", text), "nothing left out or repeated"
