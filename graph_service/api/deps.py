"""Typed dependency aliases: what a route needs, built once at start-up by the lifespan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader

from embeddings.base import Embedder
from graph_service.api.security import ANONYMOUS, Caller, KeyRing, Scope
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from queries.experts import ExpertFinder
from queries.practices import PracticeSearch

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_store(request: Request) -> GraphStore:
    """The store opened by the lifespan."""
    store: GraphStore = request.app.state.store
    return store


def get_embedder(request: Request) -> Embedder:
    """The embedding model loaded by the lifespan."""
    embedder: Embedder = request.app.state.embedder
    return embedder


def get_expert_finder(request: Request) -> ExpertFinder:
    """The expert finder (holds the calibrated domain matcher, built once)."""
    finder: ExpertFinder = request.app.state.expert_finder
    return finder


def get_practice_search(request: Request) -> PracticeSearch:
    """The related-practice search."""
    search: PracticeSearch = request.app.state.practice_search
    return search


def get_caller(request: Request, key: Annotated[str | None, Depends(api_key_header)]) -> Caller:
    """Who is calling: the key's owner, or anonymous; a wrong key is a 401, never anonymous."""
    if key:
        keys: KeyRing = request.app.state.keys
        caller = keys.caller(key)
        if caller is None:
            raise HTTPException(401, "unknown API key", headers={"WWW-Authenticate": "X-API-Key"})
        return caller
    return ANONYMOUS


def require(scope: Scope) -> Callable[..., Caller]:
    """A dependency that admits callers holding `scope`."""

    def check(request: Request, caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
        settings: Settings = request.app.state.settings
        if caller is ANONYMOUS and (scope != "read" or not settings.anonymous_read):
            raise HTTPException(
                401,
                f"an API key with scope {scope!r} is required",
                headers={"WWW-Authenticate": "X-API-Key"},
            )
        if not caller.can(scope):
            raise HTTPException(403, f"this API key lacks scope {scope!r}")
        return caller

    return check


StoreDep = Annotated[GraphStore, Depends(get_store)]
EmbedderDep = Annotated[Embedder, Depends(get_embedder)]
ExpertFinderDep = Annotated[ExpertFinder, Depends(get_expert_finder)]
PracticeSearchDep = Annotated[PracticeSearch, Depends(get_practice_search)]
Reader = Annotated[Caller, Depends(require("read"))]
Writer = Annotated[Caller, Depends(require("write"))]
Admin = Annotated[Caller, Depends(require("admin"))]
