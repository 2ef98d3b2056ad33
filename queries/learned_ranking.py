"""A learned ranking over the unsupervised one, and a score that still adds up.

A model (LightGBM's LambdaRank, trained by queries.ranker_training on the community's own
answered questions) does not replace the evidence score: it was trained to correct it.
Its starting point (LightGBM's `init_score`) is the logarithm of the person's evidence as
a share of the query's best person's (1 for them), so the corrections multiply the
evidence: a query that finds hundreds of items and one that finds three start on the
same scale, and a correction can reorder people whose evidence is alike but not lift a
member with loose evidence over the one person who wrote on exactly what was asked (the
trees' outputs are a few units at most; one strong match against loose ones is a ratio
of tens). Added to the share instead, a model's corrections overrode the evidence in
half the planted community's cases (queries.ranker_training.NEVER_AGAINST_RELEVANCE has
the numbers).

A person's score is their evidence share times e to the sum of the corrections. The
corrections are split exactly by feature (TreeSHAP, LightGBM's `pred_contrib`) and
summed per group of features (queries.ranking_features.GROUPS): `match`,
`similar_questions`, `track_record` and `activity`. The rise or fall the corrections
make together is shared among the groups in proportion to each group's part of the sum,
so the named parts stand beside the evidence items as the graph signals did and the
page's numbers add up to the score. The model's constant part (its mean output) is the
same for everyone and left out.

The store's newest model is used if it was kept: the latest training is the latest word,
so a model that no longer beats the unsupervised ranking on the newest questions retires
the older ones with it. A model of other features than this version computes is ignored,
as is a store without one: ranking is then unsupervised.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from graph_service.models import RankerModel
from graph_service.store.base import GraphStore
from queries.expert_scoring import Expert
from queries.ranking_features import FEATURES, GROUPS
from queries.versioned import DeltaCache

if TYPE_CHECKING:
    import lightgbm

log = logging.getLogger(__name__)

STARTING_POINT = (
    "start=log(evidence_share);sharpness=eased-from-10-to-20-words;recent=14-days;"
    "titles=cubed-share"
)
"""What the corrections of a model apply to, recorded after its features: models whose
corrections were added to the share itself, or trained on evidence aggregated with one
sharpness for every query (before `RankingWeights.verbose_sharpness`), eased over another
span of query lengths, with recent activity counted over another window
(`queries.person_activity.RECENT_DAYS`), or on relevance that titles did not raise
(queries.title_match), are not applied."""
SIGNATURE: tuple[str, ...] = (*FEATURES, STARTING_POINT)
"""A stored model's `features`: the rows it reads, in order, and its starting point."""
SMALLEST_SHARE = 1e-6
"""Evidence shares are floored here before their logarithm (a share is never 0 for a
person with evidence; the floor only keeps the arithmetic finite)."""


def starting_point(evidence_share: np.ndarray) -> np.ndarray:
    """What the model's corrections are added to: the logarithm of each evidence share."""
    return np.asarray(np.log(np.maximum(evidence_share, SMALLEST_SHARE)))


@dataclass(frozen=True)
class LoadedRanker:
    """A stored model, ready to score rows of `FEATURES`."""

    model: RankerModel
    booster: lightgbm.Booster

    @classmethod
    def of(cls, model: RankerModel) -> LoadedRanker:
        """Parse the model's LightGBM text. LightGBM (and scikit-learn, which it imports) is
        imported here, with the first stored model: at module level it took a second of
        every process that ranks experts, `copgraph serve` included, model or not."""
        import lightgbm

        return cls(model, lightgbm.Booster(model_str=model.booster))

    def contributions(self, rows: list[list[float]]) -> np.ndarray:
        """Each row's part of the model's output per feature (last column: the constant)."""
        matrix = np.asarray(rows, dtype=np.float64)
        return np.asarray(self.booster.predict(matrix, pred_contrib=True))

    def apply(self, experts: dict[str, Expert], rows: dict[str, list[float]]) -> None:
        """Put each expert's evidence on the model's scale (a share of the best person's,
        whose evidence becomes 1) and add what the learned corrections make of it, one
        signal per group (see the module docstring)."""
        people = list(rows)
        if not people:
            return
        best = max(expert.evidence_total for expert in experts.values()) or 1.0
        parts = self.contributions([rows[person] for person in people])
        for person, contribution in zip(people, parts, strict=True):
            expert = experts[person]
            expert.scale_evidence(1.0 / best)
            grouped: dict[str, float] = {}
            for name, value in zip(FEATURES, contribution[:-1], strict=True):
                grouped[GROUPS[name]] = grouped.get(GROUPS[name], 0.0) + float(value)
            correction = sum(grouped.values())
            if correction == 0.0:
                continue
            change = expert.evidence_total * math.expm1(correction)
            for group, value in grouped.items():
                expert.add_signal(group, change * value / correction)


class LearnedRankers:
    """The store's newest model if kept and of this `SIGNATURE`, read again after a model
    is saved."""

    def __init__(self, store: GraphStore) -> None:
        self._store = store
        self._cache: DeltaCache[str, LoadedRanker | None] = DeltaCache(
            store, frozenset({"ranker"}), self._load, kept=1
        )

    def get(self) -> LoadedRanker | None:
        """The model to rank with, or None: rank unsupervised."""
        return self._cache.get("")

    def _load(self, _: str) -> LoadedRanker | None:
        models = self._store.ranker_models()
        newest = models[-1] if models else None
        if newest is None or not newest.kept:
            return None
        if tuple(newest.features) != SIGNATURE:
            log.warning(
                "the store's learned ranking (version %s) was trained on other features or "
                "another starting point than this version ranks with; ranking unsupervised "
                "until `copgraph train-ranker` trains it again",
                newest.version,
            )
            return None
        return LoadedRanker.of(newest)
