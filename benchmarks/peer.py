"""The expert query a user would write by hand on the same store, to compare ours against.

- Neo4j: the query embedded with the same model, the vector index's top 100 chunks
  (`db.index.vector.queryNodes`), their scores summed per author in Cypher, top 10.
- Embedded store: the query's words (segmented as stored text is) against FTS5, the
  100 best chunks by bm25, their scores summed per author with GROUP BY, top 10.

Neither has a relevance floor, domains, graph signals, evidence or scoping: it is the floor
of what an expert query costs on that store, so ours over it says what the rest costs.
These statements are the benchmark's own, read-only, outside the store's modules on purpose.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import LiteralString

from embeddings.factory import load_embedder
from graph_service.config import Settings
from graph_service.store.embedded.connection import FILE_NAME
from graph_service.store.embedded.search import fts_match
from graph_service.text.segment import query_terms

TOP_CHUNKS = 100
TOP_PEOPLE = 10

NEO4J_PEER: LiteralString = """
CALL db.index.vector.queryNodes('copgraph_chunk_embedding', $k, $vector) YIELD node, score
MATCH (person:Person)-[:AUTHORED]->()-[:HAS_CHUNK]->(node)
RETURN person.id AS person, sum(score) AS total
ORDER BY total DESC LIMIT $people"""

EMBEDDED_PEER = """
SELECT a.person_id, SUM(-hits.score) AS total
FROM (SELECT rowid, bm25(chunks_fts) AS score FROM chunks_fts WHERE chunks_fts MATCH ?
      ORDER BY score LIMIT ?) hits
JOIN chunks c ON c.seq = hits.rowid
JOIN authored a ON a.content_id = c.parent_id
GROUP BY a.person_id ORDER BY total DESC LIMIT ?"""


def measure(store: str, data_dir: Path | None, model: str, texts: list[str]) -> list[float]:
    """Seconds each of `texts` took as the peer query on `store` (after two warm-ups)."""
    if store == "embedded":
        assert data_dir is not None, "the embedded store needs --data-dir"
        return _embedded(data_dir / FILE_NAME, texts)
    return _neo4j(model, texts)


def _embedded(path: Path, texts: list[str]) -> list[float]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def run(text: str) -> None:
            match = fts_match(query_terms(text))
            if match:
                connection.execute(EMBEDDED_PEER, (match, TOP_CHUNKS, TOP_PEOPLE)).fetchall()

        return _timed(run, texts)
    finally:
        connection.close()


def _neo4j(model: str, texts: list[str]) -> list[float]:
    from neo4j import GraphDatabase

    settings = Settings(neo4j_uri=os.environ["NEO4J_URI"])
    embedder = load_embedder(model)
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    with GraphDatabase.driver(
        settings.neo4j_uri or "", auth=(settings.neo4j_user, password)
    ) as driver:

        def run(text: str) -> None:
            vector = embedder.embed_query(text).tolist()
            driver.execute_query(
                NEO4J_PEER,
                {"k": TOP_CHUNKS, "vector": vector, "people": TOP_PEOPLE},
                database_=settings.neo4j_database,
            )

        return _timed(run, texts)


def _timed(run: Callable[[str], None], texts: list[str]) -> list[float]:
    for text in texts[:2]:
        run(text)
    seconds = []
    for text in texts:
        started = time.perf_counter()
        run(text)
        seconds.append(time.perf_counter() - started)
    return seconds
