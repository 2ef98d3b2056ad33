"""Microsoft Teams channel messages as Microsoft Graph gives them (`chatMessage` JSON).

Two shapes are read: the Teams data export (`messages_<team>.json`, a JSON array with
PascalCase keys, beside `channels_<team>.json`) and what the Graph API returns for a
channel's messages or replies (camelCase keys, the array under `value`). A root message
(`replyToId` null) with its replies is a discussion, titled by its `subject` when it has one;
each channel is a community, private when its `membershipType` is private or shared (shared
channels admit people from outside the team). Bodies are HTML; reactions are the score.
System events (`<systemEventMessage/>`), application messages and deleted messages are skipped
and counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from ingest.records import RawCommunity, RawPerson, Reject, Skipped
from ingest.sources import Records, decode_utf8, encoding_problem
from ingest.sources.chat import MAX_FILE_BYTES, ChatMessage, discussion, too_long

_PRIVATE = {"private", "shared"}
_CUES = (b'"ChannelIdentity"', b'"channelIdentity"', b'"ReplyToId"', b'"replyToId"')
"""Keys only a Graph `chatMessage` has, looked for at the start of a JSON file."""


def is_teams_export(path: Path) -> bool:
    """Whether `path` is a Teams export folder (`messages_*.json`) or a Graph messages file."""
    if path.is_dir():
        return any(path.glob("messages_*.json"))
    if path.suffix.lower() != ".json" or not path.is_file():
        return False
    with path.open("rb") as file:
        start = file.read(8192)
    return any(cue in start for cue in _CUES)


def read_teams(path: Path, community: str | None = None) -> Records:
    """Read Teams channel messages.

    Args:
        path: A folder of `messages_*.json` (with `channels_*.json` for channel names and
            privacy), or one messages file.
        community: Community of messages whose channel is unknown (a Graph file without
            `channelIdentity`).

    Yields:
        A `SourceRecord` per root message with its replies (position "FILE #N"; ids
        `teams:<channel id>:<message id>`, as message ids are unique only within a channel);
        a `Reject` per unreadable file or malformed message; a `Skipped` per system event,
        application message or deleted message.
    """
    files = sorted(path.glob("messages_*.json")) if path.is_dir() else [path]
    for file in files:
        yield from _Team(file, community).read()


def _get(item: Any, key: str) -> Any:
    """`key` in PascalCase (the data export) or camelCase (the Graph API)."""
    if not isinstance(item, dict):
        return None
    return item[key] if key in item else item.get(key[0].lower() + key[1:])


class _Team:
    def __init__(self, path: Path, fallback: str | None) -> None:
        self.path = path
        self.fallback = fallback
        self.source = "teams"
        self.channels: dict[str, RawCommunity] = {}

    def read(self) -> Records:
        messages = _load(self.path, self.source)
        if isinstance(messages, Reject):
            yield messages
            return
        yield from self._load_channels()
        threads: dict[tuple[str, str], list[ChatMessage]] = {}
        subjects: dict[str, str] = {}
        for number, raw in enumerate(messages, start=1):
            read = self._message(raw, f"{self.path.name} #{number}")
            if isinstance(read, Reject):
                yield self._in_thread(read, raw)
                continue
            if isinstance(read, Skipped):
                yield read
                continue
            message, channel, root = read
            threads.setdefault((channel, root), []).append(message)
            if root == message.id.rsplit(":", 1)[1]:
                subjects[message.id] = str(_get(raw, "Subject") or "")
        for (channel, root), group in sorted(
            threads.items(), key=lambda item: min(m.created_at for m in item[1])
        ):
            ordered = sorted(group, key=lambda m: (m.created_at, m.id))
            opening = next((m for m in ordered if m.id.endswith(f":{root}")), ordered[0])
            ordered = [opening, *(m for m in ordered if m is not opening)]
            profile = self.channels.get(channel) if channel != "-" else None
            if channel != "-" and profile is None:
                profile = RawCommunity(id=f"{self.source}:{channel}", name=channel)
            title = subjects.get(opening.id, "")
            yield from discussion(self.source, ordered, profile, self.fallback, title)

    def _in_thread(self, reject: Reject, raw: Any) -> Reject:
        """A message's reject naming its thread's document (every Teams message is in one:
        its root's, or its own when it is the root), so a sync keeps that thread as stored."""
        root = _get(raw, "ReplyToId") or _get(raw, "Id")
        channel = _get(_get(raw, "ChannelIdentity"), "ChannelId")
        if not isinstance(root, str) or not root:
            return reject
        channel_key = channel if isinstance(channel, str) and channel else "-"
        return reject.model_copy(update={"document_id": f"{self.source}:{channel_key}:{root}"})

    def _load_channels(self) -> Iterator[Reject]:
        """Channel names and privacy from `channels_<team>.json` beside the messages, if any."""
        suffix = self.path.name.removeprefix("messages_")
        channels_path = self.path.with_name(f"channels_{suffix}")
        if suffix == self.path.name or not channels_path.is_file():
            return
        channels = _load(channels_path, self.source)
        if isinstance(channels, Reject):
            yield channels
            return
        for channel in channels:
            channel_id = _get(channel, "Id")
            if isinstance(channel_id, str) and channel_id:
                self.channels[channel_id] = RawCommunity(
                    id=f"{self.source}:{channel_id}",
                    name=str(_get(channel, "DisplayName") or channel_id),
                    private=str(_get(channel, "MembershipType") or "").lower() in _PRIVATE,
                    description=str(_get(channel, "Description") or ""),
                )

    def _message(self, raw: Any, position: str) -> tuple[ChatMessage, str, str] | Reject | Skipped:
        """A message with its channel id and the id of its thread's root, or why not."""
        if not isinstance(raw, dict):
            return Reject(source=self.source, position=position, reason="not a JSON object")
        sender = _get(raw, "From")
        user = _get(sender, "User")
        body = _get(_get(raw, "Body"), "Content")
        if _get(raw, "DeletedDateTime"):
            return Skipped(source=self.source, position=position, kind="deleted message")
        if str(_get(raw, "MessageType") or "message") != "message" or (
            isinstance(body, str) and "<systemEventMessage" in body
        ):
            return Skipped(source=self.source, position=position, kind="system message")
        if user is None and _get(sender, "Application") is not None:
            return Skipped(source=self.source, position=position, kind="bot message")
        message_id, handle = _get(raw, "Id"), _get(user, "Id")
        if not isinstance(message_id, str) or not message_id:
            return Reject(source=self.source, position=position, reason="missing id")
        if not isinstance(handle, str) or not handle:
            return Reject(source=self.source, position=position, reason="missing from.user")
        if not isinstance(body, str):
            return Reject(source=self.source, position=position, reason="missing body")
        if problem := too_long(len(body)):
            return Reject(source=self.source, position=position, reason=problem)
        try:
            created = datetime.fromisoformat(str(_get(raw, "CreatedDateTime")))
        except ValueError:
            reason = f"bad createdDateTime {_get(raw, 'CreatedDateTime')!r}"
            return Reject(source=self.source, position=position, reason=reason)
        if created.tzinfo is None:
            reason = "createdDateTime without a time zone"
            return Reject(source=self.source, position=position, reason=reason)
        channel = _get(_get(raw, "ChannelIdentity"), "ChannelId")
        channel_key = channel if isinstance(channel, str) and channel else "-"
        reply_to = _get(raw, "ReplyToId")
        content_type = str(_get(_get(raw, "Body"), "ContentType") or "html").lower()
        reactions = _get(raw, "Reactions")
        mentions = _get(raw, "Mentions")
        mentioned = {_get(_get(_get(m, "Mentioned"), "User"), "Id") for m in mentions or []} - {
            None
        }
        message = ChatMessage(
            id=f"{self.source}:{channel_key}:{message_id}",
            position=position,
            author=RawPerson(
                source=self.source, handle=handle, name=str(_get(user, "DisplayName") or "")
            ),
            body=body,
            body_format="text" if content_type == "text" else "html",
            created_at=created,
            score=len(reactions) if isinstance(reactions, list) else 0,
            mentions=frozenset(str(m) for m in mentioned),
            url=_get(raw, "WebUrl") if isinstance(_get(raw, "WebUrl"), str) else None,
        )
        root = reply_to if isinstance(reply_to, str) and reply_to else message_id
        return message, channel_key, root


def _load(path: Path, source: str) -> list[Any] | Reject:
    """A file's messages or channels: a JSON array, or the `value` of a Graph response."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        reason = f"file of {size} bytes is over the {MAX_FILE_BYTES} limit"
        return Reject(source=source, position=path.name, reason=reason)
    text = decode_utf8(path.read_bytes())
    if isinstance(text, UnicodeDecodeError):
        return Reject(source=source, position=path.name, reason=encoding_problem(text))
    try:
        content = json.loads(text)
    except json.JSONDecodeError as error:
        return Reject(source=source, position=path.name, reason=f"malformed JSON: {error}")
    if isinstance(content, dict) and isinstance(content.get("value"), list):
        content = content["value"]
    if not isinstance(content, list):
        return Reject(source=source, position=path.name, reason="not a JSON array of messages")
    return list(content)
