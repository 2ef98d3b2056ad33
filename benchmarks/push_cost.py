"""What one pushed document costs on a full store: incremental derivation against the old
full recompute.

For each scale, ingests a synthetic corpus of that many items into an embedded store (kept
in `--work`, so a rerun reuses the store and its embedding cache), then pushes one new
question with its answers through `Pipeline.run`, as `POST /v1/documents` does, and deletes
it through `Pipeline.delete`; each `--repeat` times deriving incrementally (what the
pipeline does) and as many times with a full recompute (the derivation marker set first,
as after a crash: what every write cost before). Prints the medians as a table.

    python -m benchmarks.push_cost --scales 10000,100000 [--model hash] [--work DIR]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.corpora import Corpus, corpus, synthetic
from benchmarks.process import REPO
from benchmarks.tables import Column, markdown
from graph_service.config import Settings
from graph_service.services import Services
from ingest.pipeline import Pipeline
from ingest.records import RawContent, SourceRecord
from ingest.report import IngestReport

COLUMNS: list[Column] = [
    ("items", "items", ","),
    ("practices", "practices", ","),
    ("EXPERT_IN", "expert_in", ","),
    ("push s (incremental)", "push incremental", ".3f"),
    ("push s (full derive)", "push full", ".3f"),
    ("delete s (incremental)", "delete incremental", ".3f"),
    ("delete s (full derive)", "delete full", ".3f"),
    ("derive s (incremental)", "derive incremental", ".3f"),
    ("derive s (full)", "derive full", ".3f"),
]


def _template(source: Corpus) -> SourceRecord:
    """The corpus's first question that has answers: existing people, a realistic push."""
    for record in source.records():
        if isinstance(record, SourceRecord) and record.document.kind == "question":
            if record.posts:
                return record
    raise SystemExit("the corpus has no answered question")


def _pushed(template: SourceRecord, number: int) -> SourceRecord:
    """The template under new ids, so every push is new content."""
    prefix = f"push-{number}-"

    def renamed(content: RawContent) -> RawContent:
        reply_to = content.reply_to and prefix + content.reply_to
        return content.model_copy(update={"id": prefix + content.id, "reply_to": reply_to})

    return template.model_copy(
        update={"document": renamed(template.document), "posts": list(map(renamed, template.posts))}
    )


def _timed(pipeline: Pipeline, work: Callable[..., Any], *args: Any) -> tuple[float, float]:
    """Seconds `work(*args)` took, and of those the seconds spent deriving."""
    derive_before = pipeline.timer.seconds["derive"]
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started, pipeline.timer.seconds["derive"] - derive_before


def measure(items: int, work: Path, model: str, seed: int, repeat: int) -> dict[str, Any]:
    """Ingest `items` (unless stored from an earlier run) and time pushes and deletes."""
    source = corpus(synthetic(work, items, seed))
    data_dir = work / f"push-{items}-seed{seed}-{model}"
    settings = Settings(
        data_dir=data_dir,
        communities_file=source.communities,
        embedding_model=model,
        neo4j_uri=None,
    )
    with Services(settings) as services:
        pipeline = services.pipeline_for(source.taxonomy)
        pipeline.batch_size = 256
        store = services.store
        if store.derivation_state() is None or pipeline.derivation.is_set():
            print(f"ingesting {items} items into {data_dir} (once; reruns reuse it)")
            pipeline.run(source.records(), IngestReport())
        template = _template(source)
        seconds: dict[str, list[float]] = {}
        for number in range(1 + 2 * repeat):
            record = _pushed(template, number)
            mode = "warm-up" if number == 0 else ("incremental", "full")[number % 2]
            if mode == "full":
                pipeline.derivation.set()
            push, push_derive = _timed(pipeline, pipeline.run, [record], IngestReport())
            if mode == "full":
                pipeline.derivation.set()
            delete, delete_derive = _timed(pipeline, pipeline.delete, [record.document.id])
            for name, value in (
                ("push", push),
                ("delete", delete),
                ("derive", push_derive),
                ("derive", delete_derive),
            ):
                seconds.setdefault(f"{name} {mode}", []).append(value)
        stats = store.stats()
    return {
        "items": items,
        "practices": stats.nodes.get("Practice", 0),
        "expert_in": stats.relationships.get("EXPERT_IN", 0),
        **{key: statistics.median(values) for key, values in seconds.items()},
    }


def main() -> None:
    """Parse the options, measure each scale, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="10000", help="synthetic items, comma-separated")
    parser.add_argument("--model", default="use-multilingual-v3")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="pushes per mode (median)")
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    rows = [
        measure(int(items), args.work, args.model, args.seed, args.repeat)
        for items in args.scales.split(",")
    ]
    print(markdown(rows, COLUMNS))


if __name__ == "__main__":
    main()
