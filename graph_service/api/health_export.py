"""A community's health month by month as a CSV or an Excel workbook, in Thai or English.

The same table the health page shows under "Monthly numbers": every calendar month from the
first to the last with activity (quiet months too), Head, Heart and Hand over the six months
up to each, and the month's contents and active members. Headings are in the reader's
language; the CSV starts with a byte-order mark so Excel reads its Thai (see gaps_csv).
"""

from __future__ import annotations

import csv
import io
import re

from graph_service.api.gaps_csv import BOM, quoted
from graph_service.api.language import Language
from queries.cop_health import Health

HEADINGS: dict[Language, tuple[str, ...]] = {
    "en": ("Month", "Head", "Heart", "Hand", "Contents", "Active members"),
    "th": ("เดือน", "การเรียนรู้ร่วมกัน", "ความไว้ใจ", "การมีส่วนร่วม", "เนื้อหา", "สมาชิกที่เคลื่อนไหว"),
}
SHEET: dict[Language, str] = {"en": "Health by month", "th": "สุขภาพรายเดือน"}


def _rows(health: Health) -> list[tuple[str, float, float, float, int, int]]:
    rows = []
    for month in sorted(health.monthly_scores):
        scores = health.monthly_scores[month]
        activity = health.monthly.get(month, {})
        rows.append(
            (
                month,
                round(scores["head"], 4),
                round(scores["heart"], 4),
                round(scores["hand"], 4),
                activity.get("contents", 0),
                activity.get("active_members", 0),
            )
        )
    return rows


def health_filename(community_id: str, extension: str) -> str:
    """`copgraph-health-COMMUNITY.csv`, safe in a Content-Disposition header."""
    return f"copgraph-health-{re.sub(r'[^A-Za-z0-9_-]', '_', community_id)}.{extension}"


def health_csv(health: Health, language: Language) -> str:
    """The monthly table as CSV text, BOM first, headings in `language`."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(HEADINGS[language])
    writer.writerows(_rows(health))
    return buffer.getvalue()


def health_xlsx(health: Health, community_name: str, language: Language) -> bytes:
    """The monthly table as a workbook: the community's name on top, scores as percentages."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None, "a new workbook has a sheet"
    sheet.title = SHEET[language]
    sheet.append([quoted(community_name)])
    sheet.append(list(HEADINGS[language]))
    for row in _rows(health):
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=3, min_col=2, max_col=4):
        for cell in cells:
            cell.number_format = "0%"
    sheet.freeze_panes = "A3"
    sheet.column_dimensions["A"].width = 12
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
