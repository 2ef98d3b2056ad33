"""The write paths of the Neo4j store: a batch as a plan of statements, and running it.

A batch becomes a list of `(statement, parameters)` pairs, each UNWINDing at most
`BATCH_ROWS` rows, run in order in one transaction so that a batch lands whole or not at
all. A batch that carries a content (Document or Post) carries everything derived from it:
its chunks, practices, ABOUT links and links to other content replace the stored ones, so
a changed document never keeps a stale chunk. Nodes that keep their id are updated in
place, which keeps the relationships pointing at them (a practice's RELATED_TO) and makes
writing the same batch twice a no-op.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, LiteralString

from neo4j import ManagedTransaction, Record

from graph_service.models import GraphBatch
from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.convert import (
    Props,
    chunk_props,
    dated,
    domain_props,
    practice_from,
    practice_props,
)
from graph_service.store.neo4j.parameters import unlogged
from graph_service.store.words import index_text

Statement = tuple[LiteralString, dict[str, Any]]
ViewKey = tuple[str, str]
"""A view change: its kind and key (see `GraphStore.view_changes`)."""

BATCH_ROWS = 2000
"""Rows per UNWIND: large enough to amortise a round trip, small enough for one message."""
VIEW_LOG_KEPT = 10_000
"""Writes whose view changes are kept: a view further behind is built again (on the embedded
store it is 200,000 changed keys; a push changes about five)."""


def batches(query: LiteralString, rows: list[Any], key: str = "rows") -> Iterator[Statement]:
    """`query` once per `BATCH_ROWS` of `rows`, which it UNWINDs from `$key`."""
    for start in range(0, len(rows), BATCH_ROWS):
        yield query, {key: rows[start : start + BATCH_ROWS]}


def _replacing(owner_ids: list[str], written: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Rows `{id, keep}` for DELETE_STALE_*: each owner with the ids the batch writes for it."""
    keep: dict[str, list[str]] = {owner: [] for owner in owner_ids}
    for owner, item_id in written:
        keep.setdefault(owner, []).append(item_id)
    return [{"id": owner, "keep": ids} for owner, ids in keep.items()]


def write_plan(batch: GraphBatch, dimension: int | None) -> list[Statement]:
    """The statements that write `batch`, in an order where every endpoint exists first.

    Nodes come before the relationships between them. A content in the batch brings its
    chunks, practices and ABOUT links with it: those stored for it and not written again
    are deleted, as are those of any parent, source or content the batch's chunks,
    practices and links name. Links that waited for a content of the batch resolve last.

    Raises:
        InvalidInput: an embedding does not have the graph's dimension.
    """
    content_ids = [content.id for content in (*batch.documents, *batch.posts)]
    chunk_owners = [(chunk.parent_id, chunk.id) for chunk in batch.chunks]
    practice_owners = [(practice.source_id, practice.id) for practice in batch.practices]
    linked = content_ids + [link.content_id for link in batch.domain_links]
    sources = content_ids + [link.source_id for link in batch.content_links]
    return [
        *batches(cypher.UPSERT_PERSONS, [p.model_dump() for p in batch.persons]),
        *batches(cypher.UPSERT_COMMUNITIES, [c.model_dump() for c in batch.communities]),
        *batches(cypher.UPSERT_DOMAINS, [domain_props(d) for d in batch.domains]),
        *batches(cypher.LINK_BROADER, [{"id": d.id} for d in batch.domains]),
        *batches(
            cypher.UPSERT_DOCUMENTS, [dated(d.model_dump(), "created_at") for d in batch.documents]
        ),
        *batches(cypher.UPSERT_POSTS, [dated(p.model_dump(), "created_at") for p in batch.posts]),
        *batches(cypher.LINK_DOCUMENTS, [{"id": d.id} for d in batch.documents]),
        *batches(cypher.LINK_POSTS, [{"id": p.id} for p in batch.posts]),
        *batches(cypher.DELETE_STALE_CHUNKS, _replacing(content_ids, chunk_owners), "parents"),
        *batches(cypher.UPSERT_CHUNKS, [chunk_props(c, dimension) for c in batch.chunks]),
        *batches(
            cypher.DELETE_STALE_PRACTICES, _replacing(content_ids, practice_owners), "sources"
        ),
        *batches(cypher.UPSERT_PRACTICES, [practice_props(p, dimension) for p in batch.practices]),
        *batches(cypher.DELETE_ABOUT, list(dict.fromkeys(linked)), "ids"),
        *batches(cypher.UPSERT_ABOUT, [link.model_dump() for link in batch.domain_links]),
        *batches(cypher.DELETE_CONTENT_LINKS, list(dict.fromkeys(sources)), "ids"),
        *batches(cypher.UPSERT_CONTENT_LINKS, [c.model_dump() for c in batch.content_links]),
        *batches(cypher.RESOLVE_PENDING_LINKS, content_ids, "ids"),
    ]


