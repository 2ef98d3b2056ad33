"""What the chat readers share: conversations cut by silences and reply cues, contacts
scrubbed, and one person across chats only through people.yaml."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ingest.people import PeopleDirectory, PersonEntry
from ingest.records import RawPerson, Reject, SourceRecord
from ingest.sources import mattermost
from ingest.sources.chat import (
    ChatMessage,
    bounded_lines,
    conversations,
    discussion,
)

START = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)


def _message(n: int, minutes: float, who: str, body: str = "text", *mentions: str) -> ChatMessage:
    return ChatMessage(
        id=f"m{n}",
        position=f"line {n}",
        author=RawPerson(source="chat", handle=who, name=who),
        body=body,
        created_at=START + timedelta(minutes=minutes),
        mentions=frozenset(mentions),
    )


def test_silence_cuts_a_conversation_and_a_reply_cue_reaches_back() -> None:
    messages = [
        _message(1, 0, "somchai"),
        _message(2, 5, "nok"),
        _message(3, 300, "dang"),
        _message(4, 24 * 60, "somchai", "@nok it worked", "nok"),
        _message(5, 24 * 60 + 10, "nok", "great, thanks"),
        _message(6, 5 * 24 * 60, "somchai", "@nok again", "nok"),
    ]
    runs = conversations(reversed(messages))
    assert [[m.id for m in run] for run in runs] == [["m1", "m2", "m4", "m5"], ["m3"], ["m6"]], (
        "the answer to a reply cue follows it into the conversation it reached back to"
    )


def test_a_mention_replies_to_that_persons_last_message_and_empty_ones_are_rejects() -> None:
    empty = _message(0, 0, "dang", "  ")
    thread = [
        empty,
        _message(1, 1, "somchai"),
        _message(2, 2, "nok"),
        _message(3, 3, "dang", "@nok thanks", "nok"),
    ]
    *rejects, record = discussion("chat", thread, None, "cop-km")
    assert rejects == [
        Reject(source="chat", position="line 0", reason="empty body", document_id="m1")
    ], "the reject names the discussion it is in, so a sync keeps that discussion"
    assert isinstance(record, SourceRecord) and record.document.id == "m1"
    assert [(p.id, p.reply_to) for p in record.posts] == [("m2", "m1"), ("m3", "m2")]
    assert record.community == "cop-km"


def test_contacts_are_scrubbed_from_titles_and_bodies_even_at_a_sentence_end() -> None:
    thread = [
        _message(1, 0, "nok", "Ask malee@example.org or call 081-234-5678."),
        _message(2, 1, "malee", "โทร 02 123 4567 นะคะ, version 0.27.0 on 2024-01-15"),
    ]
    (record,) = discussion("chat", thread, None)
    assert isinstance(record, SourceRecord)
    assert record.document.title == record.document.body == "Ask [address] or call [phone]."
    assert record.posts[0].body == "โทร [phone] นะคะ, version 0.27.0 on 2024-01-15"


def test_people_yaml_is_the_only_way_two_chat_identities_become_one() -> None:
    slack = RawPerson(source="slack:T1", handle="U061A5N1G", name="Somchai Dee")
    line = RawPerson(source="line:KM-nurses", handle="สมชาย", name="สมชาย")
    other_line = RawPerson(source="line:Rice", handle="สมชาย", name="สมชาย")
    people = PeopleDirectory(
        [
            PersonEntry(
                id="somchai",
                name="Somchai Dee",
                aliases=["slack:T1:U061A5N1G", "line:KM-nurses:สมชาย"],
            )
        ]
    )
    assert people.resolve(slack).id == people.resolve(line).id == "somchai"
    assert people.resolve(other_line).id == "line:Rice:สมชาย", "a display name alone merges nobody"
    assert PeopleDirectory().resolve(line).id != PeopleDirectory().resolve(other_line).id


def test_an_overlong_line_comes_back_as_its_length_never_whole() -> None:
    data = io.BytesIO(b"short\n" + b"x" * 25 + b"\n" + b"y" * 10 + b"\nend")
    assert list(bounded_lines(data, limit=10)) == [b"short\n", 26, 11, b"end"]


def test_mattermost_rejects_an_overlong_line_and_reads_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mattermost, "bounded_lines", lambda file: bounded_lines(file, 2000))
    post = {"team": "t", "channel": "c", "user": "u", "message": "ok", "create_at": 1553166600000}
    lines = [
        {"type": "version", "version": 1},
        {"type": "channel", "channel": {"team": "t", "name": "c", "type": "O"}},
        {"type": "post", "post": {**post, "message": "x" * 5000}},
        {"type": "post", "post": post},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    reject, record = list(mattermost.read_mattermost(path))
    assert isinstance(reject, Reject) and reject.position == "line 3"
    assert reject.reason.startswith("line of 5") and isinstance(record, SourceRecord)
