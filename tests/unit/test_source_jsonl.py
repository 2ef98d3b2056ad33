"""read_jsonl: good lines become records, each kind of bad line a reject, and the rest go on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ingest.records import Reject, SourceRecord
from ingest.sources.jsonl import json_schema, read_jsonl

DOCS = Path(__file__).resolve().parents[2] / "docs"
SAMPLE = Path(__file__).resolve().parents[2] / "ingest" / "sample" / "cop-sample.jsonl"

DOCUMENT = {
    "type": "document",
    "id": "km-001",
    "title": "After Action Review",
    "body": "Four questions right after the work.",
    "format": "markdown",
    "author": {"id": "nattaya", "name": "ณัฐยา"},
    "created_at": "2024-03-04T16:00:00",
    "tags": ["aar"],
    "score": 3,
}
DISCUSSION = {
    "type": "discussion",
    "id": "agri-002",
    "title": "ทำปุ๋ยหมักจากฟางข้าว",
    "body": "ต้องผสมอะไรเพิ่มครับ",
    "author": {"id": "somchai.k"},
    "community": "cop-agri",
    "posts": [
        {"id": "p1", "kind": "answer", "accepted": True, "body": "มูลวัว", "author": {"id": "malee"}},
        {"id": "p2", "kind": "comment", "reply_to": "p1", "body": "ขอบคุณ", "author": {"id": "s"}},
        {"id": "p3", "body": "   ", "author": {"id": "wichai"}},
        {"id": "p4", "body": "who am I?"},
    ],
}


def _read(tmp_path: Path, *lines: bytes, community: str | None = None) -> list[Any]:
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return list(read_jsonl(path, community=community))


def _line(record: dict[str, Any]) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode()


def test_document_and_discussion_map_to_records(tmp_path: Path) -> None:
    out = _read(tmp_path, _line(DOCUMENT), b"", _line(DISCUSSION), community="cop-km")
    records = [item for item in out if isinstance(item, SourceRecord)]
    rejects = [item for item in out if isinstance(item, Reject)]

    document, discussion = records
    assert document.position == "line 1"
    assert document.community == "cop-km"
    assert document.document.kind == "article"
    assert document.document.body_format == "markdown"
    assert document.document.author is not None
    assert document.document.author.model_dump() == {
        "source": "jsonl",
        "handle": "nattaya",
        "name": "ณัฐยา",
    }
    created = document.document.created_at
    assert created is not None and created.utcoffset() is not None

    assert discussion.position == "line 3"
    assert discussion.community == "cop-agri"
    assert discussion.document.kind == "question"
    assert [(p.id, p.kind, p.reply_to, p.accepted) for p in discussion.posts] == [
        ("p1", "answer", "agri-002", True),
        ("p2", "comment", "p1", False),
    ]
    assert sorted((r.position, r.reason) for r in rejects) == [
        ("line 3 post p3", "empty body"),
        ("line 3 post p4", "missing author"),
    ]


def test_discussion_without_answers_is_a_thread(tmp_path: Path) -> None:
    thread = {**DISCUSSION, "posts": [{"id": "r1", "body": "me too", "author": {"id": "x"}}]}
    (record,) = _read(tmp_path, _line(thread))
    assert record.document.kind == "thread"
    assert record.posts[0].kind == "reply"
    assert record.posts[0].reply_to == "agri-002"


def test_each_bad_line_is_a_reject_and_reading_goes_on(tmp_path: Path) -> None:
    latin1 = _line({**DOCUMENT, "body": "caf\u00e9"}).replace("é".encode(), b"\xe9")
    out = _read(
        tmp_path,
        b"not json",
        b'{"type": "memo", "id": "x", "body": "b"}',
        _line({**DOCUMENT, "auther": {"id": "a"}}),
        _line({**DOCUMENT, "created_at": "yesterday"}),
        b"[1, 2]",
        latin1,
        _line({**DOCUMENT, "body": ""}),
        _line({k: v for k, v in DOCUMENT.items() if k != "author"}),
        _line({**DISCUSSION, "author": None}),
        _line(DOCUMENT),
    )
    reasons = {item.position: item.reason for item in out if isinstance(item, Reject)}
    assert reasons["line 1"].startswith("line: Invalid JSON")
    assert "memo" in reasons["line 2"]
    assert "auther" in reasons["line 3"] and "Extra inputs" in reasons["line 3"]
    assert "created_at" in reasons["line 4"]
    assert "object" in reasons["line 5"]
    assert reasons["line 6"] == f"not valid UTF-8: byte 0xe9 at offset {latin1.index(0xE9)}"
    assert reasons["line 7"] == "empty body"
    assert reasons["line 8"] == "missing author"
    kept = [item for item in out if isinstance(item, SourceRecord)]
    assert [record.position for record in kept] == ["line 9", "line 10"]
    assert kept[0].document.author is None, "a deleted user's discussion anchors its posts"


def test_bundled_sample_reads_without_rejects() -> None:
    out = list(read_jsonl(SAMPLE))
    records = [item for item in out if isinstance(item, SourceRecord)]
    assert len(records) == len(out) == 30
    assert [item.document.kind for item in records].count("article") == 14
    assert sum(len(item.posts) for item in records) == 49
    assert sum(1 for item in records for post in item.posts if post.accepted) == 10


def test_committed_schema_is_the_generated_one() -> None:
    committed = json.loads((DOCS / "copgraph-record.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), (
        "regenerate: python -m ingest.sources.jsonl > docs/copgraph-record.schema.json"
    )


def test_documented_examples_are_valid_records(tmp_path: Path) -> None:
    text = (DOCS / "jsonl-format.md").read_text(encoding="utf-8")
    examples = [json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)]
    out = _read(tmp_path, *(_line(example) for example in examples))
    assert len(examples) == 3
    assert all(isinstance(item, SourceRecord) for item in out)


def test_several_authors_with_roles_and_links(tmp_path: Path) -> None:
    paper = {
        **{k: v for k, v in DOCUMENT.items() if k != "author"},
        "authors": [
            {"id": "nattaya", "name": "ณัฐยา"},
            {"id": "malee", "role": "editor"},
            {"id": "wichai", "role": "contributor"},
        ],
        "links": [{"target": "km-000", "kind": "cites"}, {"target": "wiki:aar"}],
    }
    (record,) = _read(tmp_path, _line(paper))
    document = record.document
    assert [(a.person.handle, a.person.name, a.role) for a in document.authors] == [
        ("nattaya", "ณัฐยา", "author"),
        ("malee", "", "editor"),
        ("wichai", "", "contributor"),
    ]
    assert document.author is not None and document.author.handle == "nattaya"
    assert [(link.target_id, link.kind) for link in document.links] == [
        ("km-000", "cites"),
        ("wiki:aar", "links_to"),
    ]


def test_author_stays_a_single_author(tmp_path: Path) -> None:
    (record,) = _read(tmp_path, _line(DOCUMENT))
    assert [(a.person.handle, a.role) for a in record.document.authors] == [("nattaya", "author")]
    assert record.document.links == []


def test_bad_authors_and_links_are_rejected_naming_the_field(tmp_path: Path) -> None:
    both = {**DOCUMENT, "authors": [{"id": "malee"}]}
    bad_role = {**DOCUMENT, "id": "r", "author": None, "authors": [{"id": "a", "role": "boss"}]}
    bad_kind = {**DOCUMENT, "id": "k", "links": [{"target": "x", "kind": "likes"}]}
    no_target = {**DOCUMENT, "id": "t", "links": [{"kind": "cites"}]}
    post_both = {
        **DISCUSSION,
        "posts": [
            {"id": "ok", "body": "fine", "author": {"id": "malee"}},
            {"id": "two", "body": "x", "author": {"id": "a"}, "authors": [{"id": "b"}]},
        ],
    }
    out = _read(tmp_path, *map(_line, [both, bad_role, bad_kind, no_target, post_both]))
    reasons = {item.position: item.reason for item in out if isinstance(item, Reject)}
    assert reasons["line 1"].startswith("author and authors")
    assert "authors.0.role" in reasons["line 2"]
    assert "links.0.kind" in reasons["line 3"]
    assert "links.0.target" in reasons["line 4"]
    assert reasons["line 5 post two"].startswith("author and authors")
    (kept,) = [item for item in out if isinstance(item, SourceRecord)]
    assert [post.id for post in kept.posts] == ["ok"], "one bad post leaves the rest"
