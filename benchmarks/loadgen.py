"""A small closed-loop HTTP load generator: N concurrent clients for a fixed time.

Each client sends a request, waits for the answer, and sends the next one, taking the paths
in turn from a shared list; so throughput is what the server sustains with N requests in
flight, and a latency is what one portal user would wait. Python's asyncio and httpx are
enough at these rates (a request costs the client well under a millisecond, the server tens
of milliseconds), and need no package from outside the dev dependencies.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass

import httpx
import numpy as np


@dataclass(frozen=True)
class LoadResult:
    """Latencies (seconds) of the successful requests, error count, wall time."""

    latencies: list[float]
    errors: int
    seconds: float

    def summary(self) -> dict[str, float]:
        """Requests, req/s and latency percentiles in milliseconds."""
        done = np.asarray(self.latencies) * 1000
        row = {"requests": float(len(done)), "errors": float(self.errors)}
        row["req/s"] = len(done) / self.seconds if self.seconds else 0.0
        for name, q in (("p50 ms", 50), ("p95 ms", 95), ("p99 ms", 99)):
            row[name] = float(np.percentile(done, q)) if len(done) else float("nan")
        return row


async def _drive(
    base_url: str, paths: Sequence[str], clients: int, seconds: float, headers: dict[str, str]
) -> LoadResult:
    turn = itertools.cycle(paths)
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=base_url, limits=limits, timeout=120, headers=headers
    ) as client:
        started = time.perf_counter()
        deadline = started + seconds

        async def one_client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                try:
                    response = await client.get(next(turn))
                except httpx.HTTPError:
                    errors += 1
                    continue
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - sent)
                else:
                    errors += 1

        await asyncio.gather(*(one_client() for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return LoadResult(latencies, errors, elapsed)


def drive(
    base_url: str,
    paths: Sequence[str],
    clients: int,
    seconds: float,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Send GETs of `paths` (in turn) from `clients` concurrent clients for `seconds`.

    Requests still in flight at the deadline are waited for and counted.
    """
    return asyncio.run(_drive(base_url, paths, clients, seconds, headers or {}))
