"""One batch's store write at a time off the pipeline's thread, while the next batch embeds.

The pipeline ran its stages one after the other, so while a batch was written the model's
worker processes waited: at 100,000 items on Neo4j the writes took 69 s of a 135 s cached
run, and a cold run stayed at three quarters of the bare model's throughput. Here a batch's
write runs in a thread of its own while the pipeline reads, chunks and embeds the next one;
the server (or SQLite) does the write's work, so the two overlap on the cores.

Order and what a batch reads are kept as a sequential run has them: at most one write is in
flight; a batch that holds content of the batch being written waits for it before reading
the store's hashes; every batch waits for the write before its first other store access
(its vocabulary, what it replaces) and before its own write; a run waits for the last one.
A write's failure is raised in the pipeline's thread at the next wait, as it would have
been raised by the write itself; what was committed before it stays, and a rerun resumes.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from types import TracebackType


class WriteBehind:
    """The write in flight, if any: submitted, waited for, its follow-up run on success."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copgraph-write")
        self._pending: Future[None] | None = None
        self._content: frozenset[str] = frozenset()
        self._then: Callable[[], None] = _nothing

    def submit(
        self, write: Callable[[], None], content_ids: Iterable[str], then: Callable[[], None]
    ) -> None:
        """Start `write` of `content_ids` once the write before it is done, in a copy of
        the caller's context (a store's rehearsal, say, stays on for it); `then` runs in
        the caller's thread when a wait finds it committed."""
        self.wait()
        self._pending = self._executor.submit(contextvars.copy_context().run, write)
        self._content = frozenset(content_ids)
        self._then = then

    def wait(self) -> None:
        """Until the write in flight is committed, then its follow-up; raises what it raised."""
        pending, then = self._pending, self._then
        self._pending, self._content, self._then = None, frozenset(), _nothing
        if pending is not None:
            pending.result()
            then()

    def wait_for(self, content_ids: Iterable[str]) -> None:
        """Wait if the write in flight holds any of `content_ids` (their stored state is
        about to change)."""
        if self._pending is not None and not self._content.isdisjoint(content_ids):
            self.wait()

    def __enter__(self) -> WriteBehind:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Wait for the write in flight; when the run itself failed, that failure is the one
        raised (a write that failed too is then what the next run resumes from)."""
        try:
            self.wait()
        except Exception:
            if error is None:
                raise
        finally:
            self._executor.shutdown(wait=True)


def _nothing() -> None:
    """The follow-up of no write."""
