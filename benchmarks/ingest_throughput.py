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
from pathlib import Path
from typing import Any

from benchmarks.bare import COLUMNS as BARE_COLUMNS
from benchmarks.bare import bare
from benchmarks.process import REPO, RESULTS, child, label
from benchmarks.tables import Column, markdown
from ingest.pipeline import STAGES

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
    ("vs bare CPU", "vs bare (CPU)", ".2f"),
    ("start MiB", "rss before MiB", ",.0f"),
    ("peak MiB", "peak RSS MiB", ",.0f"),
    ("load avg", "load avg", ".1f"),
]


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
    """Set `vs bare`: the bare model's seconds on the run's texts over the run's seconds,
    and `vs bare (CPU)`: the same with the run's CPU time instead of its wall time.

    `reference` is the bare run of the same corpus; its `thread s` are one thread's CPU
    time, as the model has in an embedding worker (or in the pipeline's process, with
    `COPGRAPH_EMBEDDING_WORKERS=0`). On a shared machine the wall time grows with the load
    and the CPU time does not. The run's CPU time counts its embedding workers' and, for a
    Neo4j run, the server's, when known: the work the load costs on every side.

    A cold run is compared as it ran. A cached run read its vectors from the cache, so its
    cold run is estimated. The pipeline embeds each batch while it finishes the one before
    (ingest/pipeline.py), so until the last batch the model and the other stages overlap
    and the slower of the two sets the pace; derivation and the search indexes follow. The
    estimate is the model's time or the cached run's other stages (cache reads, derivation
    and indexing left out), whichever is longer, plus derivation and indexing.

    Raises:
        ValueError: `reference` is another corpus's.
    """
    if not reference["corpus"].startswith(row["corpus"]):
        raise ValueError(f"{row['corpus']} compared with the bare run of {reference['corpus']}")
    bare_seconds = reference["thread s"]
    server = row.get("server cpu s")
    cpu = None if row["store"] != "embedded" and server is None else row["cpu s"] + (server or 0)
    row["bare s"] = bare_seconds
    if row["embed"] == "cold":
        row["vs bare"] = bare_seconds / row["seconds"]
        row["vs bare (CPU)"] = None if cpu is None else bare_seconds / cpu
        return
    tail = row["derive s"] + row["index s"]
    cold_seconds = max(bare_seconds, row["seconds"] - row["embed s"] - tail) + tail
    row |= {"cold s (est.)": cold_seconds, "vs bare": bare_seconds / cold_seconds}
    row["vs bare (CPU)"] = (
        None if cpu is None else bare_seconds / (cpu - row["embed s"] + bare_seconds)
    )


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
