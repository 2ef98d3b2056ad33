"""A folder of files: Markdown with front matter, HTML pages (with their comments), plain text.

This is how a community's existing material gets in without an export step: a wiki dumped to
Markdown, saved blog posts, notes. Each file is one record, read whole (files are pages, not
archives) and one at a time, so a folder of any size streams. Names starting with a dot, and
everything under such a folder, are skipped: they are tool state (`.git`), not content.

A link from one page to another page of the same folder (an `<a href>` or a Markdown
`[text](target)` whose target, relative to the page or, starting with `/`, to the folder, is
another file being read) becomes a `links_to` link between their documents; links outside
the folder, to other sites, or to files that are not read are left to the text.

Authors are named in files by whatever the file says (`author: malee`), so their handles share
one `files` namespace: the same name in two folders is one person, and `people.yaml` can alias
`files:malee` to the same person in another source.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from ingest.records import BodyFormat, RawContent, RawLink, RawPerson, Reject, sole
from ingest.sources import (
    Records,
    as_utc,
    check_post,
    decode_utf8,
    encoding_problem,
    record_or_reject,
)
from ingest.sources.html_page import Comment, parse_page

PEOPLE = "files"
"""Person namespace of every author named in a file."""

FORMATS: dict[str, BodyFormat] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
}
"""File suffixes read, and the markup of their bodies."""
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_TITLE_MAX = 200
"""A text file's first line longer than this is a paragraph, not a title: the name is used."""
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)
_HANDLE_BREAK = re.compile(r"[._\-+]+")
_HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[^)]*)?\)")
"""`[text](target "title")`: the target, in or out of angle brackets."""


@dataclass
class _Page:
    """A file's body and what it says about itself (front matter, HTML meta tags)."""

    body: str
    title: str = ""
    author: str | None = None
    author_name: str | None = None
    """The author's name where the file gives one beside the handle (`author: {id, name}`)."""
    created_at: datetime | None = None
    community: str | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    comments: list[Comment] = field(default_factory=list)


def read_files(
    path: Path, community: str | None = None, default_author: str | None = None
) -> Records:
    """Read one file, or every `.md`, `.markdown`, `.html`, `.htm` and `.txt` under a folder.

    Args:
        path: A file or a folder (searched recursively, in path order).
        community: Community of files whose front matter names none.
        default_author: Author of files that name none. Without it such a file is rejected:
            content nobody wrote cannot make anyone an expert.

    Yields:
        A `SourceRecord` per file (kind "file"; an HTML page's comments as posts), position the
        path relative to the folder; a `Reject` per file that cannot be read, is not UTF-8, has
        unreadable front matter, an empty body or no author, and per comment without author or
        body.
    """
    root = path if path.is_dir() else path.parent
    source = f"files:{root.name}"
    files = sorted(_content_files(path)) if path.is_dir() else [path]
    pages = {file.relative_to(root).as_posix() for file in files}
    for file in files:
        position = file.relative_to(root).as_posix()
        try:
            text = decode_utf8(file.read_bytes())
        except OSError as error:
            yield Reject(source=source, position=position, reason=f"unreadable: {error.strerror}")
            continue
        if isinstance(text, UnicodeDecodeError):
            yield Reject(source=source, position=position, reason=encoding_problem(text))
            continue
        body_format = FORMATS.get(file.suffix.lower(), "text")
        page = _parse(text, body_format)
        if isinstance(page, str):
            yield Reject(source=source, position=position, reason=page)
            continue
        page.title = page.title or file.stem
        page.author = page.author or default_author
        links = [
            RawLink(target_id=f"{source}/{target}", kind="links_to")
            for target in _linked_pages(page.body, body_format, position, pages)
        ]
        yield from _record(page, body_format, source, position, community, links)


def unread_files(folder: Path, suffixes: Iterable[str] = FORMATS) -> list[Path]:
    """Files under `folder` a reader of `suffixes` leaves alone (not hidden, of no suffix it
    reads; this reader's by default), so the caller can name them instead of skipping them
    without a word."""
    read = frozenset(suffixes)
    return sorted(
        Path(directory, name)
        for directory, names in _visible(folder)
        for name in names
        if Path(name).suffix.lower() not in read
    )


def _visible(folder: Path) -> Iterator[tuple[str, list[str]]]:
    """Each folder under `folder` with its visible file names, hidden folders left out."""
    for directory, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        yield directory, [name for name in names if not name.startswith(".")]


def _content_files(folder: Path) -> Iterator[Path]:
    """Files of a readable format, not descending into hidden folders (a `.git` can be huge)."""
    for directory, names in _visible(folder):
        for name in names:
            if Path(name).suffix.lower() in FORMATS:
                yield Path(directory, name)


def _parse(text: str, body_format: BodyFormat) -> _Page | str:
    """The file as a page, or the reject reason."""
    if body_format == "html":
        html = parse_page(text)
        return _Page(
            body=html.body,
            title=html.title,
            author=html.author,
            created_at=html.created_at,
            url=html.url,
            comments=html.comments,
        )
    if body_format == "text":
        first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
        return _Page(body=text, title=first_line if len(first_line) <= _TITLE_MAX else "")
    match = _FRONT_MATTER.match(text)
    page = _front_matter(match.group(1)) if match else _Page(body="")
    if isinstance(page, _Page):
        page.body = text[match.end() :] if match else text
        heading = _HEADING.search(page.body)
        page.title = page.title or (heading.group(1) if heading else "")
    return page


