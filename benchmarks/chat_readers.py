"""How fast the chat readers read, and the memory they hold: a synthetic export per format.

Each reader holds a channel (Slack, Mattermost, Teams: the file; LINE: the chat) in memory
to find its threads and conversations, so memory grows with the largest channel; this shows
by how much. The exports are written from the formats' structure (see
`../shared/data/connectors/README.md`): one channel, messages a minute apart with three hours of
silence every 20 messages, every fifth message mentioning the one before's author, Thai and
English text.

    python -m benchmarks.chat_readers --messages 20000
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.tables import Column, markdown
from ingest.records import Reject, Skipped, SourceRecord
from ingest.sources import Records
from ingest.sources.line_chat import read_line_chat
from ingest.sources.mattermost import read_mattermost
from ingest.sources.slack import read_slack
from ingest.sources.teams import read_teams

COLUMNS: list[Column] = [
    ("format", "format", ""),
    ("messages", "messages", ","),
    ("discussions", "discussions", ","),
    ("skipped", "skipped", ","),
    ("rejects", "rejects", ","),
    ("seconds", "seconds", ".2f"),
    ("messages/s", "rate", ",.0f"),
    ("peak MB (traced)", "peak", ".1f"),
]
START = datetime(2024, 1, 15, 8, 0, tzinfo=UTC)
TEXTS = [
    "การทำปุ๋ยหมักจากฟางข้าวต้องกลับกองทุกสัปดาห์ ใช้เวลาประมาณ 45 วัน",
    "After action reviews work best within a day of the event, with everyone who took part.",
    "ใครมีแบบฟอร์มทบทวนหลังปฏิบัติงานบ้างคะ",
    "Alternate wetting and drying saved about 30% of the water on our plots.",
]
PEOPLE = ["somchai", "nok", "dang", "malee", "arthit"]


def _moment(n: int) -> datetime:
    return START + timedelta(minutes=n + 180 * (n // 20))


def _text(n: int) -> tuple[str, str]:
    """(author, text) of message n; every fifth names the author before it."""
    author = PEOPLE[n % len(PEOPLE)]
    text = TEXTS[n % len(TEXTS)]
    if n % 5 == 0 and n:
        text = f"@{PEOPLE[(n - 1) % len(PEOPLE)]} {text}"
    return author, text


def write_slack(here: Path, count: int) -> Path:
    users = [{"id": f"U{p}", "team_id": "T1", "name": p, "real_name": p.title()} for p in PEOPLE]
    (here / "users.json").write_text(json.dumps(users))
    (here / "channels.json").write_text(json.dumps([{"id": "C1", "name": "km"}]))
    (here / "km").mkdir()
    days: dict[str, list[dict[str, Any]]] = {}
    for n in range(count):
        author, text = _text(n)
        text = text.replace(f"@{PEOPLE[(n - 1) % len(PEOPLE)]}", f"<@U{PEOPLE[(n - 1) % 5]}>")
        moment = _moment(n)
        message = {
            "type": "message",
            "user": f"U{author}",
            "text": text,
            "ts": f"{moment.timestamp():.6f}",
        }
        if n % 50 == 0:
            message = {
                "type": "message",
                "subtype": "bot_message",
                "bot_id": "B1",
                "text": "CI passed",
                "ts": message["ts"],
            }
        days.setdefault(moment.date().isoformat(), []).append(message)
    for day, messages in days.items():
        (here / "km" / f"{day}.json").write_text(json.dumps(messages, ensure_ascii=False))
    return here


def write_mattermost(here: Path, count: int) -> Path:
    lines: list[dict[str, Any]] = [
        {"type": "version", "version": 1},
        {
            "type": "channel",
            "channel": {"team": "t", "name": "km", "display_name": "KM", "type": "O"},
        },
        *({"type": "user", "user": {"username": p, "email": f"{p}@example.org"}} for p in PEOPLE),
    ]
    for n in range(count):
        author, text = _text(n)
        at = int(_moment(n).timestamp() * 1000)
        lines.append(
            {
                "type": "post",
                "post": {
                    "team": "t",
                    "channel": "km",
                    "user": author,
                    "message": text,
                    "create_at": at,
                },
            }
        )
    path = here / "export.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines))
    return path


def write_teams(here: Path, count: int) -> Path:
    messages = []
    for n in range(count):
        author, text = _text(n)
        messages.append(
            {
                "id": str(1_700_000_000_000 + n),
                "replyToId": None if n % 10 == 0 else str(1_700_000_000_000 + n - n % 10),
                "messageType": "message",
                "createdDateTime": _moment(n).isoformat(),
                "from": {"user": {"id": author, "displayName": author.title()}},
                "body": {"contentType": "html", "content": f"<p>{text}</p>"},
                "channelIdentity": {"channelId": "19:km@thread.tacv2", "teamId": "t"},
            }
        )
    path = here / "messages.json"
    path.write_text(json.dumps({"value": messages}, ensure_ascii=False))
    return path


def write_line(here: Path, count: int) -> Path:
    lines = ["[LINE] แชทกับ KM พยาบาล", "บันทึกเมื่อ: 2567/12/31 10:00", ""]
    day = None
    for n in range(count):
        author, text = _text(n)
        moment = _moment(n).astimezone(UTC) + timedelta(hours=7)
        if moment.date() != day:
            day = moment.date()
            lines += ["", f"{day.year + 543}/{day.month:02d}/{day.day:02d}(จ.)"]
        lines.append(f"{moment:%H:%M}\t{author}\t{'[สติกเกอร์]' if n % 40 == 0 else text}")
    path = here / "chat.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


FORMATS: dict[str, tuple[Callable[[Path, int], Path], Callable[[Path], Records]]] = {
    "slack": (write_slack, read_slack),
    "mattermost": (write_mattermost, read_mattermost),
    "teams": (write_teams, read_teams),
    "line": (write_line, read_line_chat),
}


def measure(name: str, count: int, here: Path) -> dict[str, Any]:
    write, read = FORMATS[name]
    folder = here / name
    folder.mkdir()
    path = write(folder, count)
    started = time.perf_counter()
    items = list(read(path))
    seconds = time.perf_counter() - started
    del items
    tracemalloc.start()
    items = list(read(path))
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    records = [i for i in items if isinstance(i, SourceRecord)]
    messages = sum(1 + len(r.posts) for r in records)
    return {
        "format": name,
        "messages": messages,
        "discussions": len(records),
        "skipped": sum(isinstance(i, Skipped) for i in items),
        "rejects": sum(isinstance(i, Reject) for i in items),
        "seconds": seconds,
        "rate": count / seconds,
        "peak": peak,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--messages", type=int, default=20_000, help="messages per export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        rows = [measure(fmt, args.messages, Path(name)) for fmt in FORMATS]
    print(markdown(rows, COLUMNS))


if __name__ == "__main__":
    main()
