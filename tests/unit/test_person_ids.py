"""Person ids from source handles: stable, readable, and never shared by two handles."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ingest.people import person_id
from ingest.records import RawPerson


def _id(handle: str, source: str = "jsonl") -> str:
    return person_id(RawPerson(source=source, handle=handle))


def test_handles_that_differ_only_in_unsafe_characters_keep_apart() -> None:
    ids = {_id("john smith"), _id("john_smith"), _id("john/smith"), _id("john%20smith")}
    assert len(ids) == 4
    assert _id("john smith") == "jsonl:john%20smith"


def test_readable_handles_are_kept_as_written() -> None:
    assert _id("malee.s@farm-coop") == "jsonl:malee.s@farm-coop"
    assert _id("สมศักดิ์ ใจดี") == "jsonl:สมศักดิ์%20ใจดี"


@given(st.text(min_size=1), st.text(min_size=1))
def test_two_different_handles_never_share_an_id(first: str, second: str) -> None:
    if first != second:
        assert _id(first) != _id(second)
