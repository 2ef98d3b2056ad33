"""StackExchange data dumps: each question with its answers and comments as one record.

A dump is a folder of XML files with one `<row .../>` per line. A thread is scattered over
`Posts.xml` and `Comments.xml` (an answer may come years after its question), and holding the
rows until their thread is complete would cost as much memory as the dump. So two passes:

1. scan both files keeping, per question, an `array` of the byte offsets of its rows (its own,
   its answers', the comments on either), plus sorted arrays of answer ids and their questions
   to place comments, and the users' display names;
2. per question, seek to those offsets, parse only those rows and yield the record.

`PostLinks.xml`, when present, is read whole first (a few links per question): a post that
links to another becomes a `links_to` link, one closed as a duplicate a `duplicate_of` link,
by the linked post's id whether or not the dump holds it.

Memory: about 150 bytes per question, 24 per answer, 8 per comment, one name per user (a
million posts and three million comments: under 100 MB); the price is random reads in pass 2,
which the page cache absorbs. Each line is parsed on its own rather than with `iterparse`, so
a malformed row costs one reject instead of the rest of the file (published dumps hold one row
per line; a row spread over lines is rejected as malformed).

The content is CC BY-SA: every post keeps the URL of its original for attribution.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from graph_service.errors import InvalidInput
from graph_service.models import LinkKind
from ingest.records import RawContent, RawLink, RawPerson, Reject, sole
from ingest.sources import (
    Records,
    as_utc,
    check_post,
    decode_utf8,
    encoding_problem,
    record_or_reject,
)

Row = dict[str, str]
_ID = re.compile(r"-?[0-9]{1,18}")
"""An id as dumps write it: ASCII digits, few enough for the 64-bit arrays of pass 1. Not
`str.isdigit` or `\\d`, which take "²" (that `int` refuses) and other scripts' digits."""
_SCORE_RANGE = range(-(2**63), 2**63)
"""Scores are stored as 64-bit integers."""
LINK_KINDS: dict[str, LinkKind] = {"1": "links_to", "3": "duplicate_of"}
"""`PostLinks.xml` LinkTypeId: 1 a post links to another, 3 it duplicates it."""


def read_stackexchange(
    path: Path, community: str | None = None, site: str | None = None
) -> Records:
    """Read an unpacked StackExchange dump.

    Args:
        path: The dump folder; `Posts.xml` is required, `Users.xml`, `Comments.xml` and
            `PostLinks.xml` are used when present (the other files carry nothing a record
            needs).
        community: Community of every record.
        site: The site, as a name (`quantumcomputing`) or host (`stackoverflow.com`); by default
            the folder name, with a `stackexchange-` prefix dropped.

    Yields:
        A `SourceRecord` per question (kind "question", answers and comments as posts); a
        `Reject` per malformed row, per post without author or body, and per answer or comment
        whose question is not in the dump.

    Raises:
        InvalidInput: The folder has no `Posts.xml`.
    """
    if not (path / "Posts.xml").is_file():
        raise InvalidInput(f"{path} is not a StackExchange dump: no Posts.xml")
    thread = _Thread(*_site(site or path.name), community)
    for _, row in _rows(path / "Users.xml", thread.source):
        if isinstance(row, Reject):
            yield row
        else:
            thread.names[row["Id"]] = row.get("DisplayName", "")
    yield from _links(path / "PostLinks.xml", thread)
    index = _Index()
    yield from index.scan_posts(path / "Posts.xml", thread.source)
    yield from index.scan_comments(path / "Comments.xml", thread.source)
    comments = path / "Comments.xml"
    with (
        (path / "Posts.xml").open("rb") as posts,
        comments.open("rb") if comments.is_file() else io.BytesIO() as notes,
    ):
        for offsets in index.threads.values():
            yield from thread.read(posts, notes, offsets)


def _links(path: Path, thread: _Thread) -> Iterator[Reject]:
    """Read the dump's post links into `thread.links`, by the linking post's id."""
    for _, row in _rows(path, thread.source):
        if isinstance(row, Reject):
            yield row
        elif (kind := LINK_KINDS.get(row.get("LinkTypeId", ""))) is None:
            continue
        elif _ID.fullmatch(row.get("PostId", "")) and _ID.fullmatch(row.get("RelatedPostId", "")):
            target = f"{thread.source}:post:{row['RelatedPostId']}"
            thread.links.setdefault(row["PostId"], []).append(RawLink(target_id=target, kind=kind))
        else:
            yield Reject(
                source=thread.source,
                position=f"PostLinks.xml Id={row['Id']}",
                reason="no numeric PostId or RelatedPostId",
            )


