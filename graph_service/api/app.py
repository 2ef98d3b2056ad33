"""`create_app(settings)`: the FastAPI application, its lifespan and middleware.

The lifespan opens the store and loads the embedding model once per process; tests may pass
their own store and embedder instead. Bodies over `max_body_bytes` are refused before they
are read (or, streamed, as soon as they pass it), and every error leaves as problem+json.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from embeddings.base import Embedder
from embeddings.factory import load_embedder
from graph_service.api.limits import BodyLimit
from graph_service.api.problems import install_problem_handlers
from graph_service.api.routers import (
    embed,
    experts,
    gaps,
    graph,
    health,
    health_cop,
    ingest,
    practices,
    recommend,
    web,
)
from graph_service.api.security import KeyRing
from graph_service.config import Settings, get_settings
from graph_service.store import open_store
from graph_service.store.base import GraphStore
from ingest.factory import build_pipeline
from queries.experts import ExpertFinder
from queries.gaps import GapMap
from queries.practices import PracticeSearch
from queries.recommend import Recommender


def create_app(
    settings: Settings | None = None,
    store: GraphStore | None = None,
    embedder: Embedder | None = None,
) -> FastAPI:
    """The API over the configured store and model (or the ones given, for tests)."""
    settings = settings or get_settings()
    keys = KeyRing.load(settings.api_keys_file)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = store or open_store(settings)
        model = embedder or load_embedder(settings.embedding_model)
        opened.ensure_schema(model.dimension)
        app.state.settings = settings
        app.state.keys = keys
        app.state.store = opened
        app.state.embedder = model
        app.state.expert_finder = ExpertFinder(opened, model, settings.expertise_half_life_days)
        app.state.practice_search = PracticeSearch(opened, model)
        finder = app.state.expert_finder
        app.state.gap_map = GapMap(opened, finder.domain_matcher, finder.expertise_views)
        app.state.recommender = Recommender(
            opened, app.state.expert_finder, app.state.practice_search
        )
        app.state.pipeline = build_pipeline(settings, opened, model)
        try:
            yield
        finally:
            app.state.pipeline.cache.close()
            if store is None:
                opened.close()

    app = FastAPI(
        title="copgraph",
        version="0.1.0",
        summary="Who knows about X, related practices and expertise gaps for CoPs.",
        lifespan=lifespan,
    )
    install_problem_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["X-API-Key", "Content-Type"],
        )

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)

    routers = (health, experts, practices, recommend, graph, gaps, health_cop, ingest, embed, web)
    for router in (module.router for module in routers):
        app.include_router(router)
    return app
