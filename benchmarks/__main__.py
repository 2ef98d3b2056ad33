"""`make bench`: ingestion, query latency, vector recall, then the expert-finding evaluation.

Prints every table and writes them with the machine they ran on to
`benchmarks/results/latest.md`, and all numbers to `benchmarks/results/bench-<time>.json`.

The plan, sized to finish in under 30 minutes on 2 cores (the model is the slow part):

1. wisesight (5,000 real Thai messages): bare model, then each store from a cold cache;
2. synthetic corpus at 10k items: bare model, each store from a cold cache (this is where
   the pipeline's share of the bare model is measured), then on Neo4j the same load from
   a warm cache without and with the driver's Rust extension;
3. synthetic corpus at 100k items: each store from a warm embedding cache (`embed:
   cached`: the table shows what every other stage costs at 100k; `vs bare` and the cold
   time are estimated with the 10k bare rate). The corpus is seeded, so its embeddings are
   a fixture: the first run on a machine computes them once (a bare run over the 100k
   texts, timed and reported) into `build/bench/cache/`, later runs reuse them;
4. after each store is loaded at each scale: query latency over HTTP and vector recall;
5. `benchmarks.eval_experts` (not in `--quick`).

    python -m benchmarks [--quick] [--stores embedded,neo4j] [--scales 10000,100000]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import corpora, eval_experts, machine, query_latency, report, vector_recall
from benchmarks.ingest_throughput import REPO, RESULTS, bare, compare_to_bare, ingest, label


class Bench:
    """One `make bench`: its settings, its results so far, and a progress log on stderr."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work: Path = args.work
        self.started = time.perf_counter()
        self.results: dict[str, Any] = {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "mode": "quick" if args.quick else "full",
            "model": args.model,
            "clients": args.clients,
            "seconds per endpoint": args.seconds,
            "ingest": [],
            "bare": [],
            "queries": [],
            "recall": [],
        }

    def log(self, message: str) -> None:
        """Say what runs now, with the time since the start."""
        minutes, seconds = divmod(int(time.perf_counter() - self.started), 60)
        print(f"[bench {minutes:02d}:{seconds:02d}] {message}", file=sys.stderr, flush=True)

    def ingest(self, spec: str, store: str, name: str, **options: Any) -> dict[str, Any]:
        """One ingestion run into `work/name`, kept in the results."""
        self.log(f"ingest {label(spec)} into {store} ({name})")
        row = ingest(spec, store, self.work / name, self.args.model, **options)
        row["load avg"] = max(row["load avg"], machine.load_average())
        self.results["ingest"].append(row)
        return row

    def bare(self, spec: str) -> dict[str, Any]:
        """The bare model on a corpus, kept in the results."""
        self.log(f"bare model on {label(spec)}")
        row = bare(spec, self.work, self.args.model)
        self.results["bare"].append(row)
        return row

    def queries(self, scale: str, store: str, folder: Path, rust: bool = True) -> None:
        """Query latency and (with the Rust extension) vector recall over a loaded store."""
        variant = store + ("" if rust or store != "neo4j" else " (no rust ext)")
        self.log(f"queries on {variant} at {scale}")
        data_dir = folder / "store" if store == "embedded" else None
        found = query_latency.measure(
            store, data_dir, self.args.model, self.args.clients, self.args.seconds, not rust
        )
        base = {"scale": scale, "store": variant}
        for endpoint, numbers in found.items():
            self.results["queries"].append(base | {"endpoint": endpoint} | numbers)
        if rust:
            self.log(f"vector recall on {store} at {scale}")
            recall = vector_recall.measure(store, data_dir, folder / "chunks.npz", self.args.model)
            self.results["recall"].append(base | recall)

    def run(self) -> None:
        """The whole plan (see the module docstring)."""
        args = self.args
        stores = args.stores.split(",")
        if args.messages:
            wisesight = f"wisesight:{args.messages}"
            messages = self.bare(wisesight)
            for store in stores:
                compare_to_bare(self.ingest(wisesight, store, f"wisesight-{store}"), messages)
        reference: dict[str, Any] = {}
        for number, scale in enumerate(int(s) for s in args.scales.split(",")):
            spec = corpora.synthetic(self.work / "corpora", scale, args.seed)
            name = label(spec)
            cache = None
            if number == 0:
                reference = self.bare(spec)
            else:
                cache = self.fixture(spec)
            for store in stores:
                folder = self.work / f"{name}-{store}"
                compare_to_bare(self.ingest(spec, store, folder.name, cache=cache), reference)
                comparison = store == "neo4j" and number == 0 and not args.quick
                if comparison:
                    self._rust_comparison(spec, folder)
                    folder = self.work / f"{name}-neo4j-warm"
                self.queries(name, store, folder)
                if comparison:
                    self.queries(name, store, folder, rust=False)

    def fixture(self, spec: str) -> Path:
        """The folder of the embedding cache of a corpus, filled by a bare run if need be."""
        folder = self.work / "cache" / f"{Path(spec.partition(':')[2]).stem}-{self.args.model}"
        complete = folder / "complete"
        if not complete.exists():
            self.log(f"bare model on {label(spec)}, filling the embedding cache (once)")
            self.results["bare"].append(bare(spec, self.work, self.args.model, folder))
            complete.touch()
        return folder

    def _rust_comparison(self, spec: str, cold: Path) -> None:
        """Neo4j from a warm cache without, then with, the Rust extension (left loaded)."""
        name = label(spec)
        for rust in (False, True):
            suffix = "warm" if rust else "warm-no-rust"
            self.ingest(spec, "neo4j", f"{name}-neo4j-{suffix}", cache=cold, rust=rust)

    def evaluate(self) -> None:
        """`benchmarks.eval_experts` as before, its table captured for latest.md too."""
        self.log("expert-finding evaluation (benchmarks.eval_experts)")
        captured = io.StringIO()
        sys.argv = [eval_experts.__name__]
        with contextlib.redirect_stdout(captured):
            eval_experts.main()
        print(captured.getvalue())
        self.results["eval_experts"] = captured.getvalue()

    def write(self, folder: Path) -> Path:
        """Print the tables; write latest.md and the JSON in `folder`; the JSON's path."""
        self.results["seconds"] = time.perf_counter() - self.started
        self.results["machine"] = machine.describe(report.neo4j_version())
        text = report.render(self.results)
        print(text)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M")
        path = folder / f"bench-{stamp}.json"
        path.write_text(json.dumps(self.results, indent=2, ensure_ascii=False), "utf-8")
        (folder / "latest.md").write_text(text, "utf-8")
        return path


def main() -> None:
    """Parse the options, run the plan, write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny smoke run (hash model)")
    parser.add_argument("--stores", default=None, help="default: embedded, plus neo4j if set")
    parser.add_argument("--scales", default=None, help="synthetic items; default 10000,100000")
    parser.add_argument("--model", default=None, help="default: use-multilingual-v3")
    parser.add_argument("--messages", type=int, default=None, help="wisesight messages; 0: none")
    parser.add_argument("--seconds", type=float, default=None, help="load per endpoint")
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where results go")
    args = parser.parse_args()
    quick = args.quick
    args.stores = args.stores or ("embedded,neo4j" if os.environ.get("NEO4J_URI") else "embedded")
    args.scales = args.scales or ("300,1000" if quick else "10000,100000")
    args.model = args.model or ("hash" if quick else "use-multilingual-v3")
    args.messages = (200 if quick else 5000) if args.messages is None else args.messages
    args.seconds = args.seconds or (1.0 if quick else 15.0)
    bench = Bench(args)
    bench.run()
    if not quick:
        bench.evaluate()
    path = bench.write(args.results)
    bench.log(f"done; results in {path} and {path.with_name('latest.md')}")


if __name__ == "__main__":
    main()
