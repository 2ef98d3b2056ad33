"""Properties of the Discourse and MediaWiki readers on hostile input: they never raise, and
every topic file, post and wiki page comes out as content, as a reject saying where, or as
a skip saying what it was.

The same promise as tests/property/test_reader_properties.py makes for the other readers,
checked on what these formats add: JSON whose fields hold any JSON value, files of garbage
among good topics, wikitext of any markup soup, and a dump cut at any byte.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from ingest.records import Reject, Skipped, SourceRecord
from ingest.sources.discourse import read_discourse
from ingest.sources.mediawiki import read_mediawiki
from tests.property.strategies import PROPERTY, TEXT

Item = SourceRecord | Reject | Skipped
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["id", "count", "name", "post_number"]), children)
    ),
    max_leaves=6,
)
"""Any JSON value, as a hostile or buggy forum could put in a field."""
POST_FIELDS = (
    "post_number", "reply_to_post_number", "created_at", "username", "name", "cooked",
    "post_type", "actions_summary", "like_count", "accepted_answer", "id", "deleted_at",
)  # fmt: skip
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot hold even escaped: a dump never has them."""


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder per example (Hypothesis reruns the body; `tmp_path` is per test)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _post(number: int, text: str) -> dict[str, Any]:
    return {
        "id": 1000 + number,
        "post_number": number,
        "username": f"user{number}",
        "created_at": "2024-01-01T00:00:00+07:00",
        "cooked": f"<p>{escape(text)} write to km.team@example.org</p>",
        "post_type": 1,
    }


@PROPERTY
@given(
    st.lists(st.one_of(TEXT, st.binary(max_size=200)), min_size=1, max_size=5),
    st.lists(st.tuples(st.sampled_from(POST_FIELDS), JSON), max_size=6),
)
def test_discourse_accounts_for_every_file_and_every_post(
    files: list[str | bytes], damage: list[tuple[str, Any]]
) -> None:
    """A `str` is a good topic with that text (its posts then damaged), `bytes` garbage."""
    written: dict[int, list[dict[str, Any]]] = {}
    with folder() as here:
        for n, content in enumerate(files):
            path = here / f"f{n}.json"
            if isinstance(content, bytes):
                path.write_bytes(content)
                continue
            posts = [_post(number, content) for number in (1, 2, 3)]
            for at, (key, value) in enumerate(damage):
                posts[1 + at % 2][key] = value
            written[n] = posts
            topic = {"id": n, "title": content, "post_stream": {"posts": posts}}
            path.write_text(json.dumps(topic), encoding="utf-8")
        items = list(read_discourse(here))
    records = [item for item in items if isinstance(item, SourceRecord)]
    rejects = [item for item in items if isinstance(item, Reject)]
    assert all(reject.reason.strip() for reject in rejects), "every reject says why"
    left_out = [item for item in items if not isinstance(item, SourceRecord)]
    for n, content in enumerate(files):
        name = f"f{n}.json"
        if isinstance(content, str):
            (record,) = (r for r in records if r.document.id == f"discourse:{here.name}:t{n}:p1")
            assert record.document.title == content
            bodies = [record.document.body, *(post.body for post in record.posts)]
            assert not any("@example.org" in body for body in bodies), "no address kept"
            for post in written[n][1:]:
                number = post.get("post_number")  # as damaged: kept under it, if at all
                kept = any(kept.id.endswith(f":t{n}:p{number}") for kept in record.posts)
                told = any(r.position.startswith(f"{name} post") for r in left_out)
                assert kept or told, f"post {number} of {name} vanished"
        else:
            told = any(r.position.startswith(name) for r in left_out)
            assert told or any(r.position.startswith(name) for r in records)


CATEGORY_FIELDS = ("topic_list", "topics", "id", "category_id", "category_list", "categories")


