"""Browsing the graph: a person's profile, a document with its posts, a domain's page.

What a caller may see is decided here, not in the API: an opted-out person is never found;
a caller outside its private communities finds neither their documents nor a person with
nothing visible to them (the name alone would say they are a member). The models are the
API's response bodies as well, so no layer copies their fields into another.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from graph_service.errors import NotFound
from graph_service.models import Domain, Expertise, Practice
from graph_service.store.base import GraphStore, SearchScope
from queries.profile_edit import ProfilePrivate, SkillOut, profile_private, profile_skills
from queries.visibility import community_visible, visible_expertise

RECENT_ON_PROFILE = 10
DOMAIN_EXPERTS_READ = 50
"""EXPERT_IN rows read for a domain page: enough to fill it after opted-out people go."""
DOMAIN_EXPERTS_SHOWN = 20
DOMAIN_PRACTICES = 30


class DomainScore(BaseModel):
    """A domain a person is known for, with their EXPERT_IN score."""

    domain_id: str
    score: float
    evidence_count: int

    @classmethod
    def of(cls, row: Expertise) -> DomainScore:
        """The public part of an EXPERT_IN row."""
        return cls(domain_id=row.domain_id, score=row.score, evidence_count=row.evidence_count)


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
    distinguished_by: str | None = Field(
        default=None,
        description="for a person whose display name another shares: their main community "
        "and main domain, in the response's language",
    )
    domains: list[DomainScore]
    recent: list[ContributionOut]
    practices: list[PracticeBrief]
    skills: list[SkillOut] = Field(
        default=[], description="inferred, confirmed and (for the person's portal) declared"
    )
    private: ProfilePrivate | None = Field(
        default=None, description="status, change log, routed questions: `profile` keys only"
    )


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
    description: str = Field(description="in the response's language (Content-Language)")
    descriptions: dict[str, str] = Field(description="the description in each language given")
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
    distinguished_by: str | None = Field(
        default=None,
        description="for a person whose display name another shares: their main community "
        "and main domain, in the response's language",
    )
    score: float
    evidence_count: int
    last_activity: datetime | None


class DomainPractice(PracticeBrief):
    """A practice of a domain with its authors, so a domain page can draw who wrote what."""

    author_ids: list[str]


def person_profile(
    store: GraphStore, scope: SearchScope, person_id: str, private: bool = False
) -> PersonOut:
    """A person's profile from what `scope` may see; with `private` (the caller acts for
    the person), their declarations, status, change log and routed questions too.

    Raises:
        NotFound: no such person, opted out, or nothing of theirs visible to a caller held
            to some communities.
    """
    person = store.get_person(person_id)
    if person is None or person.opted_out:
        raise NotFound("person", person_id)
    domains = [DomainScore.of(row) for row in visible_expertise(store, scope, person_id=person_id)]
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
    practices = [_brief(p) for p in store.practices_by_author(person_id, scope)]
    if not (domains or recent or practices) and scope.private_allowed is not None:
        raise NotFound("person", person_id)
    return PersonOut(
        id=person.id,
        name=person.name,
        domains=domains,
        recent=recent,
        practices=practices,
        skills=profile_skills(store, scope, person_id, private),
        private=profile_private(store, person_id) if private else None,
    )


def document_with_posts(store: GraphStore, scope: SearchScope, document_id: str) -> DocumentOut:
    """A document and its posts; a private community's documents only for allowed callers.

    Raises:
        NotFound: no such document, or not visible to `scope`.
    """
    document = store.get_document(document_id)
    if document is None or not community_visible(store, scope, document.community_id):
        raise NotFound("document", document_id)
    posts = [
        PostOut.model_validate(post, from_attributes=True) for post in store.get_posts(document_id)
    ]
    return DocumentOut.model_validate(
        {**document.model_dump(include=set(DocumentOut.model_fields)), "posts": posts}
    )


def list_domains(store: GraphStore, language: str) -> list[DomainOut]:
    """The taxonomy, each domain described in `language` (th or en) where the file says it."""
    return [_domain_out(d, language) for d in store.list_domains()]


def domain_detail(
    store: GraphStore, scope: SearchScope, domain_id: str, language: str
) -> DomainDetail:
    """A domain with its experts as `scope` sees them (opted-out people left out), their
    practices in it, and its narrower domains; described in `language`.

    Raises:
        NotFound: no such domain.
    """
    domains = store.list_domains()
    domain = next((d for d in domains if d.id == domain_id), None)
    if domain is None:
        raise NotFound("domain", domain_id)
    rows = visible_expertise(store, scope, domain_id=domain_id)[:DOMAIN_EXPERTS_READ]
    people = {person.id: person for person in store.get_people([row.person_id for row in rows])}
    experts = [
        DomainScorePerson(
            person_id=row.person_id,
            name=people[row.person_id].name,
            score=row.score,
            evidence_count=row.evidence_count,
            last_activity=row.last_activity,
        )
        for row in rows
        if row.person_id in people and not people[row.person_id].opted_out
    ][:DOMAIN_EXPERTS_SHOWN]
    return DomainDetail(
        **_domain_out(domain, language).model_dump(),
        narrower=sorted(d.id for d in domains if domain_id in d.broader),
        experts=experts,
        practices=_domain_practices(store, experts, domain_id, scope),
    )


def _domain_practices(
    store: GraphStore, experts: list[DomainScorePerson], domain_id: str, scope: SearchScope
) -> list[DomainPractice]:
    """The domain's practices written by its experts (what a domain page draws around it)."""
    found: dict[str, DomainPractice] = {}
    for expert in experts:
        for p in store.practices_by_author(expert.person_id, scope):
            if domain_id in p.domain_ids and p.id not in found:
                found[p.id] = DomainPractice(**_brief(p).model_dump(), author_ids=p.author_ids)
    return list(found.values())[:DOMAIN_PRACTICES]


def _brief(practice: Practice) -> PracticeBrief:
    return PracticeBrief(
        id=practice.id,
        title=practice.title,
        summary=practice.summary,
        domain_ids=practice.domain_ids,
    )


def _domain_out(domain: Domain, language: str) -> DomainOut:
    return DomainOut(
        id=domain.id,
        labels=domain.labels,
        description=domain.description_in(language),
        descriptions=domain.descriptions,
        broader=domain.broader,
    )


DocumentOut.model_rebuild()
DomainDetail.model_rebuild()
