"""The Discourse reader on the real topic JSON in shared/ and on hostile variants of it."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import tarfile
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest

from graph_service.errors import InvalidInput
from ingest.records import AccountClosed, AccountOpen, Reject, Skipped, SourceRecord
from ingest.sources.detect import detect_format
from ingest.sources.discourse import MAX_FILE_BYTES, looks_like_discourse, read_discourse
from ingest.sources.discourse_backup import is_discourse_backup
from ingest.sources.inputs import plan_inputs
from tests.conftest import SHARED
from tests.reader_output import split

REAL = SHARED / "data" / "connectors" / "discourse"


def _skipped(items: list[SourceRecord | Reject | Skipped]) -> list[tuple[str, str]]:
    """What was skipped, as (position, kind)."""
    return [(item.position, item.kind) for item in items if isinstance(item, Skipped)]


def _topic() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((REAL / "topic.json").read_text(encoding="utf-8"))
    return data


def _write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_real_topic_is_a_thread_with_its_replies_likes_and_category() -> None:
    items = list(read_discourse(REAL / "topic.json"))
    records, rejects, _ = split(items)
    (topic,) = records
    assert topic.source == "discourse:discourse" and topic.community == "discourse:category:13"
    assert topic.document.kind == "thread"
    assert topic.document.title == "THIS SITE IS A SANDBOX -- it is reset every day"
    assert topic.document.author is not None and topic.document.author.name == "Sam Saffron"
    assert [post.id for post in topic.posts] == [
        "discourse:discourse:t57:p3",
        "discourse:discourse:t57:p14",
    ]
    assert all(post.reply_to == topic.document.id for post in topic.posts)
    assert [post.score for post in topic.posts] == [5, 5], "likes are actions_summary id 2"
    assert topic.posts[1].author is not None and topic.posts[1].author.handle == "splattne"
    assert rejects == [], "a notice the forum wrote itself is skipped, not rejected"
    assert _skipped(items) == [("topic.json post 2", "moderator notice")]


def test_folder_merges_the_files_of_one_topic_and_names_a_clash() -> None:
    items = list(read_discourse(REAL))
    records, rejects, _ = split(items)
    assert len(records) == 1 and len(records[0].posts) == 2
    assert [r.reason for r in rejects] == ["post_number 2 is already post id 84"]
    assert [kind for _, kind in _skipped(items)] == ["moderator notice"]
    assert all(r.document_id == "discourse:discourse:t57:p1" for r in rejects)


def test_posts_without_their_opening_post_are_one_reject() -> None:
    records, rejects, _ = split(list(read_discourse(REAL / "topic_posts.json")))
    assert records == []
    assert [r.reason for r in rejects] == ["opening post (number 1) is in no file"]


def test_accepted_answer_nested_reply_and_pages_of_one_topic(tmp_path: Path) -> None:
    topic = _topic()
    posts = topic["post_stream"]["posts"]
    posts[2]["accepted_answer"] = True
    posts[3]["reply_to_post_number"] = 3
    later = deepcopy(posts[3])
    later.update(id=999, post_number=15, reply_to_post_number=14, cooked="<p>Thai: ใช่ครับ</p>")
    topic["post_stream"]["stream"].append(999)
    _write(tmp_path / "forum", "57.json", topic)
    _write(tmp_path / "forum", "57-page2.json", {"post_stream": {"posts": [later]}, "id": 57})
    items = list(read_discourse(tmp_path / "forum"))
    records, rejects, _ = split(items)
    (record,) = records
    by_number = {post.id.rsplit("p", 1)[1]: post for post in record.posts}
    assert record.document.kind == "question"
    assert by_number["3"].accepted and by_number["3"].kind == "answer"
    assert by_number["14"].reply_to.endswith(":p3") and by_number["14"].kind == "reply"
    assert by_number["15"].reply_to.endswith(":p14") and "ใช่ครับ" in by_number["15"].body
    assert rejects == [] and [kind for _, kind in _skipped(items)] == ["moderator notice"]


def test_hostile_files_are_rejects_with_position_and_the_rest_goes_in(tmp_path: Path) -> None:
    forum = tmp_path / "forum"
    good = _topic()
    _write(forum, "a-good.json", good)
    text = (REAL / "topic.json").read_text(encoding="utf-8")
    (forum / "b-truncated.json").write_text(text[: len(text) // 2], encoding="utf-8")
    (forum / "c-latin1.json").write_bytes(text.replace("Sam Saffron", "S\u00e1m").encode("latin-1"))
    missing = deepcopy(good)
    missing["id"] = 59
    del missing["post_stream"]["posts"][3]["created_at"]
    del missing["post_stream"]["posts"][2]["username"]
    _write(forum, "d-missing-fields.json", missing)
    huge = deepcopy(good)
    huge["id"] = 60
    huge["post_stream"]["posts"][0]["cooked"] = "<p>" + "knowledge " * 200_000 + "</p>"
    _write(forum, "e-huge-post.json", huge)
    records, rejects, _ = split(list(read_discourse(forum)))
    reasons = {(r.position, r.reason.split(":")[0]) for r in rejects}
    assert ("b-truncated.json", "malformed JSON") in reasons
    assert ("c-latin1.json", "not valid UTF-8") in reasons
    assert ("d-missing-fields.json post 14", "missing created_at") in reasons
    assert ("d-missing-fields.json post 3", "missing author") in reasons
    assert sorted(r.document.id for r in records) == [
        "discourse:forum:t57:p1",
        "discourse:forum:t59:p1",
        "discourse:forum:t60:p1",
    ]
    (huge_record,) = (r for r in records if r.document.id.endswith("t60:p1"))
    assert len(huge_record.document.body) > 2_000_000, "a long post goes in whole"


def test_oversized_file_is_rejected_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as file:
        file.write(b'{"post_stream": ')
        file.truncate(MAX_FILE_BYTES + 1)
    (reject,) = read_discourse(path)
    assert isinstance(reject, Reject) and "over" in reject.reason


def test_private_messages_and_whispers_are_skipped_with_a_reason(tmp_path: Path) -> None:
    topic = _topic()
    topic["post_stream"]["posts"][3]["post_type"] = 4
    _write(tmp_path / "f", "whisper.json", topic)
    private = deepcopy(topic)
    private.update(id=70, archetype="private_message")
    _write(tmp_path / "f", "pm.json", private)
    (tmp_path / "f" / "users.json").write_text('{"users": []}', encoding="utf-8")
    items = list(read_discourse(tmp_path / "f"))
    records, rejects, _ = split(items)
    assert [r.document.id for r in records] == ["discourse:f:t57:p1"]
    assert rejects == []
    assert {
        ("users.json", "JSON file that is no topic"),
        ("pm.json topic 70", "private message"),
        ("whisper.json post 14", "whisper (staff only)"),
    } <= set(_skipped(items))


def test_detection(tmp_path: Path) -> None:
    assert looks_like_discourse(REAL) and looks_like_discourse(REAL / "topic.json")
    shutil.copy(REAL / "topic.json", tmp_path / "notes.txt")
    (tmp_path / "other.json").write_text('{"users": []}', encoding="utf-8")
    assert not looks_like_discourse(tmp_path / "notes.txt")
    assert not looks_like_discourse(tmp_path / "other.json")


def test_a_topic_without_a_readable_opening_post_is_left_out_and_says_so(tmp_path: Path) -> None:
    broken = _topic()
    del broken["post_stream"]["posts"][0]["created_at"]
    _write(tmp_path / "f", "a.json", broken)
    deleted = deepcopy(_topic())
    deleted["id"] = 58
    deleted["post_stream"]["posts"][0]["deleted_at"] = "2014-01-01T00:00:00Z"
    _write(tmp_path / "f", "b.json", deleted)
    items = list(read_discourse(tmp_path / "f"))
    records, rejects, _ = split(items)
    assert records == []
    reasons = {(r.position, r.reason) for r in rejects}
    assert (
        "a.json topic 57",
        "opening post left out (missing created_at), and with it the topic's 3 other post(s)",
    ) in reasons
    assert not any(r.position.startswith("b.json") for r in rejects), "a deletion is no fault"
    assert _skipped(items) == [
        ("b.json post 1", "deleted post"),
        ("b.json post 2", "post of a skipped topic"),
        ("b.json post 3", "post of a skipped topic"),
        ("b.json post 14", "post of a skipped topic"),
    ]


def test_contact_details_in_posts_are_taken_out(tmp_path: Path) -> None:
    topic = _topic()
    topic["post_stream"]["posts"][3]["cooked"] = (
        '<p>Mail <a href="mailto:malee@example.org">malee@example.org</a> '
        "or call 081-234-5678; the 2024-01-15 meeting is in room 12.</p>"
    )
    (record,) = (
        r for r in read_discourse(_write(tmp_path, "t.json", topic)) if isinstance(r, SourceRecord)
    )
    body = record.posts[-1].body
    assert "malee@" not in body and "234-5678" not in body
    assert "[address]" in body and "[phone]" in body and "2024-01-15" in body


def test_a_suspended_author_has_left_since_their_newest_post(tmp_path: Path) -> None:
    topic = _topic()
    for post in topic["post_stream"]["posts"]:
        if post["username"] == "samsaffron":
            post["user_suspended"] = True
    items = list(read_discourse(_write(tmp_path / "forum", "t.json", topic)))
    closed = [item for item in items if isinstance(item, AccountClosed)]
    assert [(c.person.handle, c.account, c.since.isoformat(), c.basis) for c in closed] == [
        ("samsaffron", "suspended", "2013-02-04", "last activity")
    ]
    assert closed[0].position.endswith("post 1"), "post 2, a moderator notice, is no post kept"
    assert split(items)[0][0].document.author == closed[0].person, "their posts still count"
    opened = {item.person.handle for item in items if isinstance(item, AccountOpen)}
    assert opened == {"stienman", "splattne"}


def _category_export(folder: Path) -> Path:
    """A category's export: its topic list (one topic fetched, one not), a topic of another
    category, and the forum's categories (one of them staff only)."""
    listed = {
        "users": [{"id": 1, "username": "samsaffron"}],
        "topic_list": {"topics": [{"id": 57, "category_id": 13}, {"id": 99, "category_id": 13}]},
    }
    _write(folder / "c" / "uncategorized", "13.json", listed)
    _write(folder / "t", "57.json", _topic())
    staff = {**_topic(), "id": 58, "category_id": 7}
    _write(folder / "t", "58.json", staff)
    categories = {
        "category_list": {
            "categories": [
                {"id": 13, "name": "Uncategorized", "description_text": "anything"},
                {"id": 7, "name": "Staff", "read_restricted": True},
            ]
        }
    }
    _write(folder, "categories.json", categories)
    return folder


