"""Time filters as the stores compare them: in UTC, within the years Python can hold.

`0001-01-01T00:00:00+14:00` is a valid ISO time whose UTC form falls before year 1; as a
`since` filter it means "everything", as `9999-12-31T23:59:59-14:00` means "nothing yet".
Clamping here gives both stores the same answer (the embedded store compares epoch seconds,
which go past either end; Neo4j needs a UTC datetime).
"""

from __future__ import annotations

from datetime import UTC, datetime

EARLIEST = datetime.min.replace(tzinfo=UTC)
LATEST = datetime.max.replace(tzinfo=UTC)


def utc_filter(moment: datetime | None) -> datetime | None:
    """`moment` in UTC (a naive time is taken as UTC), clamped to the representable years."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        offset = moment.utcoffset()
        return EARLIEST if offset is not None and offset.total_seconds() > 0 else LATEST
