"""Browsing the graph: people, documents, domains, stats."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from graph_service.api.deps import Admin, LanguageDep, NamesakesDep, Reader, StoreDep
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.api.schemas import StatsOut
from graph_service.api.times import utc_filter
from graph_service.store.base import SearchLogEntry
from queries.browse import (
    DocumentOut,
    DomainDetail,
    DomainOut,
    PersonOut,
    document_with_posts,
    domain_detail,
    list_domains,
    person_profile,
)

router = APIRouter(
    prefix="/v1",
    tags=["graph"],
    responses=problem_responses(*COMMON_ERRORS, *(404,)),
)
Id = Annotated[str, Path(min_length=1, max_length=512)]


@router.get("/people/{person_id}", response_model=PersonOut)
def get_person(
    caller: Reader, store: StoreDep, namesakes: NamesakesDep, chosen: LanguageDep, person_id: Id
) -> PersonOut:
    """A person's profile: the domains they are known for, from what the caller may see;
    their status, declarations, change log and routed questions only for admins and the
    `profile` keys acting for them."""
    scope = caller.search_scope
    members = caller.members
    private = members is not None and members.include(store, person_id)
    profile = person_profile(store, scope, person_id, private)
    told = namesakes.label(person_id, scope, chosen.language)
    return profile.model_copy(update={"distinguished_by": told})


@router.get("/documents/{document_id}", response_model=DocumentOut)
def get_document(caller: Reader, store: StoreDep, document_id: Id) -> DocumentOut:
    """A document with its posts; a private community's documents only for allowed keys."""
    return document_with_posts(store, caller.search_scope, document_id)


@router.get("/domains", response_model=list[DomainOut])
def get_domains(caller: Reader, store: StoreDep, chosen: LanguageDep) -> list[DomainOut]:
    """The taxonomy; descriptions in `lang` (else Accept-Language) where the file gives one."""
    return list_domains(store, chosen.language)


@router.get("/domains/{domain_id}", response_model=DomainDetail)
def get_domain(
    caller: Reader, store: StoreDep, namesakes: NamesakesDep, chosen: LanguageDep, domain_id: Id
) -> DomainDetail:
    """A domain with its experts (opted-out people left out, namesakes told apart) and
    narrower domains; its description in `lang` (else Accept-Language)."""
    scope = caller.search_scope
    detail = domain_detail(store, scope, domain_id, chosen.language)
    experts = [
        expert.model_copy(
            update={"distinguished_by": namesakes.label(expert.person_id, scope, chosen.language)}
        )
        for expert in detail.experts
    ]
    return detail.model_copy(update={"experts": experts})


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
