"""Cypher of the Neo4j schema: uniqueness constraints, lookup, vector and full-text indexes.

Schema statements cannot share a transaction with data writes, so each one runs on its own.
Every name starts with `copgraph_`, so `clear` drops copgraph's search indexes and no
other. The only interpolated value is the vector dimension, which Neo4j does not accept as
a parameter inside index options; `vector_index` validates it as an integer first. The
demand log's `SearchLog` nodes are outside the graph: no constraint, one index on their
time, and no place in `NODE_LABELS`, so the graph's counts ignore them. So is the one
`GraphVersion` node, which holds the graph's version token.
"""

from __future__ import annotations

from typing import Final, LiteralString

from graph_service.models import SearchTarget

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

LOOKUP_INDEXES: Final[tuple[LiteralString, ...]] = (
    "CREATE INDEX copgraph_chunk_parent IF NOT EXISTS FOR (n:Chunk) ON (n.parent_id)",
    "CREATE INDEX copgraph_post_document IF NOT EXISTS FOR (n:Post) ON (n.document_id)",
    "CREATE INDEX copgraph_practice_source IF NOT EXISTS FOR (n:Practice) ON (n.source_id)",
    "CREATE INDEX copgraph_searchlog_at IF NOT EXISTS FOR (n:SearchLog) ON (n.at)",
)
"""Foreign keys that replacing chunks and practices and deleting threads look up by value,
and the time the demand log is read from."""

VECTOR_INDEXES: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "copgraph_chunk_embedding",
    "practice": "copgraph_practice_embedding",
}
FULLTEXT_INDEXES: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "copgraph_chunk_text",
    "practice": "copgraph_practice_words",
}
LEGACY_INDEXES: Final[tuple[LiteralString, ...]] = ("copgraph_practice_text",)
"""Indexes of earlier versions, dropped by `ensure_schema` and `clear`: practices were once
indexed by their raw title, summary and passage with the `standard-no-stop-words` analyzer."""
SEARCH_INDEXES: Final[tuple[LiteralString, ...]] = (
    *VECTOR_INDEXES.values(),
    *FULLTEXT_INDEXES.values(),
)

_VECTOR_ON: Final[dict[SearchTarget, LiteralString]] = {
    "chunk": "FOR (n:Chunk) ON n.embedding",
    "practice": "FOR (n:Practice) ON n.embedding",
}

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

SHOW_VECTOR_DIMENSIONS: Final = """
SHOW VECTOR INDEXES YIELD name, options
WHERE name IN $names
RETURN name, options.indexConfig.`vector.dimensions` AS dimension"""
"""The dimension each existing copgraph vector index was created with."""

AWAIT_INDEXES: Final = "CALL db.awaitIndexes($seconds)"
"""Block until every index is ONLINE, so the first search after `ensure_schema` sees data."""


def vector_index(target: SearchTarget, dimension: int) -> LiteralString:
    """The statement creating the cosine vector index over the embeddings of `target`.

    Quantization is off: with it, Neo4j 5.26 scored a vector against itself 0.914 instead
    of 1.0, which reorders close hits and breaks parity with the embedded store's exact
    cosines; full-precision vectors cost four times the index memory.

    Args:
        target: Which nodes the index covers (chunks or practices).
        dimension: Length of every embedding; checked to be an int before formatting.

    Raises:
        ValueError: `dimension` is not an integer from 1 to 4096.
    """
    if type(dimension) is not int or not 1 <= dimension <= 4096:
        raise ValueError(f"vector dimension must be an int from 1 to 4096, not {dimension!r}")
    return (
        "CREATE VECTOR INDEX " + VECTOR_INDEXES[target] + " IF NOT EXISTS "
        + _VECTOR_ON[target]
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
