"""Running the pipeline's stages side by side: preparing ahead, writing behind.

The model needs one core and the store's writes (Neo4j above all) wait on a server, while
reading, normalizing and chunking are plain Python: run one after the other they leave a
core idle. The pipeline prepares the next batch in a thread of its own (`ahead`) and writes
the last one in another (`BackgroundWriter`) while the model embeds the current one.

Order is what makes this safe. Batches are written one at a time, in input order; a write
that fails stops the run before a later batch is written, as the sequential pipeline did.
A batch's stored content hashes are read before the batches ahead of it are written, which
is right unless it holds a content an earlier batch of the run also holds (the same
document twice in one input): then `WriteLedger.wait_for_writes` waits for those writes
first, so the second copy is compared with the first one as stored.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

T = TypeVar("T")

_DONE = object()
"""Marks the end of the items `ahead` hands over."""


class _Failed:
    """An error raised while producing items, handed over to be raised by the consumer."""

    def __init__(self, error: BaseException) -> None:
        self.error = error


class WriteLedger:
    """Batches handed over to be written, and how many are written, across threads."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._handed = 0
        self._written = 0
        self._abandoned = False

    def handed(self) -> None:
        """One more batch is on its way to the store."""
        with self._changed:
            self._handed += 1

    def written(self) -> None:
        """One batch is in the store (or will never be: see `abandon`)."""
        with self._changed:
            self._written += 1
            self._changed.notify_all()

    def abandon(self) -> None:
        """The run stops: nothing waits for writes any more."""
        with self._changed:
            self._abandoned = True
            self._changed.notify_all()

    def wait_for_writes(self) -> bool:
        """Wait until every batch handed over so far is written; False if the run stopped."""
        with self._changed:
            self._changed.wait_for(lambda: self._abandoned or self._written >= self._handed)
            return not self._abandoned


class ahead(Generic[T]):  # noqa: N801  # used like a function: `with ahead(items) as items:`
    """Iterate `items` in a thread of its own, up to `depth` items ahead of the consumer.

    Errors raised by `items` are raised by the consumer's `next`. Leaving the `with` block
    early stops the thread; `on_stop` is called first, to wake it if it waits on something
    the consumer will no longer do.
    """

    def __init__(
        self, items: Iterator[T], depth: int = 1, on_stop: Callable[[], None] | None = None
    ) -> None:
        self._items = items
        self._queue: queue.Queue[object] = queue.Queue(maxsize=depth)
        self._stop = threading.Event()
        self._on_stop = on_stop
        self._thread = threading.Thread(target=self._produce, name="ingest-prepare", daemon=True)

    def __enter__(self) -> Iterator[T]:
        self._thread.start()
        return self._consume()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._on_stop is not None:
            self._on_stop()
        while self._thread.is_alive():
            try:
                self._queue.get(timeout=0.05)  # unblock a `put` the consumer no longer takes
            except queue.Empty:
                pass
        self._thread.join()

    def _produce(self) -> None:
        try:
            for item in self._items:
                if not self._put(item):
                    return
        except BaseException as error:  # noqa: BLE001  # handed to the consumer to raise
            self._put(_Failed(error))
            return
        self._put(_DONE)

    def _put(self, item: object) -> bool:
        """Hand `item` over unless the consumer has stopped; whether it was handed over."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
                return True
            except queue.Full:
                continue
        return False

    def _consume(self) -> Iterator[T]:
        while True:
            item = self._queue.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item  # type: ignore[misc]  # everything else came from `items`


class BackgroundWriter:
    """Runs writes in one thread, one at a time, in the order submitted.

    `submit` first waits for the previous write and raises its error, so a run never
    writes past a failed batch. Leaving the `with` block waits for the write in flight;
    its error is raised then, or noted on the error already leaving the block.
    """

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-write")
        self._in_flight: Future[None] | None = None

    def __enter__(self) -> BackgroundWriter:
        return self

    def submit(self, write: Callable[[], None]) -> None:
        """Run `write` once the previous write has succeeded."""
        self.drain()
        self._in_flight = self._executor.submit(write)

    def drain(self) -> None:
        """Wait for the write in flight; raise its error."""
        in_flight, self._in_flight = self._in_flight, None
        if in_flight is not None:
            in_flight.result()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            if error is None:
                self.drain()
                return
            try:
                self.drain()
            except Exception as write_error:  # noqa: BLE001  # the first error is the one raised
                error.add_note(f"the batch being written failed too: {write_error!r}")
        finally:
            self._executor.shutdown(wait=True)
