"""What a source reader yields: raw threads and documents, or a reject saying what was wrong.

Readers know formats, not the graph: they produce `SourceRecord`s (one Document with its
Posts, bodies still in their original markup) and `Reject`s (a position and a reason), and the
pipeline turns records into graph nodes. Keeping readers this dumb is what lets one bad record
be reported while the rest of the batch goes in.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BodyFormat = Literal["text", "html", "markdown"]
RawKind = Literal["article", "question", "thread", "file", "answer", "comment", "reply"]


class RawPerson(BaseModel):
    """An author as the source names them; `handle` is stable within `source`."""

    model_config = ConfigDict(frozen=True)

    source: str
    handle: str = Field(min_length=1)
    name: str = ""


class RawContent(BaseModel):
    """A document or a post as read, before normalisation."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    kind: RawKind
    title: str = ""
    body: str
    body_format: BodyFormat = "text"
    author: RawPerson | None = None
    created_at: datetime | None = None
    url: str | None = None
    tags: list[str] = []
    score: int = 0
    accepted: bool = False
    reply_to: str | None = None
    language: str | None = None


class SourceRecord(BaseModel):
    """One document (an article, a thread's opening post, a question) with its posts."""

    model_config = ConfigDict(frozen=True)

    source: str
    position: str
    document: RawContent
    posts: list[RawContent] = []
    community: str | None = None


class Reject(BaseModel):
    """A record that could not be read: where it was and why."""

    model_config = ConfigDict(frozen=True)

    source: str
    position: str
    reason: str
