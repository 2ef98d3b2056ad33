"""`make bench`: ingestion, query latency, vector recall and the live service at 10k and
100k items.

Prints every table and writes them with the machine they ran on, how long the run took and
whether the embedding caches were warm, to `benchmarks/results/latest.md`, and all numbers
to `benchmarks/results/bench-<time>.json`. The plan, sized to finish in under 30 minutes on
2 cores from nothing (no corpus, no cache), is `benchmarks.plan`'s docstring.

    python -m benchmarks [--quick] [--only PHASE,...] [--stores embedded,neo4j]
                         [--scales 10000,100000] [--live-seconds 60] [--work DIR]
                         [--results DIR]
"""

from __future__ import annotations

import argparse
import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import machine, report
from benchmarks.plan import DEFAULT_PHASES, PHASES, Bench
from benchmarks.process import REPO, RESULTS


def write(results: dict[str, Any], folder: Path) -> Path:
    """Print the tables; write latest.md and the JSON in `folder`; the JSON's path."""
    results["machine"] = machine.describe(report.neo4j_version())
    text = report.render(results)
    print(text)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
    path = folder / f"bench-{stamp}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False), "utf-8")
    (folder / "latest.md").write_text(text, "utf-8")
    return path


def phases(value: str) -> list[str]:
    """The `--only` list, checked against the plan's phases."""
    chosen = [p.strip() for p in value.split(",") if p.strip()]
    unknown = set(chosen) - set(PHASES)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown phase {sorted(unknown)}; phases: {PHASES}")
    return chosen


def main() -> None:
    """Parse the options, run the plan, write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run (hash model)")
    phases_help = f"some of {', '.join(PHASES)} (default: all but eval)"
    parser.add_argument("--only", type=phases, default=None, help=phases_help)
    parser.add_argument("--stores", default=None, help="default: embedded, plus neo4j if set")
    parser.add_argument("--scales", default=None, help="synthetic items; default 10000,100000")
    parser.add_argument("--model", default=None, help="default: use-multilingual-v3")
    parser.add_argument("--messages", type=int, default=None, help="wisesight messages; 0: none")
    parser.add_argument("--seconds", type=float, default=None, help="window per endpoint")
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients")
    live_help = "live: seconds of the stream of one push a second (default 60)"
    parser.add_argument("--live-seconds", type=float, default=None, help=live_help)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where results go")
    args = parser.parse_args()
    quick = args.quick
    args.only = args.only or list(DEFAULT_PHASES)
    stores = args.stores or ("embedded,neo4j" if os.environ.get("NEO4J_URI") else "embedded")
    args.stores = stores.split(",")
    args.scales = args.scales or ("300,1000" if quick else "10000,100000")
    args.model = args.model or ("hash" if quick else "use-multilingual-v3")
    args.messages = (200 if quick else 5000) if args.messages is None else args.messages
    args.seconds = args.seconds or (1.0 if quick else 15.0)
    args.live_seconds = args.live_seconds or (3.0 if quick else 60.0)
    args.live_queries, args.live_warm_up = (5, 0.0) if quick else (60, 10.0)
    bench = Bench(args)
    bench.run()
    path = write(bench.finish(), args.results)
    bench.log(f"done; results in {path} and {path.with_name('latest.md')}")


if __name__ == "__main__":
    main()
