"""Properties of the source readers on arbitrary bytes: they stream records or rejects, never raise.

The readers' shared promise (ingest/sources/__init__.py): what is wrong with one record
becomes a `Reject` with its position and a reason, and reading goes on. Checked here on
garbage mixed with good records: every good record comes out with its text intact, every
bad one is reported where it is, nothing is skipped without a word, and the mbox reader
leaves no e-mail address in anything it yields.
"""

from __future__ import annotations

import html
import json
import mailbox
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import quoteattr

from hypothesis import given
from hypothesis import strategies as st

from graph_service.text.normalize import html_to_text, normalize_text
from ingest.records import Reject, SourceRecord
from ingest.sources.files import FORMATS, read_files
from ingest.sources.html_page import parse_page
from ingest.sources.jsonl import read_jsonl
from ingest.sources.mbox import read_mbox
from ingest.sources.stackexchange import read_stackexchange
from tests.property.strategies import PROPERTY, TEXT

Item = SourceRecord | Reject
LINE = st.binary(max_size=120).map(lambda data: data.replace(b"\n", b""))
"""A line of arbitrary bytes."""


@contextmanager
def folder() -> Iterator[Path]:
    """A fresh folder per example (Hypothesis reruns the body; `tmp_path` is per test)."""
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _records(items: list[Item]) -> list[SourceRecord]:
    return [item for item in items if isinstance(item, SourceRecord)]


def _rejects(items: list[Item]) -> list[Reject]:
    rejects = [item for item in items if isinstance(item, Reject)]
    assert all(reject.reason.strip() for reject in rejects), "every reject says why"
    return rejects


def _readable(data: bytes) -> bool:
    """Whether a line holds anything but whitespace once decoded (a blank line is no record)."""
    try:
        return bool(data.decode("utf-8-sig").strip())
    except UnicodeDecodeError:
        return True


def _good_line(n: int, title: str) -> bytes:
    record = {"type": "document", "id": f"doc-{n}", "title": title, "body": f"{title}."}
    return json.dumps({**record, "author": {"id": "a"}}).encode()


@PROPERTY
@given(st.lists(st.one_of(TEXT, LINE)))
def test_jsonl_keeps_every_good_line_and_reports_every_bad_one(lines: list[str | bytes]) -> None:
    """A `str` is the title of a good record, `bytes` a line of garbage."""
    encoded = [
        _good_line(n, line) if isinstance(line, str) else line
        for n, line in enumerate(lines, start=1)
    ]
    with folder() as here:
        path = here / "mixed.jsonl"
        path.write_bytes(b"\n".join(encoded))
        items = list(read_jsonl(path))
    by_line = {record.position: record for record in _records(items)}
    rejected = {reject.position for reject in _rejects(items)}
    for n, line in enumerate(lines, start=1):
        if isinstance(line, str):
            assert by_line[f"line {n}"].document.title == line
        elif _readable(line):
            assert f"line {n}" in rejected and f"line {n}" not in by_line


FILE = st.tuples(
    st.sampled_from(sorted(FORMATS)),
    st.one_of(st.binary(max_size=400), TEXT.map(lambda text: text.encode("utf-8"))),
)


@PROPERTY
@given(st.lists(FILE, min_size=1, max_size=6))
def test_files_give_one_outcome_per_file_and_plain_text_comes_back_whole(
    files: list[tuple[str, bytes]],
) -> None:
    with folder() as here:
        root = here / "notes"
        (root / ".git").mkdir(parents=True)
        (root / ".git" / "HEAD.md").write_text("ref: refs/heads/main", encoding="utf-8")
        (root / ".hidden.md").write_text("# tool state", encoding="utf-8")
        for n, (suffix, data) in enumerate(files):
            (root / f"f{n}{suffix}").write_bytes(data)
        items = list(read_files(root, default_author="malee"))
    names = {f"f{n}{suffix}" for n, (suffix, _) in enumerate(files)}
    outcomes = {record.position for record in _records(items)}
    outcomes |= {reject.position.split("#")[0] for reject in _rejects(items)}
    assert {record.position for record in _records(items)} <= names
    assert outcomes == names, "every file read or rejected, hidden ones never"
    for record in _records(items):
        n, suffix = int(record.position[1:].split(".")[0]), record.position.split(".", 1)[1]
        if f".{suffix}" == ".txt":
            assert record.document.body == files[n][1].decode("utf-8-sig")


