"""What a source reader yields, sorted for the reader tests' assertions.

Every reader streams records, rejects and skipped notices mixed, in input order; the tests
of each reader ask the same three questions of that stream (what went in, what was refused
and why, what was left out on purpose), so the sorting lives here once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ingest.records import Reject, Skipped, SourceRecord


def split(
    items: Iterable[object],
) -> tuple[list[SourceRecord], list[Reject], Counter[str]]:
    """The records, the rejects, and how many were skipped of each kind."""
    listed = list(items)
    records = [item for item in listed if isinstance(item, SourceRecord)]
    rejects = [item for item in listed if isinstance(item, Reject)]
    return records, rejects, Counter(item.kind for item in listed if isinstance(item, Skipped))
