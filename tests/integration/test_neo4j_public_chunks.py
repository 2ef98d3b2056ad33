"""A Neo4j graph written before public chunks had indexes of their own is marked on start.

Public searches read indexes over `PublicChunk` nodes (statements.PUBLIC_CHUNK); a graph
without the label would look empty to every public caller. `ensure_schema` marks the
stored chunks before it creates those indexes.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from graph_service.config import Settings
from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.store import Neo4jStore
from tests.conftest import emptied
from tests.contract import fixtures as f
from tests.contract.fixtures import EVERYONE, PUBLIC, chunks_matching, chunks_near_e0

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j(neo4j_settings: Settings) -> Iterator[Neo4jStore]:
    store = emptied(Neo4jStore.connect(neo4j_settings), f.DIMENSION)
    store.ensure_schema(f.DIMENSION)
    store.upsert(f.graph_batch())
    yield store
    store.close()


def test_a_graph_without_public_marks_gets_them_before_its_public_indexes(
    neo4j: Neo4jStore,
) -> None:
    public = set(chunks_near_e0(neo4j, PUBLIC))
    assert public == {id_ for id_ in f.CHUNK_COSINE if not id_.startswith("doc:km")}
    database = neo4j._db
    for name in cypher.PUBLIC_INDEXES:
        database.execute(cypher.drop_index(name))
    database.execute("MATCH (chunk:PublicChunk) REMOVE chunk:PublicChunk")

    neo4j.ensure_schema(f.DIMENSION)

    assert set(chunks_near_e0(neo4j, PUBLIC)) == public
    assert chunks_matching(neo4j, ["straw"], PUBLIC) == chunks_matching(neo4j, ["straw"])
    assert chunks_matching(neo4j, ["ความรัก"], PUBLIC) == []
    assert set(chunks_near_e0(neo4j, EVERYONE)) == set(f.CHUNK_COSINE)


def test_clearing_drops_the_public_indexes_with_the_others(neo4j: Neo4jStore) -> None:
    neo4j.clear()
    names = list(cypher.PUBLIC_INDEXES)
    assert neo4j._db.read(cypher.SHOW_INDEXES_NAMED, names=names) == []
    neo4j.ensure_schema(f.DIMENSION)
    assert len(neo4j._db.read(cypher.SHOW_INDEXES_NAMED, names=names)) == len(names)