TAGS = st.sampled_from(
    [
        "<p>", "</p>", "<div class='comment'>", "</div>", "<cite>", "</cite>", "<br>", "<li>",
        "<time datetime='2024-01-01'>", "<time datetime='not a date'>", "</time>", "<article>",
        "</article>", "<span class='comment-author fn'>", "</span>", "<script>", "</script>",
        "<meta name='author' content='x'>", "<meta property='article:published_time'>",
        "<!--", "-->", "<![CDATA[", "&amp;", "&#0;", "&#xD800;", "&#99999999;", "<a href='",
        "'>", "<title>", "</title>", "<h1>", "<body>", "<", ">", "<link rel='canonical'>",
        "<div id='c1' class='comment'><b class='fn'>n</b><p>text</p></div>", "</html>",
    ]
)  # fmt: skip


@PROPERTY
@given(st.lists(st.one_of(TAGS, TEXT), max_size=30).map("".join))
def test_any_tag_soup_parses_into_a_page(source: str) -> None:
    page = parse_page(source)
    assert isinstance(page.body, str) and isinstance(page.title, str)
    assert all(isinstance(comment.body, str) for comment in page.comments)
    html_to_text(page.body)


@PROPERTY
@given(TEXT)
def test_an_articles_text_comes_back_from_the_page(text: str) -> None:
    page = (
        "<html><head><title>t</title></head><body><nav>menu</nav>"
        f"<article><p>{html.escape(text)}</p></article></body></html>"
    )
    body = parse_page(page).body
    assert html_to_text(body) == normalize_text(re.sub(r"\s+", " ", text))


ADDRESS = st.builds(
    "{}@{}.{}".format,
    st.from_regex(r"[a-z][a-z0-9._+-]{0,8}", fullmatch=True),
    st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True),
    st.sampled_from(["org", "com", "co.th", "ac.th"]),
)
SAFE_TEXT = TEXT.map(lambda text: text.replace("\r", " ").replace("\x00", " "))
"""Body text a mailer would send (no bare CR, no NUL)."""


