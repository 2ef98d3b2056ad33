"""Which language a text is in, told from its script, plus the script patterns the package shares.

A CoP corpus here is Thai, English, or Thai with English terms inside it. Counting letters
by script tells those apart reliably and in microseconds; a statistical language
identifier would add a dependency and still stumble on short Thai posts full of English
product names. Everything that is neither Thai nor Latin is "other": the pipeline stores
it, but has no segmenter or stopwords for it.
"""

from __future__ import annotations

import re
from typing import Literal

Language = Literal["th", "en", "other"]
Script = Literal["thai", "latin"]
"""`thai` or `latin`: the scripts of the letters counted here, which a word can also be
translated between (graph_service.text.vocabulary)."""

THAI_CHARS = "\u0e00-\u0e7f"
"""The Thai Unicode block, for character classes: letters, vowel signs, tone marks, digits."""

_THAI_LETTER = re.compile("[\u0e01-\u0e30\u0e32\u0e33\u0e40-\u0e46]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")

THAI_SHARE = 0.3
"""Thai is chosen from this share of letters on: Thai posts carry many English terms."""

LATIN_SHARE = 0.5
"""Below this share of Latin letters (and too little Thai), the text is "other"."""


def detect_language(text: str) -> Language:
    """Tell Thai, English and anything else apart by counting letters per script.

    Thai wins at a lower share than Latin because Thai prose about knowledge work
    routinely quotes English terms ("Community of Practice", "KM") while an English
    post rarely quotes Thai. Digits, punctuation and emoji are not letters, so a post
    of only numbers or emoji is "other".

    Args:
        text: Any text; it need not be normalised.

    Returns:
        "th", "en" or "other".
    """
    letters = sum(map(str.isalpha, text))
    if letters == 0:
        return "other"
    thai = len(_THAI_LETTER.findall(text))
    if thai >= THAI_SHARE * letters:
        return "th"
    if len(_LATIN_LETTER.findall(text)) >= LATIN_SHARE * letters:
        return "en"
    return "other"


def scripts_in(text: str) -> frozenset[Script]:
    """The scripts any letter of `text` is written in, as `detect_language` counts letters
    (none for digits, marks and emoji alone)."""
    found: set[Script] = set()
    if _THAI_LETTER.search(text):
        found.add("thai")
    if _LATIN_LETTER.search(text):
        found.add("latin")
    return frozenset(found)
