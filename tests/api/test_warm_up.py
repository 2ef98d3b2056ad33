"""The API builds the public scope's query views while it starts (queries/warm_up.py): the
first expert search and gap map after a start build none, on both stores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from embeddings.base import Embedder
from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from queries import versioned
from queries.warm_up import warm_query
from tests.sample import ingest_sample


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every view built from the whole graph (`DeltaCache` builds and `VersionedCache`
    computations) by caches made from now on, by the name of what builds it."""
    built: list[str] = []

    def watched(make: Callable[..., Any]) -> Callable[..., Any]:
        def counted(key: Any) -> Any:
            built.append(getattr(make, "__qualname__", repr(make)))
            return make(key)

        return counted

    delta_init, versioned_init = versioned.DeltaCache.__init__, versioned.VersionedCache.__init__

    def delta(self: Any, store: Any, kinds: Any, build: Any, *args: Any, **kw: Any) -> None:
        delta_init(self, store, kinds, watched(build), *args, **kw)

    def cache(self: Any, compute: Any, *args: Any, **kw: Any) -> None:
        versioned_init(self, watched(compute), *args, **kw)

    monkeypatch.setattr(versioned.DeltaCache, "__init__", delta)
    monkeypatch.setattr(versioned.VersionedCache, "__init__", cache)
    return built


def test_the_first_search_and_gap_map_after_a_start_build_no_view(
    store: GraphStore,
    tmp_path: Path,
    embedder: Embedder,
    sample_vectors: Path,
    builds: list[str],
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    ingest_sample(store, settings, embedder, sample_vectors)
    assert warm_query(store), "the sample has a taxonomy to take the warm-up query from"
    with TestClient(create_app(settings, store=store, embedder=embedder)) as client:
        assert builds, "the start built the views"
        builds.clear()
        experts = client.get("/v1/experts", params={"q": "composting rice straw"})
        assert experts.status_code == 200 and experts.json()["results"], experts.text
        thai = client.get("/v1/experts", params={"q": "ใครรู้เรื่องการทำปุ๋ยหมัก"})
        assert thai.status_code == 200 and thai.json()["results"], thai.text
        gaps = client.get("/v1/gaps")
        assert gaps.status_code == 200, gaps.text
        assert builds == [], "a request after the start built a view"
