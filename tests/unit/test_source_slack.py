"""The Slack reader on the real 2016 export and on variants written from its structure."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from graph_service.errors import InvalidInput
from ingest.records import AccountClosed, AccountOpen
from ingest.sources.chat import MAX_MESSAGE_CHARS
from ingest.sources.detect import detect_format, read_source
from ingest.sources.slack import read_slack
from tests.conftest import SHARED
from tests.reader_output import split

EXPORT = SHARED / "data" / "connectors" / "slack" / "hfaran-testarchive"
FRAGMENTS = SHARED / "data" / "connectors" / "slack" / "zulip-fixtures"
USERS = [
    {
        "id": "U061A5N1G",
        "team_id": "T1",
        "name": "somchai",
        "real_name": "Somchai Dee",
        "profile": {"phone": "081-234-5678", "email": "somchai@example.org"},
    },
    {"id": "U061A1R2R", "team_id": "T1", "name": "nok", "profile": {"real_name": "Nok"}},
]


def _export(here: Path, days: dict[str, bytes], groups: bool = False) -> Path:
    """A small export: two users, channel `random` (private when listed in groups.json)."""
    (here / "users.json").write_text(json.dumps(USERS), encoding="utf-8")
    channel = [{"id": "C1", "name": "random", "purpose": {"value": "anything"}}]
    (here / ("groups.json" if groups else "channels.json")).write_text(json.dumps(channel))
    (here / "random").mkdir()
    for day, data in days.items():
        (here / "random" / day).write_bytes(data)
    return here


def test_real_export_counts_names_channels_and_skips() -> None:
    records, rejects, skipped = split(list(read_slack(EXPORT)))
    people = {
        a.person.handle: a.person.name
        for r in records
        for c in [r.document, *r.posts]
        for a in c.authors
    }
    assert rejects == []
    assert len(records) == 13 and sum(1 + len(r.posts) for r in records) == 52
    assert people["U0BMYT2FL"] == "Harry Potter" and len(people) == 4
    assert {r.community_profile.name for r in records if r.community_profile} == {
        "#enrique",
        "#traveling-sailor",
    }
    assert all(r.community_profile and not r.community_profile.private for r in records)
    assert skipped == {
        "bot message": 94,
        "join/leave message": 8,
        "system message": 3,
        "emoji-only message": 1,
    }
    text = json.dumps([r.model_dump(mode="json") for r in records])
    assert "5550100123" not in text and "xoxe-" not in text and "example.skype" not in text
    assert "<@U0BMYT2FL>" not in text and "@Harry Potter: Created an issue" in text


def test_threads_from_thread_ts_whatever_the_order_of_replies(tmp_path: Path) -> None:
    days = {"2015-06-12.json": (FRAGMENTS / "normal_thread.json").read_bytes()}
    records, rejects, _ = split(list(read_slack(_export(tmp_path, days))))
    assert rejects == []
    threads = {r.document.body: [p.body for p in r.posts] for r in records}
    assert threads == {"message body text": ["random"], "another thread message": ["another reply"]}
    root = next(r for r in records if r.document.body == "another thread message")
    assert root.document.id == "slack:T1:C1:1539868294.000007"
    assert root.posts[0].reply_to == root.document.id


def test_private_channel_markup_reactions_and_contacts(tmp_path: Path) -> None:
    messages = [
        {
            "type": "message",
            "user": "U061A5N1G",
            "ts": "1700000000.000100",
            "text": "Ask <@U061A1R2R> in <#C1|random> about <https://ex.org/a|the guide> :tada: "
            "mail <mailto:a@b.org|a@b.org> or call 081 234 5678",
            "reactions": [
                {"name": "+1", "users": ["U061A1R2R"], "count": 1},
                {"name": "tada", "users": ["U061A5N1G", "U061A1R2R"], "count": 2},
            ],
        },
        {
            "type": "message",
            "subtype": "channel_leave",
            "user": "U061A1R2R",
            "ts": "1700000001.000100",
            "text": "<@U061A1R2R> has left the channel",
        },
    ]
    path = _export(tmp_path, {"2023-11-14.json": json.dumps(messages).encode()}, groups=True)
    (path / "D0DM").mkdir()
    (path / "D0DM" / "2023-11-14.json").write_text(json.dumps(messages[:1]))
    records, rejects, skipped = split(list(read_slack(path)))
    (record,) = records
    assert record.community_profile is not None and record.community_profile.private
    assert record.community == "slack:T1:C1" and record.community_profile.name == "#random"
    assert record.document.body == (
        "Ask @Nok in #random about the guide  mail [address] or call [phone]"
    )
    assert record.document.score == 3 and not rejects
    assert skipped == {"join/leave message": 1, "unlisted channel file": 1}, (
        "a direct-message folder no channel list names is said, not read"
    )


def test_hostile_files_and_messages_are_rejects_and_the_rest_goes_in(tmp_path: Path) -> None:
    good = {"type": "message", "user": "U061A5N1G", "ts": "1700000000.000100", "text": "ok"}
    days = {
        "2023-11-13.json": b'[{"type": "message", "user": "U061A5N1G", "ts": "17',
        "2023-11-14.json": json.dumps([good]).encode().replace(b"ok", b"ok \xff"),
        "2023-11-15.json": json.dumps(
            [
                {"type": "message", "ts": "1700050000.000100", "text": "no user"},
                {"type": "message", "user": "U061A5N1G", "text": "no ts"},
                {
                    "type": "message",
                    "user": "U061A5N1G",
                    "ts": "1700050001.0",
                    "text": "x" * (MAX_MESSAGE_CHARS + 1),
                },
                "not an object",
                {**good, "ts": "1700050002.000100", "text": "the one good message"},
            ]
        ).encode(),
    }
    records, rejects, _ = split(list(read_slack(_export(tmp_path, days))))
    reasons = {r.position: r.reason for r in rejects}
    assert reasons["random/2023-11-13.json"].startswith("malformed JSON")
    assert reasons["random/2023-11-14.json"].startswith("not valid UTF-8: byte 0xff")
    assert reasons["random/2023-11-15.json message 1"] == "missing user"
    assert reasons["random/2023-11-15.json message 2"] == "bad ts None"
    assert "over the 100000 limit" in reasons["random/2023-11-15.json message 3"]
    assert reasons["random/2023-11-15.json message 4"] == "not a JSON object"
    assert [r.document.body for r in records] == ["the one good message"]
    assert all(r.document_id is None for r in rejects), "no thread: it could open any discussion"


def test_a_rejected_reply_names_its_thread_for_a_sync(tmp_path: Path) -> None:
    root = {"type": "message", "user": "U061A5N1G", "ts": "1700000000.000100", "text": "Q?"}
    root["thread_ts"] = root["ts"]
    reply = {**root, "ts": "1700000100.000100", "text": "A.", "user": None}
    day = json.dumps([root, reply]).encode()
    records, rejects, _ = split(list(read_slack(_export(tmp_path, {"2023-11-14.json": day}))))
    (reject,) = rejects
    assert reject.reason == "missing user"
    assert reject.document_id == records[0].document.id == "slack:T1:C1:1700000000.000100"


def test_the_zip_reads_like_its_folder_and_is_detected(tmp_path: Path) -> None:
    archive = tmp_path / "Workspace Slack export Jan 1 2016 - Apr 1 2016.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for file in EXPORT.rglob("*.json"):
            zipped.write(file, file.relative_to(EXPORT).as_posix())
    assert detect_format(archive) == "slack" and detect_format(EXPORT) == "slack"
    assert list(read_slack(archive)) == list(read_slack(EXPORT))


def test_a_folder_without_users_json_is_not_a_slack_export(tmp_path: Path) -> None:
    shutil.copy(EXPORT / "channels.json", tmp_path / "channels.json")
    assert detect_format(tmp_path) == "files"


def test_a_broken_zip_is_one_clear_error_and_a_broken_member_one_reject(tmp_path: Path) -> None:
    broken = tmp_path / "export.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInput, match="not a readable zip"):
        list(read_source(broken, "slack"))
    archive = tmp_path / "good.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for file in EXPORT.rglob("*.json"):
            zipped.write(file, file.relative_to(EXPORT).as_posix())
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zipped:
        member = zipped.getinfo("enrique/2016-01-15.json")
    start = member.header_offset + 30 + len(member.filename) + 40
    data[start : start + 8] = b"\x00" * 8
    archive.write_bytes(bytes(data))
    _, rejects, _ = split(list(read_slack(archive)))
    (reject,) = rejects
    assert reject.position == "enrique/2016-01-15.json"
    assert reject.reason.startswith("unreadable in the zip")


def test_a_broadcast_reply_is_one_reply_of_its_thread(tmp_path: Path) -> None:
    days = {"2015-06-12.json": (FRAGMENTS / "thread_with_broadcast_reply.json").read_bytes()}
    records, rejects, _ = split(list(read_slack(_export(tmp_path, days))))
    (thread,) = records
    assert not rejects and thread.document.body == "thread message"
    assert [p.body for p in thread.posts] == ["first reply", "everyone should see this"]


def test_a_channel_named_by_id_is_named_even_when_listed_later(tmp_path: Path) -> None:
    message = {"type": "message", "user": "U061A5N1G", "ts": "1700000000.0001", "text": "see <#C2>"}
    path = _export(tmp_path, {"2023-11-14.json": json.dumps([message]).encode()})
    (path / "groups.json").write_text(json.dumps([{"id": "C2", "name": "nursing-leads"}]))
    records, _, _ = split(list(read_slack(path)))
    assert [r.document.body for r in records] == ["see #nursing-leads"]


def test_a_deactivated_user_has_left_since_their_last_message(tmp_path: Path) -> None:
    export = shutil.copytree(EXPORT, tmp_path / "export")
    users = json.loads((export / "users.json").read_text(encoding="utf-8"))
    for user in users:
        user["deleted"] = user["id"] in ("U0BMS113R", "U0BMM2FEH")
    (export / "users.json").write_text(json.dumps(users), encoding="utf-8")
    items = list(read_slack(export))
    closed = [item for item in items if isinstance(item, AccountClosed)]
    assert [(c.person.handle, c.account, c.since.isoformat(), c.basis) for c in closed] == [
        ("U0BMS113R", "deactivated", "2016-03-27", "last activity"),
        ("U0BMM2FEH", "deactivated", "2016-03-17", "last activity"),
    ]
    assert closed[0].person.name and closed[0].position.startswith("users.json #")
    opened = {item.person.handle for item in items if isinstance(item, AccountOpen)}
    assert opened == {"U0BMQB6JE", "U0BMYT2FL"}, "every other author's account is open"
    assert split(items)[0] == split(list(read_slack(EXPORT)))[0], "their messages still count"
