"""Mattermost bulk exports (`mattermost export bulk`, JSON Lines): channels as communities.

Each line is `{"type": T, T: {...}}`: teams, channels, users, then posts. A post's replies
are nested in it (`replies[]`), with no ids of their own: a post with replies is a discussion
with them, and the other posts of a channel are cut into conversations (see `chat`). Each
channel is a community, private when its `type` is "P". Posts name their author by username,
which is the person's handle; the e-mail address every user line carries is never read.

The export gives posts no ids, so a post's id is its team, channel, time and author: the same
post in a newer export has the same id. Join and leave notices come through as ordinary posts
("harry joined the channel."): they are skipped and counted, as are direct messages (nobody's
community) and posts whose text is only emoji. A user whose `delete_at` is set was
deactivated on that day: an `AccountClosed` (the person has left), when they wrote something
kept; any other author is an `AccountOpen`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ingest.records import RawCommunity, RawPerson, Reject, Skipped, account_state
from ingest.sources import Records, decode_utf8, encoding_problem
from ingest.sources.chat import (
    EMOJI,
    MAX_LINE_BYTES,
    ChatMessage,
    bounded_lines,
    conversations,
    discussion,
    too_long,
)

_FIRST_LINE = re.compile(rb'^\s*\{\s*"type"\s*:\s*"version"')
_JOIN_LEAVE = re.compile(
    r"^@?[\w.-]+ (?:(?:joined|left) the (?:channel|team)"
    r"|(?:added to|removed from) the (?:channel|team)(?: by @?[\w.-]+)?)\.?$"
)
_MENTION = re.compile(r"(?<![\w@])@([a-z0-9][a-z0-9._-]*)", re.I)
_DIRECT = {"direct_channel", "direct_post"}

Key = tuple[str, str]
"""A channel: (team name, channel name)."""


def is_mattermost_export(path: Path) -> bool:
    """Whether `path` is a bulk export: a file whose first line is its `version` line."""
    if not path.is_file():
        return False
    with path.open("rb") as file:
        return bool(_FIRST_LINE.match(file.readline(4096)))


def read_mattermost(path: Path, community: str | None = None) -> Records:
    """Read a Mattermost bulk export.

    Args:
        path: The `.jsonl` (or `.json`) file the export wrote.
        community: Unused by channels (each is its own community); accepted so that every
            reader is called alike.

    Yields:
        A `SourceRecord` per thread and conversation (position "line N", a reply "line N
        reply K"); a `Reject` per unreadable line, malformed post or post in a channel the
        export does not list; a `Skipped` per join/leave notice, system post, direct message
        and emoji-only post; last, per user with a post kept, an `AccountClosed` (deactivated)
        or `AccountOpen`.
    """
    export = _Export()
    with path.open("rb") as lines:
        for number, line in enumerate(bounded_lines(lines), start=1):
            if isinstance(line, int):
                reason = f"line of {line} bytes is over the {MAX_LINE_BYTES} limit"
                yield Reject(source=export.source, position=f"line {number}", reason=reason)
            elif line.strip():
                yield from export.line(line, f"line {number}")
    yield from export.discussions(community)


class _Export:
    def __init__(self) -> None:
        self.source = "mattermost"
        self.channels: dict[Key, RawCommunity] = {}
        self.names: dict[str, str] = {}
        self.threads: list[tuple[Key, list[ChatMessage]]] = []
        self.loose: dict[Key, list[ChatMessage]] = {}
        self.deactivated: dict[str, date] = {}
        """Users whose `delete_at` dates a deactivation, with that day."""
        self.positions: dict[str, str] = {}
        """Each user's line."""
        self.authors: set[str] = set()
        """Every user with a message kept."""

    def line(self, data: bytes, position: str) -> Iterator[Reject | Skipped]:
        text = decode_utf8(data)
        if isinstance(text, UnicodeDecodeError):
            yield Reject(source=self.source, position=position, reason=encoding_problem(text))
            return
        try:
            line = json.loads(text)
        except json.JSONDecodeError as error:
            yield Reject(source=self.source, position=position, reason=f"malformed JSON: {error}")
            return
        kind = line.get("type") if isinstance(line, dict) else None
        item = line.get(kind) if isinstance(kind, str) else None
        if kind in _DIRECT:
            yield Skipped(source=self.source, position=position, kind="direct message")
        elif kind in ("version", "team", "emoji", "scheme", "role"):
            return
        elif not isinstance(item, dict):
            reason = "not a {type, <type>: {...}} line"
            yield Reject(source=self.source, position=position, reason=reason)
        elif kind == "channel":
            self._channel(item)
        elif kind == "user" and isinstance(item.get("username"), str):
            self.names[item["username"]] = _name(item)
            self.positions[item["username"]] = position
            if closed := _deactivated_on(item.get("delete_at")):
                self.deactivated[item["username"]] = closed
        elif kind == "post":
            yield from self._post(item, position)

    def _channel(self, item: dict[str, Any]) -> None:
        team, name = str(item.get("team", "")), str(item.get("name", ""))
        self.channels[(team, name)] = RawCommunity(
            id=f"{self.source}:{team}/{name}",
            name=str(item.get("display_name") or name),
            private=item.get("type") == "P",
            description=str(item.get("purpose") or ""),
        )

    def _post(self, post: dict[str, Any], position: str) -> Iterator[Reject | Skipped]:
        key = (str(post.get("team", "")), str(post.get("channel", "")))
        if key not in self.channels:
            reason = f"channel {key[1]!r} of team {key[0]!r} is not in the export"
            yield Reject(source=self.source, position=position, reason=reason)
            return
        thread: list[ChatMessage] = []
        root = self._message(post, key, position)
        replies = post.get("replies")
        for number, reply in enumerate(replies if isinstance(replies, list) else [], start=1):
            read = self._message(reply, key, f"{position} reply {number}")
            if isinstance(read, ChatMessage):
                thread.append(read)
            elif isinstance(read, Reject) and isinstance(root, ChatMessage):
                yield read.model_copy(update={"document_id": root.id})  # a sync keeps it
            else:
                yield read
        if isinstance(root, ChatMessage) and not thread:
            self.loose.setdefault(key, []).append(root)
            return
        if isinstance(root, ChatMessage):
            thread.insert(0, root)
        else:
            yield root
        if thread:
            self.threads.append((key, thread))

    def _message(self, raw: Any, key: Key, position: str) -> ChatMessage | Reject | Skipped:
        if not isinstance(raw, dict):
            return Reject(source=self.source, position=position, reason="not a JSON object")
        user, text, at = raw.get("user"), raw.get("message"), raw.get("create_at")
        post_type = str(raw.get("type") or "")
        if (
            post_type.startswith("system_join")
            or post_type.startswith("system_leave")
            or (isinstance(text, str) and _JOIN_LEAVE.match(text.strip()))
        ):
            return Skipped(source=self.source, position=position, kind="join/leave message")
        if post_type.startswith("system_"):
            return Skipped(source=self.source, position=position, kind="system message")
        if not isinstance(user, str) or not user:
            return Reject(source=self.source, position=position, reason="missing user")
        if not isinstance(text, str):
            return Reject(source=self.source, position=position, reason="missing message")
        if problem := too_long(len(text)):
            return Reject(source=self.source, position=position, reason=problem)
        if not isinstance(at, int) or isinstance(at, bool):
            return Reject(source=self.source, position=position, reason=f"bad create_at {at!r}")
        try:
            created = datetime.fromtimestamp(at / 1000, UTC)
        except (OverflowError, OSError, ValueError):
            return Reject(source=self.source, position=position, reason=f"bad create_at {at}")
        body = EMOJI.sub("", text).strip()
        if not body and text.strip():
            return Skipped(source=self.source, position=position, kind="emoji-only message")
        reactions = raw.get("reactions")
        self.authors.add(user)
        return ChatMessage(
            id=f"{self.source}:{key[0]}/{key[1]}:{at}:{user}",
            position=position,
            author=RawPerson(source=self.source, handle=user, name=self.names.get(user, user)),
            body=body,
            body_format="markdown",
            created_at=created,
            score=len(reactions) if isinstance(reactions, list) else 0,
            mentions=frozenset(_MENTION.findall(text)),
        )

    def discussions(self, fallback: str | None) -> Records:
        """The threads, then each channel's other posts cut into conversations."""
        groups = list(self.threads) + [
            (key, run) for key, posts in self.loose.items() for run in conversations(posts)
        ]
        for key, group in sorted(groups, key=lambda g: (g[0], g[1][0].created_at)):
            yield from discussion(self.source, group, self.channels[key], fallback)
        for user in sorted(self.authors & set(self.positions)):
            person = RawPerson(source=self.source, handle=user, name=self.names[user])
            closed = self.deactivated.get(user)
            yield account_state(
                self.source, self.positions[user], person, "deactivated", closed, "export"
            )


def _deactivated_on(delete_at: Any) -> date | None:
    """The UTC day a user's `delete_at` (epoch milliseconds; 0 or absent: active) names."""
    if not isinstance(delete_at, int) or isinstance(delete_at, bool) or delete_at <= 0:
        return None
    try:
        return datetime.fromtimestamp(delete_at / 1000, UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _name(user: dict[str, Any]) -> str:
    """A user's name (first and last, else nickname, else username); never their e-mail."""
    full = f"{user.get('first_name') or ''} {user.get('last_name') or ''}".strip()
    return full or str(user.get("nickname") or "") or str(user["username"])
