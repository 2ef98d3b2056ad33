"""Graph storage: the `GraphStore` protocol and `open_store`, which picks the backend."""

from __future__ import annotations

from graph_service.config import Settings
from graph_service.store.base import GraphStore


def open_store(settings: Settings) -> GraphStore:
    """Open the store the settings name: Neo4j when `NEO4J_URI` is set, else embedded.

    Raises:
        ConfigurationError: the store cannot be opened with these settings (the message
            names the setting to fix).
    """
    if settings.neo4j_uri:
        from graph_service.store.neo4j.store import Neo4jStore

        return Neo4jStore.connect(settings)
    from graph_service.store.embedded.store import EmbeddedStore

    return EmbeddedStore.open(settings.data_dir)
