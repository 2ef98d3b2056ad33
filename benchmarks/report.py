"""`make bench` results as Markdown: the machine, how to read the numbers, every table."""

from __future__ import annotations

import os
from typing import Any

from benchmarks.bare import COLUMNS as BARE_COLUMNS
from benchmarks.ingest_throughput import COLUMNS
from benchmarks.live import COLUMNS as LIVE_COLUMNS
from benchmarks.tables import Column, markdown

QUERY_COLUMNS: list[Column] = [
    ("scale", "scale", ""),
    ("store", "store", ""),
    ("endpoint", "endpoint", ""),
    ("requests", "requests", ",.0f"),
    ("req/s", "req/s", ",.1f"),
    ("p50 ms", "p50 ms", ",.0f"),
    ("p95 ms", "p95 ms", ",.0f"),
    ("p99 ms", "p99 ms", ",.0f"),
    ("errors", "errors", ".0f"),
    ("over window", "over window", ".0f"),
    ("first request ms", "first ms", ",.0f"),
    ("API start s", "start s", ",.1f"),
]
EMBED_COLUMNS: list[Column] = [
    ("scale", "scale", ""),
    ("store", "store", ""),
    ("embed_query p50 ms", "p50 ms", ".1f"),
    ("embed_query p95 ms", "p95 ms", ".1f"),
]
TIMELINE_COLUMNS: list[Column] = [
    ("step", "step", ""),
    ("seconds", "seconds", ",.0f"),
    ("CPU s", "cpu s", ",.0f"),
    ("load avg", "load avg", ".1f"),
]
RECALL_COLUMNS: list[Column] = [
    ("scale", "scale", ""),
    ("store", "store", ""),
    ("chunk vectors", "vectors", ",.0f"),
    ("queries", "queries", ".0f"),
    ("recall@10", "recall@10", ".3f"),
    ("store search p50 ms", "index p50 ms", ".2f"),
    ("numpy exact p50 ms", "numpy p50 ms", ".2f"),
    ("store/numpy", "index/numpy", ".1f"),
]

NOTES = """\
How to read these:
- Scale is in items: documents (questions, threads, articles) plus their posts, as
  `copgraph ingest` counts them. The synthetic corpus is `benchmarks/synthetic.py` (seeded).
- The bare model runs in two worker processes side by side, one BLAS thread each, as the
  model runs in the pipeline's embedding worker; each takes every other record. `thread s`
  is the sum of the workers' CPU times: one thread's time on all the texts with a core of
  its own, which is what the pipeline's model (one worker, one thread) is compared with;
  `wall s` is what the bare run took.
- `embed: cold` runs computed every embedding; `cached` runs read them from the embedding
  cache the bare run filled, so their `embed s` is cache reads and the table shows what
  every other stage costs at that scale.
- `vs bare`: the bare model's time (one thread) on the texts this run embedded (passages
  and practice texts) divided by the run's time: the pipeline's throughput as a fraction
  of the model's. The pipeline embeds a batch in its worker while it finishes the batch
  before, so above 1 it used a second core for its other stages. For a cached run the cold
  run is estimated (`cold s (est.)`): the bare model's time or the cached run's other
  stages, whichever is longer (they overlap), plus derivation and indexing, which follow
  the last batch. `model %` is the share of a cold run spent waiting for the model,
  measured in the run itself.
- `vs bare CPU`: the same with the run's CPU time (its embedding worker's and the Neo4j
  server's included) in place of its wall time: the model's share of all the work the run
  cost, which the load of other jobs does not stretch.
- `start MiB` is the run's process once the model is loaded, `peak MiB` its high-water
  mark; the Neo4j server is not counted (its own peak is in the JSON).
- `load avg` is the 1-minute load average during the run: above the core count, other
  jobs shared the CPU and the numbers are pessimistic.
- Queries: `clients` concurrent clients for a fixed window per endpoint against a uvicorn
  process on loopback, after a few warm-up requests; experts latency includes embedding
  the query (shown alone below). No request may take longer than the window: the first
  that does stops its endpoint (`over window` 1; its percentiles are those of the
  requests that finished, none if it was a warm-up request). The exception is an
  endpoint's first request on a fresh API (`first request ms`), which may take as long as
  a start (300 s). The API builds the public scope's query views before it reports ready
  (queries/warm_up.py), so that cost shows in `API start s` (launch to ready: the model,
  the store, a rehearsed push on Neo4j, the views) rather than in the first request.
"""


