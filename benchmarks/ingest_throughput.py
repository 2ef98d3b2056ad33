"""Ingestion throughput, split by stage, on real data, for each available store.

Corpora: the StackExchange dump (English Q&A, HTML bodies) and 5,000 real Thai social-media
messages from wisesight-sentiment (messy: slang, emoji, mixed scripts). Each run starts from
an empty store and a cold embedding cache, so the embed stage is really computed. The bare
model throughput on the same passages is measured too: the pipeline's throughput as a share
of it says how much the pipeline costs on top of the physical limit, the model.

    python -m benchmarks.ingest_throughput [--stores embedded,neo4j] [--messages 5000]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from embeddings.factory import load_embedder
from graph_service.config import Settings
from graph_service.store import open_store
from ingest.chunking import passages
from ingest.factory import SAMPLE_DIR, build_pipeline
from ingest.normalize import normalize_record
from ingest.people import PeopleDirectory
from ingest.pipeline import STAGES
from ingest.records import RawContent, RawPerson, Reject, SourceRecord
from ingest.report import IngestReport
from ingest.sources.stackexchange import read_stackexchange

SHARED = Path(__file__).resolve().parents[2] / "shared"
RESULTS = Path(__file__).resolve().parent / "results"


def wisesight(limit: int) -> Iterator[SourceRecord]:
    """Real Thai messages as one-post documents (authors are synthetic: the data has none)."""
    lines = (SHARED / "data" / "wisesight-sentiment" / "neu.txt").read_text("utf-8").splitlines()
    for number, line in enumerate(islice((x for x in lines if x.strip()), limit)):
        author = RawPerson(source="wisesight", handle=f"user{number % 500}")
        yield SourceRecord(
            source="wisesight",
            position=f"line {number + 1}",
            document=RawContent(id=f"ws-{number}", kind="article", body=line, author=author),
        )


def bare_embed_rate(records: list[SourceRecord | Reject]) -> float:
    """Passages per second of the model alone on the passages the pipeline would embed."""
    texts = []
    for record in records:
        if isinstance(record, Reject):
            continue
        normalized = normalize_record(record, PeopleDirectory(), {})
        if isinstance(normalized, Reject):
            continue
        for content in normalized.contents:
            texts += [p.embed_text for p in passages(content, normalized.document.title)]
    embedder = load_embedder("use-multilingual-v3")
    embedder.embed_documents(texts[:64])  # warm up: the first call initialises the model
    started = time.perf_counter()
    embedder.embed_documents(texts)
    return len(texts) / (time.perf_counter() - started)


def run(store_kind: str, corpus: str, records: list[SourceRecord | Reject]) -> dict[str, float]:
    """Ingest `records` into an empty store of `store_kind`; the run's numbers."""
    folder = Path(tempfile.mkdtemp(prefix="copgraph-bench-"))
    settings = Settings(data_dir=folder)
    if store_kind == "embedded":
        settings = settings.model_copy(update={"neo4j_uri": None})
    store = open_store(settings)
    if hasattr(store, "clear"):
        store.clear()
    taxonomy = SAMPLE_DIR / (
        "domains-quantum.yaml" if corpus == "stackexchange" else "domains.yaml"
    )
    pipeline = build_pipeline(settings, store, load_embedder("use-multilingual-v3"), taxonomy)
    pipeline.batch_size = 256
    pipeline.assigner  # noqa: B018  # calibrate before timing: it is start-up, not throughput
    started = time.perf_counter()
    report = pipeline.run(records, IngestReport())
    seconds = time.perf_counter() - started
    chunks = store.stats().nodes["Chunk"]
    store.close()
    pipeline.cache.close()
    items = report.total("ingested")
    row = {"items": items, "chunks": chunks, "seconds": seconds}
    row |= {"items/s": items / seconds, "chunks/s": chunks / seconds}
    row |= {f"{stage} s": pipeline.timer.seconds[stage] for stage in STAGES}
    return row


def main() -> None:
    """Run every corpus on every store; print a table and write results JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_stores = "embedded,neo4j" if os.environ.get("NEO4J_URI") else "embedded"
    parser.add_argument("--stores", default=default_stores)
    parser.add_argument("--messages", type=int, default=5000)
    args = parser.parse_args()
    corpora: dict[str, list[SourceRecord | Reject]] = {
        "stackexchange": list(
            read_stackexchange(SHARED / "data" / "stackexchange-quantumcomputing")
        ),
        "wisesight-th": list(wisesight(args.messages)),
    }
    results = {}
    for corpus, records in corpora.items():
        bare = bare_embed_rate(records)
        for store_kind in args.stores.split(","):
            row = run(store_kind, corpus, records)
            row["share of bare model"] = row["chunks/s"] / bare
            row["bare model chunks/s"] = bare
            results[f"{corpus}/{store_kind}"] = row
    columns = ["items", "chunks", "items/s", "chunks/s", "share of bare model"]
    columns += [f"{stage} s" for stage in STAGES]
    print(f"{'corpus/store':<26}" + "".join(f"{c:>20}" for c in columns))
    for name, row in results.items():
        print(f"{name:<26}" + "".join(f"{row[c]:>20.2f}" for c in columns))
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "ingest_throughput.json").write_text(json.dumps(results, indent=2), "utf-8")


if __name__ == "__main__":
    main()
