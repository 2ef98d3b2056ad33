"""The read paths of the embedded store: SQL rows assembled into models and read models.

Each function runs inside the caller's read transaction, so a model put together from
several statements (a document and its authors, a practice and its domains) is one
snapshot. Lists of related ids come back in the order they were written.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from graph_service.models import Chunk, Community, Document, Domain, Person, Post, Practice
from graph_service.store.base import (
    Author,
    ContentSummary,
    Contribution,
    DomainDemand,
    Evidence,
    GraphStats,
    Interaction,
    SearchLogEntry,
    SearchScope,
    ThreadSummary,
)
from graph_service.store.embedded import convert, sql_read


def _grouped(pairs: Iterable[Sequence[Any]]) -> dict[str, list[Any]]:
    """`(key, value...)` rows as lists of values per key, in row order."""
    groups: dict[str, list[Any]] = defaultdict(list)
    for key, *values in pairs:
        groups[key].append(values[0] if len(values) == 1 else values)
    return groups


def person(connection: sqlite3.Connection, person_id: str) -> Person | None:
    """The stored person, or None."""
    row = connection.execute(sql_read.SELECT_PERSON, (person_id,)).fetchone()
    if row is None:
        return None
    id_, name, source, opted_out = row
    return Person(id=id_, name=name, source=source, opted_out=bool(opted_out))


def people(connection: sqlite3.Connection, ids: Sequence[str]) -> list[Person]:
    """The stored persons among `ids`, in no particular order."""
    found = connection.execute(sql_read.SELECT_PEOPLE, (convert.id_array(ids),))
    return [
        Person(id=id_, name=name, source=source, opted_out=bool(opted_out))
        for id_, name, source, opted_out in found
    ]


def community(connection: sqlite3.Connection, community_id: str) -> Community | None:
    """The stored community, or None."""
    row = connection.execute(sql_read.SELECT_COMMUNITY, (community_id,)).fetchone()
    return None if row is None else _community_from(row)


def communities(connection: sqlite3.Connection) -> list[Community]:
    """Every stored community, ordered by id."""
    return [_community_from(row) for row in connection.execute(sql_read.SELECT_COMMUNITIES)]


def _community_from(row: Sequence[Any]) -> Community:
    id_, name, private, description = row
    return Community(id=id_, name=name, private=bool(private), description=description)


def document(connection: sqlite3.Connection, document_id: str) -> Document | None:
    """The stored document with its author ids, or None."""
    row = connection.execute(sql_read.SELECT_DOCUMENT, (document_id,)).fetchone()
    if row is None:
        return None
    authors = _grouped(
        connection.execute(sql_read.SELECT_AUTHOR_IDS, (convert.id_array([row[0]]),))
    )
    return convert.document_from(row, authors[row[0]])


def posts(connection: sqlite3.Connection, document_id: str) -> list[Post]:
    """The posts of a document, oldest first, with their author ids."""
    found = connection.execute(sql_read.SELECT_POSTS_OF, (document_id,)).fetchall()
    ids = convert.id_array(row[0] for row in found)
    authors = _grouped(connection.execute(sql_read.SELECT_AUTHOR_IDS, (ids,)))
    return [convert.post_from(row, authors[row[0]]) for row in found]


def practices(connection: sqlite3.Connection, ids: Sequence[str]) -> list[Practice]:
    """The stored practices among `ids`, in the order asked for."""
    wanted = convert.id_array(ids)
    found = {row[0]: row for row in connection.execute(sql_read.SELECT_PRACTICES, (wanted,))}
    domains = _grouped(connection.execute(sql_read.SELECT_PRACTICE_DOMAINS, (wanted,)))
    authors = _grouped(connection.execute(sql_read.SELECT_PRACTICE_AUTHORS, (wanted,)))
    return [
        convert.practice_from(found[id_], domains[id_], authors[id_])
        for id_ in dict.fromkeys(ids)
        if id_ in found
    ]


def recent_content(
    connection: sqlite3.Connection, person_id: str, limit: int, scope: SearchScope
) -> list[ContentSummary]:
    """Up to `limit` of the person's documents and posts within `scope`, newest first."""
    if limit <= 0:  # SQLite reads a negative LIMIT as "no limit"
        return []
    parameters = {"person": person_id, "limit": limit, **convert.scope_parameters(scope)}
    found = connection.execute(sql_read.RECENT_CONTENT, parameters)
    return [convert.content_summary_from(row) for row in found]


def practices_by_author(
    connection: sqlite3.Connection, person_id: str, scope: SearchScope
) -> list[Practice]:
    """The practices listing the person as an author, within `scope`, ordered by id."""
    parameters = {"person": person_id, **convert.scope_parameters(scope)}
    ids = [id_ for (id_,) in connection.execute(sql_read.PRACTICES_BY_AUTHOR, parameters)]
    return practices(connection, ids)


