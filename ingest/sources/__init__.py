"""Readers, one per input format, and the rules they share about what a reader may yield.

Every reader is `read_<format>(path, community=None, ...) -> Records` and streams: it never
holds a whole input in memory and never raises on a bad record. What is wrong with one record
(bad encoding, bad syntax, no body, no author) becomes a `Reject` with its position, and
reading goes on; what is fine but no content (a bot's message, a redirect) is a `Skipped`.
Each format has a module of its own (`jsonl`, `files`, `stackexchange`, `mbox`, `discourse`,
`mediawiki`, `slack`, `teams`, `mattermost`, `line_chat`); `detect.read_source` picks one
from the path.

The rules here are shared so that every format rejects the same things the same way:

- a post with an empty body or no author is rejected on its own; its thread still goes in;
- a document with an empty body is rejected with its whole thread (its posts would hang from
  nothing);
- a document with no author is kept when it has posts (a deleted user's question still anchors
  its answers) and rejected otherwise, as `ingest.content` expects.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

from ingest.records import RawCommunity, RawContent, ReadItem, Reject, SourceRecord

Records = Iterator[ReadItem]
"""What every reader yields. A `Skipped` is an item the reader understood and that is no
content for the graph (a bot's message, a forum's own notice, a wiki redirect): counted
by kind, not rejected, and taken by a sync for gone from the source (a page that became
a redirect is deleted), where a reject keeps its document. `AccountClosed` and
`AccountOpen` are no content either: what the source says of a person's account
(ingest/statuses.py)."""


def encoding_problem(error: UnicodeDecodeError) -> str:
    """A reject reason naming the encoding and the bad byte, to find it with a hex viewer."""
    bad = error.object[error.start : error.start + 1].hex()
    encoding = "UTF-8" if error.encoding.startswith("utf-8") else error.encoding
    return f"not valid {encoding}: byte 0x{bad} at offset {error.start}"


def decode_utf8(data: bytes) -> str | UnicodeDecodeError:
    """The text of `data` (a leading BOM dropped), or the error saying why it is not UTF-8."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return error


def as_utc(moment: datetime | None) -> datetime | None:
    """Sources that write local-less timestamps (StackExchange, front matter) mean UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def check_post(source: str, position: str, post: RawContent) -> RawContent | Reject:
    """The post, or its reject when it has no body or no author."""
    if not post.body.strip():
        return Reject(source=source, position=position, reason="empty body")
    if post.author is None:
        return Reject(source=source, position=position, reason="missing author")
    return post


def record_or_reject(
    source: str,
    position: str,
    document: RawContent,
    posts: list[RawContent],
    community: str | None,
    community_profile: RawCommunity | None = None,
) -> SourceRecord | Reject:
    """The record, or the reject of the whole thread when its document cannot anchor it.

    Posts are expected to have passed `check_post` already: the caller knows their positions
    and reports them. A `community_profile` (a community the source declares) sets the
    community to its id.
    """
    if not document.body.strip():
        return Reject(source=source, position=position, reason="empty body")
    if document.author is None and not posts:
        return Reject(source=source, position=position, reason="missing author")
    return SourceRecord(
        source=source,
        position=position,
        document=document,
        posts=posts,
        community=community_profile.id if community_profile else community,
        community_profile=community_profile,
    )
