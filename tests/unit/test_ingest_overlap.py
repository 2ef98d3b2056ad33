"""The pipeline's overlap primitives: order, errors and stopping, without a store."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from ingest.overlap import BackgroundWriter, WriteLedger, ahead


def test_ahead_yields_every_item_in_order_from_another_thread() -> None:
    threads: set[str] = set()

    def items() -> Iterator[int]:
        for number in range(50):
            threads.add(threading.current_thread().name)
            yield number

    with ahead(items(), depth=2) as consumed:
        assert list(consumed) == list(range(50))
    assert threads == {"ingest-prepare"}


def test_ahead_raises_the_producers_error_after_the_items_before_it() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise ValueError("bad record source")

    seen: list[int] = []
    with pytest.raises(ValueError, match="bad record source"), ahead(items()) as consumed:
        seen.extend(consumed)
    assert seen == [1, 2]


def test_leaving_ahead_early_stops_its_thread_and_wakes_what_it_waits_on() -> None:
    ledger = WriteLedger()
    produced: list[int] = []

    def items() -> Iterator[int]:
        for number in range(1_000):
            produced.append(number)
            if number == 3:
                ledger.handed()
                ledger.wait_for_writes()  # nobody writes: only `abandon` wakes this
            yield number

    with ahead(items(), on_stop=ledger.abandon) as consumed:
        assert next(consumed) == 0
    assert len(produced) <= 4, "the producer stopped instead of running on"
    assert not any(t.name == "ingest-prepare" for t in threading.enumerate())


def test_wait_for_writes_returns_once_every_handed_batch_is_written() -> None:
    ledger = WriteLedger()
    ledger.handed()
    ledger.handed()
    waited: list[bool] = []
    waiter = threading.Thread(target=lambda: waited.append(ledger.wait_for_writes()))
    waiter.start()
    ledger.written()
    time.sleep(0.05)
    assert waited == [], "one of two batches written is not enough"
    ledger.written()
    waiter.join(timeout=5)
    assert waited == [True]


def test_the_writer_runs_writes_one_at_a_time_in_order() -> None:
    order: list[int] = []
    running = threading.Semaphore(1)

    def write(number: int) -> None:
        assert running.acquire(blocking=False), "two writes ran at once"
        time.sleep(0.01)
        order.append(number)
        running.release()

    with BackgroundWriter() as writer:
        for number in range(10):
            writer.submit(lambda number=number: write(number))  # type: ignore[misc]
    assert order == list(range(10))


def test_the_writer_never_writes_past_a_failed_write() -> None:
    written: list[int] = []

    def write(number: int) -> None:
        if number == 2:
            raise ConnectionError("store went away")
        written.append(number)

    with pytest.raises(ConnectionError, match="store went away"), BackgroundWriter() as writer:
        for number in range(5):
            writer.submit(lambda number=number: write(number))  # type: ignore[misc]
    assert written == [0, 1]


def test_an_error_leaving_the_writer_notes_the_failed_write_in_flight() -> None:
    def failing() -> None:
        raise ConnectionError("store went away")

    with pytest.raises(RuntimeError) as raised, BackgroundWriter() as writer:
        writer.submit(failing)
        time.sleep(0.05)
        raise RuntimeError("the model failed")
    assert any("store went away" in note for note in raised.value.__notes__)
