"""All Cypher of the Neo4j store: schema, writes and reads, values always `$params`.

Labels and relationship types are interpolated only from the closed sets `NODE_LABELS`
and `RELATIONSHIP_TYPES`, index names only from those named here, and the vector dimension,
which Neo4j does not accept as a parameter inside index options, only once `vector_index`
has validated it as an integer.

Schema statements cannot share a transaction with data writes, so each one runs on its own.
Every name starts with `copgraph_`, so `clear` drops copgraph's search indexes and no
other. The demand log's `SearchLog` nodes are outside the graph: no constraint, one index
on their time, and no place in `NODE_LABELS`, so the graph's counts ignore them. So is the
one `GraphVersion` node, which holds the graph's version token and write number, and so are
the `PracticeGone` nodes numbering deleted practices and the `ViewChange` nodes logging what
writes changed for the query-side views. A link between contents is a
`LINKS` relationship while both ends are stored; one whose target is not (yet) stored waits
as a `PendingLink` node (outside the graph as well, indexed on both ids) and becomes a
relationship when content of that id is written, and again a `PendingLink` when it is
deleted.

Every batch write UNWINDs a list parameter, so thousands of rows cost one round trip.
Nodes are `MERGE`d on `id` and their properties replaced whole (`SET n = row`), which
is what makes a repeated upsert a no-op. Relationships that a node's fields name are
rebuilt from those fields each time the node is written; an endpoint that is not stored yet
is skipped, not created empty. Content (a Document or a Post) is found by id under either
label with two OPTIONAL MATCHes, each an index seek.

Reads follow the foreign keys stored on the nodes (`parent_id`, `source_id`, `community_id`,
`author_ids`) through the uniqueness indexes rather than the relationships, so an answer
does not depend on the order in which batches arrived. Optional filters are parameters
that are `null` when unused, which keeps one plan per query.
"""

from __future__ import annotations

from typing import Final, Literal, LiteralString

from graph_service.models import SearchTarget

# Connection

PING: Final = "RETURN 1 AS ok"


# Schema

NODE_LABELS: Final[tuple[LiteralString, ...]] = (
    "Person",
    "Community",
    "Domain",
    "Document",
    "Post",
    "Chunk",
    "Practice",
)
"""The closed set of the graph's labels: the only labels ever interpolated into a query."""

RELATIONSHIP_TYPES: Final[tuple[LiteralString, ...]] = (
    "AUTHORED",
    "REPLY_TO",
    "IN_COMMUNITY",
    "MEMBER_OF",
    "HAS_CHUNK",
    "ABOUT",
    "DESCRIBES",
    "IN_DOMAIN",
    "BROADER",
    "EXPERT_IN",
    "RELATED_TO",
    "LINKS",
)

CONSTRAINTS: Final[tuple[LiteralString, ...]] = tuple(
    f"CREATE CONSTRAINT copgraph_{label.lower()}_id IF NOT EXISTS "
    f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
    for label in NODE_LABELS
)
"""One uniqueness constraint on `id` per label: MERGE relies on its index to find nodes."""

VERSION_CONSTRAINT: Final = (
    "CREATE CONSTRAINT copgraph_graphversion_id IF NOT EXISTS "
    "FOR (n:GraphVersion) REQUIRE n.id IS UNIQUE"
)
"""Two writers that both find no `GraphVersion` node yet create one between them."""

RANKER_CONSTRAINT: Final = (
    "CREATE CONSTRAINT copgraph_rankermodel_version IF NOT EXISTS "
    "FOR (n:RankerModel) REQUIRE n.version IS UNIQUE"
)
"""One `RankerModel` node per version of the learned ranking: saving a version again
replaces it."""

DERIVATION_CONSTRAINTS: Final = (
    "CREATE CONSTRAINT copgraph_derivationjob_id IF NOT EXISTS "
    "FOR (n:DerivationJob) REQUIRE n.id IS UNIQUE",
    "CREATE CONSTRAINT copgraph_derivationlease_id IF NOT EXISTS "
    "FOR (n:DerivationLease) REQUIRE n.id IS UNIQUE",
)
"""A job is queued once however often its write is retried; one lease node, however many
processes create it at once."""

VOCABULARY_CONSTRAINTS: Final[tuple[LiteralString, ...]] = (
    "CREATE CONSTRAINT copgraph_word_word IF NOT EXISTS FOR (n:Word) REQUIRE n.word IS UNIQUE",
    "CREATE CONSTRAINT copgraph_vocabularysequence_id IF NOT EXISTS "
    "FOR (n:VocabularySequence) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX copgraph_word_seq IF NOT EXISTS FOR (n:Word) ON (n.seq)",
)
"""One `Word` node per vocabulary word, numbered by one `VocabularySequence` counter."""

PRACTICE_NUMBER_SCHEMA: Final[tuple[LiteralString, ...]] = (
    "CREATE INDEX copgraph_practice_seq IF NOT EXISTS FOR (n:Practice) ON (n.seq)",
    "CREATE CONSTRAINT copgraph_practicegone_id IF NOT EXISTS "
    "FOR (n:PracticeGone) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX copgraph_practicegone_seq IF NOT EXISTS FOR (n:PracticeGone) ON (n.seq)",
)
"""The write numbers of practices and of deleted ones (`NUMBER_PRACTICES`), read by number."""

VIEW_LOG_INDEX: Final = (
    "CREATE INDEX copgraph_viewchange_seq IF NOT EXISTS FOR (n:ViewChange) ON (n.seq)"
)
"""The view change log (`LOG_VIEW_CHANGES`) is read and pruned by write number."""

LOOKUP_INDEXES: Final[tuple[LiteralString, ...]] = (
    "CREATE INDEX copgraph_chunk_parent IF NOT EXISTS FOR (n:Chunk) ON (n.parent_id)",
    "CREATE INDEX copgraph_post_document IF NOT EXISTS FOR (n:Post) ON (n.document_id)",
    "CREATE INDEX copgraph_document_source IF NOT EXISTS FOR (n:Document) ON (n.source)",
    "CREATE INDEX copgraph_practice_source IF NOT EXISTS FOR (n:Practice) ON (n.source_id)",
    "CREATE INDEX copgraph_searchlog_at IF NOT EXISTS FOR (n:SearchLog) ON (n.at)",
    "CREATE INDEX copgraph_pendinglink_source IF NOT EXISTS FOR (n:PendingLink) ON (n.source_id)",
    "CREATE INDEX copgraph_pendinglink_target IF NOT EXISTS FOR (n:PendingLink) ON (n.target_id)",
    "CREATE INDEX copgraph_document_community IF NOT EXISTS FOR (n:Document) ON (n.community_id)",
    "CREATE INDEX copgraph_post_community IF NOT EXISTS FOR (n:Post) ON (n.community_id)",
)
"""Foreign keys that replacing chunks and practices and deleting threads look up by value,
the source a sync lists the documents of,
the time the demand log is read from, both ends of a waiting link, and the content of a
community turned private or public (its chunks are marked again, `PUBLIC_CHUNK`)."""

