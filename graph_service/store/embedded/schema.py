"""The embedded store's schema, created on every open: one typed table per node kind and
per relationship kind, and the embedding dimension fixed on first use.

Nodes keep their `id` as the key; relationships are tables of id pairs. Foreign keys with
`ON DELETE CASCADE` cover the edges whose owner lives in a single table (posts of a
document, the domains, authors and neighbours of a practice, the broader links of a
domain). Edges that start at "content" (a document or a post) cannot name one parent table,
so `delete_documents` removes them explicitly.

Chunks and practices carry an `INTEGER PRIMARY KEY` so the rowids their full-text indexes
point at survive `VACUUM`; the words those indexes hold are as `statements.TOKENIZER`
cuts them. A practice keeps the search text it was given (`search_text`, possibly empty)
apart from what its index holds (`indexed_text`).

`search_log` is the demand log: it lives in the same file but is not part of the graph, so
no count or delete touches it.
"""

from __future__ import annotations

import sqlite3

from graph_service.errors import ConfigurationError
from graph_service.store.embedded import statements as sql
from graph_service.store.embedded.profiles import create_profile_tables


def create_tables(connection: sqlite3.Connection) -> None:
    """Create every table, index and trigger that is missing; safe on every open.

    Raises:
        ConfigurationError: the file holds a store of another schema version.
    """
    version = connection.execute(sql.SELECT_SCHEMA_VERSION).fetchone()[0]
    if version != sql.SCHEMA_VERSION and connection.execute(sql.ANY_TABLE).fetchone():
        raise ConfigurationError(
            f"the embedded store was written by another copgraph version (schema {version}, "
            f"this one reads {sql.SCHEMA_VERSION}): point COPGRAPH_DATA_DIR at a fresh directory "
            "and ingest again"
        )
    connection.executescript(sql.CREATE_SCHEMA)
    create_profile_tables(connection)


def fix_dimension(connection: sqlite3.Connection, dimension: int) -> None:
    """Record the embedding dimension on first use; refuse a different one afterwards.

    Vectors of two models cannot be compared, so a store keeps the dimension it was
    created with and a model change needs a fresh data directory.

    Raises:
        ConfigurationError: the store holds vectors of another dimension.
    """
    connection.execute(sql.INSERT_DIMENSION, (dimension,))
    stored = stored_dimension(connection)
    if stored != dimension:
        raise ConfigurationError(
            f"the embedded store holds {stored}-dimensional embeddings but the model gives "
            f"{dimension}: set COPGRAPH_EMBEDDING_MODEL back to the model it was built with, "
            "or point COPGRAPH_DATA_DIR at a fresh directory and ingest again"
        )


def stored_dimension(connection: sqlite3.Connection) -> int | None:
    """The embedding dimension the store was created with, or None before the first one."""
    row = connection.execute(sql.SELECT_DIMENSION).fetchone()
    return None if row is None else int(row[0])
