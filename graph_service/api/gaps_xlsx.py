"""The gap map as an Excel workbook, for the KM lead who takes it into a meeting.

Beside the CSV (fixed column ids, for scripts), the workbook is for people: headings, domain
names, reasons and the suggested action in the reader's language, shares as percentages,
and a second sheet saying what period the numbers cover and as of when. Text is stored as
text (never as a formula, whatever it starts with: domain names come from a taxonomy file).
openpyxl is imported here only, so nothing else pays for it.
"""

from __future__ import annotations

import io
from datetime import datetime

from graph_service.api.language import Language
from queries.gaps import DomainGap

HEADINGS: dict[Language, dict[str, str]] = {
    "en": {
        "sheet": "Gap map",
        "about": "About",
        "rank": "Rank",
        "domain": "Domain",
        "domain_id": "Domain id",
        "gap_score": "Gap score",
        "experts": "Experts",
        "active_experts": "Active experts",
        "questions": "Questions",
        "unanswered": "Unanswered",
        "unresolved": "No accepted answer",
        "weak_searches": "Searches that found little",
        "bus_factor": "Bus factor",
        "top1_share": "Held by the top expert",
        "reasons": "Why",
        "action": "Suggested action",
        "action_reason": "Because",
        "as_of": "As of",
        "period": "Period (months)",
        "community": "Community",
        "everyone": "all communities",
        "no_activity": "no activity yet",
    },
    "th": {
        "sheet": "แผนที่ช่องว่าง",
        "about": "เกี่ยวกับข้อมูล",
        "rank": "ลำดับ",
        "domain": "สาขาความรู้",
        "domain_id": "รหัสสาขา",
        "gap_score": "คะแนนช่องว่าง",
        "experts": "ผู้เชี่ยวชาญ",
        "active_experts": "ผู้เชี่ยวชาญที่เคลื่อนไหว",
        "questions": "คำถาม",
        "unanswered": "ยังไม่มีคนตอบ",
        "unresolved": "ยังไม่มีคำตอบที่ยอมรับ",
        "weak_searches": "การค้นหาที่พบน้อย",
        "bus_factor": "จำนวนคนที่ถือความรู้ครึ่งหนึ่ง",
        "top1_share": "สัดส่วนของผู้เชี่ยวชาญอันดับหนึ่ง",
        "reasons": "เหตุผล",
        "action": "สิ่งที่ควรทำ",
        "action_reason": "เพราะ",
        "as_of": "ข้อมูล ณ วันที่",
        "period": "ช่วงเวลา (เดือน)",
        "community": "ชุมชน",
        "everyone": "ทุกชุมชน",
        "no_activity": "ยังไม่มีความเคลื่อนไหว",
    },
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NUMBERS = (
    "gap_score", "experts", "active_experts", "questions", "unanswered", "unresolved",
    "weak_searches", "bus_factor",
)  # fmt: skip
COLUMNS = ("rank", "domain", "domain_id", *NUMBERS, "top1_share", "reasons", "action",
           "action_reason")  # fmt: skip


def _name(gap: DomainGap, language: Language) -> str:
    return (gap.name_th if language == "th" else "") or gap.name


def _row(rank: int, gap: DomainGap, language: Language) -> list[object]:
    first = gap.actions[0] if gap.actions else None
    reasons = HEADINGS[language]["no_activity"] if gap.no_activity else "; ".join(gap.reasons)
    return [
        rank,
        _name(gap, language),
        gap.domain_id,
        *(round(getattr(gap, column), 4) for column in NUMBERS),
        gap.top1_share,
        reasons,
        first.text if first else "",
        first.reason if first else "",
    ]


def gaps_xlsx(
    gaps: list[DomainGap],
    language: Language,
    as_of: datetime,
    period_months: int,
    community: str | None,
) -> bytes:
    """The workbook: the map on its first sheet (header frozen, filters on), the period on
    the second. `gaps` are worded in `language` already (`queries.gaps.in_language`)."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    words = HEADINGS[language]
    book = Workbook()
    sheet = book.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = words["sheet"]
    sheet.append([words[column] for column in COLUMNS])
    for rank, gap in enumerate(gaps, start=1):
        sheet.append(_row(rank, gap, language))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text as typed, never a formula
        row[COLUMNS.index("top1_share")].number_format = "0%"
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions
    widths = {"domain": 32, "reasons": 48, "action": 56, "action_reason": 40}
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths.get(column, 14)
    about = book.create_sheet(words["about"])
    about.append([words["as_of"], as_of.date()])
    about.append([words["period"], period_months])
    about.append([words["community"], community or words["everyone"]])
    about["B1"].number_format = "yyyy-mm-dd"
    about["B3"].data_type = "s"
    about.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
