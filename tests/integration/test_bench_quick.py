"""`python -m benchmarks --quick` end to end: every stage runs and reports sane numbers.

Tiny scales on the embedded store with the hashing model, but real subprocesses (ingest
runs, the cache fixture of the larger scale, a uvicorn API driven over HTTP, the recall
check), so `make bench` cannot rot unnoticed between the full runs that take half an hour.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.corpora import WISESIGHT

REPO = Path(__file__).resolve().parents[2]


def test_quick_bench_runs_every_stage_and_writes_the_tables(tmp_path: Path) -> None:
    assert WISESIGHT.exists(), f"the bench reads real Thai messages from {WISESIGHT}"
    command = [sys.executable, "-m", "benchmarks", "--quick", "--stores", "embedded"]
    command += ["--scales", "300,600", "--messages", "30", "--seconds", "0.5", "--clients", "2"]
    command += ["--work", str(tmp_path / "work"), "--results", str(tmp_path / "results")]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]

    (found,) = (tmp_path / "results").glob("bench-*.json")
    results = json.loads(found.read_text("utf-8"))
    runs = {row["corpus"]: row for row in results["ingest"]}
    assert set(runs) == {"wisesight-30", "synthetic-300", "synthetic-600"}
    assert [runs[name]["items"] for name in sorted(runs)] == [300, 600, 30]
    cold, cached = runs["synthetic-300"], runs["synthetic-600"]
    assert (cold["embed"], cached["embed"]) == ("cold", "cached")
    assert cold["chunks"] >= 300 and cold["practices"] > 0
    assert cold["peak RSS MiB"] > cold["rss before MiB"] > 0
    assert cold["model s"] > 0 and cached["model s"] == 0  # the fixture filled the cache
    assert cold["vs bare"] > 0 and cached["cold s (est.)"] > cached["seconds"] - cached["embed s"]
    bare = {row["corpus"] for row in results["bare"]}
    assert bare == {"wisesight-30", "synthetic-300", "synthetic-600 (filling the cache)"}

    queries = {(row["scale"], row["endpoint"]): row for row in results["queries"]}
    for scale in ("synthetic-300", "synthetic-600"):
        assert queries[(scale, "embed_query")]["p50 ms"] > 0
        for name in ("experts", "related", "gaps"):
            row = queries[(scale, name)]
            assert row["requests"] > 0 and row["errors"] == 0, (scale, name)
            assert 0 < row["p50 ms"] <= row["p99 ms"], (scale, name)
    recall = {row["scale"]: row for row in results["recall"]}
    assert recall["synthetic-600"]["vectors"] == cached["chunks"]
    assert all(row["recall@10"] == 1.0 for row in recall.values())  # the embedded store is exact

    latest = (tmp_path / "results" / "latest.md").read_text("utf-8")
    for heading in ("## Ingestion", "## Queries over HTTP", "## Vector search"):
        assert heading in latest
    assert "| synthetic-600 " in latest and "cores" in latest
