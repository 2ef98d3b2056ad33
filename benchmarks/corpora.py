"""The corpora benchmarks ingest, named by a short spec that a child process can be given.

- `synthetic:PATH`: a corpus written by `benchmarks.synthetic` (JSONL, read with the real
  JSONL reader, so parsing is part of the measured read stage), with its communities file.
- `wisesight:N`: the first N real Thai social-media messages of wisesight-sentiment (slang,
  emoji, mixed scripts), each a one-post document by one of 500 synthetic authors (the
  data has none).
- `stackexchange`: the real quantumcomputing StackExchange dump (English, HTML, long).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from benchmarks.synthetic import communities_file, write_corpus
from ingest import SAMPLE_DIR
from ingest.records import RawContent, RawPerson, Reject, SourceRecord
from ingest.sources.jsonl import read_jsonl
from ingest.sources.stackexchange import read_stackexchange

SHARED = Path(__file__).resolve().parents[2] / "shared"
WISESIGHT = SHARED / "data" / "wisesight-sentiment" / "neu.txt"
STACKEXCHANGE = SHARED / "data" / "stackexchange-quantumcomputing"


@dataclass(frozen=True)
class Corpus:
    """A corpus to ingest: how to read it, and the taxonomy and communities it goes with."""

    spec: str
    taxonomy: Path
    communities: Path | None

    def records(self) -> Iterator[SourceRecord | Reject]:
        """The records, read lazily (reading is part of what is measured)."""
        kind, _, argument = self.spec.partition(":")
        if kind == "synthetic":
            return read_jsonl(Path(argument))
        if kind == "wisesight":
            return wisesight(int(argument))
        return read_stackexchange(STACKEXCHANGE)


def corpus(spec: str) -> Corpus:
    """The corpus `spec` names.

    Raises:
        ValueError: an unknown kind of corpus.
    """
    kind, _, argument = spec.partition(":")
    if kind == "synthetic":
        return Corpus(spec, SAMPLE_DIR / "domains.yaml", communities_file(Path(argument)))
    if kind == "wisesight":
        return Corpus(spec, SAMPLE_DIR / "domains.yaml", None)
    if kind == "stackexchange":
        return Corpus(spec, SAMPLE_DIR / "domains-quantum.yaml", None)
    raise ValueError(f"unknown corpus {spec!r}: synthetic:PATH, wisesight:N or stackexchange")


def synthetic_path(folder: Path, items: int, seed: int) -> Path:
    """Where `synthetic` keeps the corpus of `items` and `seed`."""
    return folder / f"synthetic-{items}-seed{seed}.jsonl"


def synthetic(folder: Path, items: int, seed: int) -> str:
    """The spec of a synthetic corpus of `items`, written into `folder` unless it is there."""
    path = synthetic_path(folder, items, seed)
    if not path.exists() or not communities_file(path).exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        write_corpus(partial, items, seed)
        communities_file(partial).replace(communities_file(path))
        partial.replace(path)
    return f"synthetic:{path}"


def wisesight(limit: int) -> Iterator[SourceRecord]:
    """Real Thai messages as one-post documents (authors are synthetic: the data has none)."""
    lines = WISESIGHT.read_text("utf-8").splitlines()
    for number, line in enumerate(islice((x for x in lines if x.strip()), limit)):
        author = RawPerson(source="wisesight", handle=f"user{number % 500}")
        yield SourceRecord(
            source="wisesight",
            position=f"line {number + 1}",
            document=RawContent(id=f"ws-{number}", kind="article", body=line, author=author),
        )