VECTOR_INDEXES: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "copgraph_chunk_embedding",
    "practice": "copgraph_practice_embedding",
}
FULLTEXT_INDEXES: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "copgraph_chunk_text",
    "practice": "copgraph_practice_words",
}
PUBLIC_CHUNK: Final = "PublicChunk"
"""The label of every chunk whose content anyone may see: content outside any stored
community or in one that is not private, as `_SCOPE_TEST` has it.

Most searches are public, and Neo4j 5's vector and full-text procedures cannot filter: over
the whole index, a public search asked for more candidates and joined each to its content
and community to drop the private ones, and asked again when a topic lived mostly in
private communities. Measured at 100,000 items (a third of the chunks private), 130
benchmark queries: vector search mean / p95 47 / 268 ms, full text 18 / 62 ms; over indexes
of the public chunks alone, 19 / 22 and 3 / 5 ms, no join and no second try. Writes keep the
label exact: `UPSERT_CHUNKS` marks every chunk a batch writes (a content written again
keeps only the chunks written with it, so its new community reaches all of them), and
`UPSERT_COMMUNITIES` the chunks of a community turned private or public;
`MARK_PUBLIC_CHUNKS` marks a graph written before the label existed."""
PUBLIC_VECTOR_INDEXES: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "copgraph_public_chunk_embedding",
}
PUBLIC_FULLTEXT_INDEXES: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "copgraph_public_chunk_text",
}
"""The indexes over `PUBLIC_CHUNK` nodes, searched by a caller who may see no private
community. Practices have none: a practice search is not the hot path."""
PUBLIC_INDEXES: Final[tuple[LiteralString, ...]] = (
    *PUBLIC_VECTOR_INDEXES.values(),
    *PUBLIC_FULLTEXT_INDEXES.values(),
)
LEGACY_INDEXES: Final[tuple[LiteralString, ...]] = ("copgraph_practice_text",)
"""Indexes of earlier versions, dropped by `ensure_schema` and `clear`: practices were once
indexed by their raw title, summary and passage with the `standard-no-stop-words` analyzer."""
SEARCH_INDEXES: Final[tuple[LiteralString, ...]] = (
    *VECTOR_INDEXES.values(),
    *FULLTEXT_INDEXES.values(),
    *PUBLIC_INDEXES,
)

_VECTOR_ON: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "FOR (n:Chunk) ON n.embedding",
    "practice": "FOR (n:Practice) ON n.embedding",
}
_PUBLIC_VECTOR_ON: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "FOR (n:PublicChunk) ON n.embedding",
}
_VECTOR_INDEX: Final[dict[bool, dict[SearchTarget, LiteralString]]] = {
    False: VECTOR_INDEXES,
    True: PUBLIC_VECTOR_INDEXES,
}
_VECTOR_INDEX_ON: Final[dict[bool, dict[SearchTarget, LiteralString]]] = {
    False: _VECTOR_ON,
    True: _PUBLIC_VECTOR_ON,
}
"""A vector index's name and what it covers, by whether it is of public nodes alone."""

FULLTEXT_INDEX_STATEMENTS: Final[tuple[LiteralString, ...]] = (
    "CREATE FULLTEXT INDEX copgraph_chunk_text IF NOT EXISTS FOR (n:Chunk) ON EACH "
    "[n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
    "CREATE FULLTEXT INDEX copgraph_practice_words IF NOT EXISTS FOR (n:Practice) ON EACH "
    "[n.index_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
)
"""Full-text indexes: chunks and practices by their pre-segmented words.

A chunk's `search_text` is already lowercased and cut into words by the pipeline, so the
`whitespace` analyzer makes each index term exactly one of those words: on 1,500 words of
real Thai social-media text every query matched exactly the chunks holding that word,
while `standard-no-stop-words` also cut words such as `x-trail` or `2-4` that the segmenter
kept whole. A practice's `index_text` is its `search_text`, or for a practice written
without one its raw words, lowercased and stripped of surrounding punctuation (see
`convert.practice_props`); unspaced Thai is then found only as a whole run. The index gets
a name of its own because `IF NOT EXISTS` would keep an older definition under the old one.
"""
PUBLIC_FULLTEXT_INDEX_STATEMENTS: Final[tuple[LiteralString, ...]] = (
    "CREATE FULLTEXT INDEX copgraph_public_chunk_text IF NOT EXISTS FOR (n:PublicChunk) ON "
    "EACH [n.search_text] OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}",
)
"""The chunks' full-text index again, over `PUBLIC_CHUNK` nodes alone."""

SHOW_VECTOR_DIMENSIONS: Final = """
SHOW VECTOR INDEXES YIELD name, options
WHERE name IN $names
RETURN name, options.indexConfig.`vector.dimensions` AS dimension"""
"""The dimension each existing copgraph vector index was created with."""

ANY_CHUNK: Final = "MATCH (chunk:Chunk) RETURN count(chunk) > 0 AS any"
"""Whether the graph holds a chunk (read off Neo4j's counts)."""

SHOW_INDEXES_NAMED: Final = "SHOW INDEXES YIELD name WHERE name IN $names RETURN name"
"""Which of the named indexes exist."""

AWAIT_INDEXES: Final = "CALL db.awaitIndexes($seconds)"
"""Block until every index is ONLINE, so the first search after `ensure_schema` sees data."""


def vector_index(target: SearchTarget, dimension: int, public: bool = False) -> LiteralString:
    """The statement creating the cosine vector index over the embeddings of `target`
    (with `public`, of its `PUBLIC_CHUNK` nodes alone: `PUBLIC_VECTOR_INDEXES`).

    Quantization is off: with it, Neo4j 5.26 scored a vector against itself 0.914 instead
    of 1.0, which reorders close hits and breaks parity with the embedded store's exact
    cosines; full-precision vectors cost four times the index memory.

    Args:
        target: Which nodes the index covers (chunks or practices).
        dimension: Length of every embedding; checked to be an int before formatting.
        public: The index of the target's public nodes (chunks only).

    Raises:
        ValueError: `dimension` is not an integer from 1 to 4096.
    """
    if type(dimension) is not int or not 1 <= dimension <= 4096:
        raise ValueError(f"vector dimension must be an int from 1 to 4096, not {dimension!r}")
    return (
        "CREATE VECTOR INDEX " + _VECTOR_INDEX[public][target] + " IF NOT EXISTS "
        + _VECTOR_INDEX_ON[public][target]
        + " OPTIONS {indexConfig: {`vector.dimensions`: " + str(dimension)
        + ", `vector.similarity_function`: 'cosine', `vector.quantization.enabled`: false}}"
    )  # fmt: skip


def drop_index(name: LiteralString) -> LiteralString:
    """The statement dropping one of copgraph's search indexes, current or legacy.

    Raises:
        ValueError: `name` is in neither `SEARCH_INDEXES` nor `LEGACY_INDEXES`.
    """
    if name not in SEARCH_INDEXES and name not in LEGACY_INDEXES:
        raise ValueError(f"not a copgraph search index: {name!r}")
    return "DROP INDEX " + name + " IF EXISTS"


# Writes

_PUBLIC_COMMUNITY: Final = "community IS NULL OR NOT community.private"
"""Whether a `community` (null: the content has none stored) lets anyone see its content:
what the public indexes hold (`_MARK_PUBLIC`) and what every scope lets through
(`_SCOPE_TEST`)."""

_MARK_PUBLIC: Final = (
    """
OPTIONAL MATCH (community:Community {id: content.community_id})
WITH chunk, coalesce("""
    + _PUBLIC_COMMUNITY
    + """, false) AS public
CALL (chunk, public) { WITH chunk WHERE public SET chunk:PublicChunk }
CALL (chunk, public) { WITH chunk WHERE NOT public REMOVE chunk:PublicChunk }"""
)
"""Give `chunk` the `PUBLIC_CHUNK` label exactly when its `content` (null for a chunk
whose content is not stored) is public as `_SCOPE_TEST` has it, and take it away otherwise."""

UPSERT_PERSONS: Final = "UNWIND $rows AS row MERGE (n:Person {id: row.id}) SET n = row"
UPSERT_COMMUNITIES: Final = (
    """
UNWIND $rows AS row
OPTIONAL MATCH (stored:Community {id: row.id})
WITH row, coalesce(stored.private, false) AS was
MERGE (n:Community {id: row.id})
SET n = row
WITH n, coalesce(n.private, false) <> was AS turned
CALL (n, turned) {
    WITH n WHERE turned
    CALL (n) {
        MATCH (content:Document {community_id: n.id}) RETURN content
        UNION
        MATCH (content:Post {community_id: n.id}) RETURN content
    }
    MATCH (chunk:Chunk {parent_id: content.id})
    WITH chunk, content"""
    + _MARK_PUBLIC
    + """
}
RETURN collect(CASE WHEN turned THEN ['*', n.id] END) AS views"""
)
"""Returns a view change '*' for each community turned private or public (a new private one
included): what every view filters on (see `LOG_VIEW_CHANGES`). The chunks of its content
are marked public or not again."""
UPSERT_DOMAINS: Final = "UNWIND $rows AS row MERGE (n:Domain {id: row.id}) SET n = row"
UPSERT_DOCUMENTS: Final = "UNWIND $rows AS row MERGE (n:Document {id: row.id}) SET n = row"
UPSERT_POSTS: Final = "UNWIND $rows AS row MERGE (n:Post {id: row.id}) SET n = row"

