"""A copgraph JSONL file with TREC-style judgements as a collection.

Three files:

- the content: a copgraph JSONL file (`ingest.sources.jsonl`), ingested whole;
- the judgements: TREC qrels, one `query_id 0 person grade` a line (whitespace-separated;
  the second column is ignored, as trec_eval does; grade 0 or less: judged not relevant).
  `person` is the author id as the JSONL file writes it (`alice`) or the store's person id
  (`jsonl:alice`);
- the queries: one a line, either `query_id<TAB>text` (the TREC/MS MARCO topics TSV), or a
  JSON object `{"query_id": ..., "text": ..., "kind": ..., "expect_nobody": ...}` (kind and
  expect_nobody optional), which is how per-kind tables and queries nobody can answer are
  written. Queries without judgements and without `expect_nobody` cannot be scored: they
  are dropped, and the collection's notes say how many.

The queries are asked at the time of the newest content (so recency decay does not depend
on the day the evaluation runs).
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.eval.collection import Case, Collection
from ingest.people import person_id
from ingest.records import RawPerson, SourceRecord
from ingest.sources.jsonl import read_jsonl

_PEOPLE = "jsonl"
"""The person namespace of every JSONL file (see `ingest.sources.jsonl`)."""


def jsonl_collection(content: Path, qrels: Path, queries: Path) -> Collection:
    """The collection of a JSONL file judged by `qrels` over the queries of `queries`.

    Raises:
        ValueError: a malformed qrels or queries line (the message names file and line).
    """
    records = [r for r in read_jsonl(content) if isinstance(r, SourceRecord)]
    authors = {
        person_id(authorship.person)
        for record in records
        for raw in [record.document, *record.posts]
        for authorship in raw.authors
    }
    judgements = read_qrels(qrels)
    cases, notes = [], []
    dropped = 0
    for case in read_queries(queries):
        grades = {_person(who, authors): g for who, g in judgements.pop(case.query_id, {}).items()}
        if not any(g > 0 for g in grades.values()) and not case.expect_nobody:
            dropped += 1
            continue
        cases.append(Case(case.query_id, case.text, grades, case.kind, None, case.expect_nobody))
    if dropped:
        notes.append(f"{dropped} queries without a relevant person dropped")
    if judgements:
        notes.append(f"{len(judgements)} judged query ids are not in {queries.name}")
    moments = [
        raw.created_at
        for record in records
        for raw in [record.document, *record.posts]
        if raw.created_at
    ]
    return Collection(
        name=content.stem,
        records=records,
        cases=cases,
        now=max(moments, default=None),
        notes=notes,
    )


def read_qrels(path: Path) -> dict[str, dict[str, int]]:
    """TREC qrels: query id -> person -> grade (the last line wins for a repeated pair)."""
    judged: dict[str, dict[str, int]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 4 or not _is_int(parts[3]):
            raise ValueError(f"{path}:{number}: expected 'query_id 0 person grade', got {line!r}")
        judged.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return judged


def read_queries(path: Path) -> list[Case]:
    """The queries, as cases without grades (see the module docstring for the two forms)."""
    cases: list[Case] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        if line.lstrip().startswith("{"):
            try:
                item = json.loads(line)
                case = Case(
                    query_id=str(item["query_id"]),
                    text=str(item["text"]),
                    grades={},
                    kind=str(item.get("kind", "")),
                    expect_nobody=bool(item.get("expect_nobody", False)),
                )
            except (json.JSONDecodeError, KeyError, TypeError) as error:
                raise ValueError(f"{where}: not a query object: {error}") from error
        else:
            query_id, tab, text = line.partition("\t")
            if not tab or not query_id.strip() or not text.strip():
                raise ValueError(f"{where}: expected 'query_id<TAB>text', got {line!r}")
            case = Case(query_id=query_id.strip(), text=text.strip(), grades={})
        if case.query_id in seen:
            raise ValueError(f"{where}: query id {case.query_id!r} is repeated")
        seen.add(case.query_id)
        cases.append(case)
    return cases


def _person(who: str, authors: set[str]) -> str:
    """The store id of a qrels person: a JSONL author id, or already a store id."""
    mapped = person_id(RawPerson(source=_PEOPLE, handle=who))
    if mapped in authors or not (who in authors or who.startswith(f"{_PEOPLE}:")):
        return mapped
    return who


def _is_int(text: str) -> bool:
    try:
        int(text)
    except ValueError:
        return False
    return True
