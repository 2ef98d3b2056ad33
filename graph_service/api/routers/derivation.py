"""`GET /v1/derivation`: how much derivation the store still owes its acknowledged writes.

Writes are acknowledged before EXPERT_IN and RELATED_TO follow them (ingest/derivation_queue.py).
An operator watches this backlog (it should stay near zero while portals push), and a client
that must read its own write's derived results waits until it is empty.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from graph_service.api.deps import Reader, StoreDep
from graph_service.api.problems import COMMON_ERRORS, problem_responses

COUNTED = 1000
"""The backlog is counted up to this many jobs: beyond it, the number matters less than
that it is large."""

router = APIRouter(prefix="/v1", tags=["ingest"], responses=problem_responses(*COMMON_ERRORS))


class Backlog(BaseModel):
    """Writes acknowledged whose derivation is not done yet, in this store (every process)."""

    queued: int = Field(description=f"queued derivation jobs, counted up to {COUNTED}")
    oldest: str | None = Field(description="the oldest queued job, None when none is")


@router.get("/derivation", response_model=Backlog)
def derivation_backlog(caller: Reader, store: StoreDep) -> Backlog:
    """The derivation backlog: 0 once every acknowledged write shows in derived results."""
    jobs = store.derivation_jobs(COUNTED)
    return Backlog(queued=len(jobs), oldest=jobs[0].id if jobs else None)
