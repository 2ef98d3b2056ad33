"""`GET /v1/experts`: who knows about X, with the evidence."""

from __future__ import annotations

import base64
import binascii
import logging
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from graph_service.api.deps import ExpertFinderDep, LanguageDep, NamesakesDep, Reader, StoreDep
from graph_service.api.page_size import EXPERTS_CAP, limit_query
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.api.schemas import NOBODY_YET, EvidenceOut, ExpertOut, ExpertsPage
from graph_service.api.times import utc_filter
from graph_service.errors import InvalidInput, StoreUnavailable
from graph_service.store.base import SearchLogEntry
from queries.browse import DomainScore
from queries.experts import Expert, ExpertQuery
from queries.filters import check_filters

router = APIRouter(
    prefix="/v1",
    tags=["experts"],
    responses=problem_responses(*COMMON_ERRORS, 404),
)
log = logging.getLogger("copgraph.api")


def encode_cursor(offset: int) -> str:
    """An opaque cursor for the page starting at `offset`."""
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for; a malformed cursor is a 422."""
    if not cursor:
        return 0
    try:
        kind, value = base64.urlsafe_b64decode(cursor.encode()).decode().split(":", 1)
        offset = int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError) as error:
        raise InvalidInput(
            "cursor is malformed; pass the next_cursor of a previous page"
        ) from error
    if kind != "o" or offset < 0:
        raise InvalidInput("cursor is malformed; pass the next_cursor of a previous page")
    return offset


def expert_out(expert: Expert, distinguished_by: str | None = None) -> ExpertOut:
    """The response form of a ranked expert (told apart from namesakes by `distinguished_by`)."""
    shown = sum(item.contribution for item in expert.evidence)
    return ExpertOut(
        id=expert.person_id,
        name=expert.name,
        distinguished_by=distinguished_by,
        score=round(expert.score, 6),
        domains=[DomainScore.of(row) for row in expert.domains],
        last_activity=expert.last_activity,
        evidence=[
            EvidenceOut(
                content_id=item.content_id,
                document_id=item.document_id,
                title=item.title,
                url=item.url,
                snippet=item.snippet,
                date=item.created_at,
                role=item.role,
                contribution=round(item.contribution, 6),
            )
            for item in expert.evidence
        ],
        more_evidence=expert.evidence_count - len(expert.evidence),
        more_evidence_contribution=round(max(0.0, expert.evidence_total - shown), 6),
        basis=expert.basis,
        signals={name: round(value, 6) for name, value in expert.signals.items()},
    )


@router.get("/experts", response_model=ExpertsPage)
def find_experts(
    caller: Reader,
    finder: ExpertFinderDep,
    store: StoreDep,
    namesakes: NamesakesDep,
    chosen: LanguageDep,
    q: Annotated[str, Query(min_length=1, max_length=1000, description="what to know about")],
    community: Annotated[str | None, Query(max_length=200)] = None,
    language: Annotated[str | None, Query(pattern="^(th|en|other)$")] = None,
    since: Annotated[datetime | None, Query(description="only evidence since then")] = None,
    domain: Annotated[str | None, Query(max_length=200)] = None,
    limit: Annotated[int, limit_query(EXPERTS_CAP, 10)] = 10,
    cursor: Annotated[str | None, Query(max_length=100)] = None,
) -> ExpertsPage:
    """People who know about `q`, best first, each with the evidence behind the rank.

    An unknown `community` or `domain` (or a private community the caller may not see) is
    a 404 naming it.
    """
    offset = decode_cursor(cursor)
    check_filters(store, caller.search_scope, community, domain)
    scope = caller.search_scope.model_copy(
        update={
            "communities": frozenset({community}) if community else None,
            "language": language,
            "since": utc_filter(since),
        }
    )
    ranked = finder.find(ExpertQuery(text=q, scope=scope, domain_id=domain))
    entry = SearchLogEntry(
        endpoint="experts",
        query=q,
        at=datetime.now(UTC),
        result_count=len(ranked),
        top_score=ranked[0].score if ranked else None,
    )
    try:
        store.log_search(entry)
    except StoreUnavailable:
        log.warning("demand log unavailable; search not logged")
    page = ranked[offset : offset + limit]
    finder.describe(page, scope)
    more = offset + limit < len(ranked)
    return ExpertsPage(
        query=q,
        results=[
            expert_out(expert, namesakes.label(expert.person_id, scope, chosen.language))
            for expert in page
        ],
        next_cursor=encode_cursor(offset + limit) if more else None,
        reason=None if ranked else NOBODY_YET,
    )
