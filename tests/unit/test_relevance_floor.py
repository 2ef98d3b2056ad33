"""Which writes make the relevance floor search again for a probe's nearest chunk."""

from __future__ import annotations

from queries.relevance_floor import UNKNOWN_CHUNKS, Nearest, touched

NEAR = Nearest(0.3, "doc:a#1")


def test_a_write_naming_the_chunk_or_none_touches_it() -> None:
    assert touched(NEAR, frozenset({"doc:a#1", "doc:b#0"}))
    assert touched(NEAR, frozenset({UNKNOWN_CHUNKS}))  # logged by an earlier version


def test_other_chunks_leave_it_alone() -> None:
    assert not touched(NEAR, frozenset({"doc:b#0", "doc:a#0"}))