LINK_BROADER: Final = """
UNWIND $rows AS row
MATCH (n:Domain {id: row.id})
CALL (n) { MATCH (n)-[old:BROADER]->() DELETE old }
CALL (n) {
    UNWIND n.broader AS broader_id
    MATCH (broader:Domain {id: broader_id})
    MERGE (n)-[:BROADER]->(broader)
}"""
"""Rebuild BROADER from each domain's `broader` list (run after all domains are merged)."""

_LINK_CONTENT: Final = """
UNWIND $rows AS row
MATCH (n:{label} {id: row.id})
CALL (n) {
    OPTIONAL MATCH (n)<-[old:AUTHORED]-(person:Person)
    DELETE old
    RETURN collect(person.id) AS previous
}
CALL (n) { MATCH (n)-[old:IN_COMMUNITY|REPLY_TO]->() DELETE old }
CALL (n) {
    UNWIND range(0, size(n.author_ids) - 1) AS at
    MATCH (person:Person {id: n.author_ids[at]})
    MERGE (person)-[authored:AUTHORED]->(n)
    SET authored.role = coalesce(n.author_roles[at], 'author')
}
CALL (n) {
    MATCH (community:Community {id: n.community_id})
    MERGE (n)-[:IN_COMMUNITY]->(community)
}
CALL (n) {
    OPTIONAL MATCH (document:Document {id: n.reply_to})
    OPTIONAL MATCH (post:Post {id: n.reply_to})
    WITH coalesce(document, post) AS target
    WHERE target IS NOT NULL
    MERGE (n)-[:REPLY_TO]->(target)
}
UNWIND previous + n.author_ids AS person_id
RETURN collect(DISTINCT person_id) AS touched"""
LINK_DOCUMENTS: Final = _LINK_CONTENT.replace("{label}", "Document")
LINK_POSTS: Final = _LINK_CONTENT.replace("{label}", "Post")
"""Rebuild AUTHORED (with each author's `role`), IN_COMMUNITY and REPLY_TO from the
content's own fields.

Returns the persons who were or are now its authors (`touched`), whose MEMBER_OF must be
derived again. Documents have no `reply_to`, so the last subquery matches nothing for them.
"""

REFRESH_MEMBERSHIP: Final = """
UNWIND $ids AS person_id
MATCH (person:Person {id: person_id})
CALL (person) { MATCH (person)-[old:MEMBER_OF]->() DELETE old }
CALL (person) {
    MATCH (person)-[:AUTHORED]->()-[:IN_COMMUNITY]->(community:Community)
    WITH DISTINCT community
    MERGE (person)-[:MEMBER_OF]->(community)
}"""
"""Derive MEMBER_OF again for these persons: one link per community they have content in."""

DELETE_STALE_CHUNKS: Final = """
UNWIND $parents AS parent
MATCH (c:Chunk {parent_id: parent.id})
WHERE NOT c.id IN parent.keep
WITH c, c.id AS id
DETACH DELETE c
RETURN collect(['vectors', id]) AS views"""
"""Chunks of each parent (`id`) that the batch does not write again (`keep`), named as view
changes (the relevance floor follows chunks)."""

UPSERT_CHUNKS: Final = (
    """
UNWIND $rows AS row
MERGE (chunk:Chunk {id: row.id})
SET chunk = row
WITH chunk
CALL (chunk) {
    MATCH (chunk)<-[old:HAS_CHUNK]-(parent) WHERE parent.id <> chunk.parent_id DELETE old
}
OPTIONAL MATCH (document:Document {id: chunk.parent_id})
OPTIONAL MATCH (post:Post {id: chunk.parent_id})
WITH chunk, coalesce(document, post) AS content
CALL (chunk, content) {
    WITH chunk, content WHERE content IS NOT NULL
    MERGE (content)-[:HAS_CHUNK]->(chunk)
}"""
    + _MARK_PUBLIC
)
"""Store each chunk, link it to its content when that is stored, and mark it public or not."""

MARK_PUBLIC_CHUNKS: Final = (
    """
MATCH (chunk:Chunk)
CALL (chunk) {
    OPTIONAL MATCH (document:Document {id: chunk.parent_id})
    OPTIONAL MATCH (post:Post {id: chunk.parent_id})
    WITH chunk, coalesce(document, post) AS content"""
    + _MARK_PUBLIC
    + """
} IN TRANSACTIONS OF 10000 ROWS"""
)
"""Mark every chunk public or not, in batches: a graph written before `PUBLIC_CHUNK` existed
gets it before its public indexes are created (`schema.ensure_schema`). Needs an
auto-commit transaction (`Database.auto_commit`)."""

DELETE_STALE_PRACTICES: Final = """
UNWIND $sources AS source
MATCH (p:Practice {source_id: source.id})
WHERE NOT p.id IN source.keep
WITH p, p.id AS id
DETACH DELETE p
RETURN collect(id) AS practices"""
"""Practices of each source content (`id`) that the batch does not write again (`keep`);
returns their ids (`practices`, see `NUMBER_PRACTICES`)."""

UPSERT_PRACTICES: Final = """
UNWIND $rows AS row
MERGE (p:Practice {id: row.id})
SET p = row
WITH p
CALL (p) { MATCH (p)<-[old:DESCRIBES]-() DELETE old }
CALL (p) { MATCH (p)-[old:IN_DOMAIN]->() DELETE old }
CALL (p) {
    OPTIONAL MATCH (document:Document {id: p.source_id})
    OPTIONAL MATCH (post:Post {id: p.source_id})
    WITH coalesce(document, post) AS source
    WHERE source IS NOT NULL
    MERGE (source)-[:DESCRIBES]->(p)
}
CALL (p) {
    UNWIND p.domain_ids AS domain_id
    MATCH (domain:Domain {id: domain_id})
    MERGE (p)-[:IN_DOMAIN]->(domain)
}
RETURN collect(p.id) AS practices"""
"""Returns the ids written (`practices`, see `NUMBER_PRACTICES`)."""

DELETE_ABOUT: Final = """
UNWIND $ids AS content_id
OPTIONAL MATCH (document:Document {id: content_id})
OPTIONAL MATCH (post:Post {id: content_id})
WITH coalesce(document, post) AS content
MATCH (content)-[old:ABOUT]->(:Domain)
DELETE old"""
"""ABOUT links of the content the batch assigns domains to; the batch's links replace them."""

UPSERT_ABOUT: Final = """
UNWIND $rows AS row
OPTIONAL MATCH (document:Document {id: row.content_id})
OPTIONAL MATCH (post:Post {id: row.content_id})
WITH row, coalesce(document, post) AS content
WHERE content IS NOT NULL
MATCH (domain:Domain {id: row.domain_id})
MERGE (content)-[about:ABOUT]->(domain)
SET about.weight = row.weight, about.method = row.method"""

DELETE_CONTENT_LINKS: Final = """
UNWIND $ids AS content_id
CALL (content_id) {
    OPTIONAL MATCH (document:Document {id: content_id})
    OPTIONAL MATCH (post:Post {id: content_id})
    WITH coalesce(document, post) AS content
    MATCH (content)-[old:LINKS]->()
    DELETE old
}
CALL (content_id) {
    MATCH (pending:PendingLink {source_id: content_id})
    DELETE pending
}"""
"""The links the given contents make, resolved or waiting; the batch's links replace them.
Links to these contents are their sources' and stay."""

UPSERT_CONTENT_LINKS: Final = """
UNWIND $rows AS row
OPTIONAL MATCH (document:Document {id: row.source_id})
OPTIONAL MATCH (post:Post {id: row.source_id})
WITH row, coalesce(document, post) AS source
WHERE source IS NOT NULL
OPTIONAL MATCH (target_document:Document {id: row.target_id})
OPTIONAL MATCH (target_post:Post {id: row.target_id})
WITH row, source, coalesce(target_document, target_post) AS target
FOREACH (_ IN CASE WHEN target IS NOT NULL THEN [1] ELSE [] END |
    MERGE (source)-[:LINKS {kind: row.kind}]->(target))
FOREACH (_ IN CASE WHEN target IS NULL THEN [1] ELSE [] END |
    MERGE (:PendingLink {source_id: row.source_id, target_id: row.target_id, kind: row.kind}))"""
