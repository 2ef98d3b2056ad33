"""read_mbox: threads rebuilt from headers, bodies decoded, no e-mail address anywhere."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ingest.records import Reject, SourceRecord
from ingest.sources.mbox import read_mbox

ARCHIVE = Path(__file__).resolve().parent / "data" / "sources" / "cop-agri.mbox"
"""Five messages: a thread of three (quoted-printable UTF-8 Thai with a signature; multipart
with a base64 text part quoting its parent; ISO-8859-1 with "Re: Re:"), a reply whose body
is not the UTF-8 it claims, and a message without a sender."""


def _read() -> tuple[list[SourceRecord], list[Reject]]:
    out = list(read_mbox(ARCHIVE, community="cop-agri"))
    return (
        [item for item in out if isinstance(item, SourceRecord)],
        [item for item in out if isinstance(item, Reject)],
    )


def test_thread_is_rebuilt_from_reply_headers() -> None:
    (thread,), _ = _read()
    root = thread.document
    assert thread.position == "message 1"
    assert thread.source == "mbox:cop-agri" and thread.community == "cop-agri"
    assert (root.kind, root.title) == ("thread", "Composting rice straw")
    malee, david = thread.posts
    assert (malee.kind, malee.reply_to) == ("reply", root.id)
    assert (david.kind, david.reply_to) == ("reply", malee.id)
    assert [content.created_at.hour for content in (root, malee, david) if content.created_at] == [
        9,
        10,
        11,
    ]


def test_bodies_are_decoded_and_reduced_to_the_senders_own_words() -> None:
    (thread,), _ = _read()
    root, malee, david = thread.document, *thread.posts
    assert root.body == (
        "เราทำปุ๋ยหมักจากฟางข้าวมาสองฤดูแล้ว ใครมีเคล็ดลับให้ย่อยเร็วบ้างครับ\n"
        "We have composted rice straw for two seasons."
    )
    assert malee.body_format == "text", "the text/plain alternative is preferred"
    assert malee.body == (
        "Add manure, 3 parts straw to 1 part manure, and push bamboo poles through the pile.\n"
        "Ask me at [address] if it smells."
    )
    assert david.body == "Merci, the café next door does the same."


def test_authors_are_hashed_addresses_with_display_names() -> None:
    (thread,), _ = _read()
    authors = [content.author for content in (thread.document, *thread.posts)]
    assert [(a.name, a.source) for a in authors if a] == [
        ("สมชาย ใจดี", "mbox:cop-agri"),
        ("Malee", "mbox:cop-agri"),
        ("david", "mbox:cop-agri"),
    ]
    malee = authors[1]
    assert malee is not None
    assert malee.handle == hashlib.sha256(b"malee@example.net").hexdigest()[:16]


def test_broken_messages_are_rejected_and_the_thread_kept() -> None:
    _, rejects = _read()
    assert [(r.position, r.reason) for r in rejects] == [
        ("message 4", "body is not valid UTF-8: byte 0xe0 at offset 13"),
        ("message 5", "missing author"),
    ]


def test_no_email_address_anywhere_in_the_output() -> None:
    out = list(read_mbox(ARCHIVE))
    assert "@" in ARCHIVE.read_text(encoding="latin-1"), "the archive itself is full of them"
    dumped = "\n".join(item.model_dump_json() for item in out)
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.-]+", dumped)
    assert "example.org" not in dumped and "example.net" not in dumped


def test_pipermail_archive_with_hidden_addresses(tmp_path: Path) -> None:
    archive = tmp_path / "2014-March.txt"
    archive.write_text(
        "From alice at example.com  Mon Mar  3 10:00:00 2014\n"
        "From: alice at example.com (Alice Smith)\n"
        "Date: Mon, 03 Mar 2014 10:00:00 +0000\n"
        "Subject: [km] Lessons learned template\n"
        "Message-ID: <m1@example.com>\n"
        "\n"
        "We use four questions after every project.\n",
        encoding="utf-8",
    )
    (record,) = read_mbox(archive, list_name="km")
    assert isinstance(record, SourceRecord)
    assert record.document.title == "Lessons learned template"
    author = record.document.author
    assert author is not None and author.name == "Alice Smith"
    assert author.handle == hashlib.sha256(b"alice@example.com").hexdigest()[:16]


def test_phone_numbers_and_named_addresses_are_scrubbed_like_every_reader(tmp_path: Path) -> None:
    archive = tmp_path / "cop.mbox"
    archive.write_text(
        "From somchai@example.org Mon Mar  3 10:00:00 2014\n"
        'From: "somchai@example.org" <somchai@example.org>\n'
        "Date: Mon, 03 Mar 2014 10:00:00 +0000\n"
        "Subject: Call 081-234-5678 about composting\n"
        "Message-ID: <m1@example.org>\n"
        "\n"
        "โทร 081-234-5678 or +66 81 234 5678 after 17:00, 2014 figures 28919.8689279 stay.\n",
        encoding="utf-8",
    )
    (record,) = read_mbox(archive, list_name="cop")
    assert isinstance(record, SourceRecord)
    assert record.document.title == "Call [phone] about composting"
    assert record.document.body.startswith("โทร [phone] or [phone] after 17:00")
    assert "28919.8689279" in record.document.body
    author = record.document.author
    assert author is not None and author.name == "somchai"
