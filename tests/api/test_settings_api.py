"""Settings that shape the HTTP surface: CORS origins and closing reads to anonymous callers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from embeddings.hashing import HashingEmbedder
from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.store.embedded.store import EmbeddedStore


def _client(tmp_path: Path, **settings: object) -> Iterator[TestClient]:
    store = EmbeddedStore.open(tmp_path / "store")
    app = create_app(
        Settings(data_dir=tmp_path / "data", **settings),  # type: ignore[arg-type]
        store=store,
        embedder=HashingEmbedder(),
    )
    with TestClient(app) as client:
        yield client
    store.close()


@pytest.fixture
def cors_client(tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(tmp_path, cors_origins=["https://portal.example.org"])


@pytest.fixture
def closed_client(tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(tmp_path, anonymous_read=False)


def test_cors_allows_only_the_configured_origin(cors_client: TestClient) -> None:
    allowed = cors_client.options(
        "/v1/domains",
        headers={"Origin": "https://portal.example.org", "Access-Control-Request-Method": "GET"},
    )
    assert allowed.headers["access-control-allow-origin"] == "https://portal.example.org"
    other = cors_client.get("/v1/domains", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in other.headers


def test_reads_can_be_closed_to_anonymous_callers(closed_client: TestClient) -> None:
    response = closed_client.get("/v1/domains")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")
    assert closed_client.get("/healthz").status_code == 200
