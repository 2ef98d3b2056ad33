"""The write paths of the embedded store: batch upsert and document deletion.

Each function runs inside the caller's transaction, so a batch lands whole or not at all.
A batch that carries a content (Document or Post) carries everything derived from it, as
the pipeline sends a changed thread whole: its authors, chunks, practices, ABOUT links and
the links it makes to other content replace the stored ones instead of adding to them, so
an edited document never keeps a stale chunk. A content named only as the parent of a
chunk, the source of a practice or the subject of a link gets that kind replaced likewise.
Links to a content are its sources': deleting the target leaves them, by id, to resolve
again when it comes back. Rows that keep their id are
updated in place, which keeps what points at them (a practice's RELATED_TO) and makes
writing the same batch twice a no-op.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from graph_service.models import Document, GraphBatch, Post
from graph_service.store.embedded import convert
from graph_service.store.embedded import statements as sql


def write_batch(connection: sqlite3.Connection, batch: GraphBatch, dimension: int) -> None:
    """Upsert every node of `batch` and replace the relationships its fields name."""
    connection.executemany(sql.UPSERT_PERSON, map(convert.person_row, batch.persons))
    connection.executemany(sql.UPSERT_COMMUNITY, map(convert.community_row, batch.communities))
    _write_domains(connection, batch)
    contents: list[Document | Post] = [*batch.documents, *batch.posts]
    content_ids = [content.id for content in contents]
    connection.executemany(sql.UPSERT_DOCUMENT, map(convert.document_row, batch.documents))
    connection.executemany(sql.UPSERT_POST, map(convert.post_row, batch.posts))
    connection.execute(sql.DELETE_AUTHORED_OF, (convert.id_array(content_ids),))
    connection.executemany(
        sql.INSERT_AUTHORED,
        [row for content in contents for row in convert.authored_rows(content)],
    )
    _write_chunks(connection, batch, content_ids, dimension)
    _write_practices(connection, batch, content_ids, dimension)
    linked = content_ids + [link.content_id for link in batch.domain_links]
    connection.execute(sql.DELETE_ABOUT_OF, (convert.id_array(linked),))
    connection.executemany(sql.UPSERT_ABOUT, map(convert.about_row, batch.domain_links))
    sources = content_ids + [link.source_id for link in batch.content_links]
    connection.execute(sql.DELETE_CONTENT_LINKS_OF, (convert.id_array(sources),))
    connection.executemany(
        sql.INSERT_CONTENT_LINK, map(convert.content_link_row, batch.content_links)
    )


def _write_domains(connection: sqlite3.Connection, batch: GraphBatch) -> None:
    connection.executemany(sql.UPSERT_DOMAIN, map(convert.domain_row, batch.domains))
    connection.execute(
        sql.DELETE_BROADER_OF, (convert.id_array(domain.id for domain in batch.domains),)
    )
    connection.executemany(
        sql.INSERT_BROADER,
        [
            (domain.id, broader, ord_)
            for domain in batch.domains
            for ord_, broader in enumerate(domain.broader)
        ],
    )


def _write_chunks(
    connection: sqlite3.Connection, batch: GraphBatch, content_ids: list[str], dimension: int
) -> None:
    parents = content_ids + [chunk.parent_id for chunk in batch.chunks]
    kept = [chunk.id for chunk in batch.chunks]
    connection.execute(sql.DELETE_STALE_CHUNKS, (convert.id_array(parents), convert.id_array(kept)))
    connection.executemany(
        sql.UPSERT_CHUNK, [convert.chunk_row(chunk, dimension) for chunk in batch.chunks]
    )


def _write_practices(
    connection: sqlite3.Connection, batch: GraphBatch, content_ids: list[str], dimension: int
) -> None:
    sources = content_ids + [practice.source_id for practice in batch.practices]
    kept = convert.id_array(practice.id for practice in batch.practices)
    connection.execute(sql.DELETE_STALE_PRACTICES, (convert.id_array(sources), kept))
    connection.executemany(
        sql.UPSERT_PRACTICE,
        [convert.practice_row(practice, dimension) for practice in batch.practices],
    )
    connection.execute(sql.DELETE_PRACTICE_DOMAINS_OF, (kept,))
    connection.execute(sql.DELETE_PRACTICE_AUTHORS_OF, (kept,))
    connection.executemany(
        sql.INSERT_PRACTICE_DOMAIN,
        [(p.id, domain, ord_) for p in batch.practices for ord_, domain in enumerate(p.domain_ids)],
    )
    connection.executemany(
        sql.INSERT_PRACTICE_AUTHOR,
        [(p.id, person, ord_) for p in batch.practices for ord_, person in enumerate(p.author_ids)],
    )


def delete_documents(connection: sqlite3.Connection, ids: Sequence[str]) -> int:
    """Delete documents, their posts and all that hangs off either; persons and domains stay.

    Returns:
        How many of `ids` were stored documents.
    """
    documents = [
        row[0] for row in connection.execute(sql.SELECT_DOCUMENT_IDS, (convert.id_array(ids),))
    ]
    if not documents:
        return 0
    posts = [
        row[0] for row in connection.execute(sql.SELECT_POST_IDS_OF, (convert.id_array(documents),))
    ]
    contents = convert.id_array(documents + posts)
    connection.execute(sql.DELETE_STALE_CHUNKS, (contents, "[]"))
    connection.execute(sql.DELETE_STALE_PRACTICES, (contents, "[]"))
    connection.execute(sql.DELETE_ABOUT_OF, (contents,))
    connection.execute(sql.DELETE_AUTHORED_OF, (contents,))
    connection.execute(sql.DELETE_CONTENT_LINKS_OF, (contents,))
    connection.execute(sql.DELETE_DOCUMENTS, (convert.id_array(documents),))
    return len(documents)
