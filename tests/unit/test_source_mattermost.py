"""The Mattermost reader on the real bulk export and on hostile variants of its lines."""

from __future__ import annotations

import json
from pathlib import Path

from ingest.records import AccountClosed, AccountOpen
from ingest.sources.detect import detect_format
from ingest.sources.mattermost import read_mattermost
from tests.conftest import SHARED
from tests.reader_output import split

EXPORT = SHARED / "data" / "connectors" / "mattermost" / "export.json"


def test_real_export_counts_replies_private_channel_and_skips() -> None:
    assert detect_format(EXPORT) == "mattermost"
    records, rejects, skipped = split(list(read_mattermost(EXPORT)))
    assert len(records) == 5 and sum(1 + len(r.posts) for r in records) == 12
    assert skipped == {"join/leave message": 8}
    (reject,) = rejects
    assert reject.position == "line 33" and reject.reason == (
        "channel 'slytherin-quidditch-team' of team 'gryffindor' is not in the export"
    )
    people = {
        a.person.handle: a.person.name
        for r in records
        for c in [r.document, *r.posts]
        for a in c.authors
    }
    assert people == {"ron": "Ron Weasley", "harry": "Harry Potter", "malfoy": "malfoy"}
    army = [r for r in records if r.community == "mattermost:gryffindor/dumbledores-army"]
    assert army and all(r.community_profile and r.community_profile.private for r in army)
    quidditch = next(r for r in records if r.document.body == "Hello world")
    assert quidditch.document.score == 3
    welcome = next(p for p in quidditch.posts if p.body == "@ron Welcome mate!")
    hey = next(p for p in quidditch.posts if p.body == "Hey folks")
    assert welcome.reply_to == hey.id, "an @mention replies to that person's last message"
    text = json.dumps([r.model_dump(mode="json") for r in records])
    assert "@zulip.com" not in text


def test_reply_of_a_skipped_join_notice_still_goes_in() -> None:
    records, _, _ = split(list(read_mattermost(EXPORT)))
    weather = next(r for r in records if r.document.body == "The weather is so hot!")
    assert weather.position == "line 14 reply 1" and weather.document.author is not None


def test_hostile_lines_are_rejects_and_the_rest_goes_in(tmp_path: Path) -> None:
    lines = EXPORT.read_bytes().splitlines()
    post = {
        "team": "gryffindor",
        "channel": "gryffindor-common-room",
        "user": "ron",
        "message": "Brooms need waxing every week",
        "create_at": 1553166600000,
    }
    hostile = [
        b'{"type": "post", "post": {"team": "gryffindor", "chan',
        b'{"type": "post", "post": {"message": "caf\xe9"}}',
        json.dumps({"type": "post", "post": {**post, "user": None}}).encode(),
        json.dumps({"type": "post", "post": {**post, "create_at": "soon"}}).encode(),
        json.dumps({"type": "post", "post": {**post, "message": "x" * 100_001}}).encode(),
        json.dumps({"type": "post", "post": {**post, "message": ":tada: :tada:"}}).encode(),
        b"[]",
        json.dumps({"type": "post", "post": post}).encode(),
    ]
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(lines[:8] + hostile))
    records, rejects, skipped = split(list(read_mattermost(path)))
    reasons = {r.position: r.reason for r in rejects}
    assert reasons["line 9"].startswith("malformed JSON")
    assert reasons["line 10"].startswith("not valid UTF-8: byte 0xe9")
    assert reasons["line 11"] == "missing user" and reasons["line 12"] == "bad create_at 'soon'"
    assert "over the 100000 limit" in reasons["line 13"]
    assert reasons["line 15"] == "not a {type, <type>: {...}} line"
    assert skipped == {"emoji-only message": 1}
    assert [r.document.body for r in records] == ["Brooms need waxing every week"]


def test_a_rejected_reply_names_its_thread_for_a_sync(tmp_path: Path) -> None:
    lines = EXPORT.read_bytes().splitlines()
    post = {
        "team": "gryffindor",
        "channel": "gryffindor-common-room",
        "user": "ron",
        "message": "Which wax for brooms?",
        "create_at": 1553166600000,
        "replies": [{"user": None, "message": "Beeswax.", "create_at": 1553166700000}],
    }
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join([*lines[:8], json.dumps({"type": "post", "post": post}).encode()]))
    records, rejects, _ = split(list(read_mattermost(path)))
    (reject,) = rejects
    assert reject.position == "line 9 reply 1" and reject.reason == "missing user"
    (thread,) = (r for r in records if r.document.body == "Which wax for brooms?")
    assert reject.document_id == thread.document.id


def test_a_deactivated_user_has_left_on_the_day_the_export_gives(tmp_path: Path) -> None:
    lines = []
    for line in EXPORT.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        if data["type"] == "user" and data["user"]["username"] in ("harry", "pansy"):
            data["user"]["delete_at"] = 1553990400000  # 2019-03-31 00:00 UTC
        lines.append(json.dumps(data))
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_mattermost(export))
    closed = [item for item in items if isinstance(item, AccountClosed)]
    assert [(c.person.handle, c.person.name, c.since.isoformat(), c.basis) for c in closed] == [
        ("harry", "Harry Potter", "2019-03-31", "export")
    ], "pansy wrote nothing kept: no person to mark"
    assert closed[0].account == "deactivated" and closed[0].position.startswith("line ")
    opened = {item.person.handle for item in items if isinstance(item, AccountOpen)}
    assert opened == {"ron", "malfoy"}
