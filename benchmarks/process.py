"""Benchmark runs as child processes, each printing its numbers as one JSON line.

A run in its own process has its own peak memory (`ru_maxrss` of a fresh process), can run
the Neo4j driver without its Rust extension, and can run next to another one: the bare
model's workers embed side by side, one core each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Running:
    """A run started by `start`: its process, its arguments, when it started."""

    process: subprocess.Popen[bytes]
    arguments: list[str]
    output: IO[bytes]
    errors: IO[bytes]
    started: float

    def finish(self) -> dict[str, Any]:
        """Wait for the run; its JSON row, with `process s` (start-up and all) added.

        Raises:
            RuntimeError: the run failed (the message carries the end of its stderr).
        """
        self.process.wait()
        seconds = time.perf_counter() - self.started
        stdout, stderr = (_read(file) for file in (self.output, self.errors))
        if self.process.returncode != 0:
            command = " ".join(self.arguments)
            raise RuntimeError(f"ingest_run {command} failed:\n{stderr[-3000:]}")
        row: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
        row["process s"] = seconds
        return row


def start(arguments: list[str]) -> Running:
    """Start `benchmarks.ingest_run` with `arguments`; `Running.finish` collects it.

    Its output goes to files, not pipes: with runs side by side, a pipe nobody reads yet
    would pause a run that writes more than the pipe holds.
    """
    output, errors = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.ingest_run", *arguments],
        cwd=REPO,
        stdout=output,
        stderr=errors,
        env=dict(os.environ),
    )
    return Running(process, arguments, output, errors, started)


def _read(file: IO[bytes]) -> str:
    """What a finished run wrote to `file`, which is closed (and so deleted) after."""
    with file:
        file.seek(0)
        return file.read().decode("utf-8", "replace")


def child(arguments: list[str]) -> dict[str, Any]:
    """Run `benchmarks.ingest_run` with `arguments` in a new process; its JSON row."""
    return start(arguments).finish()


def label(spec: str) -> str:
    """A corpus spec as a table shows it: `synthetic-10000`, `wisesight-5000`."""
    kind, _, argument = spec.partition(":")
    if kind == "synthetic":
        return Path(argument).stem.split("-seed")[0]
    return f"{kind}-{argument}" if argument else kind