def batch_views(batch: GraphBatch) -> list[ViewKey]:
    """What writing `batch` changes for the views besides what its statements return: its
    persons (a name or an opt-out may change), its content with the threads of its posts
    and the parents of its chunks (the evidence kept, queries/evidence_cache.py), and its
    chunks (the relevance floor follows them; the chunks a batch drops come back from
    `DELETE_STALE_CHUNKS`)."""
    views: list[ViewKey] = [("person", person.id) for person in batch.persons]
    views += content_views(
        [
            *(document.id for document in batch.documents),
            *(key for post in batch.posts for key in (post.id, post.document_id)),
            *(chunk.parent_id for chunk in batch.chunks),
        ]
    )
    views += [("vectors", chunk.id) for chunk in batch.chunks]
    return views


def content_views(content_ids: Iterable[str]) -> list[ViewKey]:
    """The 'content' view changes of `content_ids` (each once)."""
    return [("content", content_id) for content_id in dict.fromkeys(content_ids)]


def fill_index_text_plan(stored: list[Props]) -> list[Statement]:
    """The statements giving stored practices without `index_text` the words they are
    found by, so practices written by an earlier version stay in keyword search."""
    practices = [practice_from(props) for props in stored]
    rows = [{"id": p.id, "index_text": index_text(p)} for p in practices]
    return list(batches(cypher.FILL_INDEX_TEXT, rows))


def run_plan(
    tx: ManagedTransaction, statements: Sequence[Statement], views: Sequence[ViewKey] = ()
) -> list[Record]:
    """Run `statements` in order in `tx`; the last one's records.

    Statements that return `touched` person ids changed what those persons wrote, so their
    MEMBER_OF links are derived again before the transaction commits. The graph then gets a
    new version token and write number, committed with the data (see
    `GraphStore.data_version`). The practices that statements return as `practices` (stored
    or deleted) get that number, which other processes follow them by (practice_vectors.py),
    and so do the view changes: `views`, those statements return as `views` and the
    `touched` persons' activity.
    """
    found: list[Record] = []
    touched: dict[str, None] = {}
    practices: dict[str, None] = {}
    changed: dict[ViewKey, None] = dict.fromkeys(views)
    for query, parameters in statements:
        found = list(tx.run(query, unlogged(parameters)))
        for record in found:
            touched.update(dict.fromkeys(record.get("touched") or []))
            practices.update(dict.fromkeys(record.get("practices") or []))
            changed.update(dict.fromkeys(tuple(pair) for pair in record.get("views") or []))
    changed.update(dict.fromkeys(("activity", person) for person in touched))
    for query, parameters in batches(cypher.REFRESH_MEMBERSHIP, list(touched), "ids"):
        tx.run(query, unlogged(parameters)).consume()
    tx.run(*version_statement()).consume()
    for query, parameters in batches(cypher.NUMBER_PRACTICES, list(practices), "ids"):
        tx.run(query, unlogged(parameters)).consume()
    for query, parameters in batches(cypher.LOG_VIEW_CHANGES, [list(key) for key in changed]):
        tx.run(query, unlogged(parameters)).consume()
    return found


def version_statement() -> Statement:
    """`SET_DATA_VERSION` with a new token (see `new_version`)."""
    return cypher.SET_DATA_VERSION, {"token": new_version(), "views_kept": VIEW_LOG_KEPT}


def new_version() -> str:
    """A version token no earlier state of any graph had."""
    return uuid.uuid4().hex
