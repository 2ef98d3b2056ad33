"""The demand log as the gap map reads it: every logged search, held in memory and topped up
by what was logged since the last read.

The gap map judges a period's searches against a bar set by every search ever logged, so
it read the whole log, entry by entry, on every request: at 100,000 logged searches that
was 64 ms of a 100 ms gaps request, and it grew with every search the service answered
(the gaps throughput measured after the expert queries got faster fell by a fifth:
benchmarks/results/live.md). The log only grows and each entry is stamped when it is
logged, so a read needs only the entries stamped at or after the newest one held, less
`LATE` for an entry written a little after its stamp (a slow write, another process's
clock); those are read again and replace the ones held.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from numpy.typing import NDArray

from graph_service.store.base import GraphStore, SearchLogEntry

LATE = timedelta(seconds=60)
"""How long after its stamp an entry may still be written and be counted."""
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _micros(moment: datetime) -> int:
    """`moment` as whole microseconds since the epoch: exact, so comparisons are too."""
    return (moment - _EPOCH) // _MICROSECOND


@dataclass(frozen=True)
class SearchDemand:
    """Logged searches, oldest first, as columns: the query, when (microseconds since the
    epoch), how many results and the top score (NaN for none)."""

    queries: list[str]
    at: NDArray[np.int64]
    result_counts: NDArray[np.int64]
    top_scores: NDArray[np.float64]

    @classmethod
    def of(cls, entries: list[SearchLogEntry]) -> SearchDemand:
        ordered = sorted(entries, key=lambda entry: entry.at)
        return cls(
            [entry.query for entry in ordered],
            np.array([_micros(entry.at) for entry in ordered], dtype=np.int64),
            np.array([entry.result_count for entry in ordered], dtype=np.int64),
            np.array(
                [np.nan if entry.top_score is None else entry.top_score for entry in ordered],
                dtype=np.float64,
            ),
        )

    def before(self, moment: datetime) -> SearchDemand:
        """The searches stamped before `moment`."""
        kept = int(np.searchsorted(self.at, _micros(moment), side="left"))
        return SearchDemand(
            self.queries[:kept], self.at[:kept], self.result_counts[:kept], self.top_scores[:kept]
        )

    def then(self, later: SearchDemand) -> SearchDemand:
        """These searches followed by `later` ones (stamped no earlier than any of these)."""
        return SearchDemand(
            self.queries + later.queries,
            np.concatenate([self.at, later.at]),
            np.concatenate([self.result_counts, later.result_counts]),
            np.concatenate([self.top_scores, later.top_scores]),
        )

    def newest(self) -> datetime | None:
        return _EPOCH + int(self.at[-1]) * _MICROSECOND if self.at.size else None

    def weak(self, since: datetime, until: datetime, share: float) -> list[str]:
        """The queries of searches from `since` to `until` (both included) that found little:
        nothing, or a top score under `share` of the median top score of every search."""
        scored = self.top_scores[~np.isnan(self.top_scores)]
        bar = share * float(np.median(scored)) if scored.size else 0.0
        in_period = (self.at >= _micros(since)) & (self.at <= _micros(until))
        with np.errstate(invalid="ignore"):
            little = np.isnan(self.top_scores) | (self.top_scores < bar)
        found = np.flatnonzero(in_period & (little | (self.result_counts == 0)))
        return [self.queries[i] for i in found]


class SearchDemandLog:
    """The store's demand log, held by one process and topped up on every `get`."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._held = SearchDemand.of([])

    def get(self) -> SearchDemand:
        """Every logged search, up to date with the store."""
        with self._lock:
            newest = self._held.newest()
            cut = None if newest is None else newest - LATE
            fresh = SearchDemand.of(self._store.search_log(cut))
            self._held = fresh if cut is None else self._held.before(cut).then(fresh)
            return self._held
