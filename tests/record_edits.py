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
    handle), `text` (the body of `texts[i]`), `date` (`dates[i]`) or `accept` (every post's
    acceptance flipped); other kinds leave it as it is."""
    kind, _, *args = operation
    document = record.document
    if kind == "author":
        person = RawPerson(source=document.author.source if document.author else "test",
                           handle=args[0])  # fmt: skip
        document = document.model_copy(update={"authors": [RawAuthorship(person=person)]})
    elif kind == "text":
        document = document.model_copy(update={"body": texts[args[0]].document.body})
    elif kind == "date":
        document = document.model_copy(update={"created_at": dates[args[0]]})
    posts: list[RawContent] = list(record.posts)
    if kind == "accept":
        posts = [p.model_copy(update={"accepted": not p.accepted}) for p in posts]
    return record.model_copy(update={"document": document, "posts": posts})
