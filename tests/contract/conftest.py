"""The contract suite's fixture: a store of each backend holding the crafted graph."""

from __future__ import annotations

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
