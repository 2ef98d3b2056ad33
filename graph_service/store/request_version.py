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

The pin is a context variable holding a list that the first call fills: the API's
dependencies and endpoint run in worker threads, each in a copy of the request's context,
and the copies share the one list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_PINNED: ContextVar[list[str] | None] = ContextVar("copgraph_request_version", default=None)


@contextmanager
def one_version() -> Iterator[None]:
    """Within the block (and the threads it hands work to), `pinned` reads the version once."""
    token = _PINNED.set([])
    try:
        yield
    finally:
        _PINNED.reset(token)


def pinned(read: Callable[[], str]) -> str:
    """`read()`, or inside `one_version` the token its first call read."""
    holder = _PINNED.get()
    if holder is None:
        return read()
    if not holder:
        holder.append(read())
    return holder[0]
