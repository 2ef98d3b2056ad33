"""E-mail addresses, phone numbers and access tokens taken out of text a reader stores.

Contact details are personal data the graph has no use for: a chat message, a forum post or
a wiki page that names one keeps `[address]`, `[phone]` or `[token]` in its place (as the
mbox reader does with addresses). One set of patterns for every reader that scrubs, so a
fix (a phone number ending a sentence) reaches them all.
"""

from __future__ import annotations

import re

_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_END = r"(?![\w:/-]|\.\d)"
"""What may follow a phone number: not a word, a path or a decimal part; a full stop may
(a number ending a sentence is still a number)."""
_PHONE = re.compile(
    r"(?<![\w.:/#=+-])(?:\+\d{1,3}[ -]?)?(?:\(\d{1,4}\)[ -]?)?\d{2,4}(?:[ -]\d{2,5}){1,3}"
    + _END
    + r"|(?<![\w.:/#=+-])\+?\d{9,13}"
    + _END
)
"""Phone numbers as people write them (`081-234-5678`, `02 123 4567`, `+66 81 234 5678`,
`0812345678`); only a match with 9 to 15 digits is taken, so dates, versions and figures
such as `28919.8689279` stay."""
_TOKEN = re.compile(r"\b(?:xox[a-z]-|eyJ)[\w.-]{8,}")
"""Slack access tokens (`xoxe-…`) and JWTs (`eyJ…`), as pasted links carry them."""


def scrub_contacts(text: str) -> str:
    """`text` with e-mail addresses, phone numbers and access tokens taken out."""
    text = _ADDRESS.sub("[address]", _TOKEN.sub("[token]", text))
    return _PHONE.sub(_phone_or_figure, text)


def address_local_parts(text: str) -> str:
    """`text` with each e-mail address cut to its local part: a display name written as
    `alice@example.org` still reads as a name (`alice`) without the address."""
    return _ADDRESS.sub(lambda match: match.group().split("@")[0], text)


def _phone_or_figure(match: re.Match[str]) -> str:
    digits = sum(character.isdigit() for character in match.group())
    return "[phone]" if 9 <= digits <= 15 else match.group()
