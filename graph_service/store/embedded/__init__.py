"""The embedded backend: SQLite tables and FTS5 with exact numpy vector search, no server."""

from graph_service.store.embedded.store import EmbeddedStore

__all__ = ["EmbeddedStore"]
