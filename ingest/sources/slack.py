"""Slack workspace exports (the zip, or the folder it unpacks to): channels as communities.

An export holds `users.json`, `channels.json` (public channels), `groups.json` and
`mpims.json` (private channels and group messages, in exports that include them) and a folder
per channel with one JSON array of messages per day. Each channel is a community, private
when it comes from `groups.json` or `mpims.json`; one-to-one messages (`dms.json`) are not
read, since they are nobody's community.

A message with replies (`thread_ts`) is a discussion with its replies, wherever their days
fall; other messages are cut into conversations (see `chat`). User ids become names from
`users.json`; Slack's markup becomes plain text (`<@U123>` the person's name, `<#C1|name>`
`#name`, `<url|label>` the label, `:emoji:` nothing); reactions are the score. Bots' messages,
join and leave notices and other system messages are skipped and counted. A user
`users.json` marks `deleted` (deactivated) who wrote something is an `AccountClosed`, left
since their last message (the export does not say when the account was deactivated).

Ids are the workspace's `team_id` with the channel id and the message `ts`: they do not move
when a channel is renamed or the export zip is named after another date, so a newer export
updates what an older one stored.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from graph_service.errors import InvalidInput
from ingest.records import AccountState, RawCommunity, RawPerson, Reject, Skipped, account_state
from ingest.sources import Records, decode_utf8, encoding_problem
from ingest.sources.chat import (
    EMOJI,
    MAX_FILE_BYTES,
    ChatMessage,
    conversations,
    discussion,
    too_long,
)

CHANNEL_LISTS = {"channels.json": False, "groups.json": True, "mpims.json": True}
"""The files listing channels, with whether their channels are private."""
_KEPT_SUBTYPES = {None, "thread_broadcast", "file_share", "file_comment", "me_message"}
_JOIN_LEAVE = {"channel_join", "channel_leave", "group_join", "group_leave"}
_MARKUP = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")
_FENCE = re.compile(r"```")


def is_slack_export(path: Path) -> bool:
    """Whether `path` is a Slack export: a folder or zip with `users.json` and a channel list."""
    if path.is_dir():
        names = {name for name in ("users.json", *CHANNEL_LISTS) if (path / name).is_file()}
    elif zipfile.is_zipfile(path):
        try:
            names = _Export(path).names
        except InvalidInput:
            return False
    else:
        return False
    return "users.json" in names and any(name in names for name in CHANNEL_LISTS)


def read_slack(path: Path, community: str | None = None) -> Records:
    """Read a Slack export channel by channel.

    Args:
        path: The export zip or the folder it unpacks to.
        community: Unused by channels (each is its own community); accepted so that every
            reader is called alike.

    Yields:
        A `SourceRecord` per thread and per conversation (kind "thread", replies as posts,
        position "CHANNEL/DAY.json message N"); a `Reject` per unreadable file or malformed
        message; a `Skipped` per bot message, join or leave notice and system message; last,
        per user with a message kept, an `AccountClosed` (deactivated) or `AccountOpen`.

    Raises:
        InvalidInput: `path` is a file but not a readable zip.
    """
    export = _Export(path)
    try:
        yield from _read(export, community)
    finally:
        export.close()


def _read(export: _Export, community: str | None) -> Records:
    workspace = _Workspace(export)
    yield from workspace.load_users()
    listed: list[tuple[dict[str, Any], bool]] = []
    for list_name, private in CHANNEL_LISTS.items():
        channels = export.json(list_name, workspace.source)
        if isinstance(channels, Reject):
            yield channels
            continue
        for number, channel in enumerate(channels or [], start=1):
            if not isinstance(channel, dict) or not channel.get("id") or not channel.get("name"):
                reason = "a channel without an id or a name"
                yield Reject(
                    source=workspace.source, position=f"{list_name} #{number}", reason=reason
                )
                continue
            workspace.channel_names[str(channel["id"])] = str(channel["name"])
            listed.append((channel, private))
    for channel, private in listed:
        yield from workspace.channel(channel, private, community)
    yield from workspace.unlisted()
    yield from workspace.accounts()


@dataclass(frozen=True)
class _Export:
    """The files of an export, from its folder or straight from its zip (opened once)."""

    path: Path

    @cached_property
    def _archive(self) -> zipfile.ZipFile | None:
        if self.path.is_dir():
            return None
        try:
            return zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, OSError) as error:
            raise InvalidInput(f"{self.path}: not a readable zip: {error}") from error

    @cached_property
    def names(self) -> set[str]:
        """Every file of the export, as paths relative to its root."""
        if self._archive is None:
            return {p.relative_to(self.path).as_posix() for p in self.path.rglob("*.json")}
        return set(self._archive.namelist())

    def read(self, name: str) -> bytes | str:
        """The bytes of a file, or why they cannot be read."""
        archive = self._archive
        size = (
            (self.path / name).stat().st_size
            if archive is None
            else archive.getinfo(name).file_size
        )
        if size > MAX_FILE_BYTES:
            return f"file of {size} bytes is over the {MAX_FILE_BYTES} limit"
        try:
            return (self.path / name).read_bytes() if archive is None else archive.read(name)
        except (zipfile.BadZipFile, zlib.error, OSError) as error:
            return f"unreadable in the zip: {error}"

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()

    def json(self, name: str, source: str) -> Any:
        """A JSON file's content; None when absent; a Reject when it is not a JSON array."""
        if name not in self.names:
            return None
        data = self.read(name)
        if isinstance(data, str):
            return Reject(source=source, position=name, reason=data)
        text = decode_utf8(data)
        if isinstance(text, UnicodeDecodeError):
            return Reject(source=source, position=name, reason=encoding_problem(text))
        try:
            content = json.loads(text)
        except json.JSONDecodeError as error:
            return Reject(source=source, position=name, reason=f"malformed JSON: {error}")
        if not isinstance(content, list):
            return Reject(source=source, position=name, reason="not a JSON array")
        return content