class _Index:
    """Pass 1: where each question's rows are, as byte offsets (comments as `-offset - 1`)."""

    def __init__(self) -> None:
        self.threads: dict[int, array[int]] = {}
        self._answers = array("q")
        self._parents = array("q")
        self._others: set[int] = set()

    def scan_posts(self, path: Path, source: str) -> Iterator[Reject]:
        ids, parents, offsets = array("q"), array("q"), array("q")
        for offset, row in _rows(path, source):
            if isinstance(row, Reject):
                yield row
            elif row.get("PostTypeId") == "1" and int(row["Id"]) in self.threads:
                yield _duplicate(source, f"Posts.xml Id={row['Id']}")
            elif row.get("PostTypeId") == "1":
                self.threads[int(row["Id"])] = array("q", [offset])
            elif row.get("PostTypeId") != "2":
                self._others.add(int(row["Id"]))
            elif _ID.fullmatch(row.get("ParentId", "")):
                ids.append(int(row["Id"]))
                parents.append(int(row["ParentId"]))
                offsets.append(offset)
            else:
                yield Reject(
                    source=source, position=f"Posts.xml Id={row['Id']}", reason="no ParentId"
                )
        order: Iterable[int] = range(len(ids))
        if any(ids[at] > ids[at + 1] for at in range(len(ids) - 1)):
            order = sorted(order, key=ids.__getitem__)
        previous = None
        for at in order:
            if ids[at] == previous:
                yield _duplicate(source, f"Posts.xml Id={ids[at]}")
            elif parents[at] in self.threads:
                self._answers.append(ids[at])
                self._parents.append(parents[at])
                self.threads[parents[at]].append(offsets[at])
            else:
                yield _orphan(source, f"Posts.xml Id={ids[at]}", parents[at])
            previous = ids[at]

    def scan_comments(self, path: Path, source: str) -> Iterator[Reject]:
        for offset, row in _rows(path, source):
            if isinstance(row, Reject):
                yield row
                continue
            post = int(row["PostId"]) if _ID.fullmatch(row.get("PostId", "")) else 0
            question = post if post in self.threads else self._question_of(post)
            if question is not None:
                self.threads[question].append(-offset - 1)
            elif post not in self._others:
                yield _orphan(source, f"Comments.xml Id={row['Id']}", post)

    def _question_of(self, answer: int) -> int | None:
        at = bisect_left(self._answers, answer)
        if at < len(self._answers) and self._answers[at] == answer:
            return self._parents[at]
        return None


