"""`/healthz` (store and model answer) and `/readyz` (the app finished starting)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from graph_service.api.deps import EmbedderDep, StoreDep
from graph_service.api.schemas import Health
from graph_service.errors import CopgraphError

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, responses={503: {"model": Health}})
def healthz(store: StoreDep, embedder: EmbedderDep) -> Health | JSONResponse:
    """Whether the store answers and the model embeds; 503 naming the part that fails."""
    store_state = model_state = "ok"
    try:
        store.ping()
    except CopgraphError as error:
        store_state = f"unavailable: {error}"
    try:
        embedder.embed_query("ping")
    except Exception as error:  # noqa: BLE001  # any model failure means unhealthy
        model_state = f"unavailable: {error}"
    health = Health(
        status="ok" if store_state == model_state == "ok" else "unavailable",
        store=store_state,
        model=model_state,
    )
    if health.status != "ok":
        return JSONResponse(health.model_dump(), status_code=503)
    return health


@router.get("/readyz", response_model=Health)
def readyz(store: StoreDep, embedder: EmbedderDep) -> Health:
    """Ready once the lifespan has opened the store and loaded the model."""
    return Health(status="ready", store=store.backend, model=embedder.name)
