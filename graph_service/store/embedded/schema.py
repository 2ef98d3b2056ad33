"""DDL of the embedded store: one typed table per node kind and per relationship kind.

Nodes keep their `id` as the key; relationships are tables of id pairs. Foreign keys with
`ON DELETE CASCADE` cover the edges whose owner lives in a single table (posts of a
document, the domains, authors and neighbours of a practice, the broader links of a
domain). Edges that start at "content" (a document or a post) cannot name one parent table,
so `delete_documents` removes them explicitly.

Chunks and practices carry an `INTEGER PRIMARY KEY` so the rowids their full-text indexes
point at survive `VACUUM`. Search text arrives pre-segmented, so word boundaries are the
spaces the pipeline put there: the FTS5 tokenizer counts every visible character as part
of a word and keeps diacritics, so it holds the same words as Neo4j's `whitespace`
analyzer (see `graph_service.store.words`). The default `unicode61` would split Thai at
every vowel or tone mark (`ความรู้` becoming `ความร`, which matches `ความรัก`) and
English at inner punctuation (`grover's` becoming `grover` and `s`). A practice keeps the
search text it was given (`search_text`, possibly empty) apart from what its index holds
(`indexed_text`).

`search_log` is the demand log: it lives in the same file but is not part of the graph, so
no count or delete touches it.
"""

from __future__ import annotations

import sqlite3

from graph_service.errors import ConfigurationError
from graph_service.store.embedded import sql_read, sql_write

TOKENIZER = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Co'"

SCHEMA_VERSION = 4
"""Moves when a table changes shape. The project is pre-release: a data directory of
another version is refused with a hint to ingest again, not migrated."""

DDL = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', 0);