def test_a_category_export_names_its_communities_and_the_topics_it_lacks(tmp_path: Path) -> None:
    folder = _category_export(tmp_path / "forum")
    assert looks_like_discourse(folder / "c")
    items = list(read_discourse(folder))
    records, rejects, _ = split(items)
    by_topic = {r.document.id: r for r in records}
    public, staff = by_topic["discourse:forum:t57:p1"], by_topic["discourse:forum:t58:p1"]
    assert public.community == "forum:category:13" and public.community_profile is not None
    assert (public.community_profile.name, public.community_profile.private) == (
        "Uncategorized",
        False,
    )
    assert public.community_profile.description == "anything"
    assert staff.community_profile is not None and staff.community_profile.private
    (missing,) = rejects
    assert missing.position == "c/uncategorized/13.json topic #2"
    assert "save /t/99.json too" in missing.reason
    assert missing.document_id == "discourse:forum:t99:p1", "a sync keeps what is stored"
    assert "JSON file that is no topic" not in [kind for _, kind in _skipped(items)]


def test_a_category_named_only_by_its_lists_path_is_named_by_its_slug(tmp_path: Path) -> None:
    folder = _category_export(tmp_path / "forum")
    (folder / "categories.json").unlink()
    topic = {**_topic(), "category_id": None}
    _write(folder / "t", "57.json", topic)
    records, _, _ = split(list(read_discourse(folder)))
    (listed,) = [r for r in records if r.document.id == "discourse:forum:t57:p1"]
    assert listed.community == "forum:category:13", "the list says which category"
    assert listed.community_profile is not None
    assert listed.community_profile.name == "uncategorized"


