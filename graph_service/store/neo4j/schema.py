"""Create copgraph's constraints and indexes in Neo4j, and guard the embedding dimension.

A vector index is created with a fixed dimension and Neo4j silently leaves vectors of any
other length out of it, so the dimension is the one schema fact that must match the
embedding model: `ensure_schema` refuses to run against indexes of another dimension
instead of letting searches quietly miss everything written afterwards.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import LiteralString

from neo4j.exceptions import ClientError

from graph_service.errors import ConfigurationError
from graph_service.models import SearchTarget
from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.connection import Database
from graph_service.store.neo4j.profiles import PROFILE_SCHEMA

INDEX_WAIT_SECONDS = 300
"""How long `ensure_schema` waits for new indexes to come ONLINE before giving up."""


def vector_dimension(database: Database) -> int | None:
    """The dimension of copgraph's existing vector indexes, or None when there are none.

    Raises:
        ConfigurationError: the chunk and practice indexes disagree (created by hand or by
            an interrupted run with another model).
    """
    names = [*cypher.VECTOR_INDEXES.values(), *cypher.PUBLIC_VECTOR_INDEXES.values()]
    records = database.read(cypher.SHOW_VECTOR_DIMENSIONS, names=names)
    dimensions = {int(record["dimension"]) for record in records}
    if len(dimensions) > 1:
        raise ConfigurationError(
            f"copgraph's Neo4j vector indexes have different dimensions {sorted(dimensions)}:"
            " drop them (or clear the database) and run ensure_schema again"
        )
    return dimensions.pop() if dimensions else None


ALREADY_THERE = frozenset(
    {
        "Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists",
        "Neo.ClientError.Schema.ConstraintAlreadyExists",
        "Neo.ClientError.Schema.IndexAlreadyExists",
    }
)
"""What Neo4j answers a schema statement that lost a race to an identical one."""


def ensure_schema(database: Database, dimension: int) -> None:
    """Create every constraint and index that is missing and wait until all are ONLINE.

    Safe to run on every start: each statement is `IF NOT EXISTS`, and the indexes of
    earlier versions are dropped `IF EXISTS`.

    Raises:
        ConfigurationError: `dimension` is not usable, or the graph already holds vectors
            of another dimension (named after COPGRAPH_EMBEDDING_MODEL, the setting that
            decides it).
    """
    if type(dimension) is not int or not 1 <= dimension <= 4096:
        raise ConfigurationError(
            f"COPGRAPH_EMBEDDING_MODEL gives {dimension!r}-dimensional embeddings; Neo4j"
            " vector indexes take an integer dimension from 1 to 4096"
        )
    existing = vector_dimension(database)
    if existing is not None and existing != dimension:
        raise ConfigurationError(
            f"the Neo4j graph holds {existing}-dimensional embeddings but"
            f" COPGRAPH_EMBEDDING_MODEL gives {dimension}: set it back to the model the graph"
            " was built with, or clear the database and ingest again"
        )
    targets: tuple[SearchTarget, ...] = ("chunk", "practice")
    statements = (
        *(cypher.drop_index(name) for name in cypher.LEGACY_INDEXES),
        *cypher.CONSTRAINTS,
        cypher.VERSION_CONSTRAINT,
        cypher.RANKER_CONSTRAINT,
        *cypher.DERIVATION_CONSTRAINTS,
        *cypher.VOCABULARY_CONSTRAINTS,
        *cypher.PRACTICE_NUMBER_SCHEMA,
        cypher.VIEW_LOG_INDEX,
        *cypher.LOOKUP_INDEXES,
        *PROFILE_SCHEMA,
        *(cypher.vector_index(target, dimension) for target in targets),
        *cypher.FULLTEXT_INDEX_STATEMENTS,
    )
    _create(database, statements)
    ensure_public_indexes(database, dimension)
    database.execute(cypher.AWAIT_INDEXES, seconds=INDEX_WAIT_SECONDS)


def ensure_public_indexes(database: Database, dimension: int) -> None:
    """Create the indexes of public chunks (`statements.PUBLIC_CHUNK`) if either is missing,
    after marking every stored chunk public or not.

    A graph written before the label existed has it on no chunk, and an index over it would
    hide every chunk from public searches; the chunks are marked first and the indexes
    created only then, so an interrupted marking is done again on the next start. Writes
    mark what they write meanwhile.
    """
    found = database.read(cypher.SHOW_INDEXES_NAMED, names=list(cypher.PUBLIC_INDEXES))
    if len(found) == len(cypher.PUBLIC_INDEXES):
        return
    if database.read(cypher.ANY_CHUNK)[0]["any"]:  # an empty graph has nothing to mark
        database.auto_commit(cypher.MARK_PUBLIC_CHUNKS)
    vector = [cypher.vector_index(t, dimension, public=True) for t in cypher.PUBLIC_VECTOR_INDEXES]
    _create(database, [*vector, *cypher.PUBLIC_FULLTEXT_INDEX_STATEMENTS])


def _create(database: Database, statements: Sequence[LiteralString]) -> None:
    """Run schema statements, each `IF NOT EXISTS`."""
    for statement in statements:
        try:
            database.execute(statement)
        except ClientError as error:
            # Two processes starting on one empty graph (replicas) both pass `IF NOT
            # EXISTS` and the second to commit is told the rule exists: it does, as asked.
            if error.code not in ALREADY_THERE:
                raise


def drop_search_indexes(database: Database) -> None:
    """Drop copgraph's vector and full-text indexes (legacy ones too), so another dimension
    can be chosen and every full-text index is created afresh."""
    for name in (*cypher.SEARCH_INDEXES, *cypher.LEGACY_INDEXES):
        database.execute(cypher.drop_index(name))
