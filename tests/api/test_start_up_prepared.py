"""The API prepares its pipeline at start, on both stores.

The schema round and the taxonomy write are done before the first request. So the first
push after a start pays for neither (on Neo4j at 100k items they cost it 0.5-0.8 s), and it
gives no process's caches an extra data version."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embeddings.hashing import HashingEmbedder
from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from graph_service.taxonomy import load_taxonomy
from ingest import SAMPLE_DIR


@pytest.fixture
def store_dimension() -> int:
    """Neo4j's indexes made for `HashingEmbedder()`."""
    return HashingEmbedder().dimension


def test_an_api_started_on_an_empty_store_has_its_taxonomy_before_any_push(
    store: GraphStore, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    taxonomy = {domain.id for domain in load_taxonomy(SAMPLE_DIR / "domains.yaml").domains}
    assert store.list_domains() == []
    app = create_app(settings, store=store, embedder=HashingEmbedder())
    with TestClient(app) as client:
        assert client.get("/healthz").status_code == 200
        assert {domain.id for domain in store.list_domains()} == taxonomy, "written at start"
        version = store.data_version()
        assert client.get("/healthz").status_code == 200
        assert store.data_version() == version, "nothing writes again until a push"
