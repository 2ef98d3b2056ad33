"""What the chat readers (Slack, Teams, Mattermost, LINE) share: messages made into discussions.

A chat is a stream of short messages, not a set of threads. Where the tool keeps threads
(Slack's `thread_ts`, Teams' `replyToId`, Mattermost's nested replies) a thread is a
discussion. Messages outside any thread are cut into conversations: a silence longer than
`CONVERSATION_GAP` starts a new one, unless the message names (`@someone`) a person of a
recent conversation, which is a reply cue ("@Somchai ลองใช้ฟางข้าวดูครับ" answers a question
asked the evening before). Within a discussion a message that names an earlier speaker replies
to that speaker's last message; any other replies to the opening one.

A discussion's id is its first message's, so a newer export of the same chat (which adds
messages at the end) updates the same discussion instead of making a new one.

Personal data: profiles are never read for contact fields, and e-mail addresses, phone
numbers and access tokens in message text become `[address]`, `[phone]` and `[token]`
(ingest/sources/contacts.py, the same patterns as the forum and wiki readers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import BinaryIO

from ingest.records import (
    BodyFormat,
    RawCommunity,
    RawContent,
    RawKind,
    RawPerson,
    Reject,
    SourceRecord,
    sole,
)
from ingest.sources import check_post, record_or_reject
from ingest.sources.contacts import scrub_contacts

CONVERSATION_GAP = timedelta(hours=2)
"""Silence that ends a conversation outside threads: longer than a lunch break, shorter than
a night, so a morning's exchange is one discussion and the next day's another."""
REPLY_CUE_WINDOW = timedelta(days=3)
"""How far back a reply cue may reach: over a weekend, not into last month."""
MAX_MESSAGE_CHARS = 100_000
"""No chat tool takes a message this long (Slack cuts at 40,000 characters, Mattermost at
16,383, LINE at 10,000): a longer one is a broken or hostile export, rejected."""
MAX_FILE_BYTES = 256 * 1024 * 1024
"""A JSON file of an export is read whole; a day or channel file over this is rejected rather
than allowed to take the machine's memory."""
MAX_LINE_BYTES = 64 * 1024 * 1024
"""A line of a line-based export (a Mattermost post with all its replies, a LINE message)
longer than this is rejected unread rather than held in memory."""
_TITLE_CHARS = 120

EMOJI = re.compile(r"(?<![\w:]):(?:[a-z][a-z0-9_+'-]*|\+1|-1):(?::skin-tone-\d:)?")
"""An emoji by name as Slack and Mattermost write it (`:tada:`, `:+1::skin-tone-2:`); not
`00:57:37` in a log line."""


def bounded_lines(file: BinaryIO, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | int]:
    """The lines of `file`; in place of one longer than `limit`, its length in bytes (it is
    read through in pieces, never held whole)."""
    while line := file.readline(limit + 1):
        if len(line) <= limit:
            yield line
            continue
        length = len(line)
        while not line.endswith(b"\n") and (line := file.readline(limit)):
            length += len(line)
        yield length


@dataclass(frozen=True)
class ChatMessage:
    """One message as a chat reader read it, its body already in plain text or markup."""

    id: str
    position: str
    author: RawPerson
    body: str
    created_at: datetime
    body_format: BodyFormat = "text"
    score: int = 0
    mentions: frozenset[str] = field(default_factory=frozenset)
    """The handles of the people the message names."""
    url: str | None = None


def too_long(message_chars: int) -> str | None:
    """The reject reason of a message body of this many characters, or None if it may go in."""
    if message_chars > MAX_MESSAGE_CHARS:
        return f"message of {message_chars} characters is over the {MAX_MESSAGE_CHARS} limit"
    return None


