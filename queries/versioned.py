"""Results computed from the whole graph, kept for as long as the graph stays the same.

Expert search's standing prior and the gap map's supply and demand read all of EXPERT_IN or
every thread: seconds at 100,000 items on Neo4j, for answers that change only when the
graph does. Each request reads the store's `data_version` (one small read) and reuses what
was computed under that version; any write, by this process or another (`copgraph ingest`),
gives a new version, so a cached result is never older than the graph the request saw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

KEPT = 32
"""Results kept per version by default: one per caller scope (few distinct ones in practice)."""


class VersionedCache(Generic[K, V]):
    """`compute(key)` per key, remembered until the version it was computed under changes.

    Safe to share between the API's threads: one computation runs at a time (requests that
    miss together wait for the first instead of all reading the whole graph at once).
    """

    def __init__(self, compute: Callable[[K], V], kept: int = KEPT) -> None:
        self._compute = compute
        self._kept = kept
        self._version: str | None = None
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()
        self._computing = threading.Lock()

    def get(self, key: K, version: str) -> V:
        """The value of `key` under `version`, the store's `data_version` read *before* the
        graph is: a result is then computed from a graph at least as new as `version`."""
        found = self._known(key, version)
        if found is not None:
            return found[0]
        with self._computing:
            found = self._known(key, version)
            if found is not None:
                return found[0]
            value = self._compute(key)
            with self._lock:
                if self._version == version:
                    if len(self._values) >= self._kept:
                        self._values.pop(next(iter(self._values)))
                    self._values[key] = value
            return value

    def _known(self, key: K, version: str) -> tuple[V] | None:
        """The kept value of `key`, if kept under `version`; a new version forgets them all."""
        with self._lock:
            if version != self._version:
                self._values = {}
                self._version = version
            return (self._values[key],) if key in self._values else None
