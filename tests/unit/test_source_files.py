"""read_files: Markdown, HTML with comments and text become records; each bad file a reject."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graph_service.text import html_to_text
from ingest.records import Reject, SourceRecord
from ingest.sources.files import read_files, readable_name

DATA = Path(__file__).resolve().parent / "data" / "sources"
SEED = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "seeds"
    / "gotoknow-581184-community-of-practice.th.txt"
)
COMPOST_MD = """---
title: Composting rice straw
author: malee
date: 2024-02-01
community: cop-agri
tags: [composting, rice-straw]
url: https://wiki.example.org/compost
---
# Not the title

Layer straw with manure.
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "wiki"
    notes = root / "notes"
    notes.mkdir(parents=True)
    (notes / "compost.md").write_text(COMPOST_MD, encoding="utf-8")
    (notes / "heading.md").write_text("# Water meters\n\nRead them weekly.\n", encoding="utf-8")
    (notes / "bad-yaml.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (notes / "bad-date.md").write_text("---\ndate: soon\n---\nbody\n", encoding="utf-8")
    (notes / "empty.md").write_text("---\nauthor: malee\n---\n\n", encoding="utf-8")
    (notes / "latin1.txt").write_bytes(b"Caf\xe9 notes\n")
    (notes / "notes.rst").write_text("not a format we read\n", encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD.md").write_text("# tool state\n", encoding="utf-8")
    shutil.copytree(DATA / "blog", root / "blog")
    return root


def test_folder_yields_records_and_rejects_in_path_order(folder: Path) -> None:
    out = list(read_files(folder, community="cop-km"))
    positions = [(item.position, getattr(item, "reason", None)) for item in out]
    assert positions == [
        ("blog/compost.html", None),
        ("notes/bad-date.md", "front matter date: Invalid isoformat string: 'soon'"),
        ("notes/bad-yaml.md", positions[2][1]),
        ("notes/compost.md", None),
        ("notes/empty.md", "empty body"),
        ("notes/heading.md", "missing author"),
        ("notes/latin1.txt", "not valid UTF-8: byte 0xe9 at offset 3"),
    ]
    assert str(positions[2][1]).startswith("front matter is not YAML")


def test_markdown_front_matter(folder: Path) -> None:
    (record,) = read_files(folder / "notes" / "compost.md", community="cop-km")
    assert isinstance(record, SourceRecord)
    document = record.document
    assert record.source == "files:notes"
    assert document.id == "files:notes/compost.md"
    assert (document.kind, document.title, document.body_format) == (
        "file",
        "Composting rice straw",
        "markdown",
    )
    assert document.author is not None and document.author.model_dump() == {
        "source": "files",
        "handle": "malee",
        "name": "Malee",
    }
    assert document.created_at == datetime(2024, 2, 1, tzinfo=UTC)
    assert document.tags == ["composting", "rice-straw"]
    assert document.url == "https://wiki.example.org/compost"
    assert record.community == "cop-agri", "front matter wins over the default"
    assert document.body.startswith("# Not the title")


def test_default_author_and_heading_title(folder: Path) -> None:
    (record,) = read_files(folder / "notes" / "heading.md", default_author="km-team")
    assert isinstance(record, SourceRecord)
    assert record.document.title == "Water meters"
    assert record.document.author is not None and record.document.author.handle == "km-team"


def test_blog_page_with_two_comments(folder: Path) -> None:
    (record,) = read_files(folder / "blog" / "compost.html")
    assert isinstance(record, SourceRecord)
    page = record.document
    assert page.title == "Composting rice straw"
    assert page.author is not None and page.author.name == "Malee"
    assert page.created_at == datetime.fromisoformat("2024-02-01T09:30:00+07:00")
    assert page.url == "https://blog.example.org/compost"
    text = html_to_text(page.body)
    assert "Layer the straw with manure" in text and "bamboo poles" in text
    for chrome in ("Home", "Popular posts", "trackPageView", "How long", "2 comments", "©"):
        assert chrome not in text

    assert [(p.author.name if p.author else None, html_to_text(p.body)) for p in record.posts] == [
        ("Somchai", "How long until it is ready?"),
        ("Malee", "60 to 90 days, when it is dark and crumbly."),
    ]
    first, second = record.posts
    assert first.kind == "comment" and first.reply_to == page.id
    assert first.url == "https://blog.example.org/compost#div-comment-11"
    assert first.created_at == datetime.fromisoformat("2024-02-02T10:00:00+07:00")
    assert second.created_at == datetime(2024, 2, 3, tzinfo=UTC)


def test_comment_without_author_is_rejected_and_the_page_kept(tmp_path: Path) -> None:
    page = tmp_path / "post.html"
    page.write_text(
        """<html><head><title>Meters</title></head><body>
        <div class="post"><p>Read meters weekly.</p>
        <span class="byline">by <a rel="author" href="/u/k">Kanokwan</a></span></div>
        <div id="comments">
          <div class="comment" id="c1"><span class="comment-author">Anan</span>
            <time datetime="2024-03-01T08:00:00Z">1 Mar</time><p>Great tip.</p></div>
          <div class="comment" id="c2"><p>Anonymous words.</p></div>
        </div></body></html>""",
        encoding="utf-8",
    )
    out = list(read_files(page))
    assert [(r.position, r.reason) for r in out if isinstance(r, Reject)] == [
        ("post.html#c2", "missing author")
    ]
    (record,) = (r for r in out if isinstance(r, SourceRecord))
    assert record.document.title == "Meters"
    assert record.document.author is not None and record.document.author.name == "Kanokwan"
    assert [p.author.name for p in record.posts if p.author] == ["Anan"]


def test_seed_article_needs_a_default_author() -> None:
    (rejected,) = read_files(SEED)
    assert isinstance(rejected, Reject) and rejected.reason == "missing author"
    (record,) = read_files(SEED, community="cop-km", default_author="gotoknow")
    assert isinstance(record, SourceRecord)
    assert record.document.title == "ชุมนุมนักปฏิบัติ หรือ Community of Practice ( CoP )"
    assert record.document.body_format == "text"
    assert "การจัดการความรู้" in record.document.body


def test_hyperlinks_between_pages_of_the_folder_become_links(tmp_path: Path) -> None:
    root = tmp_path / "wiki"
    (root / "guides").mkdir(parents=True)
    (root / "index.md").write_text(
        "---\nauthor: malee\n---\nSee [compost](guides/compost.md), [again](guides/compost.md#top),"
        " [water](guides/water), [away](https://example.org/a.md), [gone](missing.md),"
        " [self](index.md) and <a href='guides/page.html'>the page</a>.\n",
        encoding="utf-8",
    )
    (root / "guides" / "compost.md").write_text(
        "---\nauthor: malee\n---\nBack to [the index](../index.md) or [root](/index.md).\n",
        encoding="utf-8",
    )
    (root / "guides" / "water.md").write_text("---\nauthor: malee\n---\nNo links.\n", "utf-8")
    (root / "guides" / "page.html").write_text(
        '<html><body><p>Read <a href="../guides/water.md">water</a> and'
        ' <a href="notes.txt">notes</a>.</p><meta name="author" content="anan"></body></html>',
        encoding="utf-8",
    )
    (root / "notes.txt").write_text("plain notes\nwith [a](index.md) link not read\n", "utf-8")
    records = {
        item.position: [(link.target_id, link.kind) for link in item.document.links]
        for item in read_files(root, default_author="km-team")
        if isinstance(item, SourceRecord)
    }
    assert records == {
        "guides/compost.md": [("files:wiki/index.md", "links_to")],
        "guides/page.html": [("files:wiki/guides/water.md", "links_to")],
        "guides/water.md": [],
        "index.md": [
            ("files:wiki/guides/compost.md", "links_to"),
            ("files:wiki/guides/water.md", "links_to"),
            ("files:wiki/guides/page.html", "links_to"),
        ],
        "notes.txt": [],
    }


@pytest.mark.parametrize(
    ("handle", "name"),
    [
        ("gotoknow-581184", "Gotoknow 581184"),
        ("somchai.jaidee", "Somchai Jaidee"),
        ("km_team", "Km Team"),
        ("malee@example.org", "Malee"),
        ("DavidChen", "DavidChen"),
        ("มาลี", "มาลี"),
        ("Dr. Anan K.", "Dr. Anan K."),
    ],
)
def test_an_author_known_by_a_handle_gets_a_readable_name(handle: str, name: str) -> None:
    assert readable_name(handle) == name


def test_the_seed_author_is_named_readably_and_keeps_its_handle() -> None:
    (record,) = read_files(SEED, community="cop-km", default_author="gotoknow-581184")
    assert isinstance(record, SourceRecord) and record.document.author is not None
    assert (record.document.author.handle, record.document.author.name) == (
        "gotoknow-581184",
        "Gotoknow 581184",
    )


def test_front_matter_may_name_the_author_beside_the_handle(tmp_path: Path) -> None:
    page = tmp_path / "note.md"
    page.write_text("---\nauthor: {id: malee, name: มาลี สุวรรณรัตน์}\n---\nText.\n", "utf-8")
    (record,) = read_files(page)
    assert isinstance(record, SourceRecord) and record.document.author is not None
    assert (record.document.author.handle, record.document.author.name) == ("malee", "มาลี สุวรรณรัตน์")
