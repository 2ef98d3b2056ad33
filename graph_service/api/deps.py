"""Typed dependency aliases: what a route needs, taken from the `Services` the lifespan built."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Path, Request
from fastapi.security import APIKeyHeader

from embeddings.base import Embedder
from graph_service.api.language import LanguageChoice, requested_language
from graph_service.api.security import ANONYMOUS, Caller, KeyRing, Scope
from graph_service.config import Settings
from graph_service.routing_desk import RoutingDesk
from graph_service.services import Services
from graph_service.store.base import GraphStore
from ingest.derivation_queue import DerivationWorker
from ingest.pipeline import Pipeline
from queries.experts import ExpertFinder
from queries.gaps import GapMap
from queries.namesakes import Namesakes
from queries.practices import PracticeSearch
from queries.recommend import Recommender

api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_services(request: Request) -> Services:
    """The parts of the service, built once by the lifespan (`graph_service.services`)."""
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings(services: ServicesDep) -> Settings:
    """The settings the service was started with."""
    return services.settings


def get_store(services: ServicesDep) -> GraphStore:
    """The store."""
    return services.store


def get_embedder(services: ServicesDep) -> Embedder:
    """The embedding model."""
    return services.embedder


def get_expert_finder(services: ServicesDep) -> ExpertFinder:
    """The expert finder (holds the calibrated domain matcher, built once)."""
    return services.expert_finder


def get_practice_search(services: ServicesDep) -> PracticeSearch:
    """The related-practice search."""
    return services.practice_search


def get_namesakes(services: ServicesDep) -> Namesakes:
    """People sharing a display name, each with what tells them apart."""
    return services.namesakes


def get_recommender(services: ServicesDep) -> Recommender:
    """People to ask, practices to read, communities to join."""
    return services.recommender


def get_gap_map(services: ServicesDep) -> GapMap:
    """The expertise-gap map."""
    return services.gap_map


def get_routing_desk(services: ServicesDep) -> RoutingDesk:
    """Question routing and its webhooks."""
    return services.routing_desk


def get_pipeline(services: ServicesDep) -> Pipeline:
    """The ingestion pipeline behind the write endpoints."""
    return services.pipeline


def get_derivation_worker(services: ServicesDep) -> DerivationWorker:
    """What derives the write endpoints' queued jobs, woken by each write."""
    return services.derivation_worker


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

    def check(
        settings: Annotated[Settings, Depends(get_settings)],
        caller: Annotated[Caller, Depends(get_caller)],
    ) -> Caller:
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


require_profile = require("profile")


def acting_for_member(
    caller: Annotated[Caller, Depends(require_profile)],
    store: Annotated[GraphStore, Depends(get_store)],
    person_id: Annotated[str, Path(min_length=1, max_length=512)],
) -> Caller:
    """A `profile` caller acting for the person of the path: one of its portal's members
    (the key's `acts_for`), else a 403 that says so."""
    members = caller.members
    if members is None or not members.include(store, person_id):
        raise HTTPException(
            403,
            f"this API key acts only for its portal's members (acts_for in the keys file), "
            f"and {person_id!r} is not one of them",
        )
    return caller


StoreDep = Annotated[GraphStore, Depends(get_store)]
EmbedderDep = Annotated[Embedder, Depends(get_embedder)]
ExpertFinderDep = Annotated[ExpertFinder, Depends(get_expert_finder)]
PracticeSearchDep = Annotated[PracticeSearch, Depends(get_practice_search)]
RecommenderDep = Annotated[Recommender, Depends(get_recommender)]
NamesakesDep = Annotated[Namesakes, Depends(get_namesakes)]
GapMapDep = Annotated[GapMap, Depends(get_gap_map)]
PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
DerivationWorkerDep = Annotated[DerivationWorker, Depends(get_derivation_worker)]
RoutingDeskDep = Annotated[RoutingDesk, Depends(get_routing_desk)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LanguageDep = Annotated[LanguageChoice, Depends(requested_language)]
"""The response's language: `lang`, else Accept-Language; see `graph_service.api.language`."""
Reader = Annotated[Caller, Depends(require("read"))]
Writer = Annotated[Caller, Depends(require("write"))]
Admin = Annotated[Caller, Depends(require("admin"))]
ProfileEditor = Annotated[Caller, Depends(require_profile)]
MemberEditor = Annotated[Caller, Depends(acting_for_member)]
"""A `profile` key (or an admin) acting for the `{person_id}` of the path."""
