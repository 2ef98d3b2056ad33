"""The gap map as a CSV file for spreadsheets, Excel first: what KM teams open it with.

Excel reads a CSV without a byte-order mark in the machine's legacy code page, which turns
Thai into mojibake, so the file starts with a UTF-8 BOM. Shares are rounded (a spreadsheet
shows 0.3333333333333333 as it is). A text cell starting with `=`, `+`, `-` or `@` would be
run as a formula, so it gets a leading `'` (OWASP's advice against CSV injection): domain
names come from a taxonomy file, not from us. Reasons and the suggested action are in the
language the map was asked in (`queries.gaps.in_language`); the column names stay fixed, so
scripts reading the file need not know the language.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from queries.gaps import DomainGap

COLUMNS = (
    "domain_id", "name", "name_th", "gap_score", "experts", "active_experts", "top1_share",
    "top3_share", "bus_factor", "questions", "unanswered", "unresolved", "weak_searches", "reasons",
    "action", "action_reason",
)  # fmt: skip
BOM = "\ufeff"
DIGITS = 4
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def quoted(value: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with a leading `'`."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _cell(value: object) -> object:
    if isinstance(value, float):
        return round(value, DIGITS)
    if isinstance(value, str):
        return quoted(value)
    return value


def gaps_csv(gaps: list[DomainGap]) -> str:
    """The gap map, one row per domain in the given order, BOM first."""
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for gap in gaps:
        first = gap.actions[0] if gap.actions else None
        values = {
            **gap.__dict__,
            "reasons": "; ".join(gap.reasons),
            "action": first.text if first else "",
            "action_reason": first.reason if first else "",
        }
        writer.writerow([_cell(values[column]) for column in COLUMNS])
    return buffer.getvalue()


def gaps_filename(community: str | None, day: date, extension: str = "csv") -> str:
    """`copgraph-gaps[-COMMUNITY]-YYYY-MM-DD.csv`, safe in a Content-Disposition header."""
    part = f"-{re.sub(r'[^A-Za-z0-9_-]', '_', community)}" if community else ""
    return f"copgraph-gaps{part}-{day.isoformat()}.{extension}"
