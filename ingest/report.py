"""What an ingest run did: counts per content type, and the rejects file.

Every record ends in exactly one column (ingested, unchanged or rejected), so the summary
adds up to what was read and a KM team can see at a glance what did not go in and why.
What a source holds that is not knowledge (a bot's message, a join notice) is neither read
nor rejected: it is counted as skipped, under what it was.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ingest.records import Reject, Skipped

COLUMNS = ("read", "ingested", "unchanged", "rejected", "skipped")
RECENT_REJECTS = 100
"""Rejects kept in memory for the caller (the API returns them); all go to the file."""
SKIP_EXAMPLES = 3
"""Skipped items with a detail kept per kind, for the summary to show what they were."""


@dataclass
class IngestReport:
    """Counters by (column, content type), plus the rejects written so far."""

    rejects_path: Path | None = None
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    reject_reasons: Counter[str] = field(default_factory=Counter)
    recent_rejects: list[Reject] = field(default_factory=list)
    skip_examples: dict[str, list[Skipped]] = field(default_factory=dict)
    """The first skipped items of each kind that say more than their kind (a redirect's
    target, how to export an admin backup instead)."""
    statuses_written: int = 0
    """Statuses this run wrote from what the sources say of accounts: left (closed), or
    active again (reopened)."""
    statuses_kept: int = 0
    """Closed accounts whose person's status people.yaml or the API sets, left as it is."""
    _rejects_file: IO[str] | None = None

    def count(self, column: str, kind: str, n: int = 1) -> None:
        """Add `n` to a column for a content type (document kinds, answers, comments...)."""
        self.counts[(column, kind)] += n

    def reject(self, reject: Reject, kind: str = "record") -> None:
        """Count a reject and append it to the rejects file (JSONL), if one is configured."""
        self.count("rejected", kind)
        self.reject_reasons[reject.reason.split(":")[0]] += 1
        if len(self.recent_rejects) < RECENT_REJECTS:
            self.recent_rejects.append(reject)
        if self.rejects_path is None:
            return
        if self._rejects_file is None:
            self.rejects_path.parent.mkdir(parents=True, exist_ok=True)
            self._rejects_file = self.rejects_path.open("a", encoding="utf-8")
        self._rejects_file.write(json.dumps(reject.model_dump(), ensure_ascii=False) + "\n")
        self._rejects_file.flush()

    def skip(self, skipped: Skipped) -> None:
        """Count something the source held that was left out on purpose, by what it was."""
        self.count("skipped", skipped.kind)
        examples = self.skip_examples.setdefault(skipped.kind, [])
        if skipped.detail and len(examples) < SKIP_EXAMPLES:
            examples.append(skipped)

    def total(self, column: str) -> int:
        """The sum of a column over all content types."""
        return sum(n for (col, _), n in self.counts.items() if col == column)

    @property
    def changed(self) -> bool:
        """Whether the run wrote anything, so derived relationships need recomputing."""
        return self.total("ingested") > 0

    def rows(self) -> list[tuple[str | int, ...]]:
        """The summary table: one row per content type, then a total row."""
        kinds = sorted({kind for _, kind in self.counts})
        table: list[tuple[str | int, ...]] = [
            (kind, *(self.counts[(column, kind)] for column in COLUMNS)) for kind in kinds
        ]
        table.append(("total", *(self.total(column) for column in COLUMNS)))
        return table

    def close(self) -> None:
        """Close the rejects file."""
        if self._rejects_file is not None:
            self._rejects_file.close()
            self._rejects_file = None
