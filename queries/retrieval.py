"""Hybrid evidence retrieval: vector search and keyword search over chunks, fused by rank.

BM25 and cosine live on different scales that shift with every corpus and model, so fusion
works on ranks, not scores. Unlike reciprocal rank fusion, whose 1/(60 + rank) is nearly
flat over a deep list, each retriever's evidence decays exponentially with rank, at a rate
chosen on the StackExchange evaluation: aggregating evidence to people (Balog's Model 2)
needs a relevance peaked like p(q|d), or any well-voted answer deep in the list outweighs
the few that are really about the query. The defaults (keywords weigh four times the
vectors, both lists summed) were also chosen there: on technical English Q&A the
multilingual encoder alone ranks the accepted answerer first half as often as BM25 does, so
an equal say would drown the keyword evidence in the encoder's near misses. The
keyword-blind rule keeps that from costing cross-language evidence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from embeddings.base import Embedder, Vectors
from graph_service.models import SearchTarget
from graph_service.store.base import GraphStore, SearchScope
from ingest.text.segment import query_terms

Retriever = Literal["hybrid", "vector", "keyword"]


@dataclass(frozen=True)
class Fusion:
    """How two rank lists become one relevance.

    Attributes:
        rank_decay: relevance of rank r is exp(-(r - 1) / rank_decay).
        agreement: share of the weaker retriever's relevance added to the stronger's
            (1.0 sums them; 0 takes the better one alone).
        vector_weight: scale of the vector retriever's relevance against the keyword one's.
        cross_language: keyword relevance assumed for an item in another language than the
            query, as a share of its (unweighted) vector relevance; chosen on the sample
            corpus's Thai/English pairs, the only cross-language judgments we have.
    """

    rank_decay: float = 40.0
    agreement: float = 1.0
    vector_weight: float = 0.25
    cross_language: float = 0.5

    def rank_relevance(self, rank: int | None) -> float:
        """Relevance of an item at `rank` (1-based) of one retriever; 0 if not retrieved."""
        return math.exp(-(rank - 1) / self.rank_decay) if rank is not None else 0.0

    def relevance(
        self, vector_rank: int | None, keyword_rank: int | None, keyword_blind: bool = False
    ) -> float:
        """Fused relevance; `keyword_blind` marks an item the keywords could never match.

        Keywords never cross languages: for an item in another language than the query, the
        keyword retriever's silence says nothing, so instead of zero its relevance is taken
        to be `cross_language` times the vector retriever's: a Thai answer to an English
        question counts more than the vectors alone give it, as if keywords could have
        agreed, yet less than a same-language item both retrievers found.
        """
        unweighted = self.rank_relevance(vector_rank)
        vector = self.vector_weight * unweighted
        if keyword_blind and keyword_rank is None:
            keyword = self.cross_language * unweighted
        else:
            keyword = self.rank_relevance(keyword_rank)
        weaker, stronger = sorted((vector, keyword))
        return stronger + self.agreement * weaker


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
    fusion: Fusion | None = None,
    query_vector: Vectors | None = None,
) -> list[Retrieved]:
    """The union of each retriever's best `depth` items for `text`, most relevant first.

    `query_vector` is the embedding of `text` when the caller already computed it.
    """
    fusion = fusion or Fusion()
    vector_ranks: dict[str, int] = {}
    keyword_ranks: dict[str, int] = {}
    if retriever in ("hybrid", "vector"):
        if query_vector is None:
            query_vector = embedder.embed_query(text)
        hits = store.vector_search(query_vector.tolist(), depth, target, scope)
        vector_ranks = {hit.id: rank for rank, hit in enumerate(hits, start=1)}
    if retriever in ("hybrid", "keyword"):
        terms = query_terms(text)
        hits = store.keyword_search(terms, depth, target, scope) if terms else []
        keyword_ranks = {hit.id: rank for rank, hit in enumerate(hits, start=1)}
    found = [
        Retrieved(
            item_id,
            fusion.relevance(vector_ranks.get(item_id), keyword_ranks.get(item_id)),
            vector_ranks.get(item_id),
            keyword_ranks.get(item_id),
        )
        for item_id in vector_ranks.keys() | keyword_ranks.keys()
    ]
    return sorted(found, key=lambda item: (-item.relevance, item.id))
