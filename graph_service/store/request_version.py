"""One read of the data version per API read request, however many caches consult it.

Every cache of what is computed from the whole graph (`queries.versioned`) asks the store for
its `data_version` before it answers, so an expert search asked it 15 times: 15 round trips
to Neo4j, about 60 ms of a 340 ms request at 10,000 items on 2 busy cores. Within one read
request the answer may not change anyway: the request must see one graph. So the API runs
each read request (GET, HEAD) inside `one_version()`, and a store's `data_version` then reads
the token once, at its first use, and gives that token for the rest of the request.

Outside such a block (writes, the derivation worker, CLI commands, tests) every call reads
the store, as before. The token is read at first use, before any cache computes anything in
the request, so the rule of `GraphStore.data_version` holds: a result computed under the
token is computed from a graph at least as new as it.

A store may pin more than its token the same way, under a name of its own: Neo4j reads its
view change log's span in the same read as the token (both are on one node), so the five
views an expert search consults read nothing more (`DeltaCache`).

The pin is a context variable holding a dict that the first call of each name fills: the
API's dependencies and endpoint run in worker threads, each in a copy of the request's
context, and the copies share the one dict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")

_PINNED: ContextVar[dict[str, Any] | None] = ContextVar("copgraph_request_version", default=None)


@contextmanager
def one_version() -> Iterator[None]:
    """Within the block (and the threads it hands work to), `pinned` reads the version once."""
    token = _PINNED.set({})
    try:
        yield
    finally:
        _PINNED.reset(token)


def pinned(read: Callable[[], T], name: str = "data_version") -> T:
    """`read()`, or inside `one_version` what the first call under `name` read."""
    holder = _PINNED.get()
    if holder is None:
        return read()
    if name not in holder:
        holder[name] = read()
    found: T = holder[name]
    return found


class PerVersion:
    """Small lists read once per data version (the taxonomy, the communities).

    Expert search reads the taxonomy and a community or two several times a request (domain
    matching, namesake labels), each a round trip to Neo4j or a read transaction on SQLite,
    for lists that change only with the graph. Within an API read request the version is
    pinned (`one_version`), so a reuse costs nothing; outside one, every call reads the
    version, and the list only when the version moved.

    Args:
        version: the store's `data_version`, read *before* the list, as that rule says.
    """

    def __init__(self, version: Callable[[], str]) -> None:
        self._version = version
        self._kept: dict[str, tuple[str, list[Any]]] = {}

    def get(self, name: str, read: Callable[[], list[T]]) -> list[T]:
        """A copy of `read()`'s list, read again only when the data version changed."""
        version = self._version()
        found = self._kept.get(name)
        if found is not None and found[0] == version:
            return list(found[1])
        value = read()
        self._kept[name] = (version, value)
        return list(value)
