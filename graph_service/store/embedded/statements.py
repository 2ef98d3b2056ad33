"""All SQL of the embedded store: connection setup, schema, writes, reads and searches.

Values are always bound parameters. Writes take positional `?` in the column order of the
row builders in convert.py; reads with optional filters take named ones, where `NULL`
means "no filter". A list of ids travels as one JSON array read with `json_each(?)`, so no
statement is assembled from a variable number of placeholders and batches of any size stay
within SQLite's parameter limit. The only interpolations are of a table from the closed
set `TARGETS`, and of fixed SQL fragments defined here (`CONTENT_COLUMNS`,
`_SUMMARY_COLUMNS`, `_in_scope`, `_REPLY`, the FTS triggers).
"""

from __future__ import annotations

from typing import Final, LiteralString

from graph_service.models import SearchTarget

# Connection and transactions

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

QUERY_ONLY: Final = "PRAGMA query_only = ON"
"""On read connections: a statement that would write fails instead of taking the lock."""

ROLLBACK: Final = "ROLLBACK"

PING: Final = "SELECT 1"


# Schema

TOKENIZER: Final = "unicode61 remove_diacritics 0 categories 'L* M* N* P* S* Co'"
"""Search text arrives pre-segmented, so word boundaries are the spaces the pipeline put
there: this tokenizer counts every visible character as part of a word and keeps
diacritics, so the FTS5 tables hold the same words as Neo4j's `whitespace` analyzer (see
`graph_service.store.words`). The default `unicode61` would split Thai at every vowel or
tone mark (`ความรู้` becoming `ความร`, which matches `ความรัก`) and English at inner
punctuation (`grover's` becoming `grover` and `s`)."""

SCHEMA_VERSION: Final = 6
"""Moves when a table changes shape (5: `content_links`, and `authored.role` holds the
authorship role instead of one derived from the kind; 6: Thai names and descriptions of
communities and domains). The project is pre-release: a data
directory of another version is refused with a hint to ingest again, not migrated."""

DDL: Final = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value NOT NULL);
INSERT OR IGNORE INTO meta (key, value) VALUES ('generation', 0);

