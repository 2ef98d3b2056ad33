"""A live copgraph API over HTTP, per backend, with the sample corpus ingested.

The server is real uvicorn on a loopback port in a background thread, so tests speak HTTP
the way a portal does. API keys of every kind are configured in a keys file (hashed).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import yaml

from embeddings.base import Embedder
from graph_service.api.app import create_app
from graph_service.api.security import hash_key
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from tests.conftest import emptied
from tests.live_server import serve as serve_app
from tests.sample import ingest_sample

KEYS = {
    "reader": ["read"],
    "health-reader": ["read"],
    "writer": ["read", "write"],
    "admin": ["admin"],
    "portal": ["read", "profile"],
    "nurses-portal": ["read", "profile"],
    "malee-portal": ["read", "profile"],
}
ACTS_FOR = {
    "portal": ["*"],
    "nurses-portal": ["community:cop-health"],
    "malee-portal": ["malee"],
}
"""Whom each `profile` key acts for: everyone, a community's members, one person."""


@dataclass(frozen=True)
class LiveApi:
    """A running API: its base URL and the plain keys by name."""

    url: str
    keys: dict[str, str]
    backend: str
    store: GraphStore
    """The store the API serves (for tests that must hold its derivation lease)."""

    def client(self, key: str | None = None) -> httpx.Client:
        """An HTTP client, authenticated with the named key if given."""
        headers = {"X-API-Key": self.keys[key]} if key else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


SETTLE_S = 60.0
"""How long a test waits for derivation to catch up. The documented bound (2 s after the
acknowledgement, ingest/derivation_queue.py) is measured by `benchmarks.live`, not asserted
here: these cores are shared, and a wall-clock bound would fail a correct build."""


def settled(client: httpx.Client, within: float = SETTLE_S) -> float:
    """Wait until the store owes no derivation (`GET /v1/derivation`); returns how long
    that took, and fails past `within` seconds."""
    started = time.monotonic()
    while (waited := time.monotonic() - started) < within:
        backlog = client.get("/v1/derivation")
        assert backlog.status_code == 200, backlog.text
        if backlog.json()["queued"] == 0:
            return waited
        time.sleep(0.02)
    raise AssertionError(f"derivation still owed {within} s after the write")


def _keys_file(path: Path) -> dict[str, str]:
    plain = {name: f"test-key-{name}" for name in KEYS}
    entries = [
        {
            "name": name,
            "sha256": hash_key(plain[name]),
            "scopes": scopes,
            "communities": ["cop-health"] if name in ("health-reader", "nurses-portal") else [],
            "acts_for": ACTS_FOR.get(name, []),
        }
        for name, scopes in KEYS.items()
    ]
    path.write_text(yaml.safe_dump(entries), encoding="utf-8")
    return plain


def empty_store(request: pytest.FixtureRequest, folder: Path, dimension: int) -> GraphStore:
    """An empty store of the backend a module-scoped fixture is parametrized with: the
    session's Neo4j emptied (its search indexes kept when they have `dimension`, as the
    modules before left them), or an embedded store in `folder`."""
    if request.param == "neo4j":
        from graph_service.store.neo4j.store import Neo4jStore

        neo4j_settings: Settings = request.getfixturevalue("neo4j_module_settings")
        return emptied(Neo4jStore.connect(neo4j_settings), dimension)
    from graph_service.store.embedded.store import EmbeddedStore

    return EmbeddedStore.open(folder / "store")


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def live_api(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    embedder: Embedder,
    sample_vectors: Path,
) -> Iterator[LiveApi]:
    """The API over a fresh store holding the sample corpus, served on a free loopback port."""
    folder = tmp_path_factory.mktemp(f"api-{request.param}")
    keys = _keys_file(folder / "keys.yaml")
    settings = Settings(data_dir=folder / "data", api_keys_file=folder / "keys.yaml")
    store = empty_store(request, folder, embedder.dimension)
    ingest_sample(store, settings, embedder, sample_vectors)
    with serve(settings, store, embedder) as url:
        yield LiveApi(url=url, keys=keys, backend=request.param, store=store)
    store.close()


@contextmanager
def serve(settings: Settings, store: GraphStore, embedder: Embedder) -> Iterator[str]:
    """The API over `store`, served by uvicorn on a free loopback port; its base URL."""
    with serve_app(create_app(settings, store=store, embedder=embedder)) as url:
        yield url
