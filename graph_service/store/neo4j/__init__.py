"""The Neo4j backend: `Neo4jStore` over a Neo4j 5.26+ server or cluster.

The same file set as the embedded backend: `store.py` the GraphStore, `connection.py` the
fail-fast opening and the driver calls, `schema.py` constraints and indexes, `writes.py`
the batch write plan, `convert.py` models to properties and back, `search.py` the Lucene
query and scoped over-fetching; all Cypher lives in `cypher_schema.py`, `cypher_write.py`
and `cypher_read.py`.
"""

from graph_service.store.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