CREATE TABLE IF NOT EXISTS persons (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL,
    opted_out INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS communities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, private INTEGER NOT NULL,
    description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS domains (
    id TEXT PRIMARY KEY, labels TEXT NOT NULL, description TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS domain_broader (
    domain_id TEXT NOT NULL REFERENCES domains(id) ON DELETE CASCADE,
    broader_id TEXT NOT NULL, ord INTEGER NOT NULL,
    PRIMARY KEY (domain_id, broader_id));

CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, tags TEXT NOT NULL,
    text TEXT NOT NULL, source TEXT NOT NULL, community_id TEXT, created_at TEXT,
    created_ts REAL, url TEXT, language TEXT NOT NULL, score INTEGER NOT NULL,
    content_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS posts (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    reply_to TEXT NOT NULL, accepted INTEGER NOT NULL,
    text TEXT NOT NULL, source TEXT NOT NULL, community_id TEXT, created_at TEXT,
    created_ts REAL, url TEXT, language TEXT NOT NULL, score INTEGER NOT NULL,
    content_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS posts_document ON posts (document_id);
CREATE TABLE IF NOT EXISTS authored (
    content_id TEXT NOT NULL, person_id TEXT NOT NULL, role TEXT NOT NULL,
    ord INTEGER NOT NULL, PRIMARY KEY (content_id, person_id));
CREATE INDEX IF NOT EXISTS authored_person ON authored (person_id);
CREATE TABLE IF NOT EXISTS about (
    content_id TEXT NOT NULL, domain_id TEXT NOT NULL, weight REAL NOT NULL,
    method TEXT NOT NULL, PRIMARY KEY (content_id, domain_id));
CREATE INDEX IF NOT EXISTS about_domain ON about (domain_id);

CREATE TABLE IF NOT EXISTS chunks (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, parent_id TEXT NOT NULL,
    ord INTEGER NOT NULL, "offset" INTEGER NOT NULL, text TEXT NOT NULL,
    search_text TEXT NOT NULL, language TEXT NOT NULL, embedding BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_parent ON chunks (parent_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    search_text, content='chunks', content_rowid='seq', tokenize="{TOKENIZER}");

CREATE TABLE IF NOT EXISTS practices (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
    summary TEXT NOT NULL, passage TEXT NOT NULL, source_id TEXT NOT NULL,
    language TEXT NOT NULL, search_text TEXT NOT NULL, indexed_text TEXT NOT NULL,
    embedding BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS practices_source ON practices (source_id);
CREATE VIRTUAL TABLE IF NOT EXISTS practices_fts USING fts5(
    indexed_text, content='practices', content_rowid='seq', tokenize="{TOKENIZER}");
CREATE TABLE IF NOT EXISTS practice_domains (
    practice_id TEXT NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
    domain_id TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (practice_id, domain_id));
CREATE TABLE IF NOT EXISTS practice_authors (
    practice_id TEXT NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
    person_id TEXT NOT NULL, ord INTEGER NOT NULL, PRIMARY KEY (practice_id, person_id));
CREATE TABLE IF NOT EXISTS related_to (
    source_id TEXT NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
    target_id TEXT NOT NULL REFERENCES practices(id) ON DELETE CASCADE,
    score REAL NOT NULL, method TEXT NOT NULL, PRIMARY KEY (source_id, target_id));
CREATE INDEX IF NOT EXISTS related_target ON related_to (target_id);

CREATE TABLE IF NOT EXISTS expert_in (
    person_id TEXT NOT NULL, domain_id TEXT NOT NULL, score REAL NOT NULL,
    evidence_count INTEGER NOT NULL, last_activity TEXT, method TEXT NOT NULL,
    private_community TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person_id, domain_id, private_community));
CREATE INDEX IF NOT EXISTS expert_domain ON expert_in (domain_id);

CREATE TABLE IF NOT EXISTS search_log (
    seq INTEGER PRIMARY KEY, endpoint TEXT NOT NULL, query TEXT NOT NULL, at TEXT NOT NULL,
    at_ts REAL NOT NULL, result_count INTEGER NOT NULL, top_score REAL);
CREATE INDEX IF NOT EXISTS search_log_at ON search_log (at_ts);
"""

# The external-content FTS tables are kept in step by triggers, so no write path can
# forget them (the 'delete' command needs the old text, which only a trigger still has).
_FTS_TRIGGERS = "".join(
    f"""
CREATE TRIGGER IF NOT EXISTS {table}_fts_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO {table}_fts (rowid, {column}) VALUES (new.seq, new.{column});
END;
CREATE TRIGGER IF NOT EXISTS {table}_fts_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO {table}_fts ({table}_fts, rowid, {column})
    VALUES ('delete', old.seq, old.{column});
END;
CREATE TRIGGER IF NOT EXISTS {table}_fts_update AFTER UPDATE OF {column} ON {table} BEGIN
    INSERT INTO {table}_fts ({table}_fts, rowid, {column})
    VALUES ('delete', old.seq, old.{column});
    INSERT INTO {table}_fts (rowid, {column}) VALUES (new.seq, new.{column});
END;
"""
    for table, column in (("chunks", "search_text"), ("practices", "indexed_text"))
)


def create_tables(connection: sqlite3.Connection) -> None:
    """Create every table, index and trigger that is missing; safe on every open.

    Raises:
        ConfigurationError: the file holds a store of another schema version.
    """
    version = connection.execute(sql_read.SELECT_SCHEMA_VERSION).fetchone()[0]
    if version != SCHEMA_VERSION and connection.execute(sql_read.ANY_TABLE).fetchone():
        raise ConfigurationError(
            f"the embedded store was written by another copgraph version (schema {version}, "
            f"this one reads {SCHEMA_VERSION}): point COPGRAPH_DATA_DIR at a fresh directory "
            "and ingest again"
        )
    connection.executescript(
        f"BEGIN IMMEDIATE;{DDL}{_FTS_TRIGGERS}PRAGMA user_version = {SCHEMA_VERSION};COMMIT;"
    )


def fix_dimension(connection: sqlite3.Connection, dimension: int) -> None:
    """Record the embedding dimension on first use; refuse a different one afterwards.

    Vectors of two models cannot be compared, so a store keeps the dimension it was
    created with and a model change needs a fresh data directory.

    Raises:
        ConfigurationError: the store holds vectors of another dimension.
    """
    connection.execute(sql_write.INSERT_DIMENSION, (dimension,))
    stored = stored_dimension(connection)
    if stored != dimension:
        raise ConfigurationError(
            f"the embedded store holds {stored}-dimensional embeddings but the model gives "
            f"{dimension}: set COPGRAPH_EMBEDDING_MODEL back to the model it was built with, "
            "or point COPGRAPH_DATA_DIR at a fresh directory and ingest again"
        )


def stored_dimension(connection: sqlite3.Connection) -> int | None:
    """The embedding dimension the store was created with, or None before the first one."""
    row = connection.execute(sql_read.SELECT_DIMENSION).fetchone()
    return None if row is None else int(row[0])
