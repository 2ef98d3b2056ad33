"""Ingestion throughput, split by stage, for each store, against the model's bare throughput.

Each run is `benchmarks.ingest_run` in a fresh process (clean peak memory, Rust extension
on or off): the real pipeline from an empty store, cold embedding cache unless a run says
`embed: cached`. The bare model throughput comes from a `bare` run over the same texts the
pipeline embeds (its passages and its practice texts): `vs bare` is the bare model's time
for those texts over the pipeline's whole run, which is the pipeline's throughput as a
fraction of the model's on the same texts (1.0 would be a pipeline that costs nothing but
the model). `model %` is the same share measured inside the run itself.

    python -m benchmarks.ingest_throughput [--corpora wisesight:5000,stackexchange]
                                           [--stores embedded,neo4j] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.tables import Column, markdown
from ingest.pipeline import STAGES

REPO = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"

COLUMNS: list[Column] = [
    ("corpus", "corpus", ""),
    ("store", "store", ""),
    ("embed", "embed", ""),
    ("items", "items", ",d"),
    ("docs/s", "documents/s", ",.0f"),
    ("items/s", "items/s", ",.0f"),
    ("chunks/s", "chunks/s", ",.0f"),
    *((f"{stage} s", f"{stage} s", ".1f") for stage in STAGES),
    ("total s", "seconds", ".1f"),
    ("cold s (est.)", "cold s (est.)", ".1f"),
    ("model %", "model %", ".0f"),
    ("vs bare", "vs bare", ".2f"),
    ("start MiB", "rss before MiB", ",.0f"),
    ("peak MiB", "peak RSS MiB", ",.0f"),
    ("load avg", "load avg", ".1f"),
]
BARE_COLUMNS: list[Column] = [
    ("corpus", "corpus", ""),
    ("passages", "distinct chunks", ",d"),
    ("practice texts", "distinct practices", ",d"),
    ("passages/s", "chunks/s", ",.0f"),
    ("texts/s", "texts/s", ",.0f"),
    ("seconds", "seconds", ".1f"),
    ("load avg", "load avg", ".1f"),
]


def child(arguments: list[str]) -> dict[str, Any]:
    """Run `benchmarks.ingest_run` with `arguments` in a new process; its JSON row.

    Raises:
        RuntimeError: the run failed (the message carries the end of its stderr).
    """
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.ingest_run", *arguments],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=dict(os.environ),
    )
    if done.returncode != 0:
        raise RuntimeError(f"ingest_run {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    row: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    row["process s"] = time.perf_counter() - started
    return row


def bare(spec: str, work: Path, model: str, fill_cache: Path | None = None) -> dict[str, Any]:
    """The model alone on the corpus's texts; with `fill_cache`, cache them in that folder."""
    cache = fill_cache or work / "bare-cache"
    arguments = ["--corpus", spec, "--store", "bare", "--cache-dir", str(cache)]
    row = child(arguments + ["--model", model] + (["--fill-cache"] if fill_cache else []))
    row["corpus"] = label(spec) + (" (filling the cache)" if fill_cache else "")
    row["chunks/s"] = row["distinct chunks"] / row["chunk s"]
    row["texts/s"] = (row["distinct chunks"] + row["distinct practices"]) / row["seconds"]
    return row


def ingest(
    spec: str,
    store: str,
    folder: Path,
    model: str,
    cache: Path | None = None,
    rust: bool = True,
    batch_size: int = 256,
) -> dict[str, Any]:
    """One pipeline run into an empty `store`; the embedded store and vectors go in `folder`.

    With `cache`, the embedding cache of that folder is used (and is expected warm), else
    a cold one in `folder`.
    """
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    arguments = ["--corpus", spec, "--store", store, "--model", model]
    arguments += ["--cache-dir", str(cache or folder), "--data-dir", str(folder / "store")]
    arguments += ["--save-vectors", str(folder / "chunks.npz"), "--batch-size", str(batch_size)]
    row = child(arguments + ([] if rust else ["--no-rust-ext"]))
    seconds = row["seconds"]
    row |= {
        "corpus": label(spec),
        "store": store + ("" if rust or store != "neo4j" else " (no rust ext)"),
        "embed": "cached" if cache else "cold",
        "documents/s": row["documents"] / seconds,
        "items/s": row["items"] / seconds,
        "chunks/s": row["chunks"] / seconds,
        "model %": 100 * row["model s"] / seconds,
    }
    return row


def compare_to_bare(row: dict[str, Any], reference: dict[str, Any]) -> None:
    """Set `vs bare`: the bare model's seconds for this run's texts over the run's seconds.

    With `reference` the bare run of the same corpus, those are its seconds, and the run
    must have been cold. For a cached run, `reference` is the bare run of a smaller corpus
    of the same generator: its rate per passage and per practice text, times this run's
    counts, estimates the model's time, and the cold run is estimated as the cached run
    with the cache reads (`embed s`) replaced by that time (the stages run one after the
    other, so the model's time adds).
    """
    if row["embed"] == "cold":
        row["bare s"] = reference["seconds"]
        row["vs bare"] = reference["seconds"] / row["seconds"]
        return
    bare_seconds = reference["chunk s"] / reference["chunks"] * row["chunks"]
    bare_seconds += reference["practice s"] / reference["practices"] * row["practices"]
    cold_seconds = row["seconds"] - row["embed s"] + bare_seconds
    row |= {"bare s": bare_seconds, "cold s (est.)": cold_seconds}
    row["vs bare"] = bare_seconds / cold_seconds


def label(spec: str) -> str:
    """A corpus spec as a table shows it: `synthetic-10000`, `wisesight-5000`."""
    kind, _, argument = spec.partition(":")
    if kind == "synthetic":
        return Path(argument).stem.split("-seed")[0]
    return f"{kind}-{argument}" if argument else kind


def main() -> None:
    """Run each corpus bare and on each store (cold); print the tables, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_stores = "embedded,neo4j" if os.environ.get("NEO4J_URI") else "embedded"
    parser.add_argument("--corpora", default="wisesight:5000,stackexchange")
    parser.add_argument("--stores", default=default_stores)
    parser.add_argument("--model", default="use-multilingual-v3")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench" / "ingest")
    args = parser.parse_args()
    rows, bares = [], []
    for spec in args.corpora.split(","):
        reference = bare(spec, args.work, args.model)
        bares.append(reference)
        for store in args.stores.split(","):
            row = ingest(spec, store, args.work / store, args.model)
            compare_to_bare(row, reference)
            rows.append(row)
    print(markdown(bares, BARE_COLUMNS), end="\n\n")
    print(markdown(rows, COLUMNS))
    RESULTS.mkdir(exist_ok=True)
    results = {"bare": bares, "runs": rows}
    (RESULTS / "ingest_throughput.json").write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
