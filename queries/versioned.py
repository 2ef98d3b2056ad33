"""Results computed from the whole graph, kept for as long as the graph stays the same.

Expert search's EXPERT_IN view and the gap map's supply and demand read all of EXPERT_IN or
every thread: seconds at 100,000 items on Neo4j, for answers that change only when the
graph does. Each request reads the store's `data_version` (one small read) and reuses what
was computed under that version; any write, by this process or another (`copgraph ingest`),
gives a new version, so a cached result is never older than the graph the request saw.

Built again after every write, though, the views expert search reads cost the first query
after each push about a second at 100,000 items (3.5 s on Neo4j). From the store's change
log (the embedded store's `view_log`, Neo4j's `ViewChange` nodes), `DeltaCache` changes
them by what the writes since changed instead: the same result as a build
(tests/integration/test_view_deltas.py), for the price of the rows a push touched. Either
way nothing served is older than the last write committed before the request.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Iterable, Sequence
from itertools import islice
from typing import Generic, TypeVar

from graph_service.store.base import GraphStore, ViewChanges

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

KEPT = 32
"""Results kept per version by default: one per caller scope (few distinct ones in practice)."""


class VersionedValues(Generic[K, V]):
    """Values by key under one data version: a new version forgets them all, and past `kept`
    the oldest are forgotten. Thread-safe; what computes the values is the caller's."""

    def __init__(self, kept: int) -> None:
        self._kept = kept
        self._version: str | None = None
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def known(self, keys: Iterable[K], version: str) -> dict[K, V]:
        """The values of `keys` kept under `version` (a new version forgets everything)."""
        with self._lock:
            if version != self._version:
                self._values, self._version = {}, version
            return {key: self._values[key] for key in keys if key in self._values}

    def keep(self, version: str, values: dict[K, V]) -> None:
        """Keep `values`, computed from a graph at least as new as `version`, unless the
        version moved on meanwhile."""
        with self._lock:
            if self._version != version:
                return
            overflow = len(self._values) + len(values) - self._kept
            for key in list(islice(self._values, max(0, overflow))):
                del self._values[key]
            self._values.update(values)

    def read_through(
        self, keys: Sequence[K], version: str, read: Callable[[list[K]], dict[K, V]]
    ) -> dict[K, V]:
        """The value of every key in `keys` under `version`: those kept, and the others from
        one `read` of the missing keys (which must answer for each of them), then kept."""
        found = self.known(keys, version)
        missing = [key for key in dict.fromkeys(keys) if key not in found]
        if not missing:
            return found
        fetched = read(missing)
        self.keep(version, fetched)
        return found | fetched


class VersionedCache(Generic[K, V]):
    """`compute(key)` per key, remembered until the version it was computed under changes.

    Safe to share between the API's threads: one computation runs at a time (requests that
    miss together wait for the first instead of all reading the whole graph at once).
    """

    def __init__(self, compute: Callable[[K], V], kept: int = KEPT) -> None:
        self._compute = compute
        self._values: VersionedValues[K, V] = VersionedValues(kept)
        self._computing = threading.Lock()

    def get(self, key: K, version: str) -> V:
        """The value of `key` under `version`, the store's `data_version` read *before* the
        graph is: a result is then computed from a graph at least as new as `version`."""
        found = self._values.known([key], version)
        if key in found:
            return found[key]
        with self._computing:
            found = self._values.known([key], version)
            if key in found:
                return found[key]
            value = self._compute(key)
            self._values.keep(version, {key: value})
            return value


class DeltaCache(Generic[K, V]):
    """`build(key)` per key, then changed by each write's delta instead of built again.

    Every `get` reads what changed since the kept values were last brought up to date
    (`GraphStore.view_changes`: one small read of the store's change log, made *before* any
    data is read, so a value is never older than the graph the request saw). If any key of
    `kinds` changed, `update(values, changes)` returns every kept value changed by the
    delta, at once, so the changed rows are read once for all caller scopes; without an
    `update`, or when the store says "everything", the kept values are forgotten and built
    again on demand.

    Safe to share between the API's threads: one build or update runs at a time.
    """

    def __init__(
        self,
        store: GraphStore,
        kinds: frozenset[str],
        build: Callable[[K], V],
        update: Callable[[dict[K, V], ViewChanges], dict[K, V]] | None = None,
        kept: int = KEPT,
    ) -> None:
        self._store = store
        self._kinds = kinds
        self._build = build
        self._update = update
        self._kept = kept
        self._mark: int | None = None
        self._values: dict[K, V] = {}
        self._lock = threading.Lock()

    def get(self, key: K) -> V:
        """The value of `key` as of the store's last write."""
        with self._lock:
            changes = self._store.view_changes(self._mark)
            if changes.everything or changes.mark != self._mark:
                self._values = self._moved(changes)
                self._mark = changes.mark
            if key not in self._values:
                if len(self._values) >= self._kept:
                    self._values.pop(next(iter(self._values)))
                self._values[key] = self._build(key)
            return self._values[key]

    def _moved(self, changes: ViewChanges) -> dict[K, V]:
        """The kept values brought to `changes.mark`."""
        if changes.everything:
            return {}
        if not any(changes.of(kind) for kind in self._kinds) or not self._values:
            return self._values
        return {} if self._update is None else self._update(dict(self._values), changes)