"""A link of a stored source: LINKS to a stored target, else a PendingLink by the target id."""

RESOLVE_PENDING_LINKS: Final = """
UNWIND $ids AS target_id
MATCH (pending:PendingLink {target_id: target_id})
OPTIONAL MATCH (target_document:Document {id: target_id})
OPTIONAL MATCH (target_post:Post {id: target_id})
WITH pending, coalesce(target_document, target_post) AS target
WHERE target IS NOT NULL
OPTIONAL MATCH (document:Document {id: pending.source_id})
OPTIONAL MATCH (post:Post {id: pending.source_id})
WITH pending, target, coalesce(document, post) AS source
FOREACH (_ IN CASE WHEN source IS NOT NULL THEN [1] ELSE [] END |
    MERGE (source)-[:LINKS {kind: pending.kind}]->(target))
DELETE pending"""
"""Links that waited for the given contents become LINKS relationships."""

DELETE_DOCUMENTS: Final = """
OPTIONAL MATCH (post:Post) WHERE post.document_id IN $ids
WITH $ids + collect(post.id) AS content_ids
WITH content_ids,
     COLLECT {
         MATCH (d:Document) WHERE d.id IN content_ids UNWIND d.author_ids AS a RETURN a
     } + COLLECT {
         MATCH (p:Post) WHERE p.id IN content_ids UNWIND p.author_ids AS a RETURN a
     } AS touched
CALL (content_ids) {
    UNWIND content_ids AS content_id
    OPTIONAL MATCH (document:Document {id: content_id})
    OPTIONAL MATCH (post:Post {id: content_id})
    WITH coalesce(document, post) AS target
    MATCH (source)-[link:LINKS]->(target)
    WHERE NOT source.id IN content_ids
    MERGE (:PendingLink {source_id: source.id, target_id: target.id, kind: link.kind})
}
CALL (content_ids) {
    UNWIND content_ids AS content_id
    MATCH (pending:PendingLink {source_id: content_id})
    DELETE pending
}
CALL (content_ids) {
    MATCH (c:Chunk) WHERE c.parent_id IN content_ids
    WITH c, c.id AS id
    DETACH DELETE c
    RETURN collect(['vectors', id]) AS views
}
CALL (content_ids) {
    MATCH (p:Practice) WHERE p.source_id IN content_ids
    WITH p, p.id AS id
    DETACH DELETE p
    RETURN collect(id) AS practices
}
CALL (content_ids) {
    MATCH (p:Post) WHERE p.id IN content_ids DETACH DELETE p
}
CALL () {
    MATCH (d:Document) WHERE d.id IN $ids DETACH DELETE d RETURN count(d) AS deleted
}
RETURN deleted, touched, practices, views"""
"""Documents, their posts, the chunks and practices of both, and the links they make;
persons and domains stay, and links to them from other content wait as PendingLinks.

Returns how many documents there were, the authors of what went (`touched`), the ids of
the practices that went (`practices`, see `NUMBER_PRACTICES`) and the chunks that went as
view changes (`views`, the relevance floor follows chunks).
"""

DELETE_EXPERTISE: Final = """
MATCH (person:Person)-[r:EXPERT_IN]->()
DELETE r
RETURN collect(DISTINCT ['expertise', person.id]) AS views"""
"""Returns a view change for each person who had rows (see `LOG_VIEW_CHANGES`)."""
DELETE_EXPERTISE_OF: Final = """
UNWIND $ids AS id
MATCH (:Person {id: id})-[r:EXPERT_IN]->(domain:Domain)
WHERE $domain_ids IS NULL OR domain.id IN $domain_ids
DELETE r"""
CREATE_EXPERTISE: Final = """
UNWIND $rows AS row
MATCH (person:Person {id: row.person_id})
MATCH (domain:Domain {id: row.domain_id})
CREATE (person)-[r:EXPERT_IN]->(domain)
SET r.score = row.score, r.evidence_count = row.evidence_count,
    r.last_activity = row.last_activity, r.method = row.method,
    r.private_community = row.private_community"""
"""Runs after `DELETE_EXPERTISE` in the same transaction, so CREATE cannot duplicate: a person
has one EXPERT_IN per domain for public evidence and one per private community (a null
`private_community` leaves the property unset)."""

DELETE_RELATED: Final = "MATCH (:Practice)-[r:RELATED_TO]->(:Practice) DELETE r"
DELETE_RELATED_FROM: Final = """
UNWIND $ids AS id
MATCH (:Practice {id: id})-[r:RELATED_TO]->(:Practice)
DELETE r"""
CREATE_RELATED: Final = """
UNWIND $rows AS row
MATCH (source:Practice {id: row.source_id})
MATCH (target:Practice {id: row.target_id})
MERGE (source)-[r:RELATED_TO]->(target)
SET r.score = row.score, r.method = row.method"""

FILL_INDEX_TEXT: Final = """
UNWIND $rows AS row
MATCH (p:Practice {id: row.id})
WHERE p.index_text IS NULL
SET p.index_text = row.index_text"""
"""Give practices written before `index_text` existed the words they are found by."""

SET_DATA_VERSION: Final = """
MERGE (n:GraphVersion {id: 'graph'})
SET n.token = $token
WITH n
SET n.seq = coalesce(n.seq + 1, timestamp() * 1000), n.epoch = coalesce(n.epoch, $token)
WITH n
SET n.views_from = CASE
    WHEN n.views_from IS NULL THEN n.seq
    WHEN n.views_from <= n.seq - $views_kept THEN n.seq - $views_kept + 1
    ELSE n.views_from
END
WITH n
CALL (n) { MATCH (old:ViewChange) WHERE old.seq < n.views_from DELETE old }"""
"""Give the graph a new version token (see `GraphStore.data_version`) and the next write
number `seq`: the last statements of every write transaction, so the token and the data it
stands for commit together. One node outside the graph (not in `NODE_LABELS`); it is locked
only for the instant before commit, and from its first SET on, so `seq` is read under the
lock and numbers the write transactions in the order they commit.

`epoch` names the numbering: a cleared graph starts another (see `practice_vectors.py`), at
the server's time in microseconds, past any number the cleared one reached (that would take
more than one write a microsecond), so a view's mark from before the clear is older than
its change log (`views_from`). The log keeps the changes of the last `$views_kept` writes.
"""

LOG_VIEW_CHANGES: Final = """
MATCH (n:GraphVersion {id: 'graph'})
UNWIND $rows AS row
CREATE (:ViewChange {seq: n.seq, kind: row[0], key: row[1]})"""
"""After `SET_DATA_VERSION`, in the same transaction: what the write changed for the
query-side views, as `[kind, key]` rows under its number (`GraphStore.view_changes` says
what each kind means). `ViewChange` nodes are outside the graph."""

NUMBER_PRACTICES: Final = """
MATCH (n:GraphVersion {id: 'graph'})
UNWIND $ids AS id
OPTIONAL MATCH (p:Practice {id: id})
FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | SET p.seq = n.seq)
FOREACH (_ IN CASE WHEN p IS NULL THEN [1] ELSE [] END |
    MERGE (gone:PracticeGone {id: id}) SET gone.seq = n.seq)"""
"""After `SET_DATA_VERSION`, in the same transaction: each practice the write stored or
deleted (ids the write statements return as `practices`) gets the write's `seq`, on its node
or, once gone, on a `PracticeGone` node (outside the graph, one per id): what a process
keeping practice embeddings reads to follow every process's writes."""

NUMBER_GRAPH_VERSION: Final = """
MATCH (n:GraphVersion {id: 'graph'})
WHERE n.epoch IS NULL
SET n.epoch = $token, n.seq = coalesce(n.seq, 0)"""
"""Number a graph written before writes were numbered (its practices have no `seq`, which
readers take as 0), so that its next write does not look like a new numbering."""

