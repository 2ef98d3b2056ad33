"""The embedded backend: SQLite tables and FTS5 with exact numpy vector search, no server.

The same file set as the Neo4j backend, each file in the same role: `store.py` the
GraphStore (opening, writes; its reads are `reads.py`'s `Reads`), `connection.py` the
SQLite connection, its transactions and error mapping, `statements.py` all SQL (DDL,
writes, reads), `schema.py` creating the tables and fixing the embedding dimension,
`writes.py` the batch writes, `reads.py` the reads, `search.py` what vector and keyword
search need beyond SQL (here the in-memory numpy index and the FTS5 query), with
`keywords.py` the BM25 postings kept beside the vector index and `neighbours.py` its HNSW
graph, `convert.py` models to rows and back.
"""

from graph_service.store.embedded.store import EmbeddedStore

__all__ = ["EmbeddedStore"]
