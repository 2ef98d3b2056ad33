"""Inputs for the fault and soak tests: a slice of the real StackExchange dump, and synthetic
discussions in English and Thai, sized so a kill lands in the middle of a run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.conftest import SHARED

DUMP = SHARED / "data" / "stackexchange-quantumcomputing"
_ATTRIBUTE = re.compile(r'\b(Id|PostTypeId|ParentId|PostId)="(\d+)"')


def _attributes(line: str) -> dict[str, str]:
    return dict(_ATTRIBUTE.findall(line))


def stackexchange_slice(folder: Path, questions: int) -> Path:
    """A dump holding the first `questions` questions of the real one, whole.

    Each question keeps its answers and the comments on any of them; users are copied as
    they are. The pipeline reads 64 threads per batch, so `questions` sets how many
    batches (and store transactions) a run has.
    """
    folder.mkdir(parents=True, exist_ok=True)
    questions_kept: set[str] = set()
    posts_kept: set[str] = set()
    posts: list[str] = []
    for line in (DUMP / "Posts.xml").read_text(encoding="utf-8-sig").splitlines():
        row = _attributes(line)
        if "Id" in row:
            if row.get("PostTypeId") == "1" and len(questions_kept) < questions:
                questions_kept.add(row["Id"])
            elif row.get("PostTypeId") != "2" or row.get("ParentId") not in questions_kept:
                continue
            posts_kept.add(row["Id"])
        posts.append(line)
    comments = [
        line
        for line in (DUMP / "Comments.xml").read_text(encoding="utf-8-sig").splitlines()
        if "Id" not in _attributes(line) or _attributes(line).get("PostId") in posts_kept
    ]
    (folder / "Posts.xml").write_text("\n".join(posts) + "\n", encoding="utf-8")
    (folder / "Comments.xml").write_text("\n".join(comments) + "\n", encoding="utf-8")
    (folder / "Users.xml").write_bytes((DUMP / "Users.xml").read_bytes())
    return folder


_TOPICS = (
    ("composting rice straw", "การทำปุ๋ยหมักจากฟางข้าว"),
    ("drip irrigation for vegetables", "ระบบน้ำหยดสำหรับผัก"),
    ("after action reviews", "การทบทวนหลังการปฏิบัติงาน"),
    ("mentoring new nurses", "การเป็นพี่เลี้ยงพยาบาลใหม่"),
    ("hand hygiene audits", "การตรวจการล้างมือ"),
)


def discussion(prefix: str, number: int, posts: int) -> dict[str, Any]:
    """A discussion in copgraph's JSONL format with `posts` answers and comments.

    Every post is long enough for a chunk and carries practice cues (numbered steps,
    lessons learned), so a record brings documents, posts, chunks, practices and links.
    """
    english, thai = _TOPICS[number % len(_TOPICS)]
    record_id = f"{prefix}-{number}"

    def body(index: int) -> str:
        return (
            f"How we handled {english} in group {number}, round {index}.\n\n"
            f"Steps:\n1. Agree on the goal for {english}.\n2. Try it on a small plot first.\n"
            f"3. Record what happened every week.\n\nLessons learned: start small, round {index}"
            f" of {record_id}. ขั้นตอน{thai} ครั้งที่ {index} ของกลุ่ม {number}"
        )

    return {
        "type": "discussion",
        "id": record_id,
        "title": f"{english.capitalize()} ({record_id})",
        "body": body(0),
        "author": {"id": f"{prefix}-author-{number % 7}", "name": f"Author {number % 7}"},
        "community": "cop-agri",
        "created_at": f"2024-0{1 + number % 9}-1{number % 10}T08:00:00+07:00",
        "posts": [
            {
                "id": f"{record_id}-p{index}",
                "kind": "answer" if index % 3 else "comment",
                "author": {"id": f"{prefix}-member-{(number + index) % 11}"},
                "body": body(index),
                "accepted": index == 1,
                "score": index % 5,
            }
            for index in range(1, posts + 1)
        ],
    }
