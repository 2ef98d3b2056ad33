"""The relevance floor's probes, and which writes make it search again for a probe's nearest
chunk."""

from __future__ import annotations

from queries.relevance_floor import NULL_PROBES, UNKNOWN_CHUNKS, Nearest, touched

NEAR = Nearest(0.3, "doc:a#1")


def test_a_write_naming_the_chunk_or_none_touches_it() -> None:
    assert touched(NEAR, frozenset({"doc:a#1", "doc:b#0"}))
    assert touched(NEAR, frozenset({UNKNOWN_CHUNKS}))  # logged by an earlier version


def test_other_chunks_leave_it_alone() -> None:
    assert not touched(NEAR, frozenset({"doc:b#0", "doc:a#0"}))


def test_the_probes_hold_each_keyboard_s_home_row() -> None:
    """What people type when they type nothing: the nonsense whose closeness the floor must
    clear, in both scripts."""
    assert any(probe.startswith("asdf") for probe in NULL_PROBES)
    assert any(probe.startswith("ฟหกด") for probe in NULL_PROBES), "the Thai keys of asdf"
