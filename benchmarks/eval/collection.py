"""What an expert-finding collection is to the harness: content to ingest and judged queries.

Every collection (a StackExchange dump split in time, a copgraph JSONL file with TREC qrels,
the synthetic community with planted experts) reduces to the same two lists, so each
ranking and each baseline runs on exactly the same content and is scored the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ingest.records import SourceRecord


@dataclass(frozen=True)
class Case:
    """One judged query.

    Attributes:
        query_id: unique within the collection (TREC qrels use it).
        text: the query as a user would type it.
        grades: person id -> graded relevance (1 relevant, 2 the best answer); ids are the
            store's person ids (`ingest.people.person_id`).
        kind: the case's family (e.g. a planted case such as "sole-expert-title"), for
            per-kind tables; empty for collections without families.
        now: the time the query is asked (recency decay counts from it); None: the
            collection's `now`.
        expect_nobody: a query nobody in the collection can answer (gibberish, off-topic):
            it passes when the ranking returns no one.
    """

    query_id: str
    text: str
    grades: dict[str, int]
    kind: str = ""
    now: datetime | None = None
    expect_nobody: bool = False


@dataclass
class Collection:
    """Content and judged queries, ready for the harness.

    Attributes:
        name: how tables and result files name it.
        records: what is ingested (only content the queries may see: a time-split
            collection leaves out what came after its cut).
        cases: the judged queries.
        taxonomy_file: the domains.yaml to ingest with (None: the sample's).
        now: when the queries are asked, unless a case says otherwise.
    """

    name: str
    records: list[SourceRecord]
    cases: list[Case]
    taxonomy_file: Path | None = None
    now: datetime | None = None
    notes: list[str] = field(default_factory=list)
