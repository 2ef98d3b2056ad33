"""The plan of `make bench`: what runs, in which order, on which store; each step timed.

1. `wisesight` (5,000 real Thai messages): the bare model, then each store, cold.
2. For each scale of the synthetic corpus (10k, then 100k items; written once, seeded, and
   kept in `work/corpora`):
   - `ingest`: the bare model in two workers side by side, one core each
     (`benchmarks.bare`), filling the corpus's embedding cache in `work/cache`; a later
     run finds the cache full and reuses the bare row of the run that filled it. Then
     each store from an empty store, reading the cache (`embed: cached`: what every
     other stage costs; the cold run is estimated), except at the first scale (if small,
     see `SMALL`): there the bare run is measured afresh anyway and the embedded store
     runs from a cold cache, the measured share of the bare model;
   - `rust` (first scale, Neo4j): the same cached load without the driver's Rust
     extension, just before the one with it;
   - `queries` and `recall` on each store as its ingest left it loaded: query latency over
     HTTP, then vector search against exact numpy (no reload in between);
   - `live` last (its pushes stay in the store): one API process while content streams in
     (`benchmarks.live`: steady latency, one push, the first query after it, a stream of
     one push a second for `--live-seconds`, the hand-written peer query).
3. `eval`: the expert-finding evaluation on the real StackExchange dump.

`--only` runs some of these phases. Queries and recall without `ingest` measure the stores
an earlier run loaded: the embedded store's folder in `work`, and Neo4j if it still holds
that scale (`work/neo4j-loaded.json` says what the last ingest left in which server).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import corpora, live, machine, query_latency, vector_recall
from benchmarks.bare import bare
from benchmarks.ingest_throughput import compare_to_bare, ingest
from benchmarks.process import label

PHASES = ("wisesight", "ingest", "rust", "queries", "recall", "live", "eval")
SYNTHETIC = {"ingest", "rust", "queries", "recall", "live"}
MEASURED = {"queries", "recall", "live"}
"""The phases that measure a store an ingest loaded."""
"""The phases that run on the synthetic corpus."""
DEFAULT_PHASES = PHASES[:-1]
"""The evaluation is its own command with its own table in the README; `make bench` runs it
with `--only` naming it (2-3 minutes on 2 cores)."""
BARE_WORKERS = 2
SMALL = 20_000
"""Items up to which a first scale gets the runs that cost a minute or two there and ten
times that at 100k: a fresh bare run, a cold ingest, the Rust extension comparison."""


class Bench:
    """One `make bench`: its settings, its results so far, and a progress log on stderr."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.only = set(args.only)
        self.work: Path = args.work
        self.started = time.perf_counter()
        self.load = machine.LoadSampler()
        self.results: dict[str, Any] = {
            "started": datetime.now(UTC).isoformat(timespec="seconds"),
            "mode": "quick" if args.quick else "full",
            "phases run": [p for p in PHASES if p in self.only],
            "model": args.model,
            "clients": args.clients,
            "seconds per endpoint": args.seconds,
            "corpora": {},
            "embedding cache": {},
            "timeline": [],
            "ingest": [],
            "bare": [],
            "queries": [],
            "recall": [],
            "live": [],
        }

    def log(self, message: str) -> None:
        """Say what runs now, with the time since the start."""
        minutes, seconds = divmod(int(time.perf_counter() - self.started), 60)
        print(f"[bench {minutes:02d}:{seconds:02d}] {message}", file=sys.stderr, flush=True)

    @contextlib.contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Time one step of the plan into the results' timeline."""
        self.log(name)
        started, load = time.perf_counter(), machine.load_average()
        cpu = machine.run_cpu_seconds()
        yield
        row = {"step": name, "seconds": time.perf_counter() - started}
        row["cpu s"] = machine.run_cpu_seconds() - cpu
        row["load avg"] = max(load, machine.load_average())
        self.results["timeline"].append(row)

    def run(self) -> None:
        """The whole plan (see the module docstring)."""
        if "wisesight" in self.only and self.args.messages:
            self.wisesight()
        scales = [int(s) for s in self.args.scales.split(",") if s]
        for number, items in enumerate(scales if self.only & SYNTHETIC else []):
            self.scale(items, first=number == 0 and items <= SMALL)
        if "eval" in self.only:
            self.evaluate()

    def wisesight(self) -> None:
        """Real Thai messages: the bare model, then each store from a cold cache."""
        spec = f"wisesight:{self.args.messages}"
        reference = self.bare(spec)
        for store in self.args.stores:
            compare_to_bare(self.ingest(spec, store, f"wisesight-{store}"), reference)

    def scale(self, items: int, first: bool) -> None:
        """Bare model, ingest, queries and recall at one scale of the synthetic corpus;
        `first`: the small scale that gets the cold run and the comparisons."""
        spec = self.corpus(items)
        name = label(spec)
        cache, reference = self.fixture(spec, fresh=first) if "ingest" in self.only else (None, {})
        for store in self.args.stores:
            folder = self.work / f"{name}-{store}"
            if "ingest" in self.only:
                if store == "neo4j" and first and "rust" in self.only:
                    no_rust = self.ingest(spec, store, f"{name}-neo4j-no-rust", cache, rust=False)
                    compare_to_bare(no_rust, reference)
                cold = first and store == "embedded"
                compare_to_bare(
                    self.ingest(spec, store, folder.name, None if cold else cache), reference
                )
            if self.loaded(store, name, folder):
                self.measure(name, store, folder)
                if "live" in self.only:
                    self.live(spec, name, store, folder)

    def corpus(self, items: int) -> str:
        """The spec of the synthetic corpus of `items`, written unless a run wrote it."""
        folder = self.work / "corpora"
        kept = corpora.synthetic_path(folder, items, self.args.seed).exists()
        with self.step(f"corpus of {items:,} items ({'kept' if kept else 'written'})"):
            spec = corpora.synthetic(folder, items, self.args.seed)
        self.results["corpora"][label(spec)] = "kept from an earlier run" if kept else "written"
        return spec

    def fixture(self, spec: str, fresh: bool) -> tuple[Path, dict[str, Any]]:
        """The corpus's embedding cache, filled by a bare run unless full, and the bare row.

        A full cache comes with the bare row of the run that filled it; with `fresh`, the
        bare model is measured again all the same (without filling anything).
        """
        folder = self.work / "cache" / f"{Path(spec.partition(':')[2]).stem}-{self.args.model}"
        saved = folder / "bare.json"
        if saved.exists():
            self.results["embedding cache"][label(spec)] = "warm"
            if fresh:
                return folder, self.bare(spec)
            row: dict[str, Any] = json.loads(saved.read_text("utf-8"))
            row["corpus"] = f"{label(spec)} (when the cache was filled, {row['measured']})"
            self.results["bare"].append(row)
            return folder, row
        self.results["embedding cache"][label(spec)] = "cold: filled by this run"
        shutil.rmtree(folder, ignore_errors=True)  # what a run that died while filling left
        row = self.bare(spec, fill=folder)
        saved.write_text(json.dumps(row, indent=2), "utf-8")
        return folder, row

    def bare(self, spec: str, fill: Path | None = None) -> dict[str, Any]:
        """The bare model on a corpus (see `benchmarks.bare`), kept in the results."""
        what = f"bare model on {label(spec)}, {BARE_WORKERS} workers"
        with self.step(what + (", filling the cache" if fill else "")):
            row = bare(spec, self.work, self.args.model, BARE_WORKERS, fill)
        row["measured"] = datetime.now(UTC).isoformat(timespec="minutes")
        self.results["bare"].append(row)
        return row

    def ingest(
        self, spec: str, store: str, name: str, cache: Path | None = None, rust: bool = True
    ) -> dict[str, Any]:
        """One ingestion run into an empty `store` (its folder: `work/name`), kept."""
        variant = store + ("" if rust else " without the Rust extension")
        with self.step(f"ingest {label(spec)} into {variant}, {'cached' if cache else 'cold'}"):
            row = ingest(spec, store, self.work / name, self.args.model, cache=cache, rust=rust)
        self.results["ingest"].append(row)
        if store == "neo4j":
            loaded = {"uri": os.environ.get("NEO4J_URI"), "corpus": label(spec), "folder": name}
            (self.work / "neo4j-loaded.json").write_text(json.dumps(loaded), "utf-8")
        return row

    def loaded(self, store: str, name: str, folder: Path) -> bool:
        """Whether `store` holds corpus `name` as an ingest into `folder` left it."""
        if not self.only & MEASURED or not (folder / "chunks.npz").exists():
            return False
        if store == "embedded":
            return True
        marker = self.work / "neo4j-loaded.json"
        found = json.loads(marker.read_text("utf-8")) if marker.exists() else {}
        wanted = {"uri": os.environ.get("NEO4J_URI"), "corpus": name, "folder": folder.name}
        if found != wanted:
            self.log(
                f"skipping queries on neo4j at {name}: the server holds {found or 'nothing known'}"
            )
        return found == wanted

    def measure(self, name: str, store: str, folder: Path) -> None:
        """Query latency over HTTP, then vector recall, on a loaded store."""
        data_dir = folder / "store" if store == "embedded" else None
        base = {"scale": name, "store": store}
        if "queries" in self.only:
            with self.step(f"queries on {store} at {name}"):
                found = query_latency.measure(
                    store, data_dir, self.args.model, self.args.clients, self.args.seconds
                )
            for endpoint, numbers in found.items():
                self.results["queries"].append(base | {"endpoint": endpoint} | numbers)
        if "recall" in self.only:
            with self.step(f"vector recall on {store} at {name}"):
                recall = vector_recall.measure(
                    store, data_dir, folder / "chunks.npz", self.args.model
                )
            self.results["recall"].append(base | recall)

    def live(self, spec: str, name: str, store: str, folder: Path) -> None:
        """`benchmarks.live` on a loaded store; its pushes stay there (a later `ingest`
        starts from an empty store again)."""
        options = argparse.Namespace(
            store=store,
            data_dir=folder / "store" if store == "embedded" else None,
            cache_dir=folder,
            corpus=Path(spec.partition(":")[2]),
            model=self.args.model,
            seconds=self.args.live_seconds,
            queries=self.args.live_queries,
            warm_up=self.args.live_warm_up,
        )
        with self.step(f"live on {store} at {name}"):
            row = live.measure(options)
        self.results["live"].append({"scale": name} | row)

    def evaluate(self) -> None:
        """`benchmarks.eval_experts` on the embedded store in `work/eval`, table captured.

        Imported here: the baselines bring scikit-learn and SciPy, which would otherwise sit
        in every step's memory (the quick bench reads its peak RSS).
        """
        from benchmarks.eval import report as eval_report
        from benchmarks.eval.runner import run_collection
        from benchmarks.eval.stackexchange import quantum_collection

        folder = self.work / "eval"
        shutil.rmtree(folder, ignore_errors=True)
        captured = io.StringIO()
        with self.step("expert-finding evaluation (benchmarks.eval_experts)"):
            with contextlib.redirect_stdout(captured):
                outcome = run_collection(quantum_collection(0), "embedded", folder)
                table = eval_report.table(outcome)
                eval_report.print_table(table)
        print(captured.getvalue())
        self.results["eval_experts"] = captured.getvalue()
        self.results["eval_experts table"] = table

    def finish(self) -> dict[str, Any]:
        """The results, with the run's duration and CPU time, and how busy the machine was."""
        self.results["seconds"] = time.perf_counter() - self.started
        self.results["cpu s"] = sum(row["cpu s"] for row in self.results["timeline"])
        self.results["load"] = self.load.stop()
        return self.results