SAVE_DERIVATION_STATE: Final = "MERGE (n:DerivationState {id: 'derivation'}) SET n.body = $body"
"""The `DerivationState` as its JSON: one node outside the graph (not in `NODE_LABELS`)."""

QUEUE_DERIVATION_JOB: Final = """
MERGE (j:DerivationJob {id: $id})
ON CREATE SET j.body = $body, j.queued_at = timestamp()"""
"""A write's `DerivationJob` as its JSON, in the write's own transaction: one node outside
the graph (not in `NODE_LABELS`), queued by the server's clock."""

FINISH_DERIVATION_JOBS: Final = """
UNWIND $ids AS id
MATCH (j:DerivationJob {id: id})
DELETE j"""

TAKE_DERIVATION_LEASE: Final = """
MERGE (l:DerivationLease {id: 'derivation'})
SET l._lock = true
WITH l, timestamp() AS now
WITH l, now, (l.holder IS NULL OR l.holder = $holder OR l.until < now) AS free
SET l.holder = CASE WHEN free THEN $holder ELSE l.holder END,
    l.until = CASE WHEN free THEN now + $milliseconds ELSE l.until END
REMOVE l._lock
RETURN free"""
"""Take (or renew) the derivation lease unless another holder's runs past the server's
clock. Setting `_lock` first takes the node's write lock before its holder is read, so two
processes cannot both read it free (Neo4j's read committed would allow a lost update)."""

RELEASE_DERIVATION_LEASE: Final = """
MATCH (l:DerivationLease {id: 'derivation'})
WHERE l.holder = $holder
SET l.until = 0"""

SAVE_RANKER_MODEL: Final = "MERGE (n:RankerModel {version: $version}) SET n.body = $body"
"""A learned ranking, kept as its JSON (queries.learned_ranking reads it back)."""
LOG_SEARCH: Final = "CREATE (n:SearchLog) SET n = $entry"
"""Append one search to the demand log: a node outside the graph, linked to nothing."""

CLEAR_NODES: Final = """
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"""
"""Delete every node in batches, the demand log's included, so clearing a large graph never
needs one huge transaction.

Needs an auto-commit transaction (`session.run`), which is why `clear` does not use
`execute_query`.
"""


# Reads

_CANDIDATES: Final[dict[str, LiteralString]] = {
    "vector": "CALL db.index.vector.queryNodes($index, $fetch, $vector) YIELD node, score",
    "keyword": (
        "CALL db.index.fulltext.queryNodes($index, $query, {limit: $fetch}) YIELD node, score"
    ),
}
_SOURCE_KEY: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "node.parent_id",
    "practice": "node.source_id",
}
_SCOPE_TEST: Final = (
    """($language IS NULL OR node.language = $language)
      AND ($since IS NULL OR content.created_at >= $since)
      AND ($communities IS NULL OR content.community_id IN $communities)
      AND ("""
    + _PUBLIC_COMMUNITY
    + """
           OR $private_allowed IS NULL OR community.id IN $private_allowed)"""
)
"""A scope as one condition over `node`, `content` and `community`, shared by all reads.

`node` is what is listed (its `language` is checked), `content` its source Document or Post
and `community` that content's stored Community (either may be null). Content without a
community is public; undated content fails a `$since` filter. Each parameter switches its
filter off when null.
"""
_SCOPE_FILTER: Final = "\n    WHERE " + _SCOPE_TEST
"""`_SCOPE_TEST` as a WHERE clause."""
_HIT_SCOPE_TEST: Final = _SCOPE_TEST.replace("node.language", "hit.language")
"""`_SCOPE_TEST` over a candidate `hit` (its `language` read off the listed node)."""
_IN_SCOPE: Final = (
    """
WITH collect({id: node.id, source: {source}, language: node.language, score: score}) AS found
CALL (found) {
    UNWIND found AS hit
    WITH hit ORDER BY hit.score DESC, hit.id
    WITH collect(hit) AS ranked
    UNWIND ranked AS hit
    CALL (hit) {
        OPTIONAL MATCH (document:Document {id: hit.source})
        OPTIONAL MATCH (post:Post {id: hit.source})
        WITH coalesce(document, post) AS content
        OPTIONAL MATCH (community:Community {id: content.community_id})
        RETURN """
    + _HIT_SCOPE_TEST
    + """ AS visible
    }
    WITH hit WHERE visible
    LIMIT $k
    RETURN collect({id: hit.id, score: hit.score}) AS hits
}
RETURN size(found) AS candidates, hits"""
)


_ON_NODE: Final = """
WITH collect({id: node.id, language: node.language, score: score}) AS found
CALL (found) {
    UNWIND found AS hit
    WITH hit ORDER BY hit.score DESC, hit.id
    WITH hit WHERE $language IS NULL OR hit.language = $language
    LIMIT $k
    RETURN collect({id: hit.id, score: hit.score}) AS hits
}
RETURN size(found) AS candidates, hits"""


def search(
    kind: Literal["vector", "keyword"], target: SearchTarget, joined: bool = True
) -> LiteralString:
    """The scoped search of `target` nodes through a vector or a full-text index.

    Without `joined`, only `$language` is checked, on the listed node itself: for a scope
    that the index searched already settles otherwise (`search.plan`).

    The index returns its `$fetch` best candidates; in rank order (score, then id), each is
    joined to its source content (the chunk's parent, the practice's source) and that
    content's community, and kept only if `$language`, `$since`, `$communities` and
    `$private_allowed` allow it, until `$k` are kept: the joins stop there, so a wide scope
    costs the joins of about `$k` candidates rather than of all `$fetch`. Content without a
    community is public; undated content fails a `$since` filter. One row comes back: the
    best `$k` `hits`, and how many `candidates` the index gave, which tells the caller
    whether asking for more could find more.

    Only the ids, sources, languages and scores of the candidates are collected: collecting
    the candidate nodes themselves took over 700 MiB of transaction memory at 16,000
    candidates (a narrow scope at 100,000 chunks), past Neo4j's default limit for all
    transactions of a 1 GiB heap.
    """
    if not joined:
        return _CANDIDATES[kind] + _ON_NODE
    return _CANDIDATES[kind] + _IN_SCOPE.replace("{source}", _SOURCE_KEY[target])


COSINES_EACH: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": """
UNWIND $ids AS id
MATCH (n:Chunk {id: id})
RETURN collect([n.id, [v IN $vectors | vector.similarity.cosine(n.embedding, v)]]) AS rows""",
    "practice": """
UNWIND $ids AS id
MATCH (n:Practice {id: id})
RETURN collect([n.id, [v IN $vectors | vector.similarity.cosine(n.embedding, v)]]) AS rows""",
}
"""Per target, each given node's similarity to each of `$vectors` as its vector index scores
it: per node, its similarities in the vectors' order."""

_EVIDENCE_OF_CHUNK: Final = """
OPTIONAL MATCH (document:Document {id: chunk.parent_id})
OPTIONAL MATCH (post:Post {id: chunk.parent_id})
WITH chunk, coalesce(document, post) AS content
WHERE content IS NOT NULL
OPTIONAL MATCH (thread:Document {id: coalesce(content.document_id, content.id)})
RETURN collect([
    chunk.id, chunk.text, content.id, content.kind, coalesce(content.document_id, content.id),
    thread.title, content.url, thread.url,
    content.created_at.epochMillis * 1000 + content.created_at.microsecond % 1000,
    content.community_id, content.language, content.score, coalesce(content.accepted, false),
    content.author_ids, coalesce(content.author_roles, []),
    COLLECT {
        MATCH (person:Person) WHERE person.id IN content.author_ids
        RETURN [person.id, person.name, coalesce(person.opted_out, false)]
    }
]) AS rows"""
"""The evidence row of each `chunk` (see `EVIDENCE`)."""

EVIDENCE: Final = (
    """
UNWIND $ids AS chunk_id
MATCH (chunk:Chunk {id: chunk_id})"""
    + _EVIDENCE_OF_CHUNK
)
"""Each chunk with its content, its thread's title and url, and its authors that are stored;
one record of lists (see `convert.evidence_from`), times in microseconds since the epoch:
an expert search reads hundreds of these, and the driver spent more on building each
record's DateTime (0.5 ms apiece under load) than the server on the whole query.

A post's title, and its url when it has none, are its thread's.
"""

