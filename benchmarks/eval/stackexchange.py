"""StackExchange dumps as collections: held-out questions, answered by their real answerers.

Protocol (no leakage): the newest 20% of the questions that have an accepted answer are held
out. Only content created before the first held-out question is ingested: later questions,
answers and comments never reach the store. Each held-out question (title + body) is a
query; the relevant people are its real answerers: the accepted answerer (grade 2) and other
answerers with a positive score (grade 1). A person who never posted before the split can't
be found by any method and still counts against every run.

Folds 1 to 3 hold out the earlier fifths of the questions instead (each with only what came
before it ingested): tune the ranking there, report fold 0.

`quantum` is the quantumcomputing dump of 2018 in ../shared/data (612 questions, 389 with an
accepted answer: 77 or 78 cases a fold) with its own taxonomy; `stackexchange` is any dump
folder, of which only `Posts.xml` is needed (`Users.xml` adds display names, `Comments.xml`
the comments; the reader takes what is there).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from benchmarks.eval.collection import Case, Collection
from ingest import SAMPLE_DIR
from ingest.content import plain_text
from ingest.people import person_id
from ingest.records import RawContent, SourceRecord
from ingest.sources.stackexchange import read_stackexchange

QUANTUM_DUMP = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "stackexchange-quantumcomputing"
)
HELD_OUT_SHARE = 0.2
FOLDS = range(4)


def quantum_collection(fold: int = 0) -> Collection:
    """The quantumcomputing dump split at `fold` (0: the test set; 1-3: tuning)."""
    collection = dump_collection(QUANTUM_DUMP, fold)
    collection.name = f"quantum-fold{fold}"
    collection.taxonomy_file = SAMPLE_DIR / "domains-quantum.yaml"
    return collection


def dump_collection(path: Path, fold: int = 0) -> Collection:
    """Any StackExchange dump folder split at `fold` (see the module docstring)."""
    records = [r for r in read_stackexchange(path) if isinstance(r, SourceRecord)]
    training, cases, cutoff = split(records, fold)
    return Collection(
        name=f"{path.name.removeprefix('stackexchange-')}-fold{fold}",
        records=training,
        cases=cases,
        now=cutoff,
        notes=[f"split at {cutoff:%Y-%m-%d}: {len(training)} threads before it"],
    )


def split(
    records: list[SourceRecord], fold: int = 0
) -> tuple[list[SourceRecord], list[Case], datetime]:
    """Training records (truncated at the split date), the held-out cases, the split date.

    Fold 0 holds out the newest `HELD_OUT_SHARE` of the answered questions: the test set.
    Fold n holds out the n-th share before those and ingests only what came before it, so
    ranking changes can be tuned there without ever looking at the test questions.

    Raises:
        ValueError: the dump has too few answered questions for this fold.
    """
    if fold not in FOLDS:
        raise ValueError(f"fold {fold} is not one of {list(FOLDS)}")
    answered = sorted(
        (r for r in records if any(p.accepted and p.author for p in r.posts)),
        key=lambda r: _when(r.document),
    )
    start = int(len(answered) * (1 - HELD_OUT_SHARE * (fold + 1)))
    end = int(len(answered) * (1 - HELD_OUT_SHARE * fold))
    held_out = answered[start:end]
    if not held_out or start == 0:
        raise ValueError(f"{len(answered)} answered questions are too few for fold {fold}")
    cutoff = _when(held_out[0].document)
    cases = [_case(record) for record in held_out]
    training = [
        r.model_copy(update={"posts": [p for p in r.posts if _when(p) < cutoff]})
        for r in records
        if _when(r.document) < cutoff
    ]
    return training, cases, cutoff


def _case(record: SourceRecord) -> Case:
    """A held-out question: its accepted answerer grade 2, other upvoted answerers grade 1."""
    grades: dict[str, int] = {}
    for post in record.posts:
        if post.kind != "answer" or post.author is None:
            continue
        who = person_id(post.author)
        if post.accepted:
            grades[who] = 2
        elif post.score > 0:
            grades.setdefault(who, 1)
    text = f"{record.document.title}\n{plain_text(record.document)}"
    return Case(query_id=record.document.id, text=text, grades=grades)


def _when(content: RawContent) -> datetime:
    assert content.created_at is not None
    return content.created_at
