"""The words a community writes, as the vocabulary keeps them for translation across scripts.

queries.term_bridge translates a query's words into the words the community wrote in the
other script; ingest stores those words, embedded once each. Both take words the same way,
here.
"""

from __future__ import annotations

import re

from graph_service.text.language import THAI_CHARS
from graph_service.text.language import Script as Script
from graph_service.text.normalize import normalize_text
from graph_service.text.segment import QUERY_FILLER, segment_words, stopwords

_THAI = re.compile(f"[{THAI_CHARS}]")
_LATIN_WORD = re.compile(r"^[a-z][a-z'’\-]*[a-z]$")


def script_of(word: str) -> Script | None:
    """The script of a vocabulary word, or None for what is no word to translate (numbers,
    codes, one-letter tokens)."""
    if _THAI.match(word):
        return "thai" if len(word) >= 2 else None
    return "latin" if len(word) >= 3 and _LATIN_WORD.match(word) else None


def vocabulary_words(text: str) -> set[str]:
    """The words of `text` worth a place in the vocabulary: content words (no function
    words), as written (lowercased, not stemmed: the encoder knows "teachers", not
    "teacher" cut to a stem)."""
    skipped = stopwords() | QUERY_FILLER
    return {
        word
        for word in segment_words(normalize_text(text))
        if word not in skipped and script_of(word) is not None
    }