class _Thread:
    """Pass 2: one question's rows, read back by offset, made into a record."""

    def __init__(self, name: str, host: str, community: str | None) -> None:
        self.source = f"stackexchange:{name}"
        self.host = host
        self.community = community
        self.names: dict[str, str] = {}
        self.links: dict[str, list[RawLink]] = {}
        """Links each post makes, by its dump id (from `PostLinks.xml`)."""

    def read(self, posts: BinaryIO, notes: BinaryIO, offsets: array[int]) -> Records:
        question = _row_at(posts, offsets[0], "Posts.xml", self.source)
        if isinstance(question, Reject):
            yield question
            return
        kept: list[RawContent] = []
        for offset in offsets[1:]:
            if offset >= 0:
                row = _row_at(posts, offset, "Posts.xml", self.source)
            else:
                row = _row_at(notes, -offset - 1, "Comments.xml", self.source)
            post = row if isinstance(row, Reject) else self._content(row, question)
            if isinstance(post, Reject):
                yield post
            else:
                kept.append(post)
        document = self._content(question, question)
        if isinstance(document, Reject):
            yield document
        else:
            position = f"Posts.xml Id={question['Id']}"
            yield record_or_reject(self.source, position, document, kept, self.community)

    def _content(self, row: Row, question: Row) -> RawContent | Reject:
        """A question, answer or comment (it has a `PostId`); a post is checked for its parts."""
        comment = "PostId" in row
        position = f"{'Comments' if comment else 'Posts'}.xml Id={row['Id']}"
        try:
            created = as_utc(datetime.fromisoformat(row["CreationDate"]))
            score = int(row.get("Score", "0"))
            if score not in _SCORE_RANGE:
                raise ValueError(f"Score {score} is out of the 64-bit range")
        except (KeyError, ValueError) as error:
            return Reject(source=self.source, position=position, reason=f"bad value: {error}")
        if comment:
            post = RawContent(
                id=f"{self.source}:comment:{row['Id']}",
                kind="comment",
                body=row.get("Text", ""),
                body_format="markdown",
                authors=sole(self._author(row.get("UserId"), row.get("UserDisplayName"))),
                created_at=created,
                url=f"https://{self.host}/posts/comments/{row['Id']}",
                score=score,
                reply_to=f"{self.source}:post:{row['PostId']}",
            )
            return check_post(self.source, position, post)
        answer = row.get("PostTypeId") == "2"
        content = RawContent(
            id=f"{self.source}:post:{row['Id']}",
            kind="answer" if answer else "question",
            title=row.get("Title", ""),
            body=row.get("Body", ""),
            body_format="html",
            authors=sole(self._author(row.get("OwnerUserId"), row.get("OwnerDisplayName"))),
            created_at=created,
            url=f"https://{self.host}/{'a' if answer else 'q'}/{row['Id']}",
            tags=_tags(row.get("Tags", "")),
            score=score,
            accepted=answer and row["Id"] == question.get("AcceptedAnswerId"),
            reply_to=f"{self.source}:post:{question['Id']}" if answer else None,
            links=self.links.get(row["Id"], []),
        )
        return check_post(self.source, position, content) if answer else content

    def _author(self, user_id: str | None, display_name: str | None) -> RawPerson | None:
        """The user; a deleted one keeps only a display name, an erased one nothing."""
        if user_id:
            name = self.names.get(user_id) or display_name or f"user{user_id}"
            return RawPerson(source=self.source, handle=user_id, name=name)
        if display_name:
            return RawPerson(source=self.source, handle=f"name:{display_name}", name=display_name)
        return None


def _site(site: str) -> tuple[str, str]:
    """(short name, host) of `quantumcomputing`, `quantumcomputing.stackexchange.com`,
    `stackexchange-quantumcomputing` or `stackoverflow.com`."""
    name = site.removeprefix("stackexchange-")
    if "." not in name:
        return name, f"{name}.stackexchange.com"
    short = name.removesuffix(".stackexchange.com")
    return (short if short != name else name.rsplit(".", 1)[0]), name


def _tags(value: str) -> list[str]:
    """Tags as `<a><b>` (older dumps) or `|a|b|` (newer ones)."""
    if value.startswith("|"):
        return [tag for tag in value.split("|") if tag]
    return re.findall(r"<([^<>]+)>", value)


def _orphan(source: str, position: str, post: int) -> Reject:
    return Reject(
        source=source, position=position, reason=f"post {post} has no question in the dump"
    )


def _duplicate(source: str, position: str) -> Reject:
    """A post whose Id an earlier row of the dump has: the first one is kept (the sort above
    is stable), as the mbox reader keeps the first of a repeated Message-ID."""
    return Reject(source=source, position=position, reason="duplicate Id: an earlier row has it")


def _rows(path: Path, source: str) -> Iterator[tuple[int, Row | Reject]]:
    """Every `<row>` of a file with its byte offset; nothing when the file is absent."""
    if not path.is_file():
        return
    with path.open("rb") as lines:
        offset = 0
        for number, line in enumerate(lines, start=1):
            if line.lstrip().startswith(b"<row"):
                yield offset, _parse(line, source, f"{path.name} line {number}")
            offset += len(line)


def _row_at(file: BinaryIO, offset: int, name: str, source: str) -> Row | Reject:
    file.seek(offset)
    return _parse(file.readline(), source, f"{name} byte {offset}")


def _parse(line: bytes, source: str, position: str) -> Row | Reject:
    """A row's attributes. A lone row line cannot declare a DTD, so no entity expansion."""
    text = decode_utf8(line)
    if isinstance(text, UnicodeDecodeError):
        return Reject(source=source, position=position, reason=encoding_problem(text))
    try:
        attributes = ET.fromstring(text).attrib
    except ET.ParseError as error:
        return Reject(source=source, position=position, reason=f"malformed XML row: {error}")
    if not _ID.fullmatch(attributes.get("Id", "")):
        return Reject(source=source, position=position, reason="row without a numeric Id")
    return dict(attributes)
