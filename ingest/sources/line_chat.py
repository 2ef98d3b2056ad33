"""LINE chat history exports (`.txt`, saved from a chat's menu): a group chat as a community.

No public LINE export exists to test on; the format here is the one LINE writes and the
open-source parsers agree on (see docs/sources.md, LINE):

    [LINE] Chat history with KM Nurses          (Thai: [LINE] แชทกับ… / ประวัติการสนทนากับ…)
    Saved on: 2024/01/20 10:15                  (Thai: บันทึกเมื่อ: …)

    2024/01/15(Mon)                              a date line; Thai years are Buddhist era
    09:01<TAB>Somchai<TAB>How do you compost rice straw?
    09:05<TAB>Nok<TAB>"First line                a message over several lines, quoted
    second line"
    09:06<TAB>Nok<TAB>[Sticker]                  media placeholders: skipped and counted
    09:07<TAB>Dang joined the group.             a system line has no sender column

Messages are cut into discussions by silences and reply cues (see `chat`). A LINE export
names people only by their display name, so a person is known by that name within that chat
only (`line:<chat>` is their source): the same name in two chats is two people unless
people.yaml makes them one. A group chat is invite-only, so its community is private unless
communities.yaml declares it otherwise. Times are local; `timezone` says where (Thailand by
default, the format's main users).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO
from zoneinfo import ZoneInfo

from ingest.records import RawCommunity, RawPerson, Reject, Skipped
from ingest.sources import Records, decode_utf8, encoding_problem
from ingest.sources.chat import (
    MAX_LINE_BYTES,
    ChatMessage,
    bounded_lines,
    conversations,
    discussion,
    too_long,
)

BUDDHIST_ERA_OFFSET = 543
"""A Thai year (พ.ศ.) is the Gregorian year plus 543: 2567 is 2024."""
_HEADER = re.compile(
    r"^\[LINE\]\s*(?:Chat history (?:with|in)|แชทกับ|ประวัติการสนทนากับ|ประวัติแชทกับ)\s*(.+?)\s*$"
)
_SAVED = re.compile(r"^(?:Saved on|บันทึกเมื่อ)\s*:")
_ISO_DATE = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})\s*(?:\(.{1,12}\)|[^\d\t]{0,20})$")
_SLASH_DATE = re.compile(r"^(?:[^\d\t]{1,20},?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})\s*(?:\(.{1,12}\))?$")
_TIME = re.compile(r"^(?:(AM|PM|上午|下午)\s*)?(\d{1,2})[:.](\d{2})(?:\s*(AM|PM))?$", re.I)
_MEDIA = {
    "sticker": ("[Sticker]", "[สติกเกอร์]", "[สติ๊กเกอร์]"),
    "photo, video or file": (
        "[Photo]",
        "[Video]",
        "[File]",
        "[Album]",
        "[Voice message]",
        "[Audio]",
        "[Contact]",
        "[Location]",
        "[Note]",
        "[รูป]",
        "[รูปภาพ]",
        "[วิดีโอ]",
        "[ไฟล์]",
        "[อัลบั้ม]",
        "[ข้อความเสียง]",
        "[คลิปเสียง]",
        "[ผู้ติดต่อ]",
        "[ตำแหน่งที่ตั้ง]",
        "[โน้ต]",
    ),
}
_SYSTEM = re.compile(
    r"(?:joined the group|left the group|invited .+ to the group|unsent a message|removed .+ from"
    r" the group|changed the group|เข้าร่วมกลุ่ม|ออกจากกลุ่ม|ได้เชิญ|ยกเลิกข้อความ|เปลี่ยนชื่อกลุ่ม)",
    re.I,
)


def is_line_export(path: Path) -> bool:
    """Whether `path` is a LINE chat history: a file whose first line is LINE's header."""
    if not path.is_file():
        return False
    with path.open("rb") as file:
        first = decode_utf8(file.readline(1024))
    return isinstance(first, str) and bool(_HEADER.match(first.strip()))


def read_line_chat(
    path: Path, community: str | None = None, timezone: str = "Asia/Bangkok"
) -> Records:
    """Read a LINE chat history export.

    Args:
        path: The `.txt` file LINE saved.
        community: The community's id; by default `line:<chat name>` from the header.
        timezone: Where the export's local times are (an IANA name).

    Yields:
        A `SourceRecord` per discussion (position "line N" of its first message); a `Reject`
        per undecodable or unrecognised line, message before any date line or overlong
        message (and one for the whole file when it has no LINE header); a `Skipped` per
        sticker, media placeholder and system line.
    """
    chat = _Chat(path, ZoneInfo(timezone))
    with path.open("rb") as lines:
        yield from chat.read(lines)
    if chat.name is None:
        return
    slug = "-".join(chat.name.split())
    profile = RawCommunity(id=community or f"line:{slug}", name=chat.name, private=True)
    for run in conversations(chat.messages):
        yield from discussion(chat.source, run, profile)


@dataclass
class _Pending:
    """A message being read, which the next lines may continue."""

    position: str
    sent: datetime
    sender: str
    lines: list[str]
    quoted: bool


