"""WriteBehind: one write in flight, in order, in the caller's context; a wait raises what the
write raised and runs its follow-up only once it is committed; content in flight is waited for."""

from __future__ import annotations

import contextvars
import threading

import pytest

from ingest.write_behind import WriteBehind

WHO = contextvars.ContextVar("who", default="nobody")


def test_writes_run_one_at_a_time_in_order_and_follow_ups_after_each() -> None:
    log: list[str] = []
    release = threading.Event()

    def first() -> None:
        release.wait(5)
        log.append("write 1")

    with WriteBehind() as writes:
        writes.submit(first, ["a"], lambda: log.append("then 1"))
        log.append("caller goes on")
        release.set()
        writes.submit(lambda: log.append("write 2"), ["b"], lambda: log.append("then 2"))
    assert log == ["caller goes on", "write 1", "then 1", "write 2", "then 2"]


def test_a_write_runs_in_the_callers_context() -> None:
    seen: list[str] = []
    WHO.set("the pipeline")
    with WriteBehind() as writes:
        writes.submit(lambda: seen.append(WHO.get()), [], lambda: None)
    assert seen == ["the pipeline"]


def test_a_failed_write_is_raised_at_the_next_wait_without_its_follow_up() -> None:
    followed: list[str] = []

    def failing() -> None:
        raise RuntimeError("store down")

    writes = WriteBehind()
    writes.submit(failing, ["a"], lambda: followed.append("then"))
    with pytest.raises(RuntimeError, match="store down"):
        writes.wait()
    assert followed == []
    with pytest.raises(RuntimeError, match="store down"):
        with WriteBehind() as again:
            again.submit(failing, ["a"], lambda: None)


def test_the_runs_own_error_wins_over_a_write_failing_meanwhile() -> None:
    def failing() -> None:
        raise RuntimeError("store down")

    with pytest.raises(ValueError, match="bad record"):
        with WriteBehind() as writes:
            writes.submit(failing, ["a"], lambda: None)
            raise ValueError("bad record")


def test_only_content_in_flight_is_waited_for() -> None:
    release = threading.Event()
    done: list[str] = []
    with WriteBehind() as writes:
        writes.submit(lambda: release.wait(5) and None, ["a", "b"], lambda: done.append("a"))
        writes.wait_for(["c"])
        assert done == [], "other content did not wait"
        release.set()
        writes.wait_for(["x", "b"])
        assert done == ["a"]
