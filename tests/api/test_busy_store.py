"""A store that is reachable but busy (Neo4j's transient errors) answers 503, not 500."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from embeddings.hashing import HashingEmbedder
from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.errors import TransientError
from graph_service.store.embedded.store import EmbeddedStore


def test_a_busy_store_answers_503_with_retry_after(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path / "store")

    def busy() -> None:
        raise TransientError("Neo4j at bolt://db is busy, retry later: memory pool full")

    app = create_app(Settings(data_dir=tmp_path / "data"), store=store, embedder=HashingEmbedder())
    with TestClient(app) as client:
        store.list_domains = busy  # type: ignore[assignment,method-assign]
        response = client.get("/v1/domains")
    store.close()
    assert response.status_code == 503
    assert response.headers["retry-after"] == "5"
    assert response.json()["code"] == "store_busy"
    assert "memory pool full" in response.json()["detail"]
