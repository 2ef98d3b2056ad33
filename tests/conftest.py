"""Shared fixtures: a real Neo4j for the session, and a `store` fixture over every backend.

The embedded store gets a fresh directory per test; Neo4j gets one server per session and a
cleared database per test. Neo4j tests fail instead of skipping when `NEO4J_REQUIRED=1`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from embeddings.base import Embedder
from embeddings.factory import load_embedder
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from graph_service.store.neo4j import statements as cypher_write
from graph_service.store.neo4j.store import Neo4jStore
from tests.neo4j_server import HOW_TO_GET_ONE, Neo4jServer, find_neo4j
from tests.sample import embed_sample

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jServer]:
    """One real Neo4j for the whole session (see tests/neo4j_server.py for where from)."""
    server = find_neo4j(tmp_path_factory.mktemp("neo4j-local"))
    if server is None:
        if os.environ.get("NEO4J_REQUIRED") == "1":
            pytest.fail(f"NEO4J_REQUIRED=1 but {HOW_TO_GET_ONE}")
        pytest.skip(HOW_TO_GET_ONE)
    yield server
    server.stop()


def _settings_for(server: Neo4jServer) -> Settings:
    return Settings(
        NEO4J_URI=server.uri,
        NEO4J_USER=server.user,
        NEO4J_PASSWORD=server.password,
    )


@pytest.fixture
def neo4j_settings(neo4j_server: Neo4jServer) -> Settings:
    """Settings pointing at the session's Neo4j."""
    return _settings_for(neo4j_server)


@pytest.fixture(scope="module")
def neo4j_module_settings(neo4j_server: Neo4jServer) -> Settings:
    """The same, for module-scoped fixtures (a live API over Neo4j)."""
    return _settings_for(neo4j_server)


@pytest.fixture
def store_dimension() -> int | None:
    """The embedding dimension a module's tests give their store, where it is always the same
    (the contract suite's 8; a conftest overrides this). The Neo4j store then keeps its
    search indexes of that dimension from test to test and only its graph is emptied."""
    return None


def emptied(neo4j: Neo4jStore, dimension: int | None) -> Neo4jStore:
    """`neo4j` with the whole graph deleted, and its search indexes too unless they have
    `dimension`: creating or dropping an index empties Neo4j's cache of query plans, and
    planning every statement of a test again cost about 1 s a test (the contract suite on
    Neo4j took 114 s, 29 s with its indexes kept). The store has no public way to keep them,
    hence the private calls: `clear()` without its `drop_search_indexes`. The live APIs of
    tests/api keep their 512-dimension indexes from module to module the same way."""
    if dimension is not None and neo4j._stored_dimension() == dimension:
        neo4j._db.auto_commit(cypher_write.CLEAR_NODES)
    else:
        neo4j.clear()
    return neo4j


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(
    request: pytest.FixtureRequest, tmp_path: Path, store_dimension: int | None
) -> Iterator[GraphStore]:
    """An empty store of each backend; the same tests run against both."""
    if request.param == "embedded":
        from graph_service.store.embedded.store import EmbeddedStore

        embedded = EmbeddedStore.open(tmp_path / "store")
        yield embedded
        embedded.close()
        return
    settings: Settings = request.getfixturevalue("neo4j_settings")
    neo4j = emptied(Neo4jStore.connect(settings), store_dimension)
    yield neo4j
    neo4j.close()


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real default embedding model (USE multilingual), loaded once per test session."""
    return load_embedder("use-multilingual-v3")


@pytest.fixture(scope="session")
def sample_vectors(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """An embedding cache holding the real model's vectors of the sample's texts, filled once
    per session for every fixture that ingests the sample (see tests/sample.py)."""
    return embed_sample(tmp_path_factory.mktemp("sample-vectors"), embedder)
