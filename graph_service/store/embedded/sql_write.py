"""SQL that writes the embedded store: connection setup, transactions, upserts, deletes.

Values are always bound parameters: positional `?` in the column order of the row
builders in convert.py. A list of ids travels as one JSON array read with `json_each(?)`,
so no statement is assembled from a variable number of placeholders and batches of any
size stay within SQLite's parameter limit.
"""

from __future__ import annotations

from typing import Final

CONNECTION_PRAGMAS: Final = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
)
"""WAL lets readers and one writer work at once; NORMAL sync is durable enough in WAL mode
(a power cut may lose the last transaction, never corrupt the file)."""

BEGIN_READ: Final = "BEGIN"

BEGIN_WRITE: Final = "BEGIN IMMEDIATE"
"""Takes the write lock up front, so a busy database waits `busy_timeout` instead of failing
when a read transaction would have to be upgraded."""

COMMIT: Final = "COMMIT"

ROLLBACK: Final = "ROLLBACK"

INSERT_DIMENSION: Final = "INSERT OR IGNORE INTO meta (key, value) VALUES ('dimension', ?)"

BUMP_GENERATION: Final = "UPDATE meta SET value = value + 1 WHERE key = 'generation'"

SET_DATA_VERSION: Final = """
INSERT INTO meta (key, value) VALUES ('data_version', ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value"""
"""A new token for `GraphStore.data_version`, set by every write transaction of the graph."""

UPSERT_PERSON: Final = """
INSERT INTO persons (id, name, source, opted_out) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, source = excluded.source, opted_out = excluded.opted_out"""

UPSERT_COMMUNITY: Final = """
INSERT INTO communities (id, name, private, description) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, private = excluded.private, description = excluded.description"""

UPSERT_DOMAIN: Final = """
INSERT INTO domains (id, labels, description) VALUES (?, ?, ?)
ON CONFLICT (id) DO UPDATE SET labels = excluded.labels, description = excluded.description"""

DELETE_BROADER_OF: Final = (
    "DELETE FROM domain_broader WHERE domain_id IN (SELECT value FROM json_each(?))"
)

INSERT_BROADER: Final = """
INSERT INTO domain_broader (domain_id, broader_id, ord) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING"""

CONTENT_COLUMNS: Final = (
    "text, source, community_id, created_at, created_ts, url, language, score, content_hash"
)

_CONTENT_UPDATES: Final = """
    text = excluded.text, source = excluded.source, community_id = excluded.community_id,
    created_at = excluded.created_at, created_ts = excluded.created_ts, url = excluded.url,
    language = excluded.language, score = excluded.score,
    content_hash = excluded.content_hash"""

UPSERT_DOCUMENT: Final = f"""
INSERT INTO documents (id, kind, title, tags, {CONTENT_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    kind = excluded.kind, title = excluded.title, tags = excluded.tags, {_CONTENT_UPDATES}"""

UPSERT_POST: Final = f"""
INSERT INTO posts (id, kind, document_id, reply_to, accepted, {CONTENT_COLUMNS})
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    kind = excluded.kind, document_id = excluded.document_id, reply_to = excluded.reply_to,
    accepted = excluded.accepted, {_CONTENT_UPDATES}"""

DELETE_AUTHORED_OF: Final = (
    "DELETE FROM authored WHERE content_id IN (SELECT value FROM json_each(?))"
)

INSERT_AUTHORED: Final = """
INSERT INTO authored (content_id, person_id, role, ord) VALUES (?, ?, ?, ?)
ON CONFLICT DO NOTHING"""

DELETE_ABOUT_OF: Final = "DELETE FROM about WHERE content_id IN (SELECT value FROM json_each(?))"

UPSERT_ABOUT: Final = """
INSERT INTO about (content_id, domain_id, weight, method) VALUES (?, ?, ?, ?)
ON CONFLICT (content_id, domain_id) DO UPDATE SET
    weight = excluded.weight, method = excluded.method"""

DELETE_STALE_CHUNKS: Final = """
DELETE FROM chunks WHERE parent_id IN (SELECT value FROM json_each(?))
    AND id NOT IN (SELECT value FROM json_each(?))"""
"""Chunks of the given parents (1st array) except those being written (2nd array)."""

UPSERT_CHUNK: Final = """
INSERT INTO chunks (id, parent_id, ord, "offset", text, search_text, language, embedding)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    parent_id = excluded.parent_id, ord = excluded.ord, "offset" = excluded."offset",
    text = excluded.text, search_text = excluded.search_text, language = excluded.language,
    embedding = excluded.embedding"""

DELETE_STALE_PRACTICES: Final = """
DELETE FROM practices WHERE source_id IN (SELECT value FROM json_each(?))
    AND id NOT IN (SELECT value FROM json_each(?))"""
"""Practices of the given contents (1st array) except those being written (2nd array)."""

UPSERT_PRACTICE: Final = """
INSERT INTO practices (
    id, title, summary, passage, source_id, language, search_text, indexed_text, embedding)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    title = excluded.title, summary = excluded.summary, passage = excluded.passage,
    source_id = excluded.source_id, language = excluded.language,
    search_text = excluded.search_text, indexed_text = excluded.indexed_text,
    embedding = excluded.embedding"""

DELETE_PRACTICE_DOMAINS_OF: Final = (
    "DELETE FROM practice_domains WHERE practice_id IN (SELECT value FROM json_each(?))"
)

DELETE_PRACTICE_AUTHORS_OF: Final = (
    "DELETE FROM practice_authors WHERE practice_id IN (SELECT value FROM json_each(?))"
)

INSERT_PRACTICE_DOMAIN: Final = """
INSERT INTO practice_domains (practice_id, domain_id, ord) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING"""

INSERT_PRACTICE_AUTHOR: Final = """
INSERT INTO practice_authors (practice_id, person_id, ord) VALUES (?, ?, ?)
ON CONFLICT DO NOTHING"""

SELECT_DOCUMENT_IDS: Final = "SELECT id FROM documents WHERE id IN (SELECT value FROM json_each(?))"

SELECT_POST_IDS_OF: Final = (
    "SELECT id FROM posts WHERE document_id IN (SELECT value FROM json_each(?))"
)

DELETE_DOCUMENTS: Final = "DELETE FROM documents WHERE id IN (SELECT value FROM json_each(?))"
"""Deletes the documents; their posts go with them (foreign key cascade)."""

DELETE_EXPERTISE: Final = "DELETE FROM expert_in"

INSERT_EXPERTISE: Final = """
INSERT INTO expert_in (
    person_id, domain_id, score, evidence_count, last_activity, method, private_community)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (person_id, domain_id, private_community) DO UPDATE SET
    score = excluded.score, evidence_count = excluded.evidence_count,
    last_activity = excluded.last_activity, method = excluded.method"""

DELETE_RELATED: Final = "DELETE FROM related_to"

INSERT_RELATED: Final = """
INSERT INTO related_to (source_id, target_id, score, method) SELECT ?1, ?2, ?3, ?4
WHERE EXISTS (SELECT 1 FROM practices WHERE id = ?1)
    AND EXISTS (SELECT 1 FROM practices WHERE id = ?2)
ON CONFLICT (source_id, target_id) DO UPDATE SET score = excluded.score, method = excluded.method"""
"""A link is kept only when both practices are stored: a relationship needs both ends."""

INSERT_SEARCH_LOG: Final = """
INSERT INTO search_log (endpoint, query, at, at_ts, result_count, top_score)
VALUES (?, ?, ?, ?, ?, ?)"""
