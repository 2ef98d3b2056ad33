"""`create_app(settings)`: the FastAPI application, its lifespan and middleware.

The lifespan builds the service's parts once per process from the composition root
(`graph_service.services`); tests may pass their own store and embedder instead. Bodies
over `max_body_bytes` are refused before they are read (or, streamed, as soon as they pass
it), and every error leaves as problem+json.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from embeddings.base import Embedder
from graph_service.api.limits import BodyLimit
from graph_service.api.problems import install_problem_handlers
from graph_service.api.routers import (
    communities,
    derivation,
    docs,
    experts,
    gaps,
    graph,
    ingest,
    people,
    practices,
    probes,
    questions,
    recommend,
    web,
    widget,
)
from graph_service.api.security import KeyRing
from graph_service.config import Settings, get_settings
from graph_service.routing_desk import Sweeper
from graph_service.services import Services
from graph_service.store.base import GraphStore
from graph_service.store.request_version import one_version

READS = frozenset({"GET", "HEAD"})


class OneVersionPerRead:
    """ASGI middleware running each read request in `request_version.one_version()`: the
    store's data version is read once per request, not once per cache it consults."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in READS:
            await self.app(scope, receive, send)
            return
        with one_version():
            await self.app(scope, receive, send)


@contextmanager
def start_up_frozen() -> Iterator[None]:
    """Within the block, what start-up left in memory is out of the garbage collector's way.

    The model, the driver and the libraries leave some 470,000 objects the cyclic collector
    tracks, all alive for as long as the process: each full collection walked them again,
    about 280 ms with the interpreter lock held (measured in an expert query process on
    Neo4j at 100k items: 2 in 60 queries, 10 ms a query, and a pause for every request in
    flight). Frozen (`gc.freeze`, after a collection of start-up's garbage), a full
    collection walks only what requests made since. Frozen objects are still freed when
    nothing refers to them; the block's end unfreezes them, so an app a test starts and
    stops leaves nothing frozen behind.
    """
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


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
        services = Services(
            settings, store=store, embedder=embedder, deferred_derivation=True
        ).open_all()
        app.state.keys = keys
        app.state.services = services
        sweeper = Sweeper(services.routing_desk, settings.routing_sweep_seconds).start()
        try:
            with start_up_frozen():
                yield
        finally:
            sweeper.stop()
            services.close()

    app = FastAPI(
        title="copgraph",
        version="0.1.0",
        summary="Who knows about X, related practices and expertise gaps for CoPs.",
        lifespan=lifespan,
        # `/docs` is served by the docs router from installed files (no CDN, no inline script);
        # ReDoc has no offline copy here, and would need inline styles the policy forbids.
        docs_url=None,
        redoc_url=None,
    )
    install_problem_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "PUT", "DELETE"],
            allow_headers=["X-API-Key", "Content-Type"],
        )

    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(OneVersionPerRead)

    routers = (
        probes,
        experts,
        practices,
        recommend,
        graph,
        gaps,
        communities,
        ingest,
        derivation,
        people,
        questions,
        widget,
        web,
        docs,
    )
    for router in (module.router for module in routers):
        app.include_router(router)
    return app
