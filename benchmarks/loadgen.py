"""A small closed-loop HTTP load generator: N concurrent clients for a bounded time.

Each client sends a request, waits for the answer, and sends the next one, taking the paths
in turn from a shared list; so throughput is what the server sustains with N requests in
flight, and a latency is what one portal user would wait. Python's asyncio and httpx are
enough at these rates (a request costs the client well under a millisecond, the server tens
of milliseconds), and need no package from outside the dev dependencies.

The run is bounded twice: clients start requests only until the window closes, and no
single request may take longer than a limit (the window itself unless said otherwise). The
first request that does stops the whole run at once (the others in flight are abandoned,
not waited for): an endpoint that needs more than the window for one answer has no
throughput worth measuring, and waiting for it made one run of `make bench` spend minutes
on a handful of requests. So a run lasts at most the window plus the limit.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import httpx
import numpy as np


class WindowExceeded(Exception):
    """One request took longer than the window: the run stops."""


@dataclass(frozen=True)
class LoadResult:
    """Latencies (seconds) of the successful requests, error count, wall time, and how many
    requests went over the window (0, or 1: the run stops at the first)."""

    latencies: list[float]
    errors: int
    seconds: float
    over_window: int = 0

    def summary(self) -> dict[str, float]:
        """Requests, req/s, latency percentiles in milliseconds, requests over the window."""
        done = np.asarray(self.latencies) * 1000
        row = {"requests": float(len(done)), "errors": float(self.errors)}
        row["req/s"] = len(done) / self.seconds if self.seconds else 0.0
        for name, q in (("p50 ms", 50), ("p95 ms", 95), ("p99 ms", 99)):
            row[name] = float(np.percentile(done, q)) if len(done) else float("nan")
        row["over window"] = float(self.over_window)
        return row


async def _drive(
    base_url: str,
    paths: Sequence[str],
    clients: int,
    seconds: float,
    limit: float,
    headers: dict[str, str],
) -> LoadResult:
    turn = itertools.cycle(paths)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=limit + 5, headers=headers
    ) as client:
        started = time.perf_counter()
        deadline = started + seconds

        async def one_client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                try:
                    response = await asyncio.wait_for(client.get(next(turn)), limit)
                except TimeoutError as e:
                    raise WindowExceeded from e
                except httpx.HTTPError:
                    errors += 1
                    continue
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - sent)
                else:
                    errors += 1

        tasks = [asyncio.create_task(one_client()) for _ in range(clients)]
        done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        elapsed = time.perf_counter() - started
    over = sum(isinstance(task.exception(), WindowExceeded) for task in done)
    for task in done:
        failure = task.exception()
        if failure is not None and not isinstance(failure, WindowExceeded):
            raise failure
    return LoadResult(latencies, errors, elapsed, min(over, 1))


def drive(
    base_url: str,
    paths: Sequence[str],
    clients: int,
    seconds: float,
    limit: float | None = None,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Send GETs of `paths` (in turn) from `clients` concurrent clients for `seconds`.

    Requests still in flight when the time is up are waited for and counted, unless one of
    them takes longer than `limit` (default: `seconds`): then the run stops there
    (`over_window`).
    """
    # A thread of its own, so that a caller already inside an event loop (Playwright's sync
    # API keeps one running in the test process) can drive load too.
    with ThreadPoolExecutor(max_workers=1) as runner:
        return runner.submit(
            asyncio.run,
            _drive(base_url, paths, clients, seconds, limit or seconds, headers or {}),
        ).result()
