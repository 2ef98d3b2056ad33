"""`make bench` results as Markdown: the machine, how to read the numbers, every table."""

from __future__ import annotations

import os
from typing import Any

from benchmarks.ingest_throughput import BARE_COLUMNS, COLUMNS
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
]
EMBED_COLUMNS: list[Column] = [
    ("scale", "scale", ""),
    ("store", "store", ""),
    ("embed_query p50 ms", "p50 ms", ".1f"),
    ("embed_query p95 ms", "p95 ms", ".1f"),
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
- `embed: cold` runs computed every embedding; `cached` runs read them from the embedding
  cache a previous run filled, so their `embed s` is cache reads and the table shows what
  every other stage costs at that scale.
- `vs bare`: the bare model's time on the texts this run embedded (passages and practice
  texts) divided by the run's time: the pipeline's throughput as a fraction of the model's.
  For a cached run it is an estimate: the model's time from the 10k bare rate (same
  generator), the cold run as the cached one plus that time (`cold s (est.)` in the JSON).
  `model %` is the share of the run spent inside the model, measured in the run itself.
- `start MiB` is the run's process once the model is loaded, `peak MiB` its high-water
  mark; the Neo4j server is not counted (its own peak is in the JSON).
- `load avg` is the 1-minute load average during the run: above the core count, other
  jobs shared the CPU and the numbers are pessimistic.
- Queries: `clients` concurrent clients for a fixed time per endpoint against a uvicorn
  process on loopback; experts latency includes embedding the query (shown alone below).
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


def render(results: dict[str, Any]) -> str:
    """The Markdown of a `make bench` run."""
    minutes = results["seconds"] / 60
    parts = [
        f"# copgraph benchmarks ({results['mode']} run, {results['started']})",
        _machine(results["machine"]),
        f"Model: {results['model']}. Whole run: {minutes:.1f} min.",
        NOTES,
        "## Bare model (embed_documents alone on the texts the pipeline embeds)",
        markdown(results["bare"], BARE_COLUMNS),
        "## Ingestion (seconds per stage)",
        markdown(results["ingest"], COLUMNS),
        f"## Queries over HTTP ({results['clients']} concurrent clients,"
        f" {results['seconds per endpoint']:g} s per endpoint)",
        markdown([q for q in results["queries"] if q["endpoint"] != "embed_query"], QUERY_COLUMNS),
        "## Query embedding alone (the model's part of an experts request)",
        markdown([q for q in results["queries"] if q["endpoint"] == "embed_query"], EMBED_COLUMNS),
        "## Vector search against exact brute force over the same chunk vectors",
        markdown(results["recall"], RECALL_COLUMNS),
    ]
    if results.get("eval_experts"):
        output = results["eval_experts"].strip()
        parts += ["## Expert finding (benchmarks.eval_experts)", f"```\n{output}\n```"]
    return "\n\n".join(parts) + "\n"
