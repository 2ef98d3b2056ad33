"""The Neo4j backend: `Neo4jStore` over a Neo4j 5.26+ server or cluster.

The same file set as the embedded backend, each file in the same role: `store.py` the
GraphStore (connecting, schema, writes; its reads are `reads.py`'s `Reads`),
`connection.py` the fail-fast opening, the driver calls and their error mapping,
`statements.py` all Cypher (schema, writes, reads), `schema.py` creating constraints and
indexes and guarding the embedding dimension, `writes.py` the batch write plan, `reads.py`
the reads, `search.py` what vector and keyword search need beyond Cypher (here the Lucene
query and scoped over-fetching), `convert.py` models to properties and back.
"""

from graph_service.store.neo4j.store import Neo4jStore

__all__ = ["Neo4jStore"]
