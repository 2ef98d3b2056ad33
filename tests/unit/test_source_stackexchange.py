"""read_stackexchange: threads grouped across files, bad rows rejected, the real dump complete."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from graph_service.errors import InvalidInput
from ingest.records import Reject, SourceRecord
from ingest.sources.stackexchange import read_stackexchange

DUMP = Path(__file__).resolve().parents[3] / "shared" / "data" / "stackexchange-quantumcomputing"
MINI = Path(__file__).resolve().parent / "data" / "sources" / "stackexchange-mini"
"""A dump of 13 posts and 6 comments with one of each kind of flaw; Posts.xml holds a Latin-1
byte on purpose."""


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """The mini dump under a folder named like the real one, for the default site name."""
    folder = tmp_path / "stackexchange-quantumcomputing"
    shutil.copytree(MINI, folder)
    return folder


def test_threads_are_grouped_with_authors_urls_and_acceptance(dump: Path) -> None:
    out = list(read_stackexchange(dump, community="qc"))
    records = {item.position: item for item in out if isinstance(item, SourceRecord)}
    assert list(records) == ["Posts.xml Id=1", "Posts.xml Id=2", "Posts.xml Id=12"]

    qubits = records["Posts.xml Id=1"]
    assert qubits.source == "stackexchange:quantumcomputing"
    assert qubits.community == "qc"
    question = qubits.document
    assert (question.kind, question.title, question.body_format) == ("question", "Qubits", "html")
    assert question.tags == ["qubit", "gates"]
    assert question.url == "https://quantumcomputing.stackexchange.com/q/1"
    assert question.author is not None and question.author.name == "Alice"
    assert question.author.handle == "7"
    assert [(p.id.rsplit(":", 2)[1:], p.kind, p.reply_to, p.accepted) for p in qubits.posts] == [
        (["post", "3"], "answer", question.id, True),
        (["comment", "1"], "comment", question.id, False),
        (["comment", "2"], "comment", "stackexchange:quantumcomputing:post:3", False),
    ]
    answer, on_question, on_answer = qubits.posts
    assert answer.url == "https://quantumcomputing.stackexchange.com/a/3"
    assert on_question.url == "https://quantumcomputing.stackexchange.com/posts/comments/1"
    assert on_answer.author is not None and on_answer.author.handle == "name:anon"

    second = records["Posts.xml Id=2"].document
    assert second.tags == ["a", "b"]
    assert second.author is not None and second.author.name == "user306"
    kept = records["Posts.xml Id=12"]
    assert kept.document.author is None and len(kept.posts) == 1


def test_bad_rows_are_rejected_one_by_one(dump: Path) -> None:
    rejects = [item for item in read_stackexchange(dump) if isinstance(item, Reject)]
    reasons = {item.position: item.reason for item in rejects}
    latin1_at = (MINI / "Posts.xml").read_bytes().splitlines()[11].index(0xE9)
    assert reasons == {
        "Posts.xml line 11": reasons["Posts.xml line 11"],
        "Posts.xml line 12": f"not valid UTF-8: byte 0xe9 at offset {latin1_at}",
        "Posts.xml Id=5": "post 99 has no question in the dump",
        "Comments.xml Id=5": "post 77 has no question in the dump",
        "Posts.xml Id=4": "missing author",
        "Posts.xml Id=7": "bad value: Invalid isoformat string: 'yesterday'",
        "Comments.xml Id=3": "missing author",
        "Comments.xml Id=6": "empty body",
        "Posts.xml Id=10": "empty body",
        "Posts.xml Id=11": "missing author",
    }
    assert reasons["Posts.xml line 11"].startswith("malformed XML row: unclosed token")


def test_site_is_named_by_parameter_or_folder(dump: Path) -> None:
    (record, *_) = (
        i for i in read_stackexchange(dump, site="stackoverflow.com") if isinstance(i, SourceRecord)
    )
    assert record.source == "stackexchange:stackoverflow"
    assert record.document.url == "https://stackoverflow.com/q/1"


def test_a_folder_without_posts_is_not_a_dump(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="Posts.xml"):
        list(read_stackexchange(tmp_path))


def test_real_dump_is_read_completely() -> None:
    posts = [row.attrib for row in ET.parse(DUMP / "Posts.xml").getroot()]
    questions = {p["Id"] for p in posts if p["PostTypeId"] == "1"}
    answers = {p["Id"] for p in posts if p["PostTypeId"] == "2" and p["ParentId"] in questions}
    accepted = {p.get("AcceptedAnswerId") for p in posts if p["PostTypeId"] == "1"} & answers
    comments = [
        c.attrib
        for c in ET.parse(DUMP / "Comments.xml").getroot()
        if c.get("PostId") in questions | answers
    ]
    anonymous = sum(
        1 for p in posts if p["Id"] in answers and not {"OwnerUserId", "OwnerDisplayName"} & set(p)
    ) + sum(1 for c in comments if not {"UserId", "UserDisplayName"} & set(c))

    out = list(read_stackexchange(DUMP))
    records = [item for item in out if isinstance(item, SourceRecord)]
    rejects = [item for item in out if isinstance(item, Reject)]
    kinds = Counter(post.kind for record in records for post in record.posts)

    assert len(records) == len(questions) == 612
    assert kinds["answer"] == len(answers) == 1060
    assert kinds["comment"] + anonymous == len(comments) == 3413
    assert sum(post.accepted for record in records for post in record.posts) == len(accepted)
    assert len(accepted) == 389
    assert len(rejects) == anonymous == 0
    for record in records:
        assert record.document.title and record.document.author is not None
        for content in (record.document, *record.posts):
            assert content.url and content.url.startswith(
                "https://quantumcomputing.stackexchange.com/"
            )


def test_post_links_become_links_of_the_linking_post(dump: Path) -> None:
    (dump / "PostLinks.xml").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<postlinks>\n'
        '  <row Id="1" PostId="1" RelatedPostId="2" LinkTypeId="1" />\n'
        '  <row Id="2" PostId="12" RelatedPostId="1" LinkTypeId="3" />\n'
        '  <row Id="3" PostId="1" RelatedPostId="99" LinkTypeId="1" />\n'
        '  <row Id="4" PostId="2" RelatedPostId="1" LinkTypeId="2" />\n'
        '  <row Id="5" PostId="x" RelatedPostId="1" LinkTypeId="1" />\n'
        "</postlinks>\n",
        encoding="utf-8",
    )
    out = list(read_stackexchange(dump))
    records = {item.position: item for item in out if isinstance(item, SourceRecord)}
    site = "stackexchange:quantumcomputing:post"
    links = {
        position: [(link.target_id, link.kind) for link in record.document.links]
        for position, record in records.items()
    }
    assert links == {
        "Posts.xml Id=1": [(f"{site}:2", "links_to"), (f"{site}:99", "links_to")],
        "Posts.xml Id=2": [],
        "Posts.xml Id=12": [(f"{site}:1", "duplicate_of")],
    }
    rejects = [item for item in out if isinstance(item, Reject)]
    assert any(r.position == "PostLinks.xml Id=5" for r in rejects)


def test_posts_alone_still_read(dump: Path) -> None:
    assert not (dump / "PostLinks.xml").exists()
    records = [item for item in read_stackexchange(dump) if isinstance(item, SourceRecord)]
    assert records and all(not record.document.links for record in records)


def test_the_real_dump_links_questions() -> None:
    records = [item for item in read_stackexchange(DUMP) if isinstance(item, SourceRecord)]
    kinds = Counter(link.kind for record in records for link in record.document.links)
    assert kinds["links_to"] > 250 and kinds["duplicate_of"] >= 10
    ids = {record.document.id for record in records}
    resolved = [
        link for record in records for link in record.document.links if link.target_id in ids
    ]
    assert len(resolved) > 200, "most links name a question of the same dump"
