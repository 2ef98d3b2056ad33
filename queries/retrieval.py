"""Hybrid evidence retrieval: vector search and keyword search over chunks, fused by rank.

BM25 and cosine live on different scales that shift with every corpus and model, so fusion
works on ranks, not scores. Unlike reciprocal rank fusion, whose 1/(60 + rank) is nearly
flat over a deep list (rank 150 still gets a third of rank 1), each retriever's evidence
decays exponentially with rank: aggregating evidence to people (Balog's Model 2) needs a
relevance that is peaked like p(q|d), or any well-voted answer deep in the list outweighs
the few that are really about the query. Fusion takes the better of the two retrievers plus
a bonus when both agree, so an item only one retriever can see (a Thai answer to an English
query: keywords never cross languages) is not halved for it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from embeddings.base import Embedder
from graph_service.models import SearchTarget
from graph_service.store.base import GraphStore, SearchScope
from ingest.text.segment import query_terms

Retriever = Literal["hybrid", "vector", "keyword"]
RANK_DECAY = 10.0
"""Relevance of rank r is exp(-(r - 1) / RANK_DECAY): rank 10 keeps 0.41, rank 30 0.05."""
AGREEMENT_BONUS = 0.25
"""Share of the weaker retriever's relevance added when both retrievers found an item."""


def rank_relevance(rank: int | None, decay: float = RANK_DECAY) -> float:
    """Relevance of an item at `rank` (1-based) of one retriever; 0 when not retrieved."""
    return math.exp(-(rank - 1) / decay) if rank is not None else 0.0


@dataclass(frozen=True)
class Retrieved:
    """A chunk or practice id with its fused relevance and the ranks that produced it."""

    id: str
    relevance: float
    vector_rank: int | None
    keyword_rank: int | None


def retrieve(
    store: GraphStore,
    embedder: Embedder,
    text: str,
    scope: SearchScope,
    depth: int,
    retriever: Retriever = "hybrid",
    target: SearchTarget = "chunk",
    rank_decay: float = RANK_DECAY,
    agreement: float = AGREEMENT_BONUS,
) -> list[Retrieved]:
    """The best `depth` chunks (or practices) for `text`, most relevant first."""
    vector_ranks: dict[str, int] = {}
    keyword_ranks: dict[str, int] = {}
    if retriever in ("hybrid", "vector"):
        hits = store.vector_search(embedder.embed_query(text).tolist(), depth, target, scope)
        vector_ranks = {hit.id: rank for rank, hit in enumerate(hits, start=1)}
    if retriever in ("hybrid", "keyword"):
        terms = query_terms(text)
        hits = store.keyword_search(terms, depth, target, scope) if terms else []
        keyword_ranks = {hit.id: rank for rank, hit in enumerate(hits, start=1)}
    fused: dict[str, float] = {}
    for item_id in vector_ranks.keys() | keyword_ranks.keys():
        pair = sorted(
            (
                rank_relevance(vector_ranks.get(item_id), rank_decay),
                rank_relevance(keyword_ranks.get(item_id), rank_decay),
            )
        )
        fused[item_id] = pair[1] + agreement * pair[0]
    ordered = sorted(fused.items(), key=lambda pair: (-pair[1], pair[0]))[:depth]
    return [
        Retrieved(item_id, score, vector_ranks.get(item_id), keyword_ranks.get(item_id))
        for item_id, score in ordered
    ]
