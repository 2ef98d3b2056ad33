"""The Teams reader on the real data export, the Graph API docs' sample and hostile variants."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ingest.records import Reject
from ingest.sources.detect import detect_format
from ingest.sources.teams import read_teams
from tests.conftest import SHARED
from tests.reader_output import split

TEAMS = SHARED / "data" / "connectors" / "teams"
EXPORT = TEAMS / "zulip-TeamsData_ZulipChat"
TEAM = "7c050abd-3cbb-448b-a9de-405f54cc14b2"
PRIVATE_CHANNEL = "19:42c4944387224bf79bcad3cb6809a335@thread.tacv2"


def _real_messages() -> list[dict[str, Any]]:
    messages: list[dict[str, Any]] = json.loads(
        (EXPORT / f"messages_{TEAM}.json").read_text(encoding="utf-8")
    )
    return messages


def test_real_export_one_thread_with_replies_and_system_events_skipped() -> None:
    records, rejects, skipped = split(list(read_teams(EXPORT)))
    assert rejects == [] and skipped == {"system message": 3}
    (thread,) = records
    assert (
        thread.document.id
        == "teams:19:---2pcguZ0vbfte2wmk0y31xdnjlFv2C1k7nyYXUc7A1@thread.tacv2:1755167284801"
        and thread.document.title == ("private channel message")
    )
    assert thread.document.author is not None and thread.document.author.name == "Pieter K"
    assert [p.author.name for p in thread.posts if p.author] == [
        "Alya Abbott",
        "Alya Abbott",
        "Will Begon",
    ]
    assert all(p.reply_to == thread.document.id for p in thread.posts)
    assert thread.posts[-1].score == 1 and thread.document.body_format == "html"
    assert thread.community_profile is not None and thread.community_profile.name == "General"
    assert not thread.community_profile.private


def test_graph_api_sample_camel_case_is_read(tmp_path: Path) -> None:
    page = (TEAMS / "microsoft-graph-docs" / "chatmessage-list-replies.md").read_text()
    body = re.search(r"Content-type: application/json\s*\n\s*\n(\{.*?\n\})\s*\n```", page, re.S)
    assert body is not None
    path = tmp_path / "replies.json"
    path.write_text(body.group(1), encoding="utf-8")
    assert detect_format(path) == "teams"
    records, rejects, _ = split(list(read_teams(path)))
    assert rejects == [] and len(records) == 1
    (thread,) = records
    # The page lists replies only: the earliest stands for the root the file does not hold.
    assert thread.document.id.endswith("@thread.tacv2:1616989747416") and len(thread.posts) == 2
    assert thread.document.author is not None and thread.document.author.name == "Robin Kline"


def test_private_channel_kept_private(tmp_path: Path) -> None:
    root = {
        **_real_messages()[2],
        "ChannelIdentity": {"ChannelId": PRIVATE_CHANNEL, "TeamId": TEAM},
    }
    (tmp_path / f"messages_{TEAM}.json").write_text(json.dumps([root]))
    (tmp_path / f"channels_{TEAM}.json").write_bytes(
        (EXPORT / f"channels_{TEAM}.json").read_bytes()
    )
    records, _, _ = split(list(read_teams(tmp_path)))
    (thread,) = records
    assert thread.community == f"teams:{PRIVATE_CHANNEL}"
    assert thread.community_profile is not None and thread.community_profile.private


def test_hostile_variants_are_rejects_and_the_rest_goes_in(tmp_path: Path) -> None:
    good, *_ = _real_messages()
    broken = [
        {**good, "From": {"User": None, "Application": None}},
        {**good, "Id": None},
        {**good, "CreatedDateTime": "yesterday"},
        {**good, "Body": {"ContentType": "html", "Content": "<p>" + "ก" * 100_001 + "</p>"}},
        {**good, "Body": None},
        [1, 2],
        good,
    ]
    path = tmp_path / f"messages_{TEAM}.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    records, rejects, _ = split(list(read_teams(path)))
    reasons = [r.reason for r in rejects]
    assert reasons[:3] == ["missing from.user", "missing id", "bad createdDateTime 'yesterday'"]
    assert "over the 100000 limit" in reasons[3] and reasons[4:] == [
        "missing body",
        "not a JSON object",
    ]
    assert [r.position for r in rejects][0] == f"messages_{TEAM}.json #1"
    assert len(records) == 1
    root = good["ReplyToId"] or good["Id"]
    thread = f"teams:{good['ChannelIdentity']['ChannelId']}:{root}"
    assert [r.document_id for r in rejects] == [thread, thread, thread, thread, thread, None], (
        "a reject names its thread's root when the message says which (replyToId, else its id)"
    )
    truncated = tmp_path / "cut.json"
    truncated.write_bytes((EXPORT / f"messages_{TEAM}.json").read_bytes()[:5000])
    (reject,) = list(read_teams(truncated))
    assert isinstance(reject, Reject) and reject.reason.startswith("malformed JSON")
    latin = tmp_path / "latin.json"
    latin.write_bytes(json.dumps([good]).encode().replace(b"Good", b"G\xf6od"))
    (reject,) = list(read_teams(latin))
    assert isinstance(reject, Reject) and reject.reason.startswith("not valid UTF-8: byte 0xf6")