def conversations(
    messages: Iterable[ChatMessage], gap: timedelta = CONVERSATION_GAP
) -> list[list[ChatMessage]]:
    """Messages outside threads cut into conversations by silences and reply cues.

    A message after a silence that names someone joins the latest conversation begun in the
    last `REPLY_CUE_WINDOW` where that person spoke ("@Nok it worked" the next morning).
    Counting from the conversation's start keeps a discussion bounded: a chat where every
    morning someone answers yesterday's speaker does not become one month-long discussion.
    """
    runs: list[list[ChatMessage]] = []
    current: list[ChatMessage] = []  # where the message before went: it ends with that one
    for message in sorted(messages, key=lambda m: (m.created_at, m.id)):
        if current and message.created_at - current[-1].created_at <= gap:
            current.append(message)
            continue
        answered = _answered(runs, message)
        if answered is None:
            current = [message]
            runs.append(current)
        else:
            current = answered
            current.append(message)
    return runs


def _answered(runs: list[list[ChatMessage]], message: ChatMessage) -> list[ChatMessage] | None:
    """The conversation `message` answers by naming one of its speakers, if any; runs are in
    the order they began, so the search stops at the first one begun too long ago."""
    if not message.mentions:
        return None
    for run in reversed(runs):
        if message.created_at - run[0].created_at > REPLY_CUE_WINDOW:
            return None
        if message.mentions & {earlier.author.handle for earlier in run}:
            return run
    return None


def discussion(
    source: str,
    messages: list[ChatMessage],
    community: RawCommunity | None,
    fallback_community: str | None = None,
    title: str = "",
) -> list[SourceRecord | Reject]:
    """The rejects of a discussion's posts, then the discussion as a record (or its reject).

    A message with no text is rejected on its own, before the opening one is chosen, so an
    empty first message never takes its replies down with it.

    `messages` are in time order; the first opens the discussion. `community` is the
    community the source declares; `fallback_community` the id used when it declares none;
    `title` the thread's subject where the tool keeps one (else the first line is used).
    Every reject names the discussion's document (its first message with text), so a sync
    keeps that document rather than hold back its deletions.
    """
    kept = [message for message in messages if message.body.strip()]
    document_id = kept[0].id if kept else None
    out: list[SourceRecord | Reject] = [
        Reject(source=source, position=m.position, reason="empty body", document_id=document_id)
        for m in messages
        if not m.body.strip()
    ]
    if not kept:
        return out
    first, *rest = kept
    document = _content(first, "thread", None, title.strip() or _title(first.body))
    posts: list[RawContent] = []
    last_by: dict[str, str] = {first.author.handle: first.id}
    for message in rest:
        named = [last_by[handle] for handle in sorted(message.mentions) if handle in last_by]
        post = _content(message, "reply", named[-1] if named else first.id, "")
        checked = check_post(source, message.position, post)
        if isinstance(checked, Reject):
            out.append(checked.model_copy(update={"document_id": first.id}))
            continue
        posts.append(checked)
        last_by[message.author.handle] = message.id
    record = record_or_reject(
        source, first.position, document, posts, fallback_community, community
    )
    if isinstance(record, Reject):
        record = record.model_copy(update={"document_id": first.id})
    return [*out, record]


def _content(message: ChatMessage, kind: RawKind, reply_to: str | None, title: str) -> RawContent:
    return RawContent(
        id=message.id,
        kind=kind,
        title=scrub_contacts(title),
        body=scrub_contacts(message.body),
        body_format=message.body_format,
        authors=sole(message.author),
        created_at=message.created_at,
        url=message.url,
        score=message.score,
        reply_to=reply_to,
    )


def _title(body: str) -> str:
    """A discussion's title: its first message's first line, cut at a word near 120 chars."""
    line = next((line.strip() for line in body.splitlines() if line.strip()), "")
    if len(line) <= _TITLE_CHARS:
        return line
    cut = line[:_TITLE_CHARS].rsplit(" ", 1)[0]
    return (cut if len(cut) > _TITLE_CHARS // 2 else line[:_TITLE_CHARS]) + "…"
