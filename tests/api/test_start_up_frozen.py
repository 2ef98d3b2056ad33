"""The API freezes what start-up left in memory while it runs, and only then
(graph_service.api.app.start_up_frozen): a full collection then walks what requests made,
not the model and the libraries, and an app a test stops leaves nothing frozen."""

from __future__ import annotations

import gc
from pathlib import Path

from fastapi.testclient import TestClient

from embeddings.hashing import HashingEmbedder
from graph_service.api.app import create_app
from graph_service.config import Settings
from graph_service.store.embedded.store import EmbeddedStore


def test_start_up_is_frozen_while_the_app_runs(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path / "store")
    app = create_app(Settings(data_dir=tmp_path / "data"), store=store, embedder=HashingEmbedder())
    assert gc.get_freeze_count() == 0
    with TestClient(app) as client:
        assert gc.get_freeze_count() > 0
        assert client.get("/healthz").status_code == 200
    assert gc.get_freeze_count() == 0
