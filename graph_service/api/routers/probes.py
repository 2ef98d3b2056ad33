"""`/healthz` (store and model answer) and `/readyz` (started, and the store answers now).

Both answer 503 with `Retry-After` while the store is down and 200 again as soon as it
answers: a load balancer takes the instance out and back in without anyone restarting it.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from graph_service.api.deps import EmbedderDep, StoreDep
from graph_service.api.problems import problem_responses
from graph_service.api.schemas import Health
from graph_service.errors import CopgraphError

router = APIRouter(tags=["health"])
RETRY_AFTER_S = "5"
"""As for every other 503 (see problems.py): a restarted store answers within seconds."""


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
        return JSONResponse(
            health.model_dump(), status_code=503, headers={"Retry-After": RETRY_AFTER_S}
        )
    return health


@router.get("/readyz", response_model=Health, responses=problem_responses(503))
def readyz(store: StoreDep, embedder: EmbedderDep) -> Health:
    """Ready once the lifespan has opened the store, loaded the model, rehearsed a push (on
    Neo4j) and built the public scope's query views, while the store answers; 503
    `store_unavailable` (problem+json) when it does not."""
    store.ping()
    return Health(status="ready", store=store.backend, model=embedder.name)