def thread_summaries(connection: sqlite3.Connection, scope: SearchScope) -> list[ThreadSummary]:
    """Every document within `scope` with its thread's outcome, by document id."""
    found = connection.execute(
        sql_read.THREAD_SUMMARIES, convert.scope_parameters(scope)
    ).fetchall()
    ids = convert.id_array(row[0] for row in found)
    authors = _grouped(connection.execute(sql_read.SELECT_AUTHOR_IDS, (ids,)))
    domain_ids = _grouped(connection.execute(sql_read.SELECT_DOMAIN_IDS, (ids,)))
    return [convert.thread_summary_from(row, authors[row[0]], domain_ids[row[0]]) for row in found]


def domain_demand(connection: sqlite3.Connection, scope: SearchScope) -> list[DomainDemand]:
    """Per domain and UTC month, the documents within `scope` and how their threads went."""
    found = connection.execute(sql_read.DOMAIN_DEMAND, convert.scope_parameters(scope))
    return [DomainDemand.from_row(row) for row in found]


def community_activity(connection: sqlite3.Connection, community_id: str) -> list[Interaction]:
    """The documents and posts of a community, oldest first (undated last, then by id), with
    their authors, the authors of the stored content each post replies to, and their domains."""
    found = connection.execute(sql_read.COMMUNITY_ACTIVITY, {"community": community_id}).fetchall()
    ids = convert.id_array(row[0] for row in found)
    parent_ids = convert.id_array(row[4] for row in found if row[4] is not None)
    authors = _grouped(connection.execute(sql_read.SELECT_AUTHOR_IDS, (ids,)))
    parent_authors = _grouped(connection.execute(sql_read.SELECT_AUTHOR_IDS, (parent_ids,)))
    domain_ids = _grouped(connection.execute(sql_read.SELECT_DOMAIN_IDS, (ids,)))
    return [
        convert.interaction_from(
            row, authors[row[0]], parent_authors[row[4]] if row[4] else [], domain_ids[row[0]]
        )
        for row in found
    ]


def domains(connection: sqlite3.Connection) -> list[Domain]:
    """Every domain with its broader ids, ordered by id."""
    broader = _grouped(connection.execute(sql_read.SELECT_BROADER))
    return [
        Domain(id=id_, labels=json.loads(labels), description=description, broader=broader[id_])
        for id_, labels, description in connection.execute(sql_read.SELECT_DOMAINS)
    ]


def evidence(connection: sqlite3.Connection, chunk_ids: Sequence[str]) -> list[Evidence]:
    """Each stored chunk among `chunk_ids` with its content, thread and named authors."""
    found = connection.execute(sql_read.SELECT_EVIDENCE, (convert.id_array(chunk_ids),)).fetchall()
    content_ids = convert.id_array(row[2] for row in found)
    authors = _grouped(connection.execute(sql_read.SELECT_AUTHORS, (content_ids,)))
    return [
        Evidence(
            chunk_id=chunk_id,
            snippet=snippet,
            content_id=content_id,
            content_kind=kind,
            document_id=document_id,
            title=title,
            url=url,
            created_at=convert.parse_time(created_at),
            community_id=community_id,
            language=language,
            score=score,
            accepted=bool(accepted),
            authors=[
                Author(id=id_, name=name, opted_out=bool(opted_out))
                for id_, name, opted_out in authors[content_id]
            ],
        )  # fmt: skip
        for (
            chunk_id,
            snippet,
            content_id,
            kind,
            document_id,
            title,
            url,
            created_at,
            community_id,
            language,
            score,
            accepted,
        ) in found  # fmt: skip
    ]


def contributions(connection: sqlite3.Connection) -> list[Contribution]:
    """Every (author, content, domain) triple, ordered by person, content and domain."""
    return [
        Contribution(
            person_id=person_id,
            content_id=content_id,
            content_kind=kind,
            domain_id=domain_id,
            weight=weight,
            created_at=convert.parse_time(created_at),
            score=score,
            accepted=bool(accepted),
            private_community=private_community,
        )  # fmt: skip
        for (
            person_id,
            content_id,
            kind,
            domain_id,
            weight,
            created_at,
            score,
            accepted,
            private_community,
        ) in connection.execute(sql_read.SELECT_CONTRIBUTIONS)  # fmt: skip
    ]


def stats(connection: sqlite3.Connection) -> GraphStats:
    """Node counts per label and relationship counts per type, zeros included."""
    return GraphStats(
        nodes=dict(connection.execute(sql_read.COUNT_NODES).fetchall()),
        relationships=dict(connection.execute(sql_read.COUNT_RELATIONSHIPS).fetchall()),
    )


def unassigned_chunks(connection: sqlite3.Connection, limit: int) -> list[Chunk]:
    """Up to `limit` chunks of stored content without an ABOUT link, ordered by id."""
    if limit <= 0:  # SQLite reads a negative LIMIT as "no limit"
        return []
    found = connection.execute(sql_read.SELECT_UNASSIGNED_CHUNKS, (limit,))
    return [convert.chunk_from(row) for row in found]


def search_log(connection: sqlite3.Connection, since: datetime | None) -> list[SearchLogEntry]:
    """Logged searches at or after `since` (all when None), oldest first."""
    parameters = {"since": None if since is None else convert.epoch(since)}
    found = connection.execute(sql_read.SELECT_SEARCH_LOG, parameters)
    return [convert.search_log_from(row) for row in found]
