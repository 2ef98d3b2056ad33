"""The LINE reader on hand-written exports in LINE's format (Thai and English) and variants.

No real LINE export can be shared (chats are private): the fixtures in `data/line/` are
synthetic, written from the format's documentation (see their README).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from ingest.records import Reject, SourceRecord
from ingest.sources.detect import detect_format
from ingest.sources.line_chat import read_line_chat
from tests.reader_output import split

DATA = Path(__file__).parent / "data" / "line"
THAI = DATA / "km-nurses.th.txt"
ENGLISH = DATA / "rice-farmers.en.txt"


def test_thai_export_buddhist_era_dates_threads_and_skips() -> None:
    assert detect_format(THAI) == "line"
    records, rejects, skipped = split(list(read_line_chat(THAI)))
    assert rejects == [] and skipped == {"sticker": 1, "photo, video or file": 1, "system line": 1}
    compost, aar = records
    assert compost.document.created_at == datetime(2024, 1, 15, 2, 1, tzinfo=UTC)
    assert compost.community == "line:KM-พยาบาล-รพ.สต."
    assert compost.community_profile is not None and compost.community_profile.private
    answer, thanks = compost.posts
    assert answer.body.startswith("ประมาณ 45 วันค่ะ\nต้องกลับกองทุกสัปดาห์")
    assert "[phone]" in answer.body and "[address]" in answer.body and "081" not in answer.body
    assert thanks.created_at is not None and thanks.created_at.day == 16, (
        "the next morning's '@นก' is a reply cue back into the discussion"
    )
    assert thanks.reply_to == answer.id
    assert [p.body for p in aar.posts] == ["ผมมีครับ เดี๋ยวส่งให้"]
    assert {
        a.person.source for r in records for c in [r.document, *r.posts] for a in c.authors
    } == {"line:KM-พยาบาล-รพ.สต."}


def test_english_export_am_pm_month_first_and_a_night_gap() -> None:
    records, rejects, skipped = split(list(read_line_chat(ENGLISH)))
    assert rejects == [] and skipped == {"photo, video or file": 1, "system line": 1, "sticker": 1}
    awd, levelling = records
    assert awd.document.created_at == datetime(2024, 3, 1, 2, 15, tzinfo=UTC)
    assert [p.body for p in awd.posts] == ["Yes, it saved us about 30% of the water"]
    assert levelling.document.created_at == datetime(2024, 3, 2, 1, 5, tzinfo=UTC)
    assert awd.community_profile is not None and awd.community_profile.name == "Rice Farmers CoP"


def test_hostile_lines_are_rejects_and_the_rest_goes_in(tmp_path: Path) -> None:
    lines = ENGLISH.read_bytes().split(b"\n")
    hostile = [
        *lines[:3],
        b"9:00 AM\tSomchai\tbefore any date line",
        lines[3],
        b"9:16 AM\tMalee\tCa\xf1a de az\xfacar",
        b"9:17 AM\tMalee\t" + b"x" * 100_001,
        b"9:18 AM\tMalee\tthe good one",
        b"",
        b"2024/02/30(Fri)",
    ]
    path = tmp_path / "chat.txt"
    path.write_bytes(b"\n".join(hostile))
    records, rejects, _ = split(list(read_line_chat(path)))
    reasons = {r.position: r.reason for r in rejects}
    assert reasons["line 4"] == "message before any date line"
    assert reasons["line 6"].startswith("not valid UTF-8: byte 0xf1")
    assert "over the 100000 limit" in reasons["line 7"]
    assert reasons["line 10"] == "unrecognised line", "30 February is no date"
    assert [r.document.body for r in records] == ["the good one"]


def test_a_file_without_the_header_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("2024/01/15(Mon)\n09:00\tA\thello\n", encoding="utf-8")
    assert detect_format(path) == "files"
    (reject,) = list(read_line_chat(path))
    assert isinstance(reject, Reject) and reject.position == "line 1"
    assert reject.reason.startswith("not a LINE chat history")


@pytest.mark.parametrize(
    ("date_line", "day"),
    [
        ("2024/01/15(Mon)", date(2024, 1, 15)),
        ("2567/01/15(จ.)", date(2024, 1, 15)),
        ("2567.01.15 วันจันทร์", date(2024, 1, 15)),
        ("Mon, 01/15/2024", date(2024, 1, 15)),
        ("15/01/2567", date(2024, 1, 15)),
        ("จ., 15/01/2567", date(2024, 1, 15)),
        ("Mon, 13/01/2024", date(2024, 1, 13)),
    ],
)
def test_date_lines_in_every_locale(tmp_path: Path, date_line: str, day: date) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(f"[LINE] Chat history with KM\n\n{date_line}\n09:00\tA\thello\n", "utf-8")
    (record,) = list(read_line_chat(path, timezone="UTC"))
    assert isinstance(record, SourceRecord) and record.document.created_at is not None
    assert record.document.created_at.date() == day
