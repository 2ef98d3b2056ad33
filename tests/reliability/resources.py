"""The server's resources over time, sampled from outside with psutil: memory, descriptors,
sockets, threads, and the connections of its Neo4j driver pool.

A leak shows as growth from the first window of a run (after warm-up) to the last one, so
the samples are compared by window, not point by point: memory and queues breathe.
"""

from __future__ import annotations

import statistics
import threading
from dataclasses import dataclass, field

import psutil


@dataclass(frozen=True)
class Sample:
    """One look at the server process."""

    rss_mb: float
    fds: int
    tcp: int
    store_connections: int
    threads: int


@dataclass
class Sampler:
    """Samples process `pid` every `interval` seconds in a thread, until stopped."""

    pid: int
    store_port: int | None = None
    interval: float = 1.0
    samples: list[Sample] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._process = psutil.Process(self.pid)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def take(self) -> Sample:
        """The process's current resources."""
        connections = self._process.net_connections(kind="tcp")
        to_store = [c for c in connections if c.raddr and c.raddr.port == self.store_port]
        return Sample(
            rss_mb=self._process.memory_info().rss / 2**20,
            fds=self._process.num_fds(),
            tcp=len(connections),
            store_connections=len(to_store),
            threads=self._process.num_threads(),
        )

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.samples.append(self.take())

    def start(self) -> None:
        """Start sampling."""
        self._thread.start()

    def stop(self) -> list[Sample]:
        """Stop sampling; the samples taken."""
        self._stop.set()
        self._thread.join(timeout=10)
        return self.samples


def window(samples: list[Sample], first: bool, share: float = 0.25) -> list[Sample]:
    """The first or last `share` of the samples (at least one)."""
    size = max(1, int(len(samples) * share))
    return samples[:size] if first else samples[-size:]


def median_rss(samples: list[Sample]) -> float:
    """The median resident memory of `samples`, in MiB."""
    return statistics.median(s.rss_mb for s in samples)


def peak(samples: list[Sample], attribute: str) -> int:
    """The largest value of a counted attribute (fds, tcp, ...) in `samples`."""
    return max(int(getattr(s, attribute)) for s in samples)