def neo4j_version() -> str | None:
    """The version the Neo4j server of NEO4J_URI reports, if one is configured."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    from neo4j import GraphDatabase

    auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
    with GraphDatabase.driver(uri, auth=auth) as driver:
        return driver.get_server_info().agent


def _machine(facts: dict[str, Any]) -> str:
    packages = ", ".join(f"{name} {version}" for name, version in facts["packages"].items())
    return (
        f"Machine: {facts['cpu']}, {facts['cores']} cores, {facts['ram_gib']} GiB RAM,"
        f" {facts['os']}; Python {facts['python']}, SQLite {facts['sqlite']},"
        f" Neo4j {facts['neo4j_server'] or '-'}; {packages}."
    )


def _header(results: dict[str, Any]) -> str:
    """What ran, how long it took, how busy the machine was, what was reused."""
    load = results["load"]
    caches = "; ".join(f"{name}: {state}" for name, state in results["embedding cache"].items())
    kept = "; ".join(f"{name}: {state}" for name, state in results["corpora"].items())
    phases = ", ".join(results["phases run"])
    return (
        f"Model: {results['model']}. Phases: {phases}.\n\n"
        f"Whole run: **{results['seconds'] / 60:.1f} min**, load average (1 min) mean"
        f" {load['mean']:.1f}, max {load['max']:.1f} over {load['samples']} samples;"
        f" CPU time {results['cpu s'] / 60:.1f} min (the benchmark's processes and the Neo4j"
        " server it started: what the run needs whatever else runs; see the last table).\n"
        f"Embedding cache at the start: {caches or '-'}. Corpora: {kept or '-'}."
    )


def render(results: dict[str, Any]) -> str:
    """The Markdown of a `make bench` run: every table that has rows."""
    queries = [q for q in results["queries"] if q["endpoint"] != "embed_query"]
    embedding = [q for q in results["queries"] if q["endpoint"] == "embed_query"]
    window = (
        f"{results['clients']} concurrent clients, {results['seconds per endpoint']:g} s window"
    )
    tables = [
        (
            "Bare model (embed_documents alone on the texts the pipeline embeds)",
            results["bare"],
            BARE_COLUMNS,
        ),
        ("Ingestion (seconds per stage)", results["ingest"], COLUMNS),
        (f"Queries over HTTP ({window} per endpoint)", queries, QUERY_COLUMNS),
        (
            "Query embedding alone (the model's part of an experts request)",
            embedding,
            EMBED_COLUMNS,
        ),
        (
            "Vector search against exact brute force over the same chunk vectors",
            results["recall"],
            RECALL_COLUMNS,
        ),
        (
            "The live service (one client; one push, then one push a second while it queries)",
            results.get("live", []),
            [("scale", "scale", ""), *LIVE_COLUMNS],
        ),
    ]
    parts = [
        f"# copgraph benchmarks ({results['mode']} run, {results['started']})",
        _machine(results["machine"]),
        _header(results),
        NOTES,
    ]
    for title, rows, columns in tables:
        if rows:
            parts += [f"## {title}", markdown(rows, columns)]
    if results.get("eval_experts"):
        output = results["eval_experts"].strip()
        parts += ["## Expert finding (benchmarks.eval_experts)", f"```\n{output}\n```"]
    parts += ["## Where the time went", markdown(results["timeline"], TIMELINE_COLUMNS)]
    return "\n\n".join(parts) + "\n"
