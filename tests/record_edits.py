"""Edits of a sample record that the property tests apply at random (another author, another
text, another date, acceptance flipped): one definition for the derivation and view tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from ingest.records import RawAuthorship, RawContent, RawPerson, SourceRecord


def edited(
    record: SourceRecord,
    operation: tuple[Any, ...],
    dates: Sequence[datetime | None],
    texts: Sequence[SourceRecord] = (),
) -> SourceRecord:
    """`record` as `operation` (`(kind, record index, *arguments)`) edits it: `author` (a
    handle), `text` (the body of `texts[i]`), `title` (the title of `texts[i]`, which its
    posts' passages carry too), `date` (`dates[i]`), `accept` (every post's
    acceptance flipped), `reply` (a reply by a handle with the body of `texts[i]` added,
    the rest of the thread as it was) or `drop` (its last post removed); other kinds leave
    it as it is."""
    kind, _, *args = operation
    document = record.document
    if kind == "author":
        person = RawPerson(source=document.author.source if document.author else "test",
                           handle=args[0])  # fmt: skip
        document = document.model_copy(update={"authors": [RawAuthorship(person=person)]})
    elif kind == "text":
        document = document.model_copy(update={"body": texts[args[0]].document.body})
    elif kind == "title":
        document = document.model_copy(update={"title": texts[args[0]].document.title})
    elif kind == "date":
        document = document.model_copy(update={"created_at": dates[args[0]]})
    posts: list[RawContent] = list(record.posts)
    if kind == "accept":
        posts = [p.model_copy(update={"accepted": not p.accepted}) for p in posts]
    elif kind == "reply":
        handle, source = args[0], texts[args[1]]
        person = RawPerson(source=document.author.source if document.author else "test",
                           handle=handle)  # fmt: skip
        posts.append(
            RawContent(
                id=f"{document.id}-reply-{len(posts)}-{handle}",
                kind="reply",
                body=source.document.body,
                authors=[RawAuthorship(person=person)],
                reply_to=document.id,
                created_at=document.created_at,
            )
        )
    elif kind == "drop":
        posts = posts[:-1]
    return record.model_copy(update={"document": document, "posts": posts})