def _linked_pages(body: str, body_format: BodyFormat, position: str, pages: set[str]) -> list[str]:
    """The pages of the folder (`pages`, paths relative to it) that the page at `position`
    links to, in order of first link, itself left out."""
    if body_format == "text":
        return []
    matches = [*_HREF.finditer(body)]
    if body_format == "markdown":
        matches += _MARKDOWN_LINK.finditer(body)
    hrefs = [
        next(group for group in match.groups() if group is not None)
        for match in sorted(matches, key=lambda match: match.start())
    ]
    found: dict[str, None] = {}
    for href in hrefs:
        parts = urlsplit(href.strip())
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        joined = (
            path.lstrip("/")
            if path.startswith("/")
            else posixpath.join(posixpath.dirname(position), path)
        )
        target = posixpath.normpath(joined)
        candidates = (
            [target] if posixpath.splitext(target)[1] else [target + suffix for suffix in FORMATS]
        )
        page = next((candidate for candidate in candidates if candidate in pages), None)
        if page is not None and page != position:
            found[page] = None
    return list(found)


def _record(
    page: _Page,
    body_format: BodyFormat,
    source: str,
    position: str,
    community: str | None,
    links: list[RawLink],
) -> Records:
    document_id = f"{source}/{position}"
    document = RawContent(
        id=document_id,
        kind="file",
        title=page.title,
        body=page.body,
        body_format=body_format,
        authors=sole(_person(page.author, page.author_name)),
        created_at=page.created_at,
        url=page.url,
        tags=page.tags,
        language=page.language,
        links=links,
    )
    posts: list[RawContent] = []
    for number, comment in enumerate(page.comments, start=1):
        anchor = comment.anchor or f"comment-{number}"
        post = RawContent(
            id=f"{document_id}#{anchor}",
            kind="comment",
            body=comment.body,
            body_format="html",
            authors=sole(_person(comment.author)),
            created_at=comment.created_at,
            url=f"{page.url}#{comment.anchor}" if page.url and comment.anchor else page.url,
            reply_to=document_id,
        )
        checked = check_post(source, f"{position}#{anchor}", post)
        if isinstance(checked, Reject):
            yield checked
        else:
            posts.append(checked)
    yield record_or_reject(source, position, document, posts, page.community or community)


def _person(handle: str | None, name: str | None = None) -> RawPerson | None:
    return (
        RawPerson(source=PEOPLE, handle=handle, name=name or readable_name(handle))
        if handle
        else None
    )


def readable_name(handle: str) -> str:
    """A name to show for an author known only by a handle (`gotoknow-581184`, `km_team`,
    `somchai.jaidee`, an address's local part): words apart, each capitalised where it is
    all lower case. A value with spaces is a name already (an HTML byline) and kept as it is;
    `people.yaml` gives the real name where someone knows it."""
    if any(char.isspace() for char in handle.strip()):
        return handle
    local = handle.split("@", 1)[0] if "@" in handle.strip("@") else handle
    words = [word for word in _HANDLE_BREAK.split(local) if word]
    return " ".join(word.capitalize() if word.islower() else word for word in words) or handle


def _front_matter(block: str) -> _Page | str:
    """The metadata of YAML front matter (the caller adds the body), or the reject reason."""
    try:
        fields = yaml.safe_load(block) or {}
    except yaml.YAMLError as error:
        return f"front matter is not YAML: {' '.join(str(error).split())}"
    if not isinstance(fields, dict):
        return "front matter is not a mapping"
    try:
        created_at = _moment(fields.get("date"))
    except ValueError as error:
        return f"front matter date: {error}"
    tags = fields.get("tags") or []
    return _Page(
        body="",
        title=_text(fields.get("title")) or "",
        author=_author(fields.get("author")),
        author_name=_author_name(fields.get("author")),
        created_at=created_at,
        community=_text(fields.get("community")),
        tags=[t.strip() for t in tags.split(",")]
        if isinstance(tags, str)
        else [str(t) for t in tags],
        url=_text(fields.get("url")),
        language=_text(fields.get("language")),
    )


def _moment(value: Any) -> datetime | None:
    """YAML gives a date, a datetime or (quoted) a string; a bare date means midnight UTC."""
    if value is None or isinstance(value, datetime):
        return as_utc(value)
    if isinstance(value, date):
        return datetime.combine(value, time(), UTC)
    return as_utc(datetime.fromisoformat(str(value)))


def _author(value: Any) -> str | None:
    """`author: malee` or `author: {id: malee, name: ...}` (the id is the stable handle)."""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name")
    return _text(value)


def _author_name(value: Any) -> str | None:
    """The `name` of `author: {id: malee, name: มาลี สุวรรณรัตน์}`, else None."""
    return _text(value.get("name")) if isinstance(value, dict) else None


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None