REPLY_CHUNKS: Final = """
UNWIND $ids AS document_id
MATCH (post:Post {document_id: document_id})
WHERE post.kind IN ['answer', 'reply']
MATCH (chunk:Chunk {parent_id: post.id, ord: 0})
RETURN chunk.id AS id"""
"""The first chunk of each answer and reply in the given threads (both lookups indexed)."""

REPLY_EVIDENCE: Final = (
    """
UNWIND $ids AS document_id
MATCH (post:Post {document_id: document_id})
WHERE post.kind IN ['answer', 'reply']
MATCH (chunk:Chunk {parent_id: post.id, ord: 0})
WITH DISTINCT chunk"""
    + _EVIDENCE_OF_CHUNK
)
"""`EVIDENCE` of the chunks `REPLY_CHUNKS` finds, in one read: expert search reads both for
the threads that matched, and the ids no longer travel to the client and back."""

RECENT_CONTENT: Final = (
    """
MATCH (:Person {id: $person_id})-[:AUTHORED]->(content)
WHERE content:Document OR content:Post
OPTIONAL MATCH (community:Community {id: content.community_id})
WITH content AS node, content, community"""
    + _SCOPE_FILTER
    + """
OPTIONAL MATCH (thread:Document {id: coalesce(content.document_id, content.id)})
RETURN properties(content) AS content, thread.title AS thread_title, thread.url AS thread_url
ORDER BY content.created_at IS NULL, content.created_at DESC, content.id
LIMIT $limit"""
)
"""The person's documents and posts within the scope, newest first (undated last), with
their thread's title and url, as `EVIDENCE` gives them; the content's language is checked."""

MAIN_COMMUNITIES: Final = (
    """
UNWIND $ids AS person_id
CALL (person_id) {
    MATCH (:Person {id: person_id})-[:AUTHORED]->(content)
    WHERE content:Document OR content:Post
    OPTIONAL MATCH (community:Community {id: content.community_id})
    WITH content AS node, content, community"""
    + _SCOPE_FILTER
    + """
    WITH content ORDER BY content.created_at IS NULL, content.created_at DESC, content.id
    LIMIT $limit
    WITH collect(content.community_id) AS found
    UNWIND range(0, size(found) - 1) AS position
    WITH found[position] AS community_id, position
    WHERE community_id IS NOT NULL AND community_id <> ''
    WITH community_id, count(*) AS contents, min(position) AS newest
    RETURN community_id ORDER BY contents DESC, newest LIMIT 1
}
RETURN person_id, community_id"""
)
"""Per person, the community most of their `$limit` newest contents (`RECENT_CONTENT`'s, in
its order) are in, the newer one on a tie; people without any left out. Namesakes are told
apart by it after every write: a `RECENT_CONTENT` read each was 83 round trips at 10,000
items, about 0.6 s of the first request after the write."""

PRACTICES_BY_AUTHOR: Final = (
    """
MATCH (node:Practice)
WHERE $person_id IN node.author_ids
OPTIONAL MATCH (document:Document {id: node.source_id})
OPTIONAL MATCH (post:Post {id: node.source_id})
WITH node, coalesce(document, post) AS content
OPTIONAL MATCH (community:Community {id: content.community_id})
WITH node, content, community"""
    + _SCOPE_FILTER
    + """
RETURN properties(node) AS props
ORDER BY props.id"""
)
"""Practices listing the person among their authors whose source content is within the scope,
by id; the practice's own language is checked, as a practice search does.

Practice authors have no relationship, so this reads every practice: a few thousand at most.
"""

_DOCUMENTS_IN_SCOPE: Final = (
    """
MATCH (node:Document)
OPTIONAL MATCH (community:Community {id: node.community_id})
WITH node, node AS content, community"""
    + _SCOPE_FILTER
)
"""Every Document within the scope as `node`: the document is its own `content`, so its own
language and creation time are checked."""

THREAD_SUMMARIES: Final = (
    _DOCUMENTS_IN_SCOPE
    + """
CALL (node) {
    OPTIONAL MATCH (post:Post {document_id: node.id})
    WITH post, post IS NOT NULL
               AND (size(post.author_ids) = 0
                    OR any(a IN post.author_ids WHERE NOT a IN node.author_ids)) AS counted
    RETURN count(CASE WHEN counted THEN post END) AS replies,
           count(CASE WHEN counted AND post.kind = 'answer' THEN post END) AS answers,
           coalesce(any(p IN collect(post) WHERE p.accepted), false) AS accepted,
           min(CASE WHEN counted THEN post.created_at END) AS first_reply_at
}
RETURN node.id AS document_id, node.kind AS kind,
       node.created_at.epochMillis * 1000 + node.created_at.microsecond % 1000 AS created_at,
       node.community_id AS community_id,
       COLLECT { UNWIND node.author_ids AS a RETURN a ORDER BY a } AS author_ids,
       COLLECT {
           MATCH (node)-[:ABOUT]->(domain:Domain) RETURN domain.id ORDER BY domain.id
       } AS domain_ids,
       replies, answers, accepted,
       first_reply_at.epochMillis * 1000 + first_reply_at.microsecond % 1000 AS first_reply_at
ORDER BY document_id"""
)
"""Every Document within the scope, by id, with how its thread went; times in microseconds
since the epoch (see `convert.from_micros`), from `epochMillis`, which rounds down before
1970 too (`epochSeconds` rounds toward zero there).

The document itself is `node` and `content` of the scope filter, so its own language and
creation time are checked. A post of the thread counts as a reply when it has no author or
an author who is not one of the document's (`author_ids`, not AUTHORED, which exists only
for stored persons); `accepted` looks at every post of the thread, whoever wrote it.
"""

DOMAIN_DEMAND: Final = (
    _DOCUMENTS_IN_SCOPE
    + """
WITH node, node.kind IN ['question', 'thread'] AS asks, node.kind = 'question' AS question
WITH node, asks,
     asks AND NOT EXISTS {
         MATCH (post:Post {document_id: node.id})
         WHERE size(post.author_ids) = 0
            OR any(a IN post.author_ids WHERE NOT a IN node.author_ids)
     } AS unanswered,
     question AND NOT EXISTS {
         MATCH (post:Post {document_id: node.id}) WHERE post.accepted
     } AS unresolved
MATCH (node)-[:ABOUT]->(domain:Domain)
WITH domain.id AS domain_id, node.created_at.year AS year, node.created_at.month AS month,
     count(*) AS documents, count(CASE WHEN asks THEN 1 END) AS questions,
     count(CASE WHEN unanswered THEN 1 END) AS unanswered,
     count(CASE WHEN unresolved THEN 1 END) AS unresolved
RETURN collect([domain_id, year, month, documents, questions, unanswered, unresolved]) AS rows"""
)
"""Per ABOUT domain and month of creation (stored in UTC), the documents within the scope and
how their threads went, with replies counted as in `THREAD_SUMMARIES`; all in one record,
as `[domain, year, month, documents, questions, unanswered, unresolved]` lists (year and
month null: undated), since the driver spends more per record than the server per row.

The gap map reads this instead of every thread: at 100,000 items, 441 rows instead of
21,469 summaries.
"""

COMMUNITY_ACTIVITY: Final = """
CALL () {
    MATCH (content:Document {community_id: $community_id}) RETURN content
    UNION ALL
    MATCH (content:Post {community_id: $community_id}) RETURN content
}
OPTIONAL MATCH (parent_document:Document {id: content.reply_to})
OPTIONAL MATCH (parent_post:Post {id: content.reply_to})
WITH content, coalesce(parent_document, parent_post) AS parent
RETURN content.id AS content_id, content.kind AS content_kind,
       coalesce(content.document_id, content.id) AS document_id,
       content.created_at AS created_at,
       COLLECT { UNWIND content.author_ids AS a RETURN a ORDER BY a } AS author_ids,
       COLLECT {
           UNWIND coalesce(parent.author_ids, []) AS a RETURN a ORDER BY a
       } AS parent_author_ids,
       COLLECT {
           MATCH (content)-[:ABOUT]->(domain:Domain) RETURN domain.id ORDER BY domain.id
       } AS domain_ids
ORDER BY created_at IS NULL, created_at, content_id"""
"""Every Document and Post whose `community_id` is `$community_id`, oldest first (undated
last, then by id), with its authors, the authors of the content its `reply_to` names (none
for documents or an unknown parent) and its own ABOUT domains, each sorted. Authors are the
stored `author_ids`, as in `THREAD_SUMMARIES`, not AUTHORED, which exists only for stored
persons.
"""

