"""Which language, Thai or English, a response is in: asked for, else the browser's choice.

Every reader-facing text the API words or holds in both languages (the embed card, the gap
map's reasons and actions, its exports, community and domain names and descriptions) is in
one of the two; anything else falls back to English. The response's `Content-Language` says
which it got, and when `lang` asked for a language we have no words for, the
`X-Copgraph-Lang-Fallback` header names what was asked (a malformed tag is named `invalid`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Header, Query, Response

Language = Literal["th", "en"]
FALLBACK_HEADER = "X-Copgraph-Lang-Fallback"
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
"""A BCP 47 tag's shape, enough to echo one back in a header without echoing anything else."""


def pick_language(lang: str | None, accept_language: str | None) -> Language:
    """The requested language, else Thai when the browser prefers it, else English.

    A language we have no words for (`lang=fr`) is English rather than an error: a portal's
    page should show something, and `Content-Language` tells which one it got.
    """
    if lang:
        return "th" if lang.lower().split("-")[0] == "th" else "en"
    return "th" if (accept_language or "").lower().startswith("th") else "en"


@dataclass(frozen=True)
class LanguageChoice:
    """The language a response is in, and the unsupported `lang` it stands in for, if any."""

    language: Language
    fallback_from: str | None = None

    @property
    def headers(self) -> dict[str, str]:
        """`Content-Language`, and `X-Copgraph-Lang-Fallback` when English stands in."""
        if self.fallback_from is None:
            return {"Content-Language": self.language}
        return {"Content-Language": self.language, FALLBACK_HEADER: self.fallback_from}


def choose_language(lang: str | None, accept_language: str | None) -> LanguageChoice:
    """`pick_language`, remembering an explicit `lang` that had to fall back to English."""
    language = pick_language(lang, accept_language)
    if not lang or lang.lower().split("-")[0] == language:
        return LanguageChoice(language)
    return LanguageChoice(language, lang if LANGUAGE_TAG.fullmatch(lang) else "invalid")


def requested_language(
    response: Response,
    lang: Annotated[
        str | None,
        Query(
            max_length=35,
            description="th or en; any other is English, named in X-Copgraph-Lang-Fallback "
            "(default: Accept-Language, else English)",
        ),
    ] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> LanguageChoice:
    """The dependency behind `deps.LanguageDep`: the choice, its headers already on a JSON
    answer (an endpoint that builds its own Response, a file or a card, adds `choice.headers`)."""
    choice = choose_language(lang, accept_language)
    response.headers.update(choice.headers)
    return choice
