"""Conversions between copgraph's models and Neo4j properties and records, both ways.

Nodes keep the fields of their model as properties, foreign keys included (`author_ids`,
`community_id`, `reply_to`, `parent_id`, `source_id`, `broader`), next to the
relationships built from them, so a model reads back exactly whatever order batches
arrived in. Times go to Neo4j as UTC datetimes: naive ones are taken as UTC, and aware ones
are converted because the driver mishandles `zoneinfo` zones (it calls
`ZoneInfo.utcoffset` with its own DateTime type, which now and then crashes the
interpreter). Embeddings are stored L2-normalised in float32 precision, as the embedded
store keeps them. A practice also stores `index_text`, the words its full-text index holds,
which reads leave out.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
from neo4j import Record
from neo4j.time import DateTime

from graph_service.errors import InvalidInput
from graph_service.models import Chunk, Domain, Expertise, Practice
from graph_service.store.base import (
    Author,
    Authorship,
    ContentSummary,
    Contribution,
    Evidence,
    GraphStats,
    SearchLogEntry,
    SearchScope,
)
from graph_service.store.neo4j.statements import CONTRIBUTION_FIELDS
from graph_service.store.words import index_text

Props = dict[str, Any]

INDEX_TEXT = "index_text"
"""The Practice property the full-text index reads; not a field of the model."""


def to_neo4j_time(moment: datetime | None) -> datetime | None:
    """The UTC form Neo4j stores and compares; a naive time is taken as UTC.

    Raises:
        InvalidInput: The time has no UTC form within years 1-9999 (year 1 at +14:00).
    """
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError as error:
        raise InvalidInput(f"time {moment.isoformat()} is out of range in UTC") from error


def dated(props: Props, key: str) -> Props:
    """`props` with the time under `key` in the form Neo4j stores."""
    return {**props, key: to_neo4j_time(props[key])}


def scope_parameters(scope: SearchScope) -> dict[str, Any]:
    """The scope as the `$communities`, `$private_allowed`, `$language`, `$since` of a search.

    `None` switches a filter off, as in `SearchScope`.
    """
    return {
        "communities": None if scope.communities is None else sorted(scope.communities),
        "private_allowed": (
            None if scope.private_allowed is None else sorted(scope.private_allowed)
        ),
        "language": scope.language,
        "since": to_neo4j_time(scope.since),
    }


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def from_micros(props: Props, *keys: str) -> Props:
    """`props` with the times under `keys`, read as microseconds since the epoch, as UTC
    datetimes.

    Reads that return a time per row of a whole graph (contributions, thread summaries)
    return it as an integer: the driver builds each Neo4j DateTime in pure Python, about
    0.1 ms apiece, four times the rest of such a row (measured by `make bench`).
    """
    converted = {
        key: None if props[key] is None else EPOCH + timedelta(microseconds=props[key])
        for key in keys
    }
    return {**props, **converted}


def from_neo4j(props: Props) -> Props:
    """Properties or record values with Neo4j datetimes turned back into UTC `datetime`s."""
    return {
        key: value.to_native().astimezone(UTC) if isinstance(value, DateTime) else value
        for key, value in props.items()
    }


def unit_vector(item_id: str, values: Sequence[float], dimension: int | None) -> list[float]:
    """An embedding as stored and queried: L2-normalised, float32 values.

    Raises:
        InvalidInput: its length is not the graph's vector dimension (Neo4j would silently
            leave it out of the vector index).
    """
    vector = np.asarray(values, dtype=np.float32)
    if dimension is not None and vector.shape != (dimension,):
        raise InvalidInput(
            f"embedding of {item_id!r} has {vector.size} dimensions, the store {dimension}"
        )
    norm = float(np.linalg.norm(vector))
    result: list[float] = (vector / norm if norm > 0 else vector).tolist()
    return result


def chunk_props(chunk: Chunk, dimension: int | None) -> Props:
    """A Chunk's properties, embedding normalised."""
    return {**chunk.model_dump(), "embedding": unit_vector(chunk.id, chunk.embedding, dimension)}


def practice_props(practice: Practice, dimension: int | None) -> Props:
    """A Practice's properties, embedding normalised, with the `index_text` it is found by."""
    embedding = unit_vector(practice.id, practice.embedding, dimension)
    return {**practice.model_dump(), "embedding": embedding, INDEX_TEXT: index_text(practice)}


def practice_from(props: Props) -> Practice:
    """The Practice of stored properties, `search_text` as written (absent before it was)."""
    return Practice.model_validate({k: v for k, v in props.items() if k != INDEX_TEXT})


