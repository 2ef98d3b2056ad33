"""Request and response bodies of the HTTP API (the OpenAPI document is generated from these)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field


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


class DomainScore(BaseModel):
    """A domain a person is known for, with their EXPERT_IN score."""

    domain_id: str
    score: float
    evidence_count: int


class ExpertOut(BaseModel):
    """A ranked person with the evidence behind the rank."""

    id: str
    name: str
    score: float
    domains: list[DomainScore]
    last_activity: datetime | None
    evidence: list[EvidenceOut]


class ExpertsPage(BaseModel):
    """One page of experts; pass `next_cursor` as `cursor` for the next."""

    query: str
    results: list[ExpertOut]
    next_cursor: str | None


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


class ContributionOut(BaseModel):
    """One of a person's documents or posts."""

    content_id: str
    kind: str
    document_id: str
    title: str
    url: str | None
    date: datetime | None
    community_id: str | None
    score: int
    accepted: bool


class PracticeBrief(BaseModel):
    """A practice as a profile lists it."""

    id: str
    title: str
    summary: str
    domain_ids: list[str]


class PersonOut(BaseModel):
    """A person's profile: what they are known for, what they wrote lately, their practices."""

    id: str
    name: str
    domains: list[DomainScore]
    recent: list[ContributionOut]
    practices: list[PracticeBrief]


class DocumentOut(BaseModel):
    """A document with its posts."""

    id: str
    kind: str
    title: str
    text: str
    url: str | None
    created_at: datetime | None
    community_id: str | None
    language: str
    tags: list[str]
    author_ids: list[str]
    posts: list[PostOut]


class PostOut(BaseModel):
    """A reply, answer or comment."""

    id: str
    kind: str
    reply_to: str
    text: str
    created_at: datetime | None
    author_ids: list[str]
    accepted: bool
    score: int


class DomainOut(BaseModel):
    """A taxonomy domain."""

    id: str
    labels: dict[str, str]
    description: str
    broader: list[str]


class DomainDetail(DomainOut):
    """A domain with its experts, their practices in it, and narrower domains."""

    narrower: list[str]
    experts: list[DomainScorePerson]
    practices: list[DomainPractice] = Field(
        description="practices in this domain authored by the listed experts"
    )


class DomainScorePerson(BaseModel):
    """A person's EXPERT_IN score in one domain."""

    person_id: str
    name: str
    score: float
    evidence_count: int
    last_activity: datetime | None


class DomainPractice(PracticeBrief):
    """A practice of a domain with its authors, so a domain page can draw who wrote what."""

    author_ids: list[str]


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


DocumentOut.model_rebuild()
DomainDetail.model_rebuild()
