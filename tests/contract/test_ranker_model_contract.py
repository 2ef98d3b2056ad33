"""Contract: learned rankings are versioned in the store's data, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.models import RankerModel
from graph_service.store.base import GraphStore
from tests.contract import fixtures as f

T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)


def _model(version: int, kept: bool = True, booster: str = "tree\n") -> RankerModel:
    return RankerModel(
        version=version,
        trained_at=T0,
        features=["evidence", "answers"],
        booster=booster,
        questions=120,
        kept=kept,
        validation={"learned_ndcg@10": 0.52, "unsupervised_ndcg@10": 0.41},
    )


def test_models_round_trip_oldest_version_first(loaded: GraphStore) -> None:
    counts = loaded.stats()
    loaded.save_ranker_model(_model(2, kept=False))
    loaded.save_ranker_model(_model(1))
    assert loaded.ranker_models() == [_model(1), _model(2, kept=False)]
    assert loaded.stats() == counts, "a model is not a node of the graph's counts"


def test_saving_a_version_again_replaces_it(loaded: GraphStore) -> None:
    loaded.save_ranker_model(_model(1))
    loaded.save_ranker_model(_model(1, booster="other trees\n"))
    assert loaded.ranker_models() == [_model(1, booster="other trees\n")]


def test_saving_a_model_gives_a_new_data_version(loaded: GraphStore) -> None:
    """Ranking caches per data version, so a new model must not wait for the next write."""
    before = loaded.data_version()
    loaded.save_ranker_model(_model(1))
    assert loaded.data_version() != before


def test_a_store_without_models(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    assert store.ranker_models() == []
