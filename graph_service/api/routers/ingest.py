"""Portals push content: `POST /v1/documents`, `POST /v1/discussions`, `DELETE /v1/documents/{id}`.

The bodies are the copgraph JSONL record format (one record per request) and run through the
very pipeline `copgraph ingest` uses. Writes need a key with the `write` scope; one pipeline
run at a time per process (a run keeps what it touched).

A write is acknowledged once its content is committed, with the derivation it owes queued in
the same transaction; EXPERT_IN and RELATED_TO follow off the request path, within the
bound ingest/derivation_queue.py states (2 s), in this process or another on the same store.
"""

from __future__ import annotations

import threading
from typing import Annotated, Literal

from fastapi import APIRouter, Path, Response
from pydantic import BaseModel

from graph_service.api.deps import DerivationWorkerDep, PipelineDep, Writer
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.errors import InvalidInput, NotFound
from ingest.derivation_queue import DerivationWorker
from ingest.pipeline import Pipeline
from ingest.records import Reject
from ingest.report import IngestReport
from ingest.sources.jsonl import Discussion, Document, records_of

router = APIRouter(
    prefix="/v1",
    tags=["ingest"],
    responses=problem_responses(*COMMON_ERRORS, *(404, 413)),
)
_one_run_at_a_time = threading.Lock()


class IngestResult(BaseModel):
    """What happened to a pushed record."""

    id: str
    status: Literal["ingested", "unchanged"]
    rejected_posts: list[Reject]


def _ingest(
    pipeline: Pipeline, worker: DerivationWorker, record: Document | Discussion
) -> IngestResult:
    position = f"request {record.id}"
    items = list(records_of(record, source="api", position=position))
    for item in items:
        if isinstance(item, Reject) and item.position == position:
            raise InvalidInput(f"record {record.id}: {item.reason}")
    report = IngestReport()
    with _one_run_at_a_time:
        pipeline.run(items, report)
    worker.wake()
    rejected_posts = [reject for reject in report.recent_rejects if reject.position != position]
    if len(rejected_posts) < len(report.recent_rejects):
        # Normalisation refused the record itself (no text once its markup is gone, a time
        # out of range): nothing was stored, which "unchanged" would hide.
        reason = next(r.reason for r in report.recent_rejects if r.position == position)
        raise InvalidInput(f"record {record.id}: {reason}")
    status: Literal["ingested", "unchanged"] = (
        "ingested" if report.total("ingested") else "unchanged"
    )
    return IngestResult(id=record.id, status=status, rejected_posts=rejected_posts)


@router.post("/documents", response_model=IngestResult)
def post_document(
    caller: Writer, pipeline: PipelineDep, worker: DerivationWorkerDep, document: Document
) -> IngestResult:
    """Ingest (or update) one document; re-posting the same body changes nothing."""
    return _ingest(pipeline, worker, document)


@router.post("/discussions", response_model=IngestResult)
def post_discussion(
    caller: Writer, pipeline: PipelineDep, worker: DerivationWorkerDep, discussion: Discussion
) -> IngestResult:
    """Ingest (or update) one discussion with its posts."""
    return _ingest(pipeline, worker, discussion)


@router.delete("/documents/{document_id}", status_code=204, response_class=Response)
def delete_document(
    caller: Writer,
    pipeline: PipelineDep,
    worker: DerivationWorkerDep,
    document_id: Annotated[str, Path(max_length=512)],
) -> Response:
    """Delete a document with its posts, chunks and practices; expertise is re-derived."""
    with _one_run_at_a_time:
        deleted = pipeline.delete([document_id])
    worker.wake()
    if not deleted:
        raise NotFound("document", document_id)
    return Response(status_code=204)