def log_props(entry: SearchLogEntry) -> Props:
    """A SearchLog node's properties; a missing `top_score` is simply not stored."""
    return dated(entry.model_dump(), "at")


def log_entry_from(row: list[Any]) -> SearchLogEntry:
    """The SearchLogEntry of a `SEARCH_LOG` row, its time back in UTC."""
    endpoint, query, micros, result_count, top_score = row
    return SearchLogEntry(
        endpoint=endpoint,
        query=query,
        at=EPOCH + timedelta(microseconds=micros),
        result_count=result_count,
        top_score=top_score,
    )


def domain_props(domain: Domain) -> Props:
    """A Domain's properties: labels as JSON (a map property cannot be stored), Thai readable."""
    labels = json.dumps(domain.labels, ensure_ascii=False)
    return {**domain.model_dump(), "labels": labels}


def domain_from(props: Props) -> Domain:
    """The Domain of stored properties."""
    return Domain.model_validate({**props, "labels": json.loads(props["labels"])})


def content_summary_from(record: Record) -> ContentSummary:
    """The ContentSummary of a record with `content`, `thread_title` and `thread_url`.

    A post's title, and its url when it has none, are its thread's.
    """
    content = from_neo4j(record["content"])
    return ContentSummary(
        content_id=content["id"],
        content_kind=content["kind"],
        document_id=content.get("document_id") or content["id"],
        title=record["thread_title"] or "",
        url=content.get("url") or record["thread_url"],
        created_at=content.get("created_at"),
        community_id=content.get("community_id"),
        language=content["language"],
        score=content["score"],
        accepted=content.get("accepted", False),
    )


def evidence_from(row: list[Any]) -> Evidence:
    """The Evidence of an `EVIDENCE` row: authors in the content's order with their roles
    (`author` for content written before roles were stored), unknown ones left out.

    A post's title, and its url when it has none, are its thread's.
    """
    (
        chunk_id, snippet, content_id, kind, document_id, title, url, thread_url, micros,
        community_id, language, score, accepted, author_ids, author_roles, authors,
    ) = row  # fmt: skip
    roles = dict(zip(author_ids, author_roles, strict=False))
    found = {
        id_: Author(id=id_, name=name, opted_out=out, role=roles.get(id_, "author"))
        for id_, name, out in authors
    }
    return Evidence(
        content_id=content_id,
        content_kind=kind,
        document_id=document_id,
        title=title or "",
        url=url or thread_url,
        created_at=None if micros is None else EPOCH + timedelta(microseconds=micros),
        community_id=community_id,
        language=language,
        score=score,
        accepted=accepted,
        chunk_id=chunk_id,
        snippet=snippet,
        authors=[found[id_] for id_ in author_ids if id_ in found],
    )


def expertise_from(rows: list[list[Any]]) -> list[Expertise]:
    """The Expertise of each `[person, domain, score, evidence count, last activity in epoch
    microseconds, method, private community]` row of an `EXPERTISE_*` read, in order."""
    return [
        Expertise(
            person_id=person_id,
            domain_id=domain_id,
            score=score,
            evidence_count=count,
            last_activity=None if micros is None else EPOCH + timedelta(microseconds=micros),
            method=method,
            private_community=private_community,
        )
        for person_id, domain_id, score, count, micros, method, private_community in rows
    ]


def contribution_from(record: Record) -> Contribution:
    """The Contribution of a `CONTRIBUTIONS` record."""
    return Contribution.model_validate(from_micros(dict(record), "created_at"))


def contributions_from(rows: list[list[Any]]) -> list[Contribution]:
    """The Contributions of `CONTRIBUTIONS_OF`'s lists."""
    return [
        Contribution.model_validate(
            from_micros(dict(zip(CONTRIBUTION_FIELDS, row, strict=True)), "created_at")
        )
        for row in rows
    ]


def authorship_from(record: Record) -> Authorship:
    """The Authorship of an `AUTHORSHIPS` record."""
    return Authorship.model_validate(from_micros(dict(record), "created_at"))


def stats_from(records: list[Record]) -> GraphStats:
    """GraphStats of `STATS` records: every label and type, zeros included."""
    counts: dict[str, dict[str, int]] = {"node": {}, "relationship": {}}
    for record in records:
        counts[record["kind"]][record["name"]] = record["n"]
    return GraphStats(nodes=counts["node"], relationships=counts["relationship"])
