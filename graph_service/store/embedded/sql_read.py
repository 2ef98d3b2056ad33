"""SQL that reads the embedded store: getters, evidence, contributions, profiles, counts, search.

Values are always bound parameters; reads with optional filters take named ones, where
`NULL` means "no filter". The only interpolations are of a table from the closed set
`TARGETS`, and of fixed SQL fragments defined here (`_SUMMARY_COLUMNS`, `_in_scope`,
`_REPLY`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final, LiteralString

from graph_service.models import SearchTarget
from graph_service.store.embedded.sql_write import CONTENT_COLUMNS
from graph_service.store.words import query_words

SELECT_DIMENSION: Final = "SELECT value FROM meta WHERE key = 'dimension'"

SELECT_GENERATION: Final = "SELECT value FROM meta WHERE key = 'generation'"

SELECT_DATA_VERSION: Final = "SELECT value FROM meta WHERE key = 'data_version'"

PING: Final = "SELECT 1"

SELECT_SCHEMA_VERSION: Final = "PRAGMA user_version"

ANY_TABLE: Final = "SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1"


SELECT_EXPERTISE: Final = """
SELECT person_id, domain_id, score, evidence_count, last_activity, method, private_community
FROM expert_in
WHERE (:person IS NULL OR person_id = :person) AND (:domain IS NULL OR domain_id = :domain)
ORDER BY score DESC, person_id, domain_id"""

SELECT_RELATED: Final = """
SELECT source_id, target_id, score, method FROM related_to WHERE source_id = ?
ORDER BY score DESC, target_id"""

SELECT_CONTENT_HASHES: Final = """
SELECT id, content_hash FROM documents WHERE id IN (SELECT value FROM json_each(?1))
UNION ALL
SELECT id, content_hash FROM posts WHERE id IN (SELECT value FROM json_each(?1))"""

SELECT_PERSON: Final = "SELECT id, name, source, opted_out FROM persons WHERE id = ?"

SELECT_PEOPLE: Final = """
SELECT id, name, source, opted_out FROM persons WHERE id IN (SELECT value FROM json_each(?))"""

SELECT_COMMUNITY: Final = "SELECT id, name, private, description FROM communities WHERE id = ?"
SELECT_COMMUNITIES: Final = "SELECT id, name, private, description FROM communities ORDER BY id"

SELECT_DOCUMENT: Final = f"""
SELECT id, kind, title, tags, {CONTENT_COLUMNS} FROM documents WHERE id = ?"""

SELECT_POSTS_OF: Final = f"""
SELECT id, kind, document_id, reply_to, accepted, {CONTENT_COLUMNS} FROM posts
WHERE document_id = ? ORDER BY created_ts IS NULL, created_ts, id"""
"""Posts of a document, oldest first; undated ones last."""

SELECT_AUTHOR_IDS: Final = """
SELECT content_id, person_id FROM authored WHERE content_id IN (SELECT value FROM json_each(?))
ORDER BY content_id, ord"""

SELECT_AUTHORS: Final = """
SELECT a.content_id, pe.id, pe.name, pe.opted_out
FROM authored a JOIN persons pe ON pe.id = a.person_id
WHERE a.content_id IN (SELECT value FROM json_each(?)) ORDER BY a.content_id, a.ord"""
"""Authors of contents with their names; an author id with no stored person is left out."""

SELECT_PRACTICES: Final = """
SELECT id, title, summary, passage, source_id, language, search_text, embedding FROM practices
WHERE id IN (SELECT value FROM json_each(?))"""

SELECT_PRACTICE_DOMAINS: Final = """
SELECT practice_id, domain_id FROM practice_domains
WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, ord"""

SELECT_PRACTICE_AUTHORS: Final = """
SELECT practice_id, person_id FROM practice_authors
WHERE practice_id IN (SELECT value FROM json_each(?)) ORDER BY practice_id, ord"""

SELECT_DOMAINS: Final = "SELECT id, labels, description FROM domains ORDER BY id"

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

SELECT_REPLY_CHUNKS: Final = """
SELECT ch.id FROM posts p JOIN chunks ch ON ch.parent_id = p.id AND ch.ord = 0
WHERE p.document_id IN (SELECT value FROM json_each(?)) AND p.kind IN ('answer', 'reply')"""
"""The first chunk of each answer and reply in the given threads."""

SELECT_CONTRIBUTIONS: Final = """
SELECT a.person_id, a.content_id, COALESCE(d.kind, p.kind), ab.domain_id, ab.weight,
    COALESCE(d.created_at, p.created_at), COALESCE(d.score, p.score), COALESCE(p.accepted, 0),
    CASE WHEN co.private THEN co.id END
FROM authored a
JOIN about ab ON ab.content_id = a.content_id
LEFT JOIN documents d ON d.id = a.content_id
LEFT JOIN posts p ON p.id = a.content_id
LEFT JOIN communities co ON co.id = COALESCE(d.community_id, p.community_id)
WHERE COALESCE(d.id, p.id) IS NOT NULL
ORDER BY a.person_id, a.content_id, ab.domain_id"""
"""Every (author, content, domain) triple with the private community the content is in (NULL
for public content: outside any community, or in a stored community that is not private)."""

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
SELECT 'RELATED_TO', COUNT(*) FROM related_to"""
"""Counts per type as the graph has them: MEMBER_OF is one per author and community."""


TARGETS: Final[dict[SearchTarget, tuple[LiteralString, LiteralString]]] = {
    "chunk": ("chunks", "parent_id"),
    "practice": ("practices", "source_id"),
}
"""Per search target: its table, and the column naming the content it comes from."""


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


def fts_match(terms: Iterable[str]) -> str | None:
    """An FTS5 MATCH expression for any of `terms`, or None when no term has a character.

    Each term becomes a quoted phrase (inner quotes doubled), so user input can never be
    read as FTS syntax: `*`, `NEAR(`, `OR` or a stray quote are just text to look up. The
    terms are `words.query_words`, the same the Neo4j store looks up: the index holds
    whole words, so `(straw)` has to be looked up as `straw`.
    """
    phrases = ['"' + term.replace('"', '""') + '"' for term in query_words(terms)]
    return " OR ".join(phrases) or None


def keyword_search(target: SearchTarget) -> LiteralString:
    """BM25 search of the target's FTS table (`:match`), filtered by the scope parameters
    (see `_in_scope`; the language is the chunk's or practice's), best `:k` first."""
    table = TARGETS[target][0]
    return f"""
SELECT x.id, -bm25({table}_fts) AS score
{_from_target(target)}
JOIN {table}_fts ON {table}_fts.rowid = x.seq
WHERE {table}_fts MATCH :match AND {_in_scope("x.language")}
ORDER BY score DESC, x.id LIMIT :k"""


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

    Columns: id, embedding, community id, community private flag (NULL outside any
    community), language, content creation time in epoch seconds; ordered by id.
    """
    return f"""
SELECT x.id, x.embedding, COALESCE(d.community_id, p.community_id), co.private, x.language,
    COALESCE(d.created_ts, p.created_ts)
{_from_target(target)}
ORDER BY x.id"""


def count_rows(target: SearchTarget) -> LiteralString:
    """How many chunks or practices there are, to size the vector matrix before loading."""
    return f"SELECT COUNT(*) FROM {TARGETS[target][0]}"
