"""copgraph JSONL: our interchange format, one document or discussion per line.

Anything another tool can export (a forum, a wiki, a chat archive) can reach copgraph through
this format without a reader of its own. The pydantic models below are the format: the
published JSON Schema (`docs/copgraph-record.schema.json`) is generated from them, and a test
keeps the committed file equal to the generated one. Regenerate it with
`python -m ingest.sources.jsonl > docs/copgraph-record.schema.json`.

Unknown fields are refused rather than ignored: a misspelt `auther` silently dropping every
author would be worse than a reject that names the field.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from graph_service.models import AuthorRole, LinkKind
from ingest.records import (
    BodyFormat,
    RawAuthorship,
    RawContent,
    RawKind,
    RawLink,
    RawPerson,
    Reject,
)
from ingest.sources import (
    Records,
    as_utc,
    check_post,
    decode_utf8,
    encoding_problem,
    record_or_reject,
)

_MAX_ERRORS = 3
_IDENTIFIER = r"^[^\x00-\x1f\x7f]*$"
"""Ids and community ids carry no control characters: SQLite's JSON functions, which the
embedded store looks ids up with, end a string at NUL, so such an id would lose its links."""
_PEOPLE = "jsonl"
"""Person namespace shared by every JSONL file, so one person in two exports (or in a renamed
file) stays one person."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Author(_Strict):
    """Who wrote a document or post."""

    id: str = Field(
        min_length=1,
        description="One id is one person across every JSONL file (`jsonl:<id>` in people.yaml).",
    )
    name: str = Field("", description="Display name; defaults to the id.")


class Authorship(Author):
    """One of several people who wrote a document or post, with their part in it."""

    role: AuthorRole = Field(
        "author",
        description="`author` (default), `editor` (revised it) or `contributor` (wrote a part).",
    )


class Link(_Strict):
    """Another content this one cites, links to, or duplicates."""

    target: str = Field(
        min_length=1,
        pattern=_IDENTIFIER,
        description="Id of the linked content, in this file, another one, or not ingested yet.",
    )
    kind: LinkKind = Field("links_to", description="`cites`, `links_to` or `duplicate_of`.")


class _Content(_Strict):
    id: str = Field(
        min_length=1, pattern=_IDENTIFIER, description="Unique across everything ingested."
    )
    body: str = Field(description="The text, in the markup named by `format`.")
    format: BodyFormat = Field("text", description="Markup of `body`.")
    author: Author | None = Field(None, description="Missing only for a deleted user.")
    authors: list[Authorship] = Field(
        [], description="Several authors, in order, each with a role: instead of `author`."
    )
    links: list[Link] = Field([], description="Contents this one cites or links to.")
    created_at: datetime | None = Field(None, description="ISO 8601; UTC when no offset.")
    url: str | None = Field(None, description="Where the original lives (attribution).")
    language: str | None = Field(None, description="ISO 639-1 code; detected when absent.")
    score: int = Field(
        0,
        ge=-(2**63),
        le=2**63 - 1,
        description="Votes or likes, as the source counts them (a 64-bit integer, as stored).",
    )


class Post(_Content):
    """A reply, answer or comment inside a discussion."""

    reply_to: str | None = Field(
        None,
        pattern=_IDENTIFIER,
        description="Id of the discussion or of another post in it; default the discussion.",
    )
    kind: Literal["reply", "answer", "comment"] = "reply"
    accepted: bool = Field(False, description="An answer the asker accepted.")


class _Opening(_Content):
    title: str = ""
    community: str | None = Field(
        None, pattern=_IDENTIFIER, description="Community id; else the reader's default."
    )
    tags: list[str] = []


class Document(_Opening):
    """An article, a wiki page, a report: content without replies."""

    type: Literal["document"]


class Discussion(_Opening):
    """A thread: its opening post plus the posts that reply to it or to each other."""

    type: Literal["discussion"]
    posts: list[Post] = []


