"""Request and response bodies of the HTTP API (the OpenAPI document is generated from these)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from queries.browse import DomainScore


class EvidenceOut(BaseModel):
    """A document or post that makes a person an expert."""

    content_id: str
    document_id: str
    title: str
    url: str | None
    snippet: str
    date: datetime | None
    role: str = Field(description="author, asker, starter, answerer, commenter or replier")
    contribution: float = Field(description="this item's part of the person's score")


class ExpertOut(BaseModel):
    """A ranked person with the evidence behind the rank, and what the score is made of:
    `score` = the `evidence` items' contributions + `more_evidence_contribution` (the
    `more_evidence` items not shown) + the `signals` (rounding aside)."""

    id: str
    name: str
    distinguished_by: str | None = Field(
        default=None,
        description="for a person whose display name another shares: their main community "
        "and main domain, in the response's language",
    )
    score: float
    domains: list[DomainScore]
    last_activity: datetime | None
    evidence: list[EvidenceOut]
    more_evidence: int = Field(description="evidence items that count but are not listed")
    more_evidence_contribution: float = Field(description="what those items add together")
    basis: str = Field(
        "evidence",
        description="`evidence`, or `declared`: no evidence yet, only the person's word that "
        "they know a domain of the query (ranked after everyone with evidence)",
    )
    signals: dict[str, float] = Field(
        description="what is added to the evidence: the graph signals `expert_in` (EXPERT_IN "
        "in the query's domains), `recent_help` (answers and replies to others in the last 14 "
        "days) and `confirmed` "
        "(a domain of the query the person confirmed), or, where the store has a learned "
        "ranking (`copgraph train-ranker`), its corrections, which may be negative: `match`, "
        "`similar_questions`, `track_record` and `activity` (the evidence "
        "is then a share of the best person's)"
    )


NOBODY_YET = "nobody here has written about this yet"


class ExpertsPage(BaseModel):
    """One page of experts; pass `next_cursor` as `cursor` for the next. No results come
    with a `reason`: nothing the caller may see is about the query."""

    query: str
    results: list[ExpertOut]
    next_cursor: str | None
    reason: str | None = Field(None, description=f"with no results: {NOBODY_YET!r}")


class PracticeOut(BaseModel):
    """A practice with why it was returned."""

    id: str
    title: str
    summary: str
    source_id: str
    author_ids: list[str]
    domain_ids: list[str]
    language: str
    score: float
    reasons: list[str]
    duplicates: list[str] = Field(description="near-duplicate practices collapsed into this one")


class PracticesPage(BaseModel):
    """Practices, best first."""

    results: list[PracticeOut]


class StatsOut(BaseModel):
    """Counts of nodes and relationships."""

    backend: str
    nodes: dict[str, int]
    relationships: dict[str, int]


class Health(BaseModel):
    """Liveness of the store and the model."""

    status: str
    store: str
    model: str