@PROPERTY
@given(
    st.lists(st.integers(min_value=1, max_value=6), max_size=6),
    st.dictionaries(st.sampled_from(CATEGORY_FIELDS), JSON, max_size=3),
)
def test_discourse_category_files_never_raise_and_every_listed_topic_is_accounted_for(
    listed: list[int], hostile: dict[str, Any]
) -> None:
    """A category's list names topics (1 and 2 have files), beside a categories file of any
    JSON: every listed topic is a record or a reject naming it, and nothing raises."""
    with folder() as here:
        (here / "c" / "km").mkdir(parents=True)
        topics = {"topic_list": {"topics": [{"id": n, "category_id": 5} for n in listed]}}
        (here / "c" / "km" / "5.json").write_text(json.dumps(topics), encoding="utf-8")
        (here / "categories.json").write_text(json.dumps(hostile), encoding="utf-8")
        for n in (1, 2):
            topic = {"id": n, "title": f"t{n}", "post_stream": {"posts": [_post(1, "x")]}}
            (here / f"t{n}.json").write_text(json.dumps(topic), encoding="utf-8")
        items = list(read_discourse(here))
    placed = {r.document.id: r.community for r in items if isinstance(r, SourceRecord)}
    named = {r.document_id for r in items if isinstance(r, Reject)}
    for n in listed:
        document = f"discourse:{here.name}:t{n}:p1"
        assert document in placed or document in named, f"listed topic {n} vanished"
        if n in (1, 2):
            assert placed[document] == f"{here.name}:category:5", "in the list's category"


WIKITEXT = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "[[", "]]", "{{", "}}", "'''", "''", "== ", " ==", "\n", "|", "[[Category:",
                "<ref>", "</ref>", "<!--", "-->", "{|", "|}", "[[File:x.png|thumb|", "#REDIRECT",
                "[[User:Somchai|Somchai]] 10:00, 1 May 2024 (UTC)\n", ":", "::", "&amp;", "<",
            ]
        ),
    ),
    max_size=25,
).map(lambda parts: _NOT_XML.sub("", "".join(parts)))  # fmt: skip


def _dump(pages: list[tuple[str, str, bool]]) -> str:
    body = []
    for n, (title, text, talk) in enumerate(pages, start=1):
        body.append(
            f"<page><title>{escape(title)}</title><ns>{1 if talk else 0}</ns><id>{n}</id>"
            "<revision><timestamp>2024-05-01T00:00:00Z</timestamp><contributor>"
            f"<username>Malee</username></contributor><text>{escape(text)}</text></revision>"
            "</page>"
        )
    return f"<mediawiki><siteinfo><base>https://wiki.example.org/wiki/M</base></siteinfo>{''.join(body)}</mediawiki>"


@PROPERTY
@given(
    st.lists(
        st.tuples(TEXT.map(lambda t: _NOT_XML.sub("", t)), WIKITEXT, st.booleans()), max_size=4
    ),
    st.floats(min_value=0, max_value=1),
)
def test_mediawiki_accounts_for_every_page_and_a_cut_dump_says_where(
    pages: list[tuple[str, str, bool]], cut: float
) -> None:
    dump = _dump(pages).encode("utf-8")
    with folder() as here:
        whole, truncated = here / "whole.xml", here / "cut.xml"
        whole.write_bytes(dump)
        truncated.write_bytes(dump[: int(len(dump) * cut)])
        items = list(read_mediawiki(whole))
        cut_items = list(read_mediawiki(truncated))
    for n in range(1, len(pages) + 1):
        assert any(item.position.startswith(f"page {n} ") for item in items), f"page {n}"
    assert not any(
        item.reason.startswith("malformed") for item in items if isinstance(item, Reject)
    )
    assert [i.position for i in cut_items[:-1]] == [i.position for i in items[: len(cut_items) - 1]]
    if cut < 1:
        last = cut_items[-1]
        assert isinstance(last, Reject) and last.reason.startswith("malformed XML")