@dataclass
class _Chat:
    path: Path
    zone: ZoneInfo
    name: str | None = None
    day: date | None = None
    messages: list[ChatMessage] = field(default_factory=list)
    pending: _Pending | None = None
    per_minute: dict[datetime, int] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"line:{'-'.join((self.name or self.path.stem).split())}"

    def read(self, lines: BinaryIO) -> Records:
        for number, raw in enumerate(bounded_lines(lines), start=1):
            position = f"line {number}"
            if isinstance(raw, int):
                yield from self._flush()
                reason = f"line of {raw} bytes is over the {MAX_LINE_BYTES} limit"
                yield Reject(source=self.source, position=position, reason=reason)
                continue
            text = decode_utf8(raw)
            if isinstance(text, UnicodeDecodeError):
                yield from self._flush()
                yield Reject(source=self.source, position=position, reason=encoding_problem(text))
                continue
            line = text.rstrip("\r\n")
            if self.name is None:
                header = _HEADER.match(line.strip())
                if header is None:
                    reason = "not a LINE chat history: no '[LINE] Chat history with …' header"
                    yield Reject(source=self.path.name, position=position, reason=reason)
                    return
                self.name = header.group(1)
                continue
            yield from self._line(line, position)
        yield from self._flush()

    def _line(self, line: str, position: str) -> Records:
        pending = self.pending
        if pending is not None and pending.quoted:
            pending.lines.append(line)
            if line.endswith('"'):
                pending.quoted = False
            return
        columns = line.split("\t")
        if len(columns) >= 2 and (sent := _time(columns[0])) is not None:
            yield from self._flush()
            yield from self._message(columns, sent, position)
        elif (day := _date(line.strip())) is not None:
            yield from self._flush()
            self.day = day
        elif not line.strip() or _SAVED.match(line):
            yield from self._flush()
        elif pending is not None:
            pending.lines.append(line)
        else:
            yield Reject(source=self.source, position=position, reason="unrecognised line")

    def _message(self, columns: list[str], sent: tuple[int, int], position: str) -> Records:
        sender, text = (columns[1], "\t".join(columns[2:])) if len(columns) > 2 else ("", "")
        if not sender.strip() or _SYSTEM.search(text if sender.strip() else columns[1]):
            yield Skipped(source=self.source, position=position, kind="system line")
            return
        if self.day is None:
            yield Reject(
                source=self.source, position=position, reason="message before any date line"
            )
            return
        for kind, placeholders in _MEDIA.items():
            if text.strip() in placeholders:
                yield Skipped(source=self.source, position=position, kind=kind)
                return
        moment = datetime(self.day.year, self.day.month, self.day.day, *sent, tzinfo=self.zone)
        quoted = text.startswith('"') and not (len(text) > 1 and text.endswith('"'))
        self.pending = _Pending(position, moment, sender.strip(), [text], quoted)

    def _flush(self) -> Records:
        """The pending message, finished, into the chat's messages (or its reject)."""
        pending, self.pending = self.pending, None
        if pending is None:
            return
        body = "\n".join(pending.lines).strip()
        if len(body) > 1 and body.startswith('"') and body.endswith('"'):
            body = body[1:-1].replace('""', '"')
        if problem := too_long(len(body)):
            yield Reject(source=self.source, position=pending.position, reason=problem)
            return
        sequence = self.per_minute.get(pending.sent, 0) + 1
        self.per_minute[pending.sent] = sequence
        speakers = {message.author.handle for message in self.messages[-50:]}
        self.messages.append(
            ChatMessage(
                id=f"{self.source}:{pending.sent.strftime('%Y%m%dT%H%M')}:{sequence}",
                position=pending.position,
                author=RawPerson(source=self.source, handle=pending.sender, name=pending.sender),
                body=body,
                created_at=pending.sent,
                mentions=frozenset(name for name in speakers if f"@{name}" in body),
            )
        )


def _time(cell: str) -> tuple[int, int] | None:
    """(hour, minute) of `09:05`, `9:05 PM` or `下午9:05`; None if the cell is no time."""
    match = _TIME.match(cell.strip())
    if match is None:
        return None
    hour, minute = int(match.group(2)), int(match.group(3))
    marker = (match.group(1) or match.group(4) or "").upper()
    if marker in ("PM", "下午") and hour < 12:
        hour += 12
    elif marker in ("AM", "上午") and hour == 12:
        hour = 0
    return (hour, minute) if hour < 24 and minute < 60 else None


def _date(line: str) -> date | None:
    """The day of a date line: `2024/01/15(Mon)`, `2567/01/15(จ.)` (Buddhist era), `Mon,
    01/15/2024` (month first) or `15/01/2567` (a Thai one, day first)."""
    try:
        if match := _ISO_DATE.match(line):
            year, month, day = (int(group) for group in match.groups())
        elif match := _SLASH_DATE.match(line):
            first, second, year = (int(group) for group in match.groups())
            thai = year > 2400 or first > 12
            day, month = (first, second) if thai else (second, first)
        else:
            return None
        if year > 2400:
            year -= BUDDHIST_ERA_OFFSET
        return date(year, month, day)
    except ValueError:
        return None
