"""RELATED_TO: each practice's nearest neighbours above a calibrated bar, whole or in part.

A practice links to its `RELATED_PER_PRACTICE` most similar practices (cosine of the
normalised embeddings; ties to the lower id) that reach the bar. The bar is the corpus's
mean pairwise similarity plus `RELATED_SIGMAS` deviations over a sample of
`CALIBRATION_SAMPLE` practices, so it adapts to the model and the corpus instead of a
fixed cosine. A full recompute calibrates it and the store keeps it
(`DerivationState.related_bar`); incremental derivation reuses it, so that for the same
bar its links equal a full recompute's.

After a write, a practice's links can change only if it is new or changed itself, if it
linked to a practice that changed or went, or if a new or changed practice now beats the
weakest of its links (or it had fewer than the maximum and the newcomer reaches the bar).
`rederive_related` recomputes exactly those practices' links against all practices.

Equal, that is, up to float32: a similarity computed for one row or within a block of rows
may differ in its last bit, so a stored score may differ from a full recompute's in its
sixth decimal, and a link whose similarity lies within that of the bar or of a tie may
differ too. EXPERT_IN has no such caveat: it adds the same floats in the same order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from graph_service.models import PracticeLink
from graph_service.store.base import GraphStore

RELATED_PER_PRACTICE = 5
RELATED_SIGMAS = 2.0
SHOWN_SIGMAS = 1.0
"""A practice shown as related must reach the mean pairwise similarity plus this many
deviations (`DerivationState.related_floor`; RELATED_TO's stricter bar only adds a bonus).
Calibrated on the sample (20 practices, mean 0.252, deviation 0.141), taking two practices
as related when their domains share a taxonomy root (farming, nursing, KM and teaching):
at 0.5 deviations 88% of the pairs shown are related, at 0.75 93%, at 1.0 all of them
(28 pairs; the closest unrelated pair, SBAR handover and an AAR how-to, is at 0.38 < 0.393),
and of the ten nearest shown per practice, 12 unrelated at 0.5, none at 1.0 (2 of 20
practices then show none). On the 3,000-item synthetic corpus (654 practices, floor 0.431)
the ten nearest are 98.7% same-field at any setting from 0 to 2 deviations and no practice
is left without related ones: the floor matters where a corpus is sparse. Before it,
composting listed after-action reviews at 0.19."""
CALIBRATION_SAMPLE = 2000
SCORE_SLACK = 1e-6
"""Stored scores are rounded to 6 decimals: a newcomer this close to a practice's weakest
link is treated as possibly beating it (recomputing one practice too many is harmless)."""


def calibrate_bar(vectors: np.ndarray, sigmas: float = RELATED_SIGMAS) -> float | None:
    """Mean plus `sigmas` deviations of the pairwise similarities of the first
    `CALIBRATION_SAMPLE` practices; None for fewer than two."""
    if len(vectors) < 2:
        return None
    sample = vectors[: min(len(vectors), CALIBRATION_SAMPLE)]
    pairwise = sample @ sample.T
    off_diagonal = pairwise[~np.eye(len(sample), dtype=bool)]
    return float(off_diagonal.mean() + sigmas * off_diagonal.std())


def nearest_links(
    ids: list[str], vectors: np.ndarray, rows: Iterable[int], bar: float, block: int = 1024
) -> list[PracticeLink]:
    """The links leaving the practices at `rows` (positions in `ids`, aligned with `vectors`
    and sorted by id, so that a stable sort breaks ties to the lower id)."""
    method = f"embedding-knn,k={RELATED_PER_PRACTICE},bar={bar:.3f}"
    positions = list(rows)
    links: list[PracticeLink] = []
    for start in range(0, len(positions), block):
        chunk = positions[start : start + block]
        sims = vectors[chunk] @ vectors.T
        for row, scores in zip(chunk, sims, strict=True):
            scores[row] = -np.inf
            links.extend(
                PracticeLink(
                    source_id=ids[row],
                    target_id=ids[int(col)],
                    score=round(float(scores[col]), 6),
                    method=method,
                )
                for col in _best(scores, bar)
            )
    return links


def _best(scores: np.ndarray, bar: float) -> np.ndarray:
    """Positions of the `RELATED_PER_PRACTICE` highest scores at or above `bar`, best first,
    ties to the lower position: what a stable sort would give, without sorting every score
    (a full sort per practice made RELATED_TO at 20,000 practices take most of a minute)."""
    above = np.flatnonzero(scores >= bar)
    if len(above) > RELATED_PER_PRACTICE:
        kth = np.partition(scores[above], len(above) - RELATED_PER_PRACTICE)[
            len(above) - RELATED_PER_PRACTICE
        ]
        above = above[scores[above] >= kth]
    order = np.lexsort((above, -scores[above]))
    return above[order][:RELATED_PER_PRACTICE]


def recompute_related_practices(store: GraphStore, bar: float | None = None) -> float | None:
    """Replace all of RELATED_TO; returns the bar used (calibrated unless given), None when
    there are fewer than two practices to calibrate one."""
    ids, vectors = store.practice_embeddings()
    if bar is None:
        bar = calibrate_bar(vectors)
    if bar is None:
        store.replace_related_practices([])
        return None
    store.replace_related_practices(nearest_links(ids, vectors, range(len(ids)), bar))
    return bar


def rederive_related(
    store: GraphStore,
    changed: Iterable[str],
    linking: Iterable[str],
    bar: float | None,
    whole_below: int = CALIBRATION_SAMPLE,
) -> float | None:
    """Replace the links of every practice a write may have changed (see the module
    docstring) and return the bar they were derived with.

    `changed` are the practices the write wrote, `linking` those that linked to a practice
    it replaced or deleted (read before the write). Below `whole_below` practices, or with
    no bar yet, the bar is still settling and a whole recompute is cheap: RELATED_TO is
    recomputed and the bar calibrated again.
    """
    ids, vectors = store.practice_embeddings()
    if bar is None or len(ids) < whole_below:
        bar = calibrate_bar(vectors)
        links = [] if bar is None else nearest_links(ids, vectors, range(len(ids)), bar)
        store.replace_related_practices(links)
        return bar
    position = {id_: at for at, id_ in enumerate(ids)}
    fresh = sorted({position[id_] for id_ in changed if id_ in position})
    sources = set(fresh) | {position[id_] for id_ in linking if id_ in position}
    if fresh:
        sims = vectors @ vectors[fresh].T
        sims[fresh, np.arange(len(fresh))] = -np.inf
        best = sims.max(axis=1)
        reached = [int(at) for at in np.flatnonzero(best >= bar) if int(at) not in sources]
        weakest: dict[str, list[float]] = defaultdict(list)
        for link in store.related_links([ids[at] for at in reached]):
            weakest[link.source_id].append(link.score)
        for at in reached:
            scores = weakest.get(ids[at], [])
            if len(scores) < RELATED_PER_PRACTICE or best[at] >= min(scores) - SCORE_SLACK:
                sources.add(at)
    rows = sorted(sources)
    if rows:
        links = nearest_links(ids, vectors, rows, bar)
        store.replace_related_for([ids[at] for at in rows], links)
    return bar
