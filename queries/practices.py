"""Related-practice search: practices like this one, or matching this text, with reasons.

Text search is hybrid, like expert finding, and crosses scripts the same way: the query's
words translated into the community's other-script vocabulary (queries.term_bridge) are
looked up as keywords too, so a Thai question finds the English practice that says it; and
a word nobody wrote is looked up in the forms the community did write (queries.word_forms).

Nearest practices by embedding, fused with graph proximity (same domain, same author, a
derived RELATED_TO link) so that two practices of the same team on the same topic surface
together; near-duplicates (cosine above DUPLICATE_COSINE) are collapsed into the first.
Practices less similar than the corpus's calibrated floor (`ingest.related.SHOWN_SIGMAS`)
are not related, whatever the graph says: a shared author does not make a composting note
related to an after-action review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from embeddings.base import Embedder
from graph_service.errors import NotFound
from graph_service.models import Practice
from graph_service.store.base import GraphStore, SearchScope
from queries.retrieval import Fusion, retrieve
from queries.term_bridge import TermBridge
from queries.word_forms import WordForms

CANDIDATES = 50
PRACTICE_FUSION = Fusion(vector_weight=1.0)
"""Practices are short, single-topic descriptions written in either language: their
embedding is a better match signal than a forum post's, so meaning weighs more here than in
expert finding, whose defaults were tuned on long technical Q&A."""
DUPLICATE_COSINE = 0.97
SAME_DOMAIN_BONUS = 0.08
SAME_AUTHOR_BONUS = 0.05
RELATED_LINK_BONUS = 0.05


@dataclass
class PracticeResult:
    """A practice with its score and why it was returned."""

    practice: Practice
    score: float
    reasons: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)


def _cosine(a: list[float], b: list[float]) -> float:
    return float(np.dot(np.asarray(a, dtype=np.float32), np.asarray(b, dtype=np.float32)))


def _collapse(results: list[PracticeResult], limit: int) -> list[PracticeResult]:
    kept: list[PracticeResult] = []
    for result in results:
        twin = next(
            (
                k
                for k in kept
                if _cosine(k.practice.embedding, result.practice.embedding) >= DUPLICATE_COSINE
            ),
            None,
        )
        if twin is None:
            kept.append(result)
        else:
            twin.duplicates.append(result.practice.id)
        if len(kept) == limit:
            break
    return kept


class PracticeSearch:
    """Searches practices by text and by similarity to another practice."""

    def __init__(self, store: GraphStore, embedder: Embedder, term_bridge: TermBridge) -> None:
        self._store = store
        self._embedder = embedder
        self._term_bridge = term_bridge
        self._word_forms = WordForms(term_bridge)

    def search(self, text: str, scope: SearchScope, limit: int) -> list[PracticeResult]:
        """Practices matching `text` (hybrid: embedding + keywords), best first."""
        found = retrieve(
            self._store,
            self._embedder,
            text,
            scope,
            CANDIDATES,
            target="practice",
            fusion=PRACTICE_FUSION,
            translated=self._term_bridge.translate(text),
            forms=self._word_forms.expand(text),
        )
        practices = {p.id: p for p in self._store.get_practices([item.id for item in found])}
        results = []
        for item in found:
            if item.id not in practices:
                continue
            reasons = []
            if item.vector_rank is not None:
                reasons.append(f"meaning matches (rank {item.vector_rank})")
            if item.keyword_rank is not None:
                words = "translated words" if item.translated_only else "words"
                reasons.append(f"{words} match (rank {item.keyword_rank})")
            results.append(PracticeResult(practices[item.id], item.relevance, reasons))
        return _collapse(results, limit)

    def related(
        self, practice_id: str, scope: SearchScope, limit: int, language: str
    ) -> list[PracticeResult]:
        """Practices related to `practice_id`, each with the reasons it is related (the
        domains they share named in `language`, th or en)."""
        found = self._store.get_practices([practice_id])
        if not found:
            raise NotFound("practice", practice_id)
        origin = found[0]
        hits = self._store.vector_search(origin.embedding, CANDIDATES + 1, "practice", scope)
        if practice_id not in {hit.id for hit in hits}:
            raise NotFound("practice", practice_id)
        links = {link.target_id: link for link in self._store.related_practices(practice_id)}
        state = self._store.derivation_state()
        floor = state.related_floor if state and state.related_floor is not None else -1.0
        visible = {
            hit.id: hit.score for hit in hits if hit.id != practice_id and hit.score >= floor
        }
        candidates = self._store.get_practices(list(visible))
        domain_names = {d.id: d.name_in(language) for d in self._store.list_domains()}
        results = []
        for practice in candidates:
            score = visible[practice.id]
            reasons = [f"similar content (cosine {score:.2f})"]
            shared_domains = set(origin.domain_ids) & set(practice.domain_ids)
            if shared_domains:
                score += SAME_DOMAIN_BONUS
                names = ", ".join(sorted(domain_names.get(d, d) for d in shared_domains))
                reasons.append(f"same domain: {names}")
            if set(origin.author_ids) & set(practice.author_ids):
                score += SAME_AUTHOR_BONUS
                reasons.append("same author")
            if practice.id in links:
                score += RELATED_LINK_BONUS
                reasons.append("linked as related (RELATED_TO)")
            results.append(PracticeResult(practice, score, reasons))
        results.sort(key=lambda r: (-r.score, r.practice.id))
        near_twins = [
            r
            for r in results
            if _cosine(r.practice.embedding, origin.embedding) >= DUPLICATE_COSINE
        ]
        for twin in near_twins:
            results.remove(twin)
        return _collapse(results, limit)
