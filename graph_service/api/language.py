"""Which language, Thai or English, a response is in: asked for, else the browser's choice.

Every reader-facing text the API words itself (the embed card, the gap map's reasons and
actions, its exports) is in one of the two; anything else falls back to English, and the
response's `Content-Language` says which it got.
"""

from __future__ import annotations

from typing import Literal

Language = Literal["th", "en"]


def pick_language(lang: str | None, accept_language: str | None) -> Language:
    """The requested language, else Thai when the browser prefers it, else English.

    A language we have no words for (`lang=fr`) is English rather than an error: a portal's
    page should show something, and `Content-Language` tells which one it got.
    """
    if lang:
        return "th" if lang.lower().split("-")[0] == "th" else "en"
    return "th" if (accept_language or "").lower().startswith("th") else "en"