_CONTRIBUTION_MATCH: Final = """
OPTIONAL MATCH (community:Community {id: content.community_id})
UNWIND range(0, size(content.author_ids) - 1) AS at
WITH content, about, domain, community, content.author_ids[at] AS person_id,
     coalesce(content.author_roles[at], 'author') AS role
WHERE $person_ids IS NULL OR person_id IN $person_ids"""
_CONTRIBUTION_COLUMNS: Final = (
    _CONTRIBUTION_MATCH
    + """
WITH person_id, content.id AS content_id, content.kind AS content_kind,
     domain.id AS domain_id, about.weight AS weight,
     content.created_at.epochMillis * 1000 + content.created_at.microsecond % 1000 AS created_at,
     content.score AS score, coalesce(content.accepted, false) AS accepted,
     CASE WHEN community.private THEN community.id END AS private_community, role
ORDER BY person_id, content_id, domain_id"""
)
_CONTRIBUTION_NAMES: Final = (
    "person_id, content_id, content_kind, domain_id, weight, created_at, score, accepted, "
    "private_community, role"
)
CONTRIBUTION_FIELDS: Final = tuple(_CONTRIBUTION_NAMES.split(", "))
"""The columns of `CONTRIBUTIONS`, in order: the order of `CONTRIBUTIONS_OF`'s lists."""
_CONTRIBUTION_ROWS: Final = _CONTRIBUTION_COLUMNS + "\nRETURN " + _CONTRIBUTION_NAMES
_CONTRIBUTION_LISTS: Final = (
    _CONTRIBUTION_COLUMNS + "\nRETURN collect([" + _CONTRIBUTION_NAMES + "]) AS rows"
)

CONTRIBUTIONS: Final = (
    """
MATCH (content)-[about:ABOUT]->(domain:Domain)
WHERE content:Document OR content:Post"""
    + _CONTRIBUTION_ROWS
)
"""Every (author, content, domain) triple (`$person_ids` null); times in microseconds since the
epoch; the private community the content is in (null for public content: outside any
community, or in a stored community that is not private)."""

CONTRIBUTIONS_OF: Final = (
    """
MATCH (person:Person)-[:AUTHORED]->(content)
WHERE person.id IN $person_ids AND (content:Document OR content:Post)
WITH DISTINCT content
MATCH (content)-[about:ABOUT]->(domain:Domain)
WHERE $domain_ids IS NULL OR domain.id IN $domain_ids"""
    + _CONTRIBUTION_LISTS
)
"""`CONTRIBUTIONS` of `$person_ids` only, in `$domain_ids` only unless null: their content
found through AUTHORED (the person index), its rows read from `author_ids` as
`CONTRIBUTIONS` reads them, as one record of lists in `CONTRIBUTIONS`' column order. A
derivation round reads the history of the people a push touched (tens of thousands of rows
at 1M items; in the pushed content's domains only, for a push of new content), and the
driver's work per record was most of it, as it was for EXPERT_IN (`_EXPERTISE_RETURN`).
The whole of CONTRIBUTIONS stays a record per row: one list of millions would sit in the
server's heap."""

_EXPERTISE_RETURN: Final = """
WITH person.id AS person_id, domain.id AS domain_id, properties(r) AS r
WHERE r.evidence_count IS NOT NULL
WITH person_id, domain_id, r
ORDER BY r.score DESC, person_id, domain_id
RETURN collect([person_id, domain_id, r.score, r.evidence_count,
                r.last_activity.epochMillis * 1000 + r.last_activity.microsecond % 1000,
                r.method, r.private_community]) AS rows"""
"""Under read committed, a relationship that a concurrent derivation deletes after the match
reads as null: each row's properties are read once, and rows that vanished are left out.
One record of `[person, domain, score, evidence count, last activity, method, private
community]` lists, `last_activity` in microseconds since the epoch (see
`convert.expertise_from`): the whole of EXPERT_IN (27,125 rows at 100,000 items) took 1.5 s
as a record per row and takes 0.15 s as one record, the rest was the driver's work per
record."""
EXPERTISE_OF_PERSON: Final = (
    "MATCH (person:Person {id: $person_id})-[r:EXPERT_IN]->(domain:Domain)"
    " WHERE $domain_id IS NULL OR domain.id = $domain_id" + _EXPERTISE_RETURN
)
EXPERTISE_IN_DOMAIN: Final = (
    "MATCH (person:Person)-[r:EXPERT_IN]->(domain:Domain {id: $domain_id})" + _EXPERTISE_RETURN
)
EXPERTISE_ALL: Final = "MATCH (person:Person)-[r:EXPERT_IN]->(domain:Domain)" + _EXPERTISE_RETURN


def expertise(person_id: str | None, domain_id: str | None) -> LiteralString:
    """EXPERT_IN rows of `$person_id` (in `$domain_id` if given), of `$domain_id`, or all."""
    if person_id is not None:
        return EXPERTISE_OF_PERSON
    return EXPERTISE_ALL if domain_id is None else EXPERTISE_IN_DOMAIN


VIEW_CHANGES: Final = """
MATCH (c:ViewChange) WHERE c.seq > $mark AND c.seq <= $last AND c.kind <> 'vectors'
RETURN DISTINCT c.kind AS kind, c.key AS key
LIMIT $most
UNION ALL
MATCH (c:ViewChange) WHERE c.seq > $mark AND c.seq <= $last AND c.kind = 'vectors'
RETURN DISTINCT c.kind AS kind, c.key AS key
LIMIT $most"""
"""The keys changed by the writes numbered after `$mark` up to `$last`: at most `$most`,
and as many chunks."""
WRITE_NUMBER: Final = "MATCH (n:GraphVersion {id: 'graph'}) RETURN n.epoch AS epoch, n.seq AS seq"
"""The last write's number and the numbering's epoch (see `SET_DATA_VERSION`)."""
PRACTICE_EMBEDDINGS: Final = (
    "MATCH (p:Practice) RETURN p.id AS id, coalesce(p.seq, 0) AS seq, p.embedding AS embedding"
)
PRACTICES_SINCE: Final = """
MATCH (p:Practice) WHERE p.seq > $seq
RETURN p.id AS id, p.seq AS seq, p.embedding AS embedding
UNION ALL
MATCH (gone:PracticeGone) WHERE gone.seq > $seq
RETURN gone.id AS id, gone.seq AS seq, null AS embedding"""
"""Practices stored or deleted (no embedding) by writes numbered after `$seq`."""
RELATED_PRACTICES: Final = """
MATCH (:Practice {id: $id})-[r:RELATED_TO]->(target:Practice)
WITH target.id AS target_id, properties(r) AS r
WHERE target_id IS NOT NULL AND r.score IS NOT NULL
RETURN target_id, r.score AS score, r.method AS method
ORDER BY score DESC, target_id"""
"""Links that a concurrent derivation deletes mid-read are left out, as for EXPERT_IN."""

RELATED_FROM: Final = """
UNWIND $ids AS id
MATCH (source:Practice {id: id})-[r:RELATED_TO]->(target:Practice)
RETURN source.id AS source_id, target.id AS target_id, r.score AS score, r.method AS method"""

FOOTPRINT: Final = """
OPTIONAL MATCH (post:Post) WHERE post.document_id IN $ids
WITH $ids + collect(post.id) AS content_ids
RETURN COLLECT {
           MATCH (d:Document) WHERE d.id IN content_ids UNWIND d.author_ids AS a RETURN a
       } + COLLECT {
           MATCH (p:Post) WHERE p.id IN content_ids UNWIND p.author_ids AS a RETURN a
       } AS authors,
       COLLECT {
           MATCH (target:Practice) WHERE target.source_id IN content_ids
           MATCH (source:Practice)-[:RELATED_TO]->(target)
           RETURN DISTINCT source.id
       } AS linking"""