def _backup(path: Path) -> Path:
    dump = path.parent / "dump.sql.gz"
    dump.write_bytes(gzip.compress(b"--\n-- PostgreSQL database dump\n--\nCOPY public.posts;\n"))
    with tarfile.open(path, "w:gz") as archive:
        archive.add(dump, arcname="dump.sql.gz")
        archive.addfile(tarfile.TarInfo("uploads/default/original/1X/a.png"), io.BytesIO())
    return path


def test_an_admin_backup_is_named_with_how_to_export_instead(tmp_path: Path) -> None:
    backup = _backup(tmp_path / "forum-2026-01-05-033000-v20251201.tar.gz")
    with pytest.raises(InvalidInput, match="Discourse admin backup .* is not read"):
        detect_format(backup)
    (skipped,) = plan_inputs([backup]).skipped
    assert "/c/{slug}/{id}.json" in skipped.reason and "/categories.json" in skipped.reason
    (item,) = read_discourse(backup)
    assert isinstance(item, Skipped) and item.kind == "admin backup"
    assert "/t/{id}.json" in item.detail
    assert is_discourse_backup(tmp_path / "dump.sql.gz"), "a backup without uploads too"
    (tmp_path / "other.tar.gz").write_bytes(b"not gzip")
    assert not is_discourse_backup(tmp_path / "other.tar.gz")