class CopgraphRecord(RootModel[Annotated[Document | Discussion, Field(discriminator="type")]]):
    """One line of a copgraph JSONL file."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema of one line, as published in `docs/copgraph-record.schema.json`."""
    schema = CopgraphRecord.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def read_jsonl(path: Path, community: str | None = None) -> Records:
    """Read a copgraph JSONL file line by line.

    Args:
        path: The `.jsonl` file.
        community: Community of records whose line names none.

    Yields:
        A `SourceRecord` per valid line (position "line N"); a `Reject` per line that is not
        UTF-8, not JSON or not a record, and per post without body or author.
    """
    source = f"jsonl:{path.name}"
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            position = f"line {number}"
            text = decode_utf8(raw)
            if isinstance(text, UnicodeDecodeError):
                yield Reject(source=source, position=position, reason=encoding_problem(text))
                continue
            if not text.strip():
                continue
            try:
                line = CopgraphRecord.model_validate_json(text).root
            except ValidationError as error:
                yield Reject(source=source, position=position, reason=_describe(error))
                continue
            yield from records_of(line, source, position, community)


def records_of(
    line: Document | Discussion, source: str, position: str, community: str | None = None
) -> Records:
    """One validated record as the pipeline takes it: the HTTP API's pushes use it too.

    Args:
        line: The document or discussion.
        source: Where it came from, for reports (`jsonl:<file>`, `api`).
        position: Where in the source (`line 12`); a post's rejects add ` post <id>`.
        community: Community when the record names none.

    Yields:
        A `Reject` per post without body or author, then the `SourceRecord` (or its `Reject`).
    """
    if problem := _authors_problem(line):
        yield Reject(source=source, position=position, reason=problem)
        return
    posts: list[RawContent] = []
    for post in line.posts if isinstance(line, Discussion) else []:
        where = f"{position} post {post.id}"
        if problem := _authors_problem(post):
            yield Reject(source=source, position=where, reason=problem)
            continue
        raw = _raw(post, post.kind, reply_to=post.reply_to or line.id, accepted=post.accepted)
        checked = check_post(source, where, raw)
        if isinstance(checked, Reject):
            yield checked
        else:
            posts.append(checked)
    if isinstance(line, Document):
        kind: RawKind = "article"
    elif any(post.kind == "answer" for post in line.posts):
        kind = "question"
    else:
        kind = "thread"
    document = _raw(line, kind, title=line.title, tags=line.tags)
    yield record_or_reject(source, position, document, posts, line.community or community)


def _raw(
    content: _Content,
    kind: RawKind,
    *,
    title: str = "",
    tags: list[str] | None = None,
    reply_to: str | None = None,
    accepted: bool = False,
) -> RawContent:
    authorships = content.authors
    if content.author is not None:
        authorships = [Authorship(id=content.author.id, name=content.author.name, role="author")]
    return RawContent(
        id=content.id,
        kind=kind,
        title=title,
        body=content.body,
        body_format=content.format,
        authors=[
            RawAuthorship(
                person=RawPerson(source=_PEOPLE, handle=author.id, name=author.name),
                role=author.role,
            )
            for author in authorships
        ],
        links=[RawLink(target_id=link.target, kind=link.kind) for link in content.links],
        created_at=as_utc(content.created_at),
        url=content.url,
        tags=tags or [],
        score=content.score,
        accepted=accepted,
        reply_to=reply_to,
        language=content.language,
    )


def _authors_problem(content: _Content) -> str | None:
    """Why a content's authors cannot be read: both `author` and `authors`, which would
    leave it unclear who comes first and with what role."""
    if content.author is not None and content.authors:
        return "author and authors: give one of them (authors for several people)"
    return None


def _describe(error: ValidationError) -> str:
    """The first few problems of a line, each as `where: what`, short enough for a report."""
    problems = [
        f"{'.'.join(str(part) for part in item['loc']) or 'line'}: {item['msg']}"
        for item in error.errors(include_url=False)
    ]
    more = len(problems) - _MAX_ERRORS
    return "; ".join(problems[:_MAX_ERRORS]) + (f" (+{more} more)" if more > 0 else "")


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