class _Workspace:
    def __init__(self, export: _Export) -> None:
        self.export = export
        self.names = export.names
        self.source = "slack"
        self.users: dict[str, RawPerson] = {}
        self.bots: set[str] = set()
        self.channel_names: dict[str, str] = {}
        """Every listed channel's name by id, read before any message (`<#C123>` names one)."""
        self.deactivated: set[str] = set()
        """Users `users.json` marks `deleted` (deactivated)."""
        self.positions: dict[str, str] = {}
        """Each user's place in `users.json`."""
        self.last_seen: dict[str, datetime] = {}
        """Each author's newest message kept, by user id."""

    def load_users(self) -> Iterator[Reject]:
        """Names and bots from `users.json`; the workspace's team id names the source."""
        users = self.export.json("users.json", "slack")
        if isinstance(users, Reject):
            yield users
            users = []
        teams = {
            u["team_id"]
            for u in users or []
            if isinstance(u, dict) and isinstance(u.get("team_id"), str) and u["team_id"]
        }
        self.source = f"slack:{min(teams)}" if teams else f"slack:{self.export.path.stem}"
        for number, user in enumerate(users or [], start=1):
            if not isinstance(user, dict) or not isinstance(user.get("id"), str) or not user["id"]:
                reason = "a user without an id"
                yield Reject(source=self.source, position=f"users.json #{number}", reason=reason)
                continue
            if user.get("is_bot") or user.get("id") == "USLACKBOT":
                self.bots.add(user["id"])
            elif user.get("deleted") is True:
                self.deactivated.add(user["id"])
            self.positions[user["id"]] = f"users.json #{number}"
            self.users[user["id"]] = RawPerson(
                source=self.source, handle=user["id"], name=_display_name(user)
            )

    def channel(self, channel: dict[str, Any], private: bool, fallback: str | None) -> Records:
        """One channel's messages, its threads and conversations made into records."""
        profile = RawCommunity(
            id=f"{self.source}:{channel['id']}",
            name=f"#{channel['name']}",
            private=private,
            description=_value(channel.get("purpose")) or _value(channel.get("topic")),
        )
        threads: dict[str, list[ChatMessage]] = {}
        loose: list[ChatMessage] = []
        seen: set[str] = set()
        folder = f"{channel['name']}/"
        days = sorted(n for n in self.names if n.startswith(folder) and n.endswith(".json"))
        for day in days:
            messages = self.export.json(day, self.source)
            if isinstance(messages, Reject):
                yield messages
                continue
            for number, raw in enumerate(messages, start=1):
                position = f"{day} message {number}"
                read = self._message(raw, channel["id"], position, seen)
                if isinstance(read, Reject):
                    yield self._in_thread(read, raw, channel["id"])
                    continue
                if isinstance(read, Skipped):
                    yield read
                    continue
                message, thread = read
                if thread is None:
                    loose.append(message)
                else:
                    threads.setdefault(thread, []).append(message)
        groups = [(None, run) for run in conversations(loose)] + list(threads.items())
        for thread, group in sorted(groups, key=lambda g: min(m.created_at for m in g[1])):
            ordered = sorted(group, key=lambda m: (m.created_at, m.id))
            root_id = f"{self.source}:{channel['id']}:{thread}"
            root = next((m for m in ordered if m.id == root_id), None)
            if root is not None:
                ordered = [root, *(m for m in ordered if m is not root)]
            yield from discussion(self.source, ordered, profile, fallback)

    def _in_thread(self, reject: Reject, raw: Any, channel_id: str) -> Reject:
        """A message's reject naming its thread's document when it names a thread (a sync
        then keeps that thread as stored); a message outside threads could have opened any
        conversation, so its reject names none and holds a sync's deletions back."""
        thread = raw.get("thread_ts") if isinstance(raw, dict) else None
        if not isinstance(thread, str) or not thread:
            return reject
        return reject.model_copy(update={"document_id": f"{self.source}:{channel_id}:{thread}"})

    def accounts(self) -> Iterator[AccountState]:
        """What `users.json` says of each user who wrote something kept: deactivated (left
        since their last message: the export does not date a deactivation) or open."""
        for user, position in self.positions.items():
            if user not in self.last_seen:
                continue
            yield account_state(
                self.source,
                position,
                self.users[user],
                "deactivated" if user in self.deactivated else None,
                self.last_seen[user].date(),
                "last activity",
            )

    def unlisted(self) -> Iterator[Skipped]:
        """Day files of folders no channel list names (one-to-one messages, a channel left out
        of the lists): said, not read."""
        listed = {f"{name}/" for name in self.channel_names.values()}
        for name in sorted(self.names):
            if "/" in name and not any(name.startswith(folder) for folder in listed):
                yield Skipped(source=self.source, position=name, kind="unlisted channel file")

    def _message(
        self, raw: Any, channel_id: str, position: str, seen: set[str]
    ) -> tuple[ChatMessage, str | None] | Reject | Skipped:
        """A message with the thread it belongs to (None outside threads), or why not."""
        if not isinstance(raw, dict):
            return Reject(source=self.source, position=position, reason="not a JSON object")
        subtype = raw.get("subtype")
        if (
            subtype == "bot_message"
            or raw.get("user") in self.bots
            or (raw.get("bot_id") and not raw.get("user"))
        ):
            return Skipped(source=self.source, position=position, kind="bot message")
        if subtype in _JOIN_LEAVE:
            return Skipped(source=self.source, position=position, kind="join/leave message")
        if subtype not in _KEPT_SUBTYPES:
            return Skipped(source=self.source, position=position, kind="system message")
        comment = raw.get("comment") if subtype == "file_comment" else None
        body = comment if isinstance(comment, dict) else raw
        user, text, ts = body.get("user"), body.get("text", body.get("comment")), raw.get("ts")
        if not isinstance(user, str) or not user:
            return Reject(source=self.source, position=position, reason="missing user")
        if not isinstance(text, str):
            return Reject(source=self.source, position=position, reason="missing text")
        if problem := too_long(len(text)):
            return Reject(source=self.source, position=position, reason=problem)
        created = _time(ts) if isinstance(ts, str) else None
        if created is None or not isinstance(ts, str):
            return Reject(source=self.source, position=position, reason=f"bad ts {ts!r}")
        if ts in seen:
            return Reject(source=self.source, position=position, reason=f"duplicate ts {ts}")
        seen.add(ts)
        plain, mentions = self._plain(text)
        if not plain and EMOJI.search(text):
            return Skipped(source=self.source, position=position, kind="emoji-only message")
        author = self.users.get(user) or RawPerson(
            source=self.source, handle=user, name=_display_name(raw.get("user_profile") or {})
        )
        self.last_seen[user] = max(created, self.last_seen.get(user, created))
        message = ChatMessage(
            id=f"{self.source}:{channel_id}:{ts}",
            position=position,
            author=author,
            body=plain,
            created_at=created,
            score=_reactions(raw.get("reactions")),
            mentions=mentions,
        )
        thread = raw.get("thread_ts")
        return message, thread if isinstance(thread, str) and thread else None

    def _plain(self, text: str) -> tuple[str, frozenset[str]]:
        """Slack markup as plain text, with the ids of the people it mentions."""
        mentioned: set[str] = set()

        def render(match: re.Match[str]) -> str:
            sigil, target, label = match.group(1), match.group(2), match.group(3)
            if sigil == "@":
                mentioned.add(target)
                person = self.users.get(target)
                return f"@{label or (person.name if person else target)}"
            if sigil == "#":
                return f"#{label or self.channel_names.get(target, target)}"
            if sigil == "!":
                return label or f"@{target.split('^')[0]}"
            if target.startswith("mailto:"):
                return "[address]"
            return label or target

        plain = html.unescape(EMOJI.sub("", _FENCE.sub("\n", _MARKUP.sub(render, text))))
        return plain.strip(), frozenset(mentioned)


def _display_name(user: dict[str, Any]) -> str:
    profile = user.get("profile") if isinstance(user.get("profile"), dict) else user
    for key in ("real_name", "display_name", "name"):
        for holder in (user, profile):
            value = holder.get(key) if isinstance(holder, dict) else None
            if isinstance(value, str) and value.strip():
                return value.strip()
    return ""


def _value(field: Any) -> str:
    value = field.get("value") if isinstance(field, dict) else None
    return value if isinstance(value, str) else ""


def _time(ts: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _reactions(reactions: Any) -> int:
    """Reactions as the score: everyone's, of every emoji."""
    if not isinstance(reactions, list):
        return 0
    total = 0
    for reaction in reactions:
        if isinstance(reaction, dict):
            count = reaction.get("count")
            users = reaction.get("users")
            total += (
                count if isinstance(count, int) else len(users) if isinstance(users, list) else 0
            )
    return total
