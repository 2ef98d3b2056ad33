"""Hostile text for property tests: every script and oddity a CoP corpus can throw at us.

Thai (letters, vowel signs and tone marks in any order), combining marks on nothing,
right-to-left scripts and controls, emoji sequences with joiners, NUL and other controls,
zero-width characters, every Unicode line break, and whitespace runs thousands long, mixed
with anything else Hypothesis finds. Lone surrogates only where asked for: they cannot be
written as UTF-8, so no reader ever produces them.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
"""Bounded and the same on every run, so CI never meets an example a developer did not;
the Thai normaliser and segmenter make single examples slow enough to need no deadline."""

THAI = st.text(st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F), min_size=1, max_size=40)
MARKS = st.text(st.characters(categories=("Mn", "Mc", "Me")), min_size=1, max_size=8)
ODDITIES = st.sampled_from(
    [
        "\x00",
        "\u200b",
        "\u200c",
        "\u200d",
        "\u2060",
        "\ufeff",
        "\u00ad",
        "\u202e",
        "\u202a",
        "\u2066",
        "\u200f",
        "\u061c",
        "مرحبا بالعالم",
        "שָׁלוֹם",
        "👩\u200d👩\u200d👧",
        "🇹🇭",
        "👍🏽",
        "\ufe0f",
        "e\u0301",
        "\u0e01\u0e48\u0e38",
        "พ ุ่ม",
        "เเ",
        "ความรู้",
        "Mr. Smith",
        "e.g. this",
        "3.14",
        "don't",
        "https://example.org/a?b=c&d=e",
        "\ufffd",
        "\U0010ffff",
    ]
)
BREAKS = st.sampled_from(
    [
        " ",
        "\t",
        "\n",
        "\r\n",
        "\r",
        "\v",
        "\f",
        "\x1c",
        "\x85",
        "\u00a0",
        "\u2028",
        "\u2029",
        "\u3000",
    ]
)
LONG_WHITESPACE = st.tuples(BREAKS, st.integers(min_value=50, max_value=3000)).map(
    lambda pair: pair[0] * pair[1]
)
TEXT = st.lists(
    st.one_of(st.text(max_size=40), THAI, MARKS, ODDITIES, BREAKS, LONG_WHITESPACE),
    max_size=25,
).map("".join)
"""Any text a source could hand over, surrogate-free."""

TEXT_WITH_SURROGATES = st.lists(
    st.one_of(TEXT, st.text(st.characters(categories=["Cs"]), min_size=1, max_size=3)),
    max_size=4,
).map("".join)
"""The same, with lone surrogates (what a bad decoder with `surrogateescape` leaves)."""
