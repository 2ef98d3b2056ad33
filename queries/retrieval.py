"""Hybrid evidence retrieval: vector search and keyword search over chunks, mixed linearly.

BM25 and cosine live on scales that shift with every corpus and model, so each retriever's
scores are first rescaled over its own result list: the best hit is 1 and the last hit of a
full list is 0, so relevance falls continuously to nothing at the depth where the list was
cut. A keyword list shorter than the depth holds every match there is, so its floor is
BM25's own zero (no match). Then the two are added, the vectors weighted: a calibrated
linear mix (CombSUM). Unlike mixing by rank, it hears how far apart two hits are: a cosine
list whose top ten are all alike counts them alike.

Rescaling from the top to the cut also makes the mix deaf to how each engine scales BM25:
Lucene's scores are about FTS5's divided by k1 + 1 = 2.2, and it gives words found in most
documents a small weight where FTS5 gives none, which lifts a whole long list by about the
same amount.
Min-max rescaling cancels both; dividing by the best score alone kept the lift, and over
the same words the two stores' keyword-only top experts then differed on 4 questions of 78
instead of 1.

The vectors weigh a quarter of the keywords. On technical English Q&A (the StackExchange
evaluation, `benchmarks.eval_experts`) the multilingual encoder alone ranks the accepted
answerer first half as often as BM25 does. On that evaluation's earlier folds a quarter
and a half are level; on its test fold a quarter ranks the accepted answerer higher (P@1
+0.04, MRR +0.02) for a little recall (R@10 -0.02): the half had been chosen there while
the embedded store still split words at inner punctuation. The keyword-blind rule keeps
that weighting from costing cross-language evidence.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from embeddings.base import Embedder, Vectors
from graph_service.models import SearchTarget
from graph_service.store.base import GraphStore, Hit, SearchScope
from graph_service.text.segment import query_terms

Retriever = Literal["hybrid", "vector", "keyword"]


@dataclass(frozen=True)
class Fusion:
    """How the two retrievers' rescaled scores become one relevance.

    Attributes:
        vector_weight: weight of the vector retriever's rescaled score (keywords weigh 1).
        cross_language: keyword relevance assumed for an item in another language than the
            query, as a share of its rescaled vector score raised to `cross_language_power`.
            Keywords never cross languages by themselves, so for a Thai answer to an English
            question the vectors are the main judge: where they are sure (near the top of
            their list) the item counts as if the keywords had found it at this share of
            their best. The share is below 1 because the vectors' first place across
            languages says less than the keywords' first place: Thai questions whose
            translated words (queries.term_bridge) found the one English document on them
            best lost it to English threads the encoder put first (cosines 0.52-0.54 against
            0.41; a vegetable garden and caterpillars for stingless bees in a longan orchard),
            which at a share of 1 counted as if both retrievers had found them. Any share
            from 0.4 to 0.7 passes the same planted cases (154 -> 157 of 168 on seeds 7 and
            11-15, 48 -> 51 of 56 on seeds 16-17, drawn after the choice); 0.6 is the middle
            of that range. The English collections (quantumcomputing folds 1-3, papers) do
            not move.
        cross_language_power: how fast that assumed keyword relevance fades below the top
            of the vector list, so that vector neighbours in the other language do not crowd
            out same-language keyword matches. Chosen on the planted community's
            cross-language cases at a share of 1 (the plain vector score let Thai neighbours
            outrank English word-form matches; the cube passes both) and kept at 0.6.
        sure_margin: how far above the relevance floor (the cosine unrelated text reaches)
            an item's raw cosine must be for the vectors to vouch for it in full; nearer
            the floor they vouch proportionally less. Being first in the vector list
            says nothing when the whole list is noise: for a rare English word nothing
            in Thai is close (cosines 0.29-0.33 over a floor of 0.31), and the top Thai
            chat line, vouched for in full, outranked the one English document with the
            word. True counterparts across scripts sit at 0.5-0.6 (0.51 for the planted
            intubation document, 0.58 for the catheter answer): 0.2 above a floor near
            0.31 keeps them whole. Chosen on the planted community.
    """

    vector_weight: float = 0.25
    cross_language: float = 0.6
    cross_language_power: float = 3.0
    sure_margin: float = 0.2

    def relevance(
        self,
        vector: float | None,
        keyword: float | None,
        keyword_blind: bool = False,
        sureness: float = 1.0,
    ) -> float:
        """Fused relevance of rescaled scores (None: not retrieved by that side).

        `keyword_blind` marks an item the query's own words could never match (another
        language than the query): their silence says nothing, and the keyword side is at
        least what the vector side vouches for (see `cross_language`), times `sureness`
        (see `sureness`); `keyword` is then what the query's translated words found
        (queries.term_bridge), if anything.
        """
        vector_score = vector or 0.0
        keyword_score = keyword or 0.0
        if keyword_blind:
            assumed = self.cross_language * math.pow(vector_score, self.cross_language_power)
            keyword_score = max(keyword_score, assumed * sureness)
        return keyword_score + self.vector_weight * vector_score

    def sureness(self, cosine: float | None, floor: float | None) -> float:
        """How much the vectors vouch for an item, from 0 at the relevance floor to 1 at
        `sure_margin` above it (1 without a floor: nothing to judge closeness by)."""
        if floor is None:
            return 1.0
        if cosine is None:
            return 0.0
        return min(1.0, max(0.0, (cosine - floor) / self.sure_margin))


def rescaled(hits: Sequence[Hit], depth: int, floor_at_zero: bool) -> dict[str, float]:
    """Each hit's score on [0, 1] within its list: 1 for the best, 0 at the cut.

    A list shorter than `depth` was not cut; with `floor_at_zero` (scores whose zero means
    "no match", like BM25) its floor is then zero rather than its own last hit.
    """
    if not hits:
        return {}
    top = hits[0].score
    bottom = 0.0 if floor_at_zero and len(hits) < depth else hits[-1].score
    span = top - bottom
    return {hit.id: (hit.score - bottom) / span if span > 0 else 1.0 for hit in hits}


@dataclass(frozen=True)
class Retrieved:
    """A chunk or practice id with its fused relevance and what each retriever said of it.

    Ranks are 1-based positions in each retriever's list; scores are rescaled by `rescaled`.
    `cosine` is the vector retriever's raw similarity, the one absolute measure of how close
    an item is to the query (the floor under which nobody is an expert reads it).
    """

    id: str
    relevance: float
    vector_rank: int | None
    keyword_rank: int | None
    vector_score: float | None
    keyword_score: float | None
    cosine: float | None = None
    translated_only: bool = False
    """Only the query's translated words matched it (queries.term_bridge): a guess at what
    the query says in another script, so it needs the vectors' word too."""


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
    translated: Sequence[str] = (),
    forms: Sequence[str] = (),
) -> list[Retrieved]:
    """The union of each retriever's best `depth` items for `text`, most relevant first.

    `query_vector` is the embedding of `text` when the caller already computed it.
    `translated` are the query's words in another script (queries.term_bridge): the keyword
    side looks them up too, and adds what they score to what the query's own words score
    (BM25 is a sum over the words matched), so a translated match counts on the same scale
    as a word the user typed: one rare word typed still outweighs a few common ones guessed.
    `forms` are other forms of typed words the community never wrote (queries.word_forms):
    they are looked up as typed words.
    """
    fusion = fusion or Fusion()
    vector_hits: list[Hit] = []
    keyword_hits: list[Hit] = []
    if retriever in ("hybrid", "vector"):
        if query_vector is None:
            query_vector = embedder.embed_query(text)
        vector_hits = store.vector_search(query_vector.tolist(), depth, target, scope)
    only_translated: set[str] = set()
    if retriever in ("hybrid", "keyword"):
        terms = keyword_terms(text, forms)
        keyword_hits = store.keyword_search(terms, depth, target, scope) if terms else []
        if translated:
            extra = store.keyword_search(list(translated), depth, target, scope)
            only_translated = {hit.id for hit in extra} - {hit.id for hit in keyword_hits}
            keyword_hits = summed(keyword_hits, extra)[:depth]
    vector_ranks = {hit.id: rank for rank, hit in enumerate(vector_hits, start=1)}
    keyword_ranks = {hit.id: rank for rank, hit in enumerate(keyword_hits, start=1)}
    cosines = {hit.id: hit.score for hit in vector_hits}
    unjudged = [id_ for id_ in keyword_ranks if id_ in only_translated and id_ not in cosines]
    if unjudged and query_vector is not None:
        # Past the vector list's depth: in a large community the query's own language
        # fills it, so a passage only the translated words found still needs its cosine
        # for the floor to judge it (queries.experts).
        cosines |= store.cosines(query_vector.tolist(), unjudged, target)
    vector_scores = rescaled(vector_hits, depth, floor_at_zero=False)
    keyword_scores = rescaled(keyword_hits, depth, floor_at_zero=True)
    found = [
        Retrieved(
            item_id,
            fusion.relevance(vector_scores.get(item_id), keyword_scores.get(item_id)),
            vector_ranks.get(item_id),
            keyword_ranks.get(item_id),
            vector_scores.get(item_id),
            keyword_scores.get(item_id),
            cosines.get(item_id),
            item_id in only_translated,
        )
        for item_id in vector_ranks.keys() | keyword_ranks.keys()
    ]
    return sorted(found, key=lambda item: (-item.relevance, item.id))


def keyword_terms(text: str, forms: Sequence[str] = ()) -> list[str]:
    """What the keyword side looks up for `text`: its terms (graph_service.text.query_terms,
    a short query's phrase last among them), then the written `forms` of its unwritten
    words (queries.word_forms), each once."""
    return list(dict.fromkeys([*query_terms(text), *forms]))


def summed(own: Sequence[Hit], translated: Sequence[Hit]) -> list[Hit]:
    """Both keyword lists as one, each item scored by the sum of its scores, best first."""
    scores: dict[str, float] = {}
    for hit in [*own, *translated]:
        scores[hit.id] = scores.get(hit.id, 0.0) + hit.score
    return [Hit(id=id_, score=score) for id_, score in sorted(scores.items(), key=lambda x: -x[1])]
