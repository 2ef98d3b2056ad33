"""What derivation wrote (EXPERT_IN and RELATED_TO), in a form two stores can be compared by.

Incremental derivation, and a worker deriving off the request path, must each leave what a
full recompute with the stored decay epoch and bar leaves; these are the two sides of that
comparison, for tests/integration/test_incremental_derivation.py and test_derivation_queue.py.
"""

from __future__ import annotations

from typing import Any

from graph_service.store.base import GraphStore
from ingest.derive import recompute_expertise
from ingest.related import recompute_related_practices

Derived = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]


def derived(store: GraphStore) -> Derived:
    """Every expertise row and practice link, sorted, scores rounded past float noise."""
    expertise = sorted(
        (r.person_id, r.domain_id, r.private_community or "", round(r.score, 5),
         r.evidence_count, r.last_activity)
        for r in store.expertise()
    )  # fmt: skip
    ids, _ = store.practice_embeddings()
    related = sorted(
        (link.source_id, link.target_id, round(link.score, 4), link.method)
        for link in store.related_links(ids)
    )
    return expertise, related


def recomputed_whole(store: GraphStore, half_life_days: float) -> Derived:
    """What a full recompute with the stored epoch and bar writes (it rewrites `store`)."""
    state = store.derivation_state()
    assert state is not None
    recompute_expertise(store, state.decay_epoch, half_life_days)
    recompute_related_practices(store, bar=state.related_bar)
    return derived(store)