CREATE TABLE IF NOT EXISTS persons (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, source TEXT NOT NULL,
    opted_out INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS communities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, private INTEGER NOT NULL,
    description TEXT NOT NULL, name_th TEXT NOT NULL, description_th TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS domains (
    id TEXT PRIMARY KEY, labels TEXT NOT NULL, description TEXT NOT NULL,
    description_th TEXT NOT NULL);
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
CREATE INDEX IF NOT EXISTS documents_source ON documents (source);
CREATE TABLE IF NOT EXISTS authored (
    content_id TEXT NOT NULL, person_id TEXT NOT NULL, role TEXT NOT NULL,
    ord INTEGER NOT NULL, PRIMARY KEY (content_id, person_id));
CREATE INDEX IF NOT EXISTS authored_person ON authored (person_id);
CREATE TABLE IF NOT EXISTS content_links (
    source_id TEXT NOT NULL, target_id TEXT NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (source_id, target_id, kind));
CREATE INDEX IF NOT EXISTS content_links_target ON content_links (target_id);
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

CREATE TABLE IF NOT EXISTS ranker_model (version INTEGER PRIMARY KEY, body TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS vocabulary (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    word TEXT NOT NULL UNIQUE,
    embedding BLOB NOT NULL
);

CREATE TABLE IF NOT EXISTS vector_log (
    generation INTEGER NOT NULL, target TEXT NOT NULL, id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS vector_log_generation ON vector_log (generation);

CREATE TABLE IF NOT EXISTS view_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, key TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS derivation_job (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, body TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS derivation_lease (
    name TEXT PRIMARY KEY, holder TEXT NOT NULL, until REAL NOT NULL);
"""

# The external-content FTS tables are kept in step by triggers, so no write path can
# forget them (the 'delete' command needs the old text, which only a trigger still has).
_FTS_TRIGGERS: Final = "".join(
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

_NEXT_GENERATION: Final = "(SELECT value + 1 FROM meta WHERE key = 'generation')"

# Every change of a vector row is logged under the generation its write transaction ends on
# (the counter moves at commit, see `Database.write`), so a process's vector index can take
# the rows that changed since its own generation instead of reloading them all. A change of
# what a scope filters on for many rows (a community turned private, content re-dated or
# moved) is logged as target '*': reload whole.
_VECTOR_LOG_TRIGGERS: Final = (
    "".join(
        f"""
CREATE TRIGGER IF NOT EXISTS {table}_vector_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO vector_log SELECT {_NEXT_GENERATION}, '{target}', new.id;
END;
CREATE TRIGGER IF NOT EXISTS {table}_vector_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO vector_log SELECT {_NEXT_GENERATION}, '{target}', old.id;
END;
CREATE TRIGGER IF NOT EXISTS {table}_vector_update AFTER UPDATE ON {table} BEGIN
    INSERT INTO vector_log SELECT {_NEXT_GENERATION}, '{target}', new.id;
END;
"""
        for table, target in (("chunks", "chunk"), ("practices", "practice"))
    )
    + "".join(
        f"""
CREATE TRIGGER IF NOT EXISTS {table}_vector_scope AFTER UPDATE OF community_id, created_ts
ON {table} WHEN old.community_id IS NOT new.community_id OR old.created_ts IS NOT new.created_ts
BEGIN
    INSERT INTO vector_log SELECT {_NEXT_GENERATION}, '*', new.id;
END;
"""
        for table in ("documents", "posts")
    )
    + f"""
CREATE TRIGGER IF NOT EXISTS communities_vector_insert AFTER INSERT ON communities BEGIN
    INSERT INTO vector_log SELECT {_NEXT_GENERATION}, '*', new.id;
END;
CREATE TRIGGER IF NOT EXISTS communities_vector_private AFTER UPDATE OF private ON communities
WHEN old.private IS NOT new.private BEGIN
    INSERT INTO vector_log SELECT {_NEXT_GENERATION}, '*', new.id;
END;
"""
)


def view_log_triggers(table: str, events: dict[str, str], label: str = "view") -> str:
    """Triggers on `table` that log into `view_log`: per event (`INSERT`, `DELETE` or
    `UPDATE`, each optionally followed by `OF columns` and `WHEN condition`), the SELECT or
    VALUES of the (kind, key) rows it logs. `label` keeps apart the names of several
    triggers on one event (a trigger created before keeps its name and body)."""
    triggers = []
    for event, rows in events.items():
        name = event.split()[0].lower()
        what, _, when = event.partition(" WHEN ")
        condition = f" WHEN {when}" if when else ""
        triggers.append(
            f"""
CREATE TRIGGER IF NOT EXISTS {table}_{label}_{name} AFTER {what} ON {table}{condition} BEGIN
    INSERT INTO view_log (kind, key) {rows};
END;"""
        )
    return "".join(triggers)


def _content_and_thread(*rows: str) -> str:
    """The 'content' rows an authorship logs for its trigger's `rows` (new, old): its
    content, and the thread of a post."""
    return " UNION ALL ".join(
        f"SELECT 'content', {row}.content_id UNION ALL "
        f"SELECT 'content', document_id FROM posts WHERE id = {row}.content_id"
        for row in rows
    )


def _authors_of(row: str) -> str:
    return f"SELECT 'activity', person_id FROM authored WHERE content_id = {row}.id"


# What the query-side views (queries/versioned.py, `DeltaCache`) are built from, logged per
# changed key by triggers, so a process's views take the keys that changed since they were
# built instead of being built again after every write (about a second at 100,000 items):
# - 'expertise', person: the person's EXPERT_IN rows or skill claims changed;
# - 'activity', person: an authorship of the person, or content they authored, changed;
# - 'person', person: a person's name changed (or the person came or went);
# - 'profile', person: a claim or status changed (the profile index);
# - 'vectors', chunk: a chunk changed (the relevance floor follows them);
# - 'ranker': a learned ranking was saved;
# - 'content', content id: a document or post, its chunks or its authorships changed; a
#   post also logs its thread's document (the evidence kept of chunks and threads,
#   queries/evidence_cache.py); a person's opt-out logs 'person' for it too;
# - '*': what every view filters on changed (a community's privacy): build again.
_VIEW_LOG_TRIGGERS: Final = (
    view_log_triggers(
        "expert_in",
        {
            "INSERT": "VALUES ('expertise', new.person_id)",
            "DELETE": "VALUES ('expertise', old.person_id)",
            "UPDATE": "VALUES ('expertise', old.person_id), ('expertise', new.person_id)",
        },
    )
    + view_log_triggers(
        "authored",
        {
            "INSERT": "VALUES ('activity', new.person_id)",
            "DELETE": "VALUES ('activity', old.person_id)",
            "UPDATE": "VALUES ('activity', old.person_id), ('activity', new.person_id)",
        },
    )
    + "".join(
        view_log_triggers(
            table,
            {
                "INSERT": _authors_of("new"),
                "DELETE": _authors_of("old"),
                "UPDATE": _authors_of("new"),
            },
        )
        for table in ("documents", "posts")
    )
    + view_log_triggers(
        "persons",
        {
            "INSERT": "VALUES ('person', new.id)",
            "DELETE": "VALUES ('person', old.id)",
            "UPDATE WHEN old.name IS NOT new.name": "VALUES ('person', new.id)",
        },
    )
    + view_log_triggers(
        "communities",
        {
            "INSERT WHEN new.private": "VALUES ('*', new.id)",
            "DELETE WHEN old.private": "VALUES ('*', old.id)",
            "UPDATE OF private WHEN old.private IS NOT new.private": "VALUES ('*', new.id)",
        },
    )
    + view_log_triggers(
        "chunks",
        {
            "INSERT": "VALUES ('vectors', new.id)",
            "DELETE": "VALUES ('vectors', old.id)",
            "UPDATE": "SELECT 'vectors', old.id UNION SELECT 'vectors', new.id",
        },
        "floor",
    )
    + view_log_triggers(
        "ranker_model",
        dict.fromkeys(("INSERT", "DELETE", "UPDATE"), "VALUES ('ranker', '')"),
    )
    + view_log_triggers(
        "documents",
        {
            "INSERT": "VALUES ('content', new.id)",
            "DELETE": "VALUES ('content', old.id)",
            "UPDATE": "VALUES ('content', old.id)",
        },
        "content",
    )
    + view_log_triggers(
        "posts",
        {
            "INSERT": "VALUES ('content', new.id), ('content', new.document_id)",
            "DELETE": "VALUES ('content', old.id), ('content', old.document_id)",
            "UPDATE": "VALUES ('content', old.id), ('content', old.document_id),"
            " ('content', new.document_id)",
        },
        "content",
    )
    + view_log_triggers(
        "authored",
        {
            "INSERT": _content_and_thread("new"),
            "DELETE": _content_and_thread("old"),
            "UPDATE": _content_and_thread("old", "new"),
        },
        "content",
    )
    + view_log_triggers(
        "chunks",
        {
            "INSERT": "VALUES ('content', new.parent_id)",
            "DELETE": "VALUES ('content', old.parent_id)",
            "UPDATE": "VALUES ('content', old.parent_id), ('content', new.parent_id)",
        },
        "content",
    )
    + view_log_triggers(
        "persons",
        {"UPDATE WHEN old.opted_out IS NOT new.opted_out": "VALUES ('person', new.id)"},
        "opt_out",
    )
)

VIEW_LOG_KEPT: Final = 200_000
"""Rows of `view_log` kept: a view further behind (a bulk ingest since) is built again."""

PRUNE_VIEW_LOG: Final = f"""
DELETE FROM view_log WHERE seq <= (SELECT MAX(seq) FROM view_log) - {VIEW_LOG_KEPT}"""

SELECT_VIEW_LOG_SPAN: Final = (
    "SELECT (SELECT MIN(seq) FROM view_log), (SELECT MAX(seq) FROM view_log)"
)
"""The first and last seq kept, each one step down the primary key (MIN and MAX in one
SELECT would scan every row: every request reads this)."""

SELECT_VIEW_LOG: Final = """
SELECT kind, key FROM (
    SELECT DISTINCT kind, key FROM view_log
    WHERE seq > ?1 AND seq <= ?2 AND kind != 'vectors' LIMIT ?3)
UNION ALL
SELECT kind, key FROM (
    SELECT DISTINCT kind, key FROM view_log
    WHERE seq > ?1 AND seq <= ?2 AND kind = 'vectors' LIMIT ?3)"""
"""The keys changed between two marks: at most a limit of them, and as many chunks."""

_RETIRED_TRIGGERS: Final = (
    "DROP TRIGGER IF EXISTS chunks_view_insert;"
    "DROP TRIGGER IF EXISTS chunks_view_delete;"
    "DROP TRIGGER IF EXISTS chunks_view_update;"
)
"""Triggers of stores written before, replaced by others: the chunks' 'vectors' rows once had
no key (the relevance floor searched again after any chunk changed)."""

CREATE_SCHEMA: Final = (
    f"BEGIN IMMEDIATE;{DDL}{_FTS_TRIGGERS}{_VECTOR_LOG_TRIGGERS}{_RETIRED_TRIGGERS}"
    f"{_VIEW_LOG_TRIGGERS}"
    f"PRAGMA user_version = {SCHEMA_VERSION};COMMIT;"
)
"""Every table, index and trigger that is missing, and the schema version, in one transaction."""

SELECT_SCHEMA_VERSION: Final = "PRAGMA user_version"

ANY_TABLE: Final = "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1"

SELECT_DIMENSION: Final = "SELECT value FROM meta WHERE key = 'dimension'"

INSERT_DIMENSION: Final = "INSERT OR IGNORE INTO meta (key, value) VALUES ('dimension', ?)"


# Writes

BUMP_GENERATION: Final = "UPDATE meta SET value = value + 1 WHERE key = 'generation'"

VECTOR_LOG_KEPT: Final = 1000
"""Generations of vector changes kept: an index further behind reloads whole."""

PRUNE_VECTOR_LOG: Final = f"""
DELETE FROM vector_log
WHERE generation <= (SELECT value FROM meta WHERE key = 'generation') - {VECTOR_LOG_KEPT}"""

SET_DATA_VERSION: Final = """
INSERT INTO meta (key, value) VALUES ('data_version', ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value"""
"""A new token for `GraphStore.data_version`, set by every write transaction of the graph."""

UPSERT_PERSON: Final = """
INSERT INTO persons (id, name, source, opted_out) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, source = excluded.source, opted_out = excluded.opted_out"""

UPSERT_COMMUNITY: Final = """
INSERT INTO communities (id, name, private, description, name_th, description_th)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    name = excluded.name, private = excluded.private, description = excluded.description,
    name_th = excluded.name_th, description_th = excluded.description_th"""

UPSERT_DOMAIN: Final = """
INSERT INTO domains (id, labels, description, description_th) VALUES (?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
    labels = excluded.labels, description = excluded.description,
    description_th = excluded.description_th"""

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

DELETE_CONTENT_LINKS_OF: Final = (
    "DELETE FROM content_links WHERE source_id IN (SELECT value FROM json_each(?))"
)
"""The links the given contents make; links to them stay (their sources still name them)."""

INSERT_CONTENT_LINK: Final = """
INSERT INTO content_links (source_id, target_id, kind) SELECT ?1, ?2, ?3
WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)
    OR EXISTS (SELECT 1 FROM posts WHERE id = ?1)
ON CONFLICT DO NOTHING"""
"""A link of a stored source; its target is kept by id, stored yet or not."""

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

DELETE_EXPERTISE_OF: Final = (
    "DELETE FROM expert_in WHERE person_id IN (SELECT value FROM json_each(?))"
)

DELETE_EXPERTISE_OF_IN: Final = (
    DELETE_EXPERTISE_OF + " AND domain_id IN (SELECT value FROM json_each(?))"
)
"""`DELETE_EXPERTISE_OF` in the given domains only."""

INSERT_EXPERTISE: Final = """
INSERT INTO expert_in (
    person_id, domain_id, score, evidence_count, last_activity, method, private_community)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (person_id, domain_id, private_community) DO UPDATE SET
    score = excluded.score, evidence_count = excluded.evidence_count,
    last_activity = excluded.last_activity, method = excluded.method"""

DELETE_RELATED: Final = "DELETE FROM related_to"

DELETE_RELATED_FROM: Final = (
    "DELETE FROM related_to WHERE source_id IN (SELECT value FROM json_each(?))"
)

INSERT_RELATED: Final = """
INSERT INTO related_to (source_id, target_id, score, method) SELECT ?1, ?2, ?3, ?4
WHERE EXISTS (SELECT 1 FROM practices WHERE id = ?1)
    AND EXISTS (SELECT 1 FROM practices WHERE id = ?2)
ON CONFLICT (source_id, target_id) DO UPDATE SET score = excluded.score, method = excluded.method"""
"""A link is kept only when both practices are stored: a relationship needs both ends."""

SAVE_DERIVATION_STATE: Final = """
INSERT INTO meta (key, value) VALUES ('derivation', ?)
ON CONFLICT (key) DO UPDATE SET value = excluded.value"""
"""The `DerivationState` as its JSON, beside the other facts about the store."""

INSERT_DERIVATION_JOB: Final = "INSERT OR IGNORE INTO derivation_job (id, body) VALUES (?, ?)"
"""A write's `DerivationJob` as its JSON, queued in the write's own transaction."""

DELETE_DERIVATION_JOBS: Final = (
    "DELETE FROM derivation_job WHERE id IN (SELECT value FROM json_each(?))"
)

TAKE_DERIVATION_LEASE: Final = """
INSERT INTO derivation_lease (name, holder, until) VALUES ('derivation', :holder, :until)
ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, until = excluded.until
WHERE derivation_lease.holder = excluded.holder OR derivation_lease.until < :now"""
"""Take (or renew) the derivation lease unless another holder's has not run out; the write
transaction (`BEGIN IMMEDIATE`) makes the check and the take one step between processes."""

SELECT_DERIVATION_LEASE_HOLDER: Final = (
    "SELECT holder FROM derivation_lease WHERE name = 'derivation'"
)

RELEASE_DERIVATION_LEASE: Final = (
    "DELETE FROM derivation_lease WHERE name = 'derivation' AND holder = ?"
)

INSERT_SEARCH_LOG: Final = """
INSERT INTO search_log (endpoint, query, at, at_ts, result_count, top_score)
VALUES (?, ?, ?, ?, ?, ?)"""


# Reads

SELECT_GENERATION: Final = "SELECT value FROM meta WHERE key = 'generation'"

UPSERT_RANKER_MODEL: Final = """
INSERT INTO ranker_model (version, body) VALUES (?, ?)
ON CONFLICT (version) DO UPDATE SET body = excluded.body
"""
SELECT_RANKER_MODELS: Final = "SELECT body FROM ranker_model ORDER BY version"

INSERT_VOCABULARY: Final = "INSERT OR IGNORE INTO vocabulary (word, embedding) VALUES (?, ?)"
"""AUTOINCREMENT: a `seq` is never handed out twice, so readers that fetched up to one
never miss a word stored later."""
SELECT_KNOWN_VOCABULARY: Final = (
    "SELECT word FROM vocabulary WHERE word IN (SELECT value FROM json_each(?))"
)
SELECT_VOCABULARY_SINCE: Final = (
    "SELECT seq, word, embedding FROM vocabulary WHERE seq > ? ORDER BY seq"
)
SELECT_DATA_VERSION: Final = "SELECT value FROM meta WHERE key = 'data_version'"
SELECT_DERIVATION_STATE: Final = "SELECT value FROM meta WHERE key = 'derivation'"
SELECT_DERIVATION_JOBS: Final = "SELECT body FROM derivation_job ORDER BY seq LIMIT ?"

SELECT_EXPERTISE: Final = """
SELECT person_id, domain_id, score, evidence_count, last_activity, method, private_community
FROM expert_in
WHERE (:person IS NULL OR person_id = :person) AND (:domain IS NULL OR domain_id = :domain)
ORDER BY score DESC, person_id, domain_id"""

SELECT_PERSON_EXPERTISE: Final = """
SELECT person_id, domain_id, score, evidence_count, last_activity, method, private_community
FROM expert_in
WHERE person_id = :person AND (:domain IS NULL OR domain_id = :domain)
ORDER BY score DESC, person_id, domain_id"""
"""`SELECT_EXPERTISE` of one person, through the primary key (the `OR` of the general one
keeps SQLite from using it: a scan of every row, 4 ms at 100,000 items)."""

SELECT_RELATED: Final = """
SELECT source_id, target_id, score, method FROM related_to WHERE source_id = ?
ORDER BY score DESC, target_id"""

SELECT_RELATED_FROM: Final = """
SELECT source_id, target_id, score, method FROM related_to
WHERE source_id IN (SELECT value FROM json_each(?))"""

_FOOTPRINT_CONTENTS: Final = """
WITH contents(id) AS (
    SELECT value FROM json_each(?1)
    UNION SELECT id FROM posts WHERE document_id IN (SELECT value FROM json_each(?1)))"""
"""The given documents or posts and the posts of the given documents."""

SELECT_FOOTPRINT_AUTHORS: Final = f"""{_FOOTPRINT_CONTENTS}
SELECT DISTINCT person_id FROM authored WHERE content_id IN (SELECT id FROM contents)"""

SELECT_FOOTPRINT_LINKING: Final = f"""{_FOOTPRINT_CONTENTS}
SELECT DISTINCT r.source_id FROM practices p JOIN related_to r ON r.target_id = p.id
WHERE p.source_id IN (SELECT id FROM contents)"""
"""Practices with a RELATED_TO link to a practice drawn from the contents."""

SELECT_CONTENT_HASHES: Final = """
SELECT id, content_hash FROM documents WHERE id IN (SELECT value FROM json_each(?1))
UNION ALL
SELECT id, content_hash FROM posts WHERE id IN (SELECT value FROM json_each(?1))"""

SELECT_SOURCE_DOCUMENTS: Final = "SELECT id FROM documents WHERE source = ? ORDER BY id"

SELECT_PERSON: Final = "SELECT id, name, source, opted_out FROM persons WHERE id = ?"

SELECT_PEOPLE: Final = """
SELECT id, name, source, opted_out FROM persons WHERE id IN (SELECT value FROM json_each(?))"""

_COMMUNITY_COLUMNS: Final = "id, name, private, description, name_th, description_th"
SELECT_COMMUNITIES: Final = f"SELECT {_COMMUNITY_COLUMNS} FROM communities ORDER BY id"

SELECT_DOCUMENT: Final = f"""
SELECT id, kind, title, tags, {CONTENT_COLUMNS} FROM documents WHERE id = ?"""

SELECT_POSTS_OF: Final = f"""
SELECT id, kind, document_id, reply_to, accepted, {CONTENT_COLUMNS} FROM posts
WHERE document_id = ? ORDER BY created_ts IS NULL, created_ts, id"""
"""Posts of a document, oldest first; undated ones last."""

SELECT_AUTHOR_IDS: Final = """
SELECT content_id, person_id FROM authored WHERE content_id IN (SELECT value FROM json_each(?))
ORDER BY content_id, ord"""

SELECT_AUTHORSHIPS: Final = """
SELECT content_id, person_id, role FROM authored
WHERE content_id IN (SELECT value FROM json_each(?)) ORDER BY content_id, ord"""

SELECT_AUTHORS: Final = """
SELECT a.content_id, pe.id, pe.name, pe.opted_out, a.role
FROM authored a JOIN persons pe ON pe.id = a.person_id
WHERE a.content_id IN (SELECT value FROM json_each(?)) ORDER BY a.content_id, a.ord"""
"""Authors of contents with their names and roles; an author id with no stored person is
left out."""

SELECT_CONTENT_LINKS: Final = """
SELECT source_id, target_id, kind FROM content_links
WHERE source_id IN (SELECT value FROM json_each(?1))
    OR target_id IN (SELECT value FROM json_each(?1))
ORDER BY source_id, target_id, kind"""
"""The links leaving or reaching the given contents, targets stored or not."""

SELECT_PRACTICES: Final = """
SELECT id, title, summary, passage, source_id, language, search_text, embedding FROM practices
WHERE id IN (SELECT value FROM json_each(?))"""

SELECT_PRACTICE_DOMAINS: Final = """
SELECT practice_id, domain_id FROM practice_domains
WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, ord"""

SELECT_PRACTICE_AUTHORS: Final = """
SELECT practice_id, person_id FROM practice_authors
WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, ord"""

SELECT_DOMAINS: Final = "SELECT id, labels, description, description_th FROM domains ORDER BY id"

SELECT_BROADER: Final = "SELECT domain_id, broader_id FROM domain_broader ORDER BY domain_id, ord"

_SUMMARY_COLUMNS: Final = """COALESCE(d.id, p.id), COALESCE(d.kind, p.kind),
    COALESCE(d.id, p.document_id), COALESCE(d.title, pd.title, ''),
    COALESCE(d.url, p.url, pd.url), COALESCE(d.created_at, p.created_at),
    COALESCE(d.community_id, p.community_id), COALESCE(d.language, p.language),
    COALESCE(d.score, p.score), COALESCE(p.accepted, 0)"""
"""A content as `ContentSummary` fields, over document `d` or post `p` (with its thread `pd`):
a post's title and missing url come from its document."""

SELECT_EVIDENCE: Final = f"""
SELECT ch.id, ch.text, {_SUMMARY_COLUMNS}
FROM chunks ch
LEFT JOIN documents d ON d.id = ch.parent_id
LEFT JOIN posts p ON p.id = ch.parent_id
LEFT JOIN documents pd ON pd.id = p.document_id
WHERE ch.id IN (SELECT value FROM json_each(?)) AND COALESCE(d.id, p.id) IS NOT NULL"""
"""Each chunk with its content; a post's title and missing url come from its document."""

SELECT_REPLY_EVIDENCE: Final = f"""
SELECT ch.id, ch.text, {_SUMMARY_COLUMNS}
FROM posts p
JOIN chunks ch ON ch.parent_id = p.id AND ch.ord = 0
LEFT JOIN documents d ON d.id = ch.parent_id
LEFT JOIN documents pd ON pd.id = p.document_id
WHERE p.document_id IN (SELECT value FROM json_each(?)) AND p.kind IN ('answer', 'reply')"""
"""`SELECT_EVIDENCE` of the `SELECT_REPLY_CHUNKS` of the given threads, in one statement."""

SELECT_REPLY_CHUNKS: Final = """
SELECT ch.id FROM posts p JOIN chunks ch ON ch.parent_id = p.id AND ch.ord = 0
WHERE p.document_id IN (SELECT value FROM json_each(?)) AND p.kind IN ('answer', 'reply')"""
"""The first chunk of each answer and reply in the given threads."""

_CONTRIBUTIONS: Final = """
SELECT a.person_id, a.content_id, COALESCE(d.kind, p.kind), ab.domain_id, ab.weight,
    COALESCE(d.created_at, p.created_at), COALESCE(d.score, p.score), COALESCE(p.accepted, 0),
    CASE WHEN co.private THEN co.id END, a.role
FROM authored a
JOIN about ab ON ab.content_id = a.content_id
LEFT JOIN documents d ON d.id = a.content_id
LEFT JOIN posts p ON p.id = a.content_id
LEFT JOIN communities co ON co.id = COALESCE(d.community_id, p.community_id)
WHERE COALESCE(d.id, p.id) IS NOT NULL"""

_CONTRIBUTIONS_ORDER: Final = "\nORDER BY a.person_id, a.content_id, ab.domain_id"

SELECT_CONTRIBUTIONS: Final = _CONTRIBUTIONS + _CONTRIBUTIONS_ORDER
"""Every (author, content, domain) triple with the private community the content is in (NULL
for public content: outside any community, or in a stored community that is not private)."""

SELECT_CONTRIBUTIONS_OF: Final = (
    _CONTRIBUTIONS
    + "\n    AND a.person_id IN (SELECT value FROM json_each(?))"
    + _CONTRIBUTIONS_ORDER
)
"""`SELECT_CONTRIBUTIONS` of the given persons only (through the `authored_person` index)."""

SELECT_CONTRIBUTIONS_OF_IN: Final = (
    _CONTRIBUTIONS
    + "\n    AND a.person_id IN (SELECT value FROM json_each(?))"
    + "\n    AND ab.domain_id IN (SELECT value FROM json_each(?))"
    + _CONTRIBUTIONS_ORDER
)
"""`SELECT_CONTRIBUTIONS_OF` in the given domains only."""

SELECT_TRACK_RECORDS: Final = """
SELECT a.person_id, COALESCE(d.kind, p.kind), COALESCE(d.created_at, p.created_at),
    COALESCE(p.accepted, 0), CASE WHEN co.private THEN co.id END
FROM authored a
LEFT JOIN documents d ON d.id = a.content_id
LEFT JOIN posts p ON p.id = a.content_id
LEFT JOIN communities co ON co.id = COALESCE(d.community_id, p.community_id)
WHERE COALESCE(d.id, p.id) IS NOT NULL"""
"""Every (author, content) pair with the private community the content is in, as
`SELECT_CONTRIBUTIONS` has it but without the domains."""

SELECT_TRACK_RECORDS_OF: Final = (
    SELECT_TRACK_RECORDS + "\n    AND a.person_id IN (SELECT value FROM json_each(?))"
)
"""`SELECT_TRACK_RECORDS` of the given persons only (through the `authored_person` index)."""

SELECT_UNASSIGNED_CHUNKS: Final = """
SELECT ch.id, ch.parent_id, ch.ord, ch."offset", ch.text, ch.search_text, ch.language,
    ch.embedding
FROM chunks ch
WHERE (EXISTS (SELECT 1 FROM documents WHERE id = ch.parent_id)
        OR EXISTS (SELECT 1 FROM posts WHERE id = ch.parent_id))
    AND NOT EXISTS (SELECT 1 FROM about WHERE content_id = ch.parent_id)
ORDER BY ch.id LIMIT ?"""
"""Chunks of stored content that no ABOUT link claims, by id; a parentless chunk is no
content's (as in the graph, where it has no HAS_CHUNK)."""

SELECT_SEARCH_LOG: Final = """
SELECT endpoint, query, at, result_count, top_score FROM search_log
WHERE :since IS NULL OR at_ts >= :since ORDER BY at_ts, seq"""
"""Logged searches at or after `:since` (epoch seconds; NULL for all), oldest first, ties in
the order they were logged."""

COUNT_NODES: Final = """
SELECT 'Person', COUNT(*) FROM persons UNION ALL
SELECT 'Community', COUNT(*) FROM communities UNION ALL
SELECT 'Domain', COUNT(*) FROM domains UNION ALL
SELECT 'Document', COUNT(*) FROM documents UNION ALL
SELECT 'Post', COUNT(*) FROM posts UNION ALL
SELECT 'Chunk', COUNT(*) FROM chunks UNION ALL
SELECT 'Practice', COUNT(*) FROM practices"""

COUNT_RELATIONSHIPS: Final = """
SELECT 'AUTHORED', COUNT(*) FROM authored UNION ALL
SELECT 'REPLY_TO', COUNT(*) FROM posts UNION ALL
SELECT 'IN_COMMUNITY', (SELECT COUNT(*) FROM documents WHERE community_id IS NOT NULL)
    + (SELECT COUNT(*) FROM posts WHERE community_id IS NOT NULL) UNION ALL
SELECT 'MEMBER_OF', COUNT(*) FROM (
    SELECT DISTINCT a.person_id, COALESCE(d.community_id, p.community_id) AS community
    FROM authored a
    LEFT JOIN documents d ON d.id = a.content_id
    LEFT JOIN posts p ON p.id = a.content_id
    WHERE community IS NOT NULL) UNION ALL
SELECT 'HAS_CHUNK', COUNT(*) FROM chunks UNION ALL
SELECT 'ABOUT', COUNT(*) FROM about UNION ALL
SELECT 'DESCRIBES', COUNT(*) FROM practices UNION ALL
SELECT 'IN_DOMAIN', COUNT(*) FROM practice_domains UNION ALL
SELECT 'BROADER', COUNT(*) FROM domain_broader UNION ALL
SELECT 'EXPERT_IN', COUNT(*) FROM expert_in UNION ALL
SELECT 'RELATED_TO', COUNT(*) FROM related_to UNION ALL
SELECT 'LINKS', COUNT(*) FROM content_links l
    WHERE EXISTS (SELECT 1 FROM documents WHERE id = l.target_id)
        OR EXISTS (SELECT 1 FROM posts WHERE id = l.target_id)"""
"""Counts per type as the graph has them: MEMBER_OF is one per author and community, LINKS
one per link whose target is stored (a relationship needs both ends)."""


TARGETS: Final[dict[SearchTarget, tuple[LiteralString, LiteralString]]] = {
    "chunk": ("chunks", "parent_id"),
    "practice": ("practices", "source_id"),
}
"""Per search target: its table, and the column naming the content it comes from."""

SEARCHED: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "search_text",
    "practice": "indexed_text",
}
"""Per search target: the column its FTS table indexes (as `_FTS_TRIGGERS` say)."""


def _from_target(target: SearchTarget) -> LiteralString:
    table, content = TARGETS[target]
    return f"""
FROM {table} x
LEFT JOIN documents d ON d.id = x.{content}
LEFT JOIN posts p ON p.id = x.{content}
LEFT JOIN communities co ON co.id = COALESCE(d.community_id, p.community_id)"""


def _in_scope(
    language: LiteralString,
    community: LiteralString = "COALESCE(d.community_id, p.community_id)",
    created: LiteralString = "COALESCE(d.created_ts, p.created_ts)",
) -> LiteralString:
    """The scope test over content `d`/`p` and its community `co`, `language` being the column
    the language filter reads; a query over documents alone names its own `community` and
    `created` (epoch seconds) columns.

    Scope parameters are NULL when unused: `:communities` and `:private_allowed` are JSON
    arrays, `:language` a code, `:since` epoch seconds. The private test passes content
    outside any community or in a non-private one, as SearchScope says.
    """
    return f"""(:communities IS NULL OR {community}
        IN (SELECT value FROM json_each(:communities)))
    AND (:private_allowed IS NULL OR co.private IS NOT 1
        OR co.id IN (SELECT value FROM json_each(:private_allowed)))
    AND (:language IS NULL OR {language} = :language)
    AND (:since IS NULL OR {created} >= :since)"""


def phrase_scores(target: SearchTarget) -> LiteralString:
    """Every row of the target matching the one FTS5 phrase `?`, by FTS rowid (`seq`), with
    its `-bm25()`: the phrase's part of a keyword query's score (search.py adds the words'
    parts and finds the rows by their rowids: a join to the table cost 1.8 of 3 ms a
    phrase at 100,000 chunks, twice that with four queries at once)."""
    table, _ = TARGETS[target]
    return f"""
SELECT rowid, -bm25({table}_fts) FROM {table}_fts WHERE {table}_fts MATCH ?"""


RECENT_CONTENT: Final = f"""
SELECT {_SUMMARY_COLUMNS}
FROM (SELECT DISTINCT content_id FROM authored WHERE person_id = :person) a
LEFT JOIN documents d ON d.id = a.content_id
LEFT JOIN posts p ON p.id = a.content_id
LEFT JOIN documents pd ON pd.id = p.document_id
LEFT JOIN communities co ON co.id = COALESCE(d.community_id, p.community_id)
WHERE COALESCE(d.id, p.id) IS NOT NULL AND {_in_scope("COALESCE(d.language, p.language)")}
ORDER BY COALESCE(d.created_ts, p.created_ts) IS NULL,
    COALESCE(d.created_ts, p.created_ts) DESC, COALESCE(d.id, p.id)
LIMIT :limit"""
"""The documents and posts `:person` authored, within the scope parameters (see `_in_scope`;
the language is the content's), newest first, undated last, as `_SUMMARY_COLUMNS`."""

PRACTICES_BY_AUTHOR: Final = f"""
SELECT DISTINCT x.id
{_from_target("practice")}
JOIN practice_authors pa ON pa.practice_id = x.id
WHERE pa.person_id = :person AND {_in_scope("x.language")}
ORDER BY x.id"""
"""Ids of the practices listing `:person` as an author, within the scope parameters exactly as
practice search applies them (see `_in_scope`; the language is the practice's), by id."""

_REPLY: Final = """r.document_id = d.id AND (
        NOT EXISTS (SELECT 1 FROM authored ra WHERE ra.content_id = r.id)
        OR EXISTS (SELECT 1 FROM authored ra WHERE ra.content_id = r.id AND ra.person_id
            NOT IN (SELECT da.person_id FROM authored da WHERE da.content_id = d.id)))"""
"""Post `r` is a reply in the thread of document `d`: one of its authors is not among the
document's, or it has no author at all."""

THREAD_SUMMARIES: Final = f"""
SELECT d.id, d.kind, d.created_at, d.community_id,
    (SELECT COUNT(*) FROM posts r WHERE {_REPLY}),
    (SELECT COUNT(*) FROM posts r WHERE {_REPLY} AND r.kind = 'answer'),
    EXISTS (SELECT 1 FROM posts r WHERE r.document_id = d.id AND r.accepted),
    (SELECT r.created_at FROM posts r WHERE {_REPLY} AND r.created_ts IS NOT NULL
        ORDER BY r.created_ts, r.id LIMIT 1)
FROM documents d
LEFT JOIN communities co ON co.id = d.community_id
WHERE {_in_scope("d.language", "d.community_id", "d.created_ts")}
ORDER BY d.id"""
"""Each document within the scope parameters (see `_in_scope`; language and time are the
document's) with its replies (see `_REPLY`), the answers among them, whether any post of the
thread was accepted, and the time of the earliest dated reply; by document id."""

DOMAIN_DEMAND: Final = f"""
WITH threads AS MATERIALIZED (
    SELECT d.id, d.created_ts, d.kind IN ('question', 'thread') AS asks,
        d.kind IN ('question', 'thread')
            AND NOT EXISTS (SELECT 1 FROM posts r WHERE {_REPLY}) AS unanswered,
        d.kind = 'question'
            AND NOT EXISTS (SELECT 1 FROM posts r WHERE r.document_id = d.id AND r.accepted)
            AS unresolved
    FROM documents d
    LEFT JOIN communities co ON co.id = d.community_id
    WHERE {_in_scope("d.language", "d.community_id", "d.created_ts")})
SELECT ab.domain_id,
    CAST(strftime('%Y', t.created_ts, 'unixepoch') AS INTEGER),
    CAST(strftime('%m', t.created_ts, 'unixepoch') AS INTEGER),
    COUNT(*), SUM(t.asks), SUM(t.unanswered), SUM(t.unresolved)
FROM threads t
JOIN about ab ON ab.content_id = t.id
GROUP BY 1, 2, 3"""
"""Per ABOUT domain and UTC month of creation (NULLs: undated), the documents within the scope
parameters, the questions and threads among them, those without a reply (see `_REPLY`) and
the questions without an accepted post: the gap map's demand, summed here rather than read
thread by thread. Each document's outcome is worked out once (`MATERIALIZED`), not once per
domain it is about: 0.25 s instead of 1.3 s at 100,000 items."""

COMMUNITY_ACTIVITY: Final = """
SELECT id, kind, document_id, created_at, parent_id FROM (
    SELECT id, kind, id AS document_id, created_at, created_ts, NULL AS parent_id
    FROM documents WHERE community_id = :community
    UNION ALL
    SELECT p.id, p.kind, p.document_id, p.created_at, p.created_ts,
        CASE WHEN EXISTS (SELECT 1 FROM documents WHERE id = p.reply_to)
            OR EXISTS (SELECT 1 FROM posts WHERE id = p.reply_to) THEN p.reply_to END
    FROM posts p WHERE p.community_id = :community)
ORDER BY created_ts IS NULL, created_ts, id"""
"""The documents and posts of `:community`, oldest first (undated last, then by id): id, kind,
document id, created_at, and the stored content a post replies to (NULL for a
document, or when the parent is not stored)."""

SELECT_DOMAIN_IDS: Final = """
SELECT content_id, domain_id FROM about WHERE content_id IN (SELECT value FROM json_each(?))
ORDER BY content_id, domain_id"""


def vector_rows(target: SearchTarget) -> LiteralString:
    """Every row of the target with its embedding and the facts a scope filters on.

    Columns: id, FTS rowid (`seq`), embedding, community id, community private flag (NULL
    outside any community), language, content creation time in epoch seconds, the text the
    FTS table indexes; ordered by id.
    """
    return f"""
SELECT x.id, x.seq, x.embedding, COALESCE(d.community_id, p.community_id), co.private,
    x.language, COALESCE(d.created_ts, p.created_ts), x.{SEARCHED[target]}
{_from_target(target)}
ORDER BY x.id"""


def vector_rows_of(target: SearchTarget) -> LiteralString:
    """`vector_rows` of the ids in the JSON array `?` only (those a write changed)."""
    return f"""
SELECT x.id, x.seq, x.embedding, COALESCE(d.community_id, p.community_id), co.private,
    x.language, COALESCE(d.created_ts, p.created_ts), x.{SEARCHED[target]}
{_from_target(target)}
WHERE x.id IN (SELECT value FROM json_each(?))
ORDER BY x.id"""


VECTOR_CHANGES: Final = """
SELECT DISTINCT target, id FROM vector_log WHERE generation > ? AND target IN (?, '*')"""
"""The rows of a target (or '*': every row) that writes changed after a generation."""


def count_rows(target: SearchTarget) -> LiteralString:
    """How many chunks or practices there are, to size the vector matrix before loading."""
    return f"SELECT COUNT(*) FROM {TARGETS[target][0]}"