"""The authors of the given documents or posts and of the given documents' posts, and the
practices with a RELATED_TO link to a practice drawn from any of them (found from the
`copgraph_practice_source` index, not by scanning RELATED_TO)."""

DERIVATION_STATE: Final = "MATCH (n:DerivationState {id: 'derivation'}) RETURN n.body AS body"

DERIVATION_JOBS: Final = """
MATCH (j:DerivationJob)
WITH j.body AS body, j.queued_at AS queued_at, j.id AS id
WHERE body IS NOT NULL
RETURN body
ORDER BY queued_at, id
LIMIT $limit"""
"""A job that a finishing round deletes mid-read is left out: read committed lets the read
find its node and then see its properties gone (null), which `GET /v1/derivation` then
failed on with a 500 during a stream of pushes at 100,000 items."""

SOURCE_DOCUMENTS: Final = """
MATCH (document:Document {source: $source})
RETURN document.id AS id ORDER BY id"""
"""The ids of the documents read from one source."""

CONTENT_HASHES: Final = """
UNWIND $ids AS content_id
OPTIONAL MATCH (document:Document {id: content_id})
OPTIONAL MATCH (post:Post {id: content_id})
WITH coalesce(document, post) AS content
WHERE content IS NOT NULL
RETURN content.id AS id, content.content_hash AS content_hash"""

CONTENT_LINKS: Final = """
UNWIND $ids AS content_id
OPTIONAL MATCH (document:Document {id: content_id})
OPTIONAL MATCH (post:Post {id: content_id})
WITH content_id, coalesce(document, post) AS content
CALL (content_id, content) {
    MATCH (content)-[link:LINKS]-()
    RETURN startNode(link).id AS source_id, endNode(link).id AS target_id, link.kind AS kind
    UNION
    MATCH (pending:PendingLink {source_id: content_id})
    RETURN pending.source_id AS source_id, pending.target_id AS target_id, pending.kind AS kind
    UNION
    MATCH (pending:PendingLink {target_id: content_id})
    RETURN pending.source_id AS source_id, pending.target_id AS target_id, pending.kind AS kind
}
RETURN DISTINCT source_id, target_id, kind"""
"""The links leaving or reaching the given contents: LINKS relationships and waiting ones."""

GET_PERSON: Final = "MATCH (n:Person {id: $id}) RETURN properties(n) AS props"
GET_PEOPLE: Final = """
UNWIND $ids AS person_id
MATCH (n:Person {id: person_id})
RETURN properties(n) AS props"""
LIST_COMMUNITIES: Final = "MATCH (n:Community) RETURN properties(n) AS props ORDER BY n.id"
GET_DOCUMENT: Final = "MATCH (n:Document {id: $id}) RETURN properties(n) AS props"
GET_POSTS: Final = """
MATCH (n:Post {document_id: $id})
RETURN properties(n) AS props
ORDER BY n.created_at, n.id"""
GET_PRACTICES: Final = """
UNWIND $ids AS practice_id
MATCH (n:Practice {id: practice_id})
RETURN properties(n) AS props"""
LIST_DOMAINS: Final = "MATCH (n:Domain) RETURN properties(n) AS props ORDER BY n.id"

PRACTICES_WITHOUT_INDEX_TEXT: Final = """
MATCH (n:Practice) WHERE n.index_text IS NULL
RETURN properties(n) AS props"""
"""Practices written before `index_text` existed, which the full-text index cannot see."""

UNASSIGNED_CHUNKS: Final = """
MATCH (c:Chunk)
WHERE NOT EXISTS { MATCH (:Document {id: c.parent_id})-[:ABOUT]->(:Domain) }
  AND NOT EXISTS { MATCH (:Post {id: c.parent_id})-[:ABOUT]->(:Domain) }
RETURN properties(c) AS props
ORDER BY c.parent_id, c.ord, c.id
LIMIT $limit"""
"""Chunks whose parent content (if stored) is about no domain, in any community."""

_AUTHORSHIP_ROWS: Final = """
OPTIONAL MATCH (community:Community {id: content.community_id})
UNWIND content.author_ids AS person_id
WITH content, community, person_id WHERE $persons IS NULL OR person_id IN $persons
RETURN person_id, content.kind AS content_kind,
       content.created_at.epochMillis * 1000 + content.created_at.microsecond % 1000 AS created_at,
       coalesce(content.accepted, false) AS accepted,
       CASE WHEN community.private THEN community.id END AS private_community"""

AUTHORSHIPS: Final = "\nMATCH (content) WHERE content:Document OR content:Post" + _AUTHORSHIP_ROWS
"""Every (author, content) pair, as `CONTRIBUTIONS` has them but without the domains
(`$persons` null)."""

AUTHORSHIPS_OF: Final = (
    """
MATCH (person:Person)-[:AUTHORED]->(content)
WHERE person.id IN $persons AND (content:Document OR content:Post)
WITH DISTINCT content"""
    + _AUTHORSHIP_ROWS
)
"""`AUTHORSHIPS` of `$persons` only, found through AUTHORED (the person index) as
`CONTRIBUTIONS_OF` finds them: the activity view's delta after a push at 100,000 items read
every Document and Post to filter them, 640 ms of each first query after a write."""
RANKER_MODELS: Final = "MATCH (n:RankerModel) RETURN n.body AS body ORDER BY n.version"

ADD_VOCABULARY: Final = """
MERGE (counter:VocabularySequence {id: 'vocabulary'})
  ON CREATE SET counter.value = 0
SET counter._lock = true
REMOVE counter._lock
WITH counter
UNWIND $words AS row
OPTIONAL MATCH (known:Word {word: row.word})
WITH counter, row WHERE known IS NULL
WITH counter, collect(row) AS fresh, counter.value AS base
SET counter.value = base + size(fresh)
WITH base, fresh
UNWIND range(0, size(fresh) - 1) AS i
CREATE (:Word {word: fresh[i].word, seq: base + i + 1, embedding: fresh[i].vector})"""
"""Taking the counter's write lock first makes concurrent writers number their new words one
after the other: a reader that has fetched up to some `seq` never misses a word committed
later with a smaller one."""

KNOWN_VOCABULARY: Final = """
UNWIND $words AS word
MATCH (w:Word {word: word})
RETURN w.word AS word"""

VOCABULARY_SINCE: Final = """
MATCH (w:Word) WHERE w.seq > $seq
RETURN w.word AS word, w.seq AS seq, w.embedding AS embedding
ORDER BY w.seq"""
GRAPH_HEAD: Final = """
MATCH (n:GraphVersion {id: 'graph'})
RETURN n.token AS token, n.seq AS last, n.views_from AS first"""
"""The token `writes.run_plan` sets in every write transaction, the last write's number and
the first one the view change log holds, all set by the same transactions: one read gives
both the data version and the log's span. No row after a `clear`."""

SEARCH_LOG: Final = """
MATCH (n:SearchLog)
WHERE $since IS NULL OR n.at >= $since
WITH n ORDER BY n.at
RETURN collect([n.endpoint, n.query, n.at.epochMillis * 1000 + n.at.microsecond % 1000,
                n.result_count, n.top_score]) AS rows"""
"""The demand log at or after `$since` (all when null), oldest first, as one record of
`[endpoint, query, time in epoch microseconds, result count, top score]` lists: every gap
map reads the whole log, which grows with every search."""

STATS: Final = "\nUNION ALL\n".join(
    [f"MATCH (x:{label}) WITH count(x) AS n RETURN 'node' AS kind, '{label}' AS name, n"
     for label in NODE_LABELS]
    + [f"MATCH ()-[x:{rel}]->() WITH count(x) AS n"
       f" RETURN 'relationship' AS kind, '{rel}' AS name, n"
       for rel in RELATIONSHIP_TYPES]
)  # fmt: skip
"""Counts per label and per type, zeros included; each from Neo4j's count store.

The count is taken before the constant columns are added: with them as grouping keys, an
empty label would give no row instead of a zero.
"""
