"""The contract suite's fixture: a store of each backend holding the crafted graph."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph_service.store.base import GraphStore
from tests.contract import fixtures as f


@pytest.fixture
def store_dimension() -> int:
    """Every contract test gives its store `f.DIMENSION`: Neo4j keeps its indexes between them."""
    return f.DIMENSION


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    """The store with the schema for 8 dimensions and the whole crafted graph."""
    store.ensure_schema(f.DIMENSION)
    store.upsert(f.graph_batch())
    return store


@pytest.fixture
def another_handle(
    store: GraphStore, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], GraphStore]]:
    """Opens another handle on the data of `store`, as another API process holds one; each
    is closed after the test."""
    opened: list[GraphStore] = []

    def open_one() -> GraphStore:
        other: GraphStore
        if store.backend == "embedded":
            from graph_service.store.embedded.store import EmbeddedStore

            other = EmbeddedStore.open(tmp_path / "store")
        else:
            from graph_service.store.neo4j.store import Neo4jStore

            other = Neo4jStore.connect(request.getfixturevalue("neo4j_settings"))
        opened.append(other)
        return other

    yield open_one
    for other in opened:
        other.close()
