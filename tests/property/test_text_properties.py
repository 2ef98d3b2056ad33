"""Properties of the text stages on any text: normalise, detect language, segment.

What each module promises in its docstrings, checked on hostile Unicode (see strategies.py):
nothing raises, the normal form is a fixed point and NFC, no visible character is dropped
outside Thai spelling repairs, segmentation covers every non-space character exactly once,
and a query's terms are words of the same text as indexed.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from graph_service.text.language import detect_language
from graph_service.text.normalize import _INVISIBLE, _LINE_BREAKS, normalize_text
from graph_service.text.segment import (
    index_words,
    query_terms,
    search_text,
    segment_words,
    token_spans,
)
from tests.property.strategies import PROPERTY, TEXT, TEXT_WITH_SURROGATES

THAI_BLOCK = re.compile("[\u0e00-\u0e7f]")
THAI_CONSONANT_OR_DIGIT = re.compile("[\u0e01-\u0e2e\u0e50-\u0e59]")


def _visible(text: str) -> list[str]:
    """The characters normalisation must keep, in order: not whitespace, not invisible."""
    return [c for c in text if not c.isspace() and ord(c) not in _INVISIBLE]


@PROPERTY
@given(TEXT_WITH_SURROGATES)
def test_normal_form_is_nfc_clean_and_a_fixed_point(text: str) -> None:
    normal = normalize_text(text)
    assert normalize_text(normal) == normal
    assert unicodedata.is_normalized("NFC", normal)
    assert normal == normal.strip()
    assert not any(ord(c) in _INVISIBLE or 0xD800 <= ord(c) <= 0xDFFF for c in normal)
    assert "\r" not in normal and "\n\n\n" not in normal and "  " not in normal
    assert not re.search(r"[ \t]\n", normal)


@PROPERTY
@given(TEXT)
def test_normalising_text_without_thai_drops_only_spacing_and_invisibles(text: str) -> None:
    # Compared decomposed, so composing "e" + U+0301 into "é" counts as keeping both.
    text = THAI_BLOCK.sub("", text)
    kept = unicodedata.normalize("NFD", _LINE_BREAKS.sub("\n", text).translate(_INVISIBLE))
    assert _visible(unicodedata.normalize("NFD", normalize_text(text))) == _visible(kept)


@PROPERTY
@given(TEXT)
def test_thai_repairs_never_drop_a_consonant_or_a_digit(text: str) -> None:
    normal = normalize_text(text)
    assert THAI_CONSONANT_OR_DIGIT.findall(normal) == THAI_CONSONANT_OR_DIGIT.findall(text)


@PROPERTY
@given(TEXT_WITH_SURROGATES)
def test_language_is_one_of_three_and_only_letters_decide_it(text: str) -> None:
    language = detect_language(text)
    assert language in ("th", "en", "other")
    assert detect_language(text + " 42 !? 🙂 \u0e51\u0e52 \n") == language


@PROPERTY
@given(st.text(st.sampled_from("กขคงจฉชซญดตถทนบปผพฟภมยรลวศสหอฮ"), min_size=1))
def test_thai_letters_are_thai(text: str) -> None:
    assert detect_language(text) == "th"


@PROPERTY
@given(st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCXYZ"), min_size=1))
def test_latin_letters_are_english(text: str) -> None:
    assert detect_language(text) == "en"


@PROPERTY
@given(TEXT)
def test_token_spans_cover_every_non_space_character_once_in_order(text: str) -> None:
    spans = token_spans(text)
    assert all(start < end for start, end in spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert "".join(text[start:end] for start, end in spans) == re.sub(r"\s", "", text)


@PROPERTY
@given(TEXT)
def test_words_are_lowercased_tokens_with_a_letter_or_digit(text: str) -> None:
    tokens = [text[start:end].lower() for start, end in token_spans(text)]
    words = segment_words(text)
    assert all(re.search(r"[^\W_]", word) and not re.search(r"\s", word) for word in words)
    assert all(word == word.lower() for word in words)
    remaining = iter(tokens)
    assert all(word in remaining for word in words), "words are tokens, in text order"
    assert search_text(text) == " ".join(index_words(words))
    assert len(index_words(words)) == len(words), "stemming keeps one word per word"


@PROPERTY
@given(TEXT)
def test_every_query_term_is_a_word_or_a_run_of_words_of_the_same_text_as_indexed(
    text: str,
) -> None:
    stored = f" {search_text(normalize_text(text))} "
    for term in query_terms(text):
        assert f" {term} " in stored, term
