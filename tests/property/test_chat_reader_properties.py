"""Properties of the chat readers (Slack, Teams, Mattermost, LINE) on hostile input.

The promise of every reader (ingest/sources/__init__.py) holds for chats too: each message
ends as exactly one of a message of a record, a reject with its position and reason, or a
skip; nothing raises; and no e-mail address or phone number survives into a record.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ingest.records import Reject, Skipped, SourceRecord
from ingest.sources.contacts import scrub_contacts
from ingest.sources.line_chat import read_line_chat
from ingest.sources.mattermost import read_mattermost
from ingest.sources.slack import read_slack
from ingest.sources.teams import read_teams
from tests.property.strategies import PROPERTY, TEXT

Item = SourceRecord | Reject | Skipped
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
WORDS = TEXT.filter(lambda text: bool(text.replace('"', "").split()))
"""A message's text with something in it besides whitespace and quotes."""
CONTACT = st.sampled_from(
    ["", " mail somchai@example.org", " โทร 081-234-5678", " +66 81 234 5678"]
)


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _accounted(items: list[Item]) -> int:
    """Messages in records, rejects and skips: one each."""
    assert all(i.reason.strip() and i.position for i in items if isinstance(i, Reject))
    records = [i for i in items if isinstance(i, SourceRecord)]
    text = json.dumps([r.model_dump(mode="json") for r in records], ensure_ascii=False)
    assert "@example.org" not in text and "234-5678" not in text and "234 5678" not in text
    return sum(1 + len(r.posts) for r in records) + sum(
        isinstance(i, Reject | Skipped) for i in items
    )


def _slack_message(n: int, value: Any) -> Any:
    if isinstance(value, tuple):
        text, contact = value
        return {
            "type": "message",
            "user": "U1",
            "ts": f"{1700000000 + n * 60}.0001",
            "text": text + contact,
        }
    return value


@PROPERTY
@given(st.lists(st.one_of(st.tuples(TEXT, CONTACT), JSON), max_size=12))
def test_slack_accounts_for_every_message(values: list[Any]) -> None:
    with folder() as here:
        (here / "users.json").write_text(json.dumps([{"id": "U1", "team_id": "T1", "name": "a"}]))
        (here / "channels.json").write_text(json.dumps([{"id": "C1", "name": "general"}]))
        (here / "general").mkdir()
        messages = [_slack_message(n, value) for n, value in enumerate(values)]
        (here / "general" / "2023-11-14.json").write_text(json.dumps(messages))
        assert _accounted(list(read_slack(here))) == len(messages)


@PROPERTY
@given(st.lists(st.one_of(st.tuples(TEXT, CONTACT), JSON), max_size=12))
def test_mattermost_accounts_for_every_post(values: list[Any]) -> None:
    head = [
        {"type": "version", "version": 1},
        {"type": "channel", "channel": {"team": "t", "name": "c", "type": "O"}},
    ]
    posts = [
        {
            "type": "post",
            "post": {
                "team": "t",
                "channel": "c",
                "user": "u",
                "message": v[0] + v[1],
                "create_at": 1553166600000 + n * 60_000,
            },
        }
        if isinstance(v, tuple)
        else {"type": "post", "post": v}
        for n, v in enumerate(values)
    ]
    with folder() as here:
        path = here / "export.jsonl"
        path.write_text("\n".join(json.dumps(line) for line in head + posts), encoding="utf-8")
        assert _accounted(list(read_mattermost(path))) == len(posts)


@PROPERTY
@given(st.lists(st.one_of(st.tuples(TEXT, CONTACT), JSON), max_size=12))
def test_teams_accounts_for_every_message(values: list[Any]) -> None:
    messages = [
        {
            "id": str(1000 + n),
            "replyToId": None if n % 3 == 0 else str(1000 + n - n % 3),
            "messageType": "message",
            "createdDateTime": f"2024-01-15T09:{n:02d}:00Z",
            "from": {"user": {"id": "p1", "displayName": "P"}},
            "body": {"contentType": "text", "content": v[0] + v[1]},
        }
        if isinstance(v, tuple)
        else v
        for n, v in enumerate(values)
    ]
    with folder() as here:
        path = here / "messages.json"
        path.write_text(json.dumps({"value": messages}), encoding="utf-8")
        assert _accounted(list(read_teams(path))) == len(messages)


@PROPERTY
@given(st.lists(st.one_of(st.tuples(WORDS, CONTACT), st.binary(max_size=60)), max_size=12))
def test_line_keeps_every_message_whatever_lines_come_between(values: list[Any]) -> None:
    """A garbage line is a reject, or continues the message before it (as LINE's unquoted
    multi-line messages do): either way every message comes back, its text first."""
    lines = [b"[LINE] Chat history with KM", b"Saved on: 2024/01/20 10:15", b"", b"2024/01/15(Mon)"]
    expected: list[str] = []
    for n, value in enumerate(values):
        if isinstance(value, tuple):
            text = " ".join((value[0] + value[1]).split()).replace('"', "")
            lines.append(f"09:{n:02d}\tSomchai\t{text}".encode())
            expected.append(scrub_contacts(text))
        else:
            lines.append(value.replace(b"\n", b" ").replace(b"\r", b" "))
    with folder() as here:
        path = here / "chat.txt"
        path.write_bytes(b"\n".join(lines))
        items = list(read_line_chat(path))
        _accounted(items)
        records = [r for r in items if isinstance(r, SourceRecord)]
        kept = sorted((c for r in records for c in [r.document, *r.posts]), key=lambda c: c.id)
        assert len(kept) == len(expected)
        assert all(c.body.startswith(text) for c, text in zip(kept, expected, strict=True))
