"""Derived relationships, recomputed after a load: EXPERT_IN and RELATED_TO.

EXPERT_IN aggregates every author-content-domain contribution with the shared association
weights (graph_service.association), a recency half-life and log damping, and passes half
of each contribution up to the broader domain. Evidence from each private community is
aggregated apart from public evidence (one row per person, domain and private community),
so that what a caller sees of EXPERT_IN derives only from content they may see.
RELATED_TO links each practice to its nearest neighbours whose similarity stands out from
the corpus's own similarity distribution.
Both are recomputed whole: it is exact, idempotent, and takes well under a second per
10k contributions.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import datetime

import numpy as np

from graph_service.association import association_weight, author_role_weight, recency_decay
from graph_service.models import Expertise, PracticeLink
from graph_service.store.base import GraphStore

BROADER_SHARE = 0.5
RELATED_PER_PRACTICE = 5
RELATED_SIGMAS = 2.0

ExpertiseKey = tuple[str, str, str | None]
"""Person id, domain id, and the private community of the evidence (None: public)."""


def recompute_expertise(store: GraphStore, now: datetime, half_life_days: float) -> int:
    """Replace EXPERT_IN from the store's contributions; returns the number of rows."""
    broader = {domain.id: domain.broader for domain in store.list_domains()}
    totals: dict[ExpertiseKey, float] = defaultdict(float)
    counts: dict[ExpertiseKey, int] = defaultdict(int)
    last: dict[ExpertiseKey, datetime] = {}
    for item in store.contributions():
        credit = (
            association_weight(item.content_kind, item.accepted, item.score)
            * author_role_weight(item.role)
            * item.weight
            * recency_decay(item.created_at, now, half_life_days)
        )
        targets = [(item.domain_id, 1.0)] + [
            (parent, BROADER_SHARE) for parent in broader.get(item.domain_id, [])
        ]
        for domain_id, share in targets:
            key = (item.person_id, domain_id, item.private_community)
            totals[key] += credit * share
            counts[key] += 1
            if item.created_at and (key not in last or item.created_at > last[key]):
                last[key] = item.created_at
    method = f"assoc-weighted,recency-half-life={half_life_days:g}d,log1p,broader={BROADER_SHARE}"
    rows = [
        Expertise(
            person_id=key[0],
            domain_id=key[1],
            score=round(math.log1p(total), 6),
            evidence_count=counts[key],
            last_activity=last.get(key),
            method=method,
            private_community=key[2],
        )
        for key, total in sorted(totals.items(), key=lambda pair: (*pair[0][:2], pair[0][2] or ""))
    ]
    store.replace_expertise(rows)
    return len(rows)


def recompute_related_practices(store: GraphStore, block: int = 1024) -> int:
    """Replace RELATED_TO with each practice's nearest neighbours above a calibrated bar.

    The bar is the corpus's mean pairwise similarity plus RELATED_SIGMAS deviations, so it
    adapts to the model and the corpus instead of a fixed cosine.
    """
    ids, vectors = store.practice_embeddings()
    if len(ids) < 2:
        store.replace_related_practices([])
        return 0
    sample = vectors[: min(len(ids), 2000)]
    pairwise = sample @ sample.T
    off_diagonal = pairwise[~np.eye(len(sample), dtype=bool)]
    bar = float(off_diagonal.mean() + RELATED_SIGMAS * off_diagonal.std())
    links: list[PracticeLink] = []
    for start in range(0, len(ids), block):
        sims = vectors[start : start + block] @ vectors.T
        for row, scores in enumerate(sims):
            scores[start + row] = -np.inf
            top = np.argsort(-scores)[:RELATED_PER_PRACTICE]
            links.extend(
                PracticeLink(
                    source_id=ids[start + row],
                    target_id=ids[int(col)],
                    score=round(float(scores[col]), 6),
                    method=f"embedding-knn,k={RELATED_PER_PRACTICE},bar={bar:.3f}",
                )
                for col in top
                if scores[col] >= bar
            )
    store.replace_related_practices(links)
    return len(links)
