"""The bare model: `embed_documents` alone on exactly the texts the pipeline would embed.

The texts of a corpus are its passages and practice texts, built by the pipeline's own
normalizer, chunker and practice extractor (untimed), and the vocabulary words of its
passages (`ingest.vocabulary`), each distinct text once, as the pipeline's embedding cache
has them embedded. The model's time on them, with nothing
around it, is what `vs bare` divides by the pipeline's time.

The model runs on one BLAS thread (see `embeddings.use_multilingual`), as it does inside
the pipeline. Its bare run uses both cores anyway: `workers` processes each take every
`workers`-th record and embed their texts side by side. The pipeline is compared with one
thread's time on all the texts (`thread s`), which is the sum of the workers' CPU times:
a single-threaded worker's CPU time is what it needs of a core of its own, whatever else
runs (its wall time is not, when other work shares the cores). `wall s` is what the bare
run took. With `fill_cache`, each worker then stores its vectors in the embedding cache of
that folder (one writer at a time), so later runs over the same corpus skip the model.
"""

from __future__ import annotations

import fcntl
import time
from pathlib import Path
from typing import Any

from benchmarks import machine
from benchmarks.corpora import Corpus
from benchmarks.process import label, start
from benchmarks.tables import Column
from graph_service.config import Settings
from graph_service.services import Services
from graph_service.text.vocabulary import vocabulary_words
from ingest.assemble import BatchAssembler
from ingest.content import normalize_record
from ingest.embedding_cache import EmbeddingCache
from ingest.passages import passages
from ingest.people import PeopleDirectory
from ingest.practices import CuePracticeExtractor
from ingest.records import Reject

COLUMNS: list[Column] = [
    ("corpus", "corpus", ""),
    ("workers", "workers", "d"),
    ("passages", "distinct chunks", ",d"),
    ("practice texts", "distinct practices", ",d"),
    ("passages/s (1 thread)", "chunks/s", ",.0f"),
    ("texts/s (1 thread)", "texts/s", ",.0f"),
    ("texts/s (all workers)", "wall texts/s", ",.0f"),
    ("thread s", "thread s", ".1f"),
    ("wall s", "wall s", ".1f"),
    ("load avg", "load avg", ".1f"),
]
SUMMED = (
    *("items", "distinct chunks", "distinct practices", "prepare s"),
    *("thread s", "chunk thread s", "practice thread s"),
)
"""What the bare row adds up over the workers."""


def texts(source: Corpus, part: int, parts: int) -> tuple[int, list[str], list[str]]:
    """Items, distinct passage texts and distinct practice texts with the passages'
    vocabulary words, of every `parts`-th record from the `part`-th on."""
    assembler = BatchAssembler()
    extractor = CuePracticeExtractor()
    people = PeopleDirectory()
    items = 0
    for number, record in enumerate(source.records()):
        if number % parts != part or isinstance(record, Reject):
            continue
        normalized = normalize_record(record, people, {})
        if isinstance(normalized, Reject):
            continue
        for content in normalized.contents:
            items += 1
            assembler.add_passages(content, passages(content, normalized.document.title))
            assembler.add_content(normalized, content, [], extractor.extract(content))
    # Each distinct text once, as the pipeline's cache has it embedded (a corpus repeats a
    # few short texts, "thanks!" under the same title: always in the same thread, so in the
    # same share).
    chunks, practices = assembler.embed_texts(), assembler.practice_texts()
    words = sorted(set().union(*map(vocabulary_words, chunks)))
    return items, list(dict.fromkeys(chunks)), list(dict.fromkeys([*practices, *words]))


def bare_run(
    source: Corpus, cache_dir: Path, model: str, fill_cache: bool, part: int = 0, parts: int = 1
) -> dict[str, Any]:
    """One worker: the model alone on its share of the corpus (see the module docstring)."""
    prepared = time.perf_counter()
    items, chunk_texts, practice_texts = texts(source, part, parts)
    prepare_seconds = time.perf_counter() - prepared
    embedder = Services(Settings(embedding_model=model)).embedder
    embedder.embed_documents(chunk_texts[:64])  # warm up: the first call initialises the model
    rss_before, cpu_started = machine.peak_rss_mib(), machine.cpu_seconds()
    started = time.perf_counter()
    chunk_vectors = embedder.embed_documents(chunk_texts)
    cpu_chunks = machine.cpu_seconds()
    practice_vectors = embedder.embed_documents(practice_texts)
    seconds, cpu_done = time.perf_counter() - started, machine.cpu_seconds()
    if fill_cache:
        every = [*chunk_texts, *practice_texts]
        vectors = [*chunk_vectors, *practice_vectors]
        keys = (EmbeddingCache.key(embedder.name, text) for text in every)
        with (cache_dir / "fill.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one writer at a time: SQLite would time out
            cache = EmbeddingCache(cache_dir / "embedding-cache.sqlite")
            cache.put_many(dict(zip(keys, vectors, strict=True)))
            cache.close()
    return {
        "items": items,
        "distinct chunks": len(chunk_texts),
        "distinct practices": len(practice_texts),
        "prepare s": prepare_seconds,
        "seconds": seconds,
        "thread s": cpu_done - cpu_started,
        "chunk thread s": cpu_chunks - cpu_started,
        "practice thread s": cpu_done - cpu_chunks,
        "rss before MiB": rss_before,
    }


def bare(
    spec: str, work: Path, model: str, workers: int = 2, fill_cache: Path | None = None
) -> dict[str, Any]:
    """The model alone on the corpus in `workers` processes; with `fill_cache`, the vectors
    go into the embedding cache of that folder. One row for them all."""
    cache = fill_cache or work / "bare-cache"
    cache.mkdir(parents=True, exist_ok=True)
    arguments = ["--corpus", spec, "--store", "bare", "--cache-dir", str(cache)]
    arguments += ["--model", model, "--parts", str(workers)]
    arguments += ["--fill-cache"] if fill_cache else []
    started = time.perf_counter()
    running = [start([*arguments, "--part", str(part)]) for part in range(workers)]
    rows = [run.finish() for run in running]
    row: dict[str, Any] = {key: sum(r[key] for r in rows) for key in SUMMED}
    row |= {
        "corpus": label(spec) + (" (filling the cache)" if fill_cache else ""),
        "workers": workers,
        "wall s": max(r["seconds"] for r in rows),
        "process s": time.perf_counter() - started,
        "load avg": max(r["load avg"] for r in rows),
        "peak RSS MiB": max(r["peak RSS MiB"] for r in rows),
        "rss before MiB": max(r["rss before MiB"] for r in rows),
    }
    embedded = row["distinct chunks"] + row["distinct practices"]
    row["chunks/s"] = row["distinct chunks"] / row["chunk thread s"]
    row["texts/s"] = embedded / row["thread s"]
    row["wall texts/s"] = embedded / row["wall s"]
    return row
