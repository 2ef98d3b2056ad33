"""Results as aligned Markdown tables: readable in a terminal and pasteable into the README."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

Column = tuple[str, str, str]
"""(header, key in the row, format spec); a missing or None value prints as `-`."""


def _cell(value: Any, spec: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, str) or not spec:
        return str(value)
    return format(value, spec)


def markdown(rows: Sequence[Mapping[str, Any]], columns: Sequence[Column]) -> str:
    """A Markdown table of `rows`, columns padded to equal width, numbers right-aligned."""
    cells = [[_cell(row.get(key), spec) for _, key, spec in columns] for row in rows]
    headers = [header for header, _, _ in columns]
    widths = [max([len(h), *(len(r[i]) for r in cells)]) for i, h in enumerate(headers)]
    numeric = [bool(spec) for _, _, spec in columns]

    def line(values: Sequence[str]) -> str:
        padded = [
            v.rjust(w) if right else v.ljust(w)
            for v, w, right in zip(values, widths, numeric, strict=True)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if r else ("-" * (w + 2))
            for w, r in zip(widths, numeric, strict=True)
        )
        + "|"
    )
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])
