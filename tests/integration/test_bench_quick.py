"""`python -m benchmarks --quick` end to end: every stage runs and reports sane numbers.

Tiny scales on the embedded store with the hashing model, but real subprocesses (bare model
workers filling the embedding cache, ingest runs, a uvicorn API driven over HTTP, the recall
check, the live phase's pushes), so `make bench` cannot rot unnoticed between the full runs;
then a second run of one phase over the same work folder, which must reuse the corpora and
the full cache. The load generator's bound on a single slow request is checked against a
real HTTP server.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks import push_cost
from benchmarks.corpora import WISESIGHT
from benchmarks.loadgen import WindowExceeded, drive
from benchmarks.query_latency import WarmUp

REPO = Path(__file__).resolve().parents[2]


def bench(work: Path, results: Path, *options: str) -> dict[str, Any]:
    """Run `python -m benchmarks --quick` on the embedded store; its JSON results."""
    command = [sys.executable, "-m", "benchmarks", "--quick", "--stores", "embedded"]
    command += ["--scales", "300,600", "--seconds", "0.5", "--clients", "2", *options]
    command += ["--work", str(work), "--results", str(results)]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    (found,) = results.glob("bench-*.json")
    written: dict[str, Any] = json.loads(found.read_text("utf-8"))
    return written


def test_quick_bench_runs_every_stage_and_writes_the_tables(tmp_path: Path) -> None:
    assert WISESIGHT.exists(), f"the bench reads real Thai messages from {WISESIGHT}"
    work = tmp_path / "work"
    results = bench(work, tmp_path / "results", "--messages", "30")

    runs = {row["corpus"]: row for row in results["ingest"]}
    assert set(runs) == {"wisesight-30", "synthetic-300", "synthetic-600"}
    assert [runs[name]["items"] for name in sorted(runs)] == [300, 600, 30]
    cold, cached = runs["synthetic-300"], runs["synthetic-600"]
    assert (cold["embed"], cached["embed"]) == ("cold", "cached")
    assert cold["chunks"] >= 300 and cold["practices"] > 0
    assert cold["peak RSS MiB"] > cold["rss before MiB"] > 0
    assert cold["model s"] > 0 and cached["model s"] == 0  # the bare run filled the cache
    tail = cached["derive s"] + cached["index s"]
    overlapped = max(cached["bare s"], cached["seconds"] - cached["embed s"] - tail)
    assert cold["vs bare"] > 0 and cached["cold s (est.)"] == pytest.approx(overlapped + tail)
    assert cold["vs bare (CPU)"] > 0 and cached["vs bare (CPU)"] > 0
    bare = {row["corpus"]: row for row in results["bare"]}
    assert set(bare) == {
        "wisesight-30",
        "synthetic-300 (filling the cache)",
        "synthetic-600 (filling the cache)",
    }
    for row in bare.values():
        assert row["workers"] == 2 and row["thread s"] > 0 and row["wall s"] > 0
    assert bare["synthetic-600 (filling the cache)"]["items"] == 600  # each record once
    assert results["embedding cache"] == dict.fromkeys(
        ("synthetic-300", "synthetic-600"), "cold: filled by this run"
    )

    queries = {(row["scale"], row["endpoint"]): row for row in results["queries"]}
    for scale in ("synthetic-300", "synthetic-600"):
        assert queries[(scale, "embed_query")]["p50 ms"] > 0
        for name in ("experts", "related", "gaps"):
            row = queries[(scale, name)]
            assert row["requests"] > 0 and row["errors"] == 0, (scale, name)
            assert row["over window"] == 0, (scale, name)
            assert 0 < row["p50 ms"] <= row["p99 ms"], (scale, name)
            assert row["first ms"] > 0, (scale, name)  # the first request, timed apart
            assert row["start s"] > 0, (scale, name)  # and the start of the API it went to
    recall = {row["scale"]: row for row in results["recall"]}
    assert recall["synthetic-600"]["vectors"] == cached["chunks"]
    assert all(row["recall@10"] == 1.0 for row in recall.values())  # the embedded store is exact

    live = {row["scale"]: row for row in results["live"]}
    assert set(live) == {"synthetic-300", "synthetic-600"}
    for row in live.values():  # a push a second for 3 s, each acknowledged, then all derived
        assert row["pushes"] == "3 of 3" and row["drained s"] < 300, row  # 300: settle gave up
        assert 0 < row["ack"] <= row["derived"] and row["first"] > 0 and row["ratio"] > 0, row
    assert live["synthetic-600"]["items"] > live["synthetic-300"]["items"] >= 300

    steps = {row["step"]: row for row in results["timeline"]}
    assert next(iter(steps)).startswith("bare model on wisesight-30") and len(steps) == 14
    assert sum(row["seconds"] for row in steps.values()) <= results["seconds"]
    filling = steps["bare model on synthetic-600, 2 workers, filling the cache"]
    assert filling["cpu s"] > bare["synthetic-600 (filling the cache)"]["thread s"]  # workers
    latest = (tmp_path / "results" / "latest.md").read_text("utf-8")
    for heading in ("## Ingestion", "## Queries over HTTP", "## Vector search", "## The live"):
        assert heading in latest
    assert "## Where" in latest and "| synthetic-600 " in latest
    assert "cores" in latest and "Whole run: **" in latest

    again = bench(work, tmp_path / "again", "--only", "ingest", "--messages", "0")
    assert again["phases run"] == ["ingest"] and not again["queries"] and not again["live"]
    assert set(again["corpora"].values()) == {"kept from an earlier run"}
    assert again["embedding cache"] == dict.fromkeys(("synthetic-300", "synthetic-600"), "warm")
    bare_again = [row["corpus"] for row in again["bare"]]
    assert bare_again[0] == "synthetic-300"  # the first scale's bare run is measured afresh
    assert bare_again[1].startswith("synthetic-600 (when the cache was filled")
    assert [row["embed"] for row in again["ingest"]] == ["cold", "cached"]


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        time.sleep(3.0 if self.path == "/slow" else 0.01)
        try:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on it: what the test is about

    def log_message(self, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_one_request_over_the_limit_stops_the_run_without_waiting_for_it(server: str) -> None:
    started = time.perf_counter()
    result = drive(server, ["/fast"] * 20 + ["/slow"], clients=2, seconds=10.0, limit=1.0)
    elapsed = time.perf_counter() - started

    assert result.over_window == 1 and result.errors == 0
    assert len(result.latencies) >= 15  # the fast ones before it were measured
    assert elapsed < 2.5  # neither the 10 s window nor the 3 s answer was waited for
    assert result.summary()["over window"] == 1


def test_a_first_request_may_take_as_long_as_a_start_the_next_ones_not(server: str) -> None:
    """The first request of an endpoint builds its views (minutes at 1M items on Neo4j)."""
    with httpx.Client(base_url=server) as client:
        warming = WarmUp(client, limit=0.5)
        warming.get("/slow")
        assert warming.first_seconds is not None and warming.first_seconds >= 3.0
        with pytest.raises(WindowExceeded):
            warming.get("/slow")


def test_a_run_within_the_limit_ends_with_its_window(server: str) -> None:
    result = drive(server, ["/fast"], clients=2, seconds=0.5, limit=1.0)

    assert result.over_window == 0 and result.errors == 0
    assert 0.5 <= result.seconds < 1.5 and len(result.latencies) > 10


def test_load_can_be_driven_from_inside_a_running_event_loop(server: str) -> None:
    """As in the suite after the browser tests: Playwright's sync API keeps a loop running.

    The loop is made in a thread of its own, whatever the test process's main thread runs.
    """
    errors: list[int] = []

    async def inside_a_loop() -> None:
        errors.append(drive(server, ["/fast"], clients=1, seconds=0.2, limit=1.0).errors)

    thread = threading.Thread(target=asyncio.run, args=(inside_a_loop(),))
    thread.start()
    thread.join()
    assert errors == [0]


def test_push_cost_measures_both_ways_and_reuses_its_store(tmp_path: Path) -> None:
    first = push_cost.measure(300, tmp_path, "hash", seed=7, repeat=1)
    assert first["items"] == 300 and first["expert_in"] > 0
    for key in ("push incremental", "push full", "delete incremental", "delete full"):
        assert first[key] > 0
    again = push_cost.measure(300, tmp_path, "hash", seed=7, repeat=1)
    assert (again["practices"], again["expert_in"]) == (first["practices"], first["expert_in"])
