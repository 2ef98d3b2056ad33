"""Browsing the graph: people, documents, domains, stats."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from graph_service.api.deps import Admin, Reader, StoreDep
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.api.schemas import (
    ContributionOut,
    DocumentOut,
    DomainDetail,
    DomainOut,
    DomainPractice,
    DomainScore,
    DomainScorePerson,
    PersonOut,
    PostOut,
    PracticeBrief,
    StatsOut,
)
from graph_service.api.times import utc_filter
from graph_service.errors import NotFound
from graph_service.store.base import GraphStore, SearchLogEntry, SearchScope
from queries.visibility import community_visible, visible_expertise

router = APIRouter(
    prefix="/v1",
    tags=["graph"],
    responses=problem_responses(*COMMON_ERRORS, *(404,)),
)
RECENT_ON_PROFILE = 10
DOMAIN_PRACTICES = 30
Id = Annotated[str, Path(min_length=1, max_length=512)]


@router.get("/people/{person_id}", response_model=PersonOut)
def get_person(caller: Reader, store: StoreDep, person_id: Id) -> PersonOut:
    """A person's profile: the domains they are known for, from what the caller may see.

    Opted-out people are not found, nor, by a caller outside its private communities, a
    person with nothing the caller may see: their name would say they are a member.
    """
    person = store.get_person(person_id)
    if person is None or person.opted_out:
        raise NotFound("person", person_id)
    scope = caller.search_scope
    domains = [
        DomainScore(domain_id=row.domain_id, score=row.score, evidence_count=row.evidence_count)
        for row in visible_expertise(store, scope, person_id=person_id)
    ]
    recent = [
        ContributionOut(
            content_id=item.content_id,
            kind=item.content_kind,
            document_id=item.document_id,
            title=item.title,
            url=item.url,
            date=item.created_at,
            community_id=item.community_id,
            score=item.score,
            accepted=item.accepted,
        )
        for item in store.recent_content(person_id, RECENT_ON_PROFILE, scope)
    ]
    practices = [
        PracticeBrief(id=p.id, title=p.title, summary=p.summary, domain_ids=p.domain_ids)
        for p in store.practices_by_author(person_id, scope)
    ]
    if not (domains or recent or practices) and scope.private_allowed is not None:
        raise NotFound("person", person_id)
    return PersonOut(
        id=person.id, name=person.name, domains=domains, recent=recent, practices=practices
    )


@router.get("/documents/{document_id}", response_model=DocumentOut)
def get_document(caller: Reader, store: StoreDep, document_id: Id) -> DocumentOut:
    """A document with its posts; a private community's documents only for allowed keys."""
    document = store.get_document(document_id)
    if document is None or not community_visible(store, caller.search_scope, document.community_id):
        raise NotFound("document", document_id)
    posts = [
        PostOut(
            id=post.id,
            kind=post.kind,
            reply_to=post.reply_to,
            text=post.text,
            created_at=post.created_at,
            author_ids=post.author_ids,
            accepted=post.accepted,
            score=post.score,
        )
        for post in store.get_posts(document_id)
    ]
    return DocumentOut(
        id=document.id,
        kind=document.kind,
        title=document.title,
        text=document.text,
        url=document.url,
        created_at=document.created_at,
        community_id=document.community_id,
        language=document.language,
        tags=document.tags,
        author_ids=document.author_ids,
        posts=posts,
    )


@router.get("/domains", response_model=list[DomainOut])
def list_domains(caller: Reader, store: StoreDep) -> list[DomainOut]:
    """The taxonomy."""
    return [
        DomainOut(id=d.id, labels=d.labels, description=d.description, broader=d.broader)
        for d in store.list_domains()
    ]


@router.get("/domains/{domain_id}", response_model=DomainDetail)
def get_domain(caller: Reader, store: StoreDep, domain_id: Id) -> DomainDetail:
    """A domain with its experts (opted-out people left out) and narrower domains."""
    domains = store.list_domains()
    domain = next((d for d in domains if d.id == domain_id), None)
    if domain is None:
        raise NotFound("domain", domain_id)
    experts = []
    rows = visible_expertise(store, caller.search_scope, domain_id=domain_id)[:50]
    people = {person.id: person for person in store.get_people([row.person_id for row in rows])}
    for row in rows:
        person = people.get(row.person_id)
        if person is not None and not person.opted_out:
            experts.append(
                DomainScorePerson(
                    person_id=row.person_id,
                    name=person.name,
                    score=row.score,
                    evidence_count=row.evidence_count,
                    last_activity=row.last_activity,
                )
            )
    experts = experts[:20]
    return DomainDetail(
        id=domain.id,
        labels=domain.labels,
        description=domain.description,
        broader=domain.broader,
        narrower=sorted(d.id for d in domains if domain_id in d.broader),
        experts=experts,
        practices=_domain_practices(store, experts, domain_id, caller.search_scope),
    )


def _domain_practices(
    store: GraphStore, experts: list[DomainScorePerson], domain_id: str, scope: SearchScope
) -> list[DomainPractice]:
    """The domain's practices written by its experts (what a domain page draws around it)."""
    found: dict[str, DomainPractice] = {}
    for expert in experts:
        for p in store.practices_by_author(expert.person_id, scope):
            if domain_id in p.domain_ids and p.id not in found:
                found[p.id] = DomainPractice(
                    id=p.id,
                    title=p.title,
                    summary=p.summary,
                    domain_ids=p.domain_ids,
                    author_ids=p.author_ids,
                )
    return list(found.values())[:DOMAIN_PRACTICES]


@router.get("/searches", response_model=list[SearchLogEntry])
def searches(
    caller: Admin,
    store: StoreDep,
    since: Annotated[datetime | None, Query(description="only searches since then")] = None,
) -> list[SearchLogEntry]:
    """The demand log (query, time, result count, top score; nothing about the caller)."""
    return store.search_log(utc_filter(since))


@router.get("/stats", response_model=StatsOut)
def stats(caller: Reader, store: StoreDep) -> StatsOut:
    """Counts of nodes by label and relationships by type."""
    counts = store.stats()
    return StatsOut(backend=store.backend, nodes=counts.nodes, relationships=counts.relationships)
