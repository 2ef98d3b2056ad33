"""A learned ranking over the unsupervised one, and a score that still adds up.

A model (LightGBM's LambdaRank, trained by queries.ranker_training on the community's own
answered questions) does not replace the evidence score: it was trained to correct it
(the evidence score is its starting point, LightGBM's `init_score`), so a person's score
is their evidence plus the model's corrections. The evidence is taken as a share of the
query's best person's (1 for them): a query that finds hundreds of items and one that
finds three then start on the same scale, where the corrections learned on one apply to
the other. Those corrections are split exactly by feature (TreeSHAP, LightGBM's
`pred_contrib`) and summed per group of features (queries.ranking_features.GROUPS):
`match`, `similar_questions`, `track_record` and `activity` stand beside the evidence
items as the graph signals did, and the page's numbers add up to the score. The
model's constant part (its mean output) is the same for everyone and left out.

The store's newest model is used if it was kept: the latest training is the latest word,
so a model that no longer beats the unsupervised ranking on the newest questions retires
the older ones with it. A model of other features than this version computes is ignored,
as is a store without one: ranking is then unsupervised.
"""

from __future__ import annotations

from dataclasses import dataclass

import lightgbm
import numpy as np

from graph_service.models import RankerModel
from graph_service.store.base import GraphStore
from queries.expert_scoring import Expert
from queries.ranking_features import FEATURES, GROUPS
from queries.versioned import VersionedCache


@dataclass(frozen=True)
class LoadedRanker:
    """A stored model, ready to score rows of `FEATURES`."""

    model: RankerModel
    booster: lightgbm.Booster

    @classmethod
    def of(cls, model: RankerModel) -> LoadedRanker:
        """Parse the model's LightGBM text."""
        return cls(model, lightgbm.Booster(model_str=model.booster))

    def contributions(self, rows: list[list[float]]) -> np.ndarray:
        """Each row's part of the model's output per feature (last column: the constant)."""
        matrix = np.asarray(rows, dtype=np.float64)
        return np.asarray(self.booster.predict(matrix, pred_contrib=True))

    def apply(self, experts: dict[str, Expert], rows: dict[str, list[float]]) -> None:
        """Put each expert's evidence on the model's scale (a share of the best person's,
        whose evidence becomes 1) and add the learned corrections, one signal per group."""
        people = list(rows)
        if not people:
            return
        best = max(expert.evidence_total for expert in experts.values()) or 1.0
        parts = self.contributions([rows[person] for person in people])
        for person, contribution in zip(people, parts, strict=True):
            experts[person].scale_evidence(1.0 / best)
            grouped: dict[str, float] = {}
            for name, value in zip(FEATURES, contribution[:-1], strict=True):
                grouped[GROUPS[name]] = grouped.get(GROUPS[name], 0.0) + float(value)
            for group, value in grouped.items():
                experts[person].add_signal(group, value)


class LearnedRankers:
    """The store's newest model if kept and of these features, read again after a write."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._cache: VersionedCache[str, LoadedRanker | None] = VersionedCache(self._load, 1)

    def get(self) -> LoadedRanker | None:
        """The model to rank with, or None: rank unsupervised."""
        return self._cache.get("", self._store.data_version())

    def _load(self, _: str) -> LoadedRanker | None:
        models = self._store.ranker_models()
        newest = models[-1] if models else None
        if newest is None or not newest.kept or tuple(newest.features) != FEATURES:
            return None
        return LoadedRanker.of(newest)