@st.composite
def messages(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """An mbox archive of a few messages, some replying to others, addresses everywhere."""
    parts: list[bytes] = []
    addresses: list[str] = []
    message_ids: list[str] = []
    for n in range(draw(st.integers(min_value=1, max_value=5))):
        sender, mentioned = draw(ADDRESS), draw(ADDRESS)
        addresses += [sender, mentioned]
        message_ids.append(f"<m{n}.{sender}>")
        name = draw(st.sampled_from(["", "Malee S.", sender, "มาลี"]))
        headers = [
            f"From: {name} <{sender}>" if name else f"From: {sender}",
            f"Subject: Re: compost ({mentioned})",
            f"Message-ID: {message_ids[-1]}",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ]
        if n and draw(st.booleans()):
            headers.append(f"In-Reply-To: {draw(st.sampled_from(message_ids[:-1]))}")
        body = f"{draw(SAFE_TEXT)}\nWrite to {mentioned} or {sender}.\n{draw(SAFE_TEXT)}"
        from_line = f"From {sender} Mon Feb  5 09:0{n}:00 2024"
        message = "\n".join([from_line, *headers, "", body.replace("\nFrom ", "\n>From ")])
        parts.append(message.encode("utf-8") + b"\n")
    if draw(st.booleans()):
        parts.append(b"From x Mon Feb  5 10:00:00 2024\n" + draw(st.binary(max_size=300)) + b"\n")
    return b"".join(parts), addresses


@PROPERTY
@given(messages())
def test_mbox_accounts_for_every_message_and_leaks_no_address(
    archive: tuple[bytes, list[str]],
) -> None:
    data, addresses = archive
    with folder() as here:
        path = here / "list.mbox"
        path.write_bytes(data)
        items = list(read_mbox(path))
        box = mailbox.mbox(path, create=False)
        count = len(box)
        box.close()
    kept = sum(1 + len(record.posts) for record in _records(items))
    assert kept + len(_rejects(items)) == count, "every message is in a record or rejected"
    dumped = json.dumps([item.model_dump(mode="json") for item in items], ensure_ascii=False)
    assert not [address for address in addresses if address in dumped]


@PROPERTY
@given(st.binary(max_size=2000))
def test_mbox_of_arbitrary_bytes_never_raises(data: bytes) -> None:
    with folder() as here:
        path = here / "junk.mbox"
        path.write_bytes(b"From a Mon Feb  5 09:00:00 2024\n" + data)
        _rejects(list(read_mbox(path)))


XML_TEXT = TEXT.map(
    lambda text: "".join(
        c for c in text if c in "\t\n\r" or (0x20 <= ord(c) and c not in "\ufffe\uffff")
    )
)
"""Text an XML attribute can carry (no C0 controls but tab and newlines)."""


def _row(**attributes: str) -> bytes:
    return (
        "  <row " + " ".join(f"{k}={quoteattr(v)}" for k, v in attributes.items()) + " />"
    ).encode()


JUNK_ROW = st.dictionaries(
    st.sampled_from(["Id", "PostTypeId", "ParentId", "PostId", "Score", "CreationDate", "Body"]),
    st.one_of(st.sampled_from(["1", "2", "²", "-1", "99999999999999999999"]), XML_TEXT),
).map(lambda attributes: _row(**attributes))
"""A row with any of the fields a reader looks at, valid or not: ids may collide."""


def _question(n: int, title: str, body: str) -> bytes:
    return _row(
        Id=str(n), PostTypeId="1", CreationDate="2024-01-01T00:00:00.000", Score="1",
        Title=title, Body=body, OwnerUserId="7",
    )  # fmt: skip


@PROPERTY
@given(
    st.lists(st.tuples(XML_TEXT, XML_TEXT), min_size=1, max_size=4),
    st.lists(st.one_of(LINE, JUNK_ROW, st.just(_question(1, "impostor", "same Id"))), max_size=8),
)
def test_stackexchange_keeps_good_questions_whatever_rows_follow_them(
    questions: list[tuple[str, str]], junk: list[bytes]
) -> None:
    good = [_question(n, title, f"{body}.") for n, (title, body) in enumerate(questions, start=1)]
    with folder() as here:
        dump = here / "stackexchange-qc"
        dump.mkdir()
        lines = [b"<?xml version='1.0' encoding='utf-8'?>", b"<posts>", *good, *junk, b"</posts>"]
        (dump / "Posts.xml").write_bytes(b"\n".join(lines) + b"\n")
        (dump / "Comments.xml").write_bytes(b"<comments>\n" + b"\n".join(junk) + b"\n</comments>\n")
        items = list(read_stackexchange(dump))
    records = {record.position: record for record in _records(items)}
    for n, (title, body) in enumerate(questions, start=1):
        question = records[f"Posts.xml Id={n}"].document
        assert (question.title, question.body) == (title, f"{body}.")
    rejects = _rejects(items)
    assert all(re.match(r"(Posts|Comments|Users)\.xml ", reject.position) for reject in rejects)
    if _question(1, "impostor", "same Id") in junk:
        assert (
            Reject(
                source="stackexchange:qc",
                position="Posts.xml Id=1",
                reason="duplicate Id: an earlier row has it",
            )
            in rejects
        )
