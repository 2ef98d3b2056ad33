"""A person's own profile: reading it (three kinds of skills, each with why) and changing it.

Inferred skills come from EXPERT_IN; confirmed ones are inferred skills the person said are
right; declared ones are the person's word alone ("says they know"), with or without
evidence. Status, declarations and the change log are the person's business: only a
caller acting for them (`profile` or `admin` keys) sees them; others see what the evidence
says, confirmations included, and nothing hidden.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from graph_service.errors import InvalidInput, NotFound
from graph_service.profiles import (
    PersonStatus,
    ProfileChange,
    SkillClaim,
    SkillKind,
    SkillLevel,
    skill_text,
    status_text,
)
from graph_service.routing import QuestionRouting
from graph_service.store.base import GraphStore, SearchScope
from queries.visibility import visible_expertise

MAX_SKILLS = 200


class SkillOut(BaseModel):
    """One skill of a profile, of one kind, with why it is there."""

    domain_id: str
    kind: Literal["inferred", "confirmed", "declared"]
    score: float | None = Field(description="EXPERT_IN score; None for a declaration alone")
    evidence_count: int
    level: SkillLevel | None = None
    note: str = ""
    why: str
    confirmed_by: str | None = Field(default=None, description="who confirmed it, if anyone")
    confirmed_on: date | None = None


class ProfilePrivate(BaseModel):
    """What only the person's portal (a `profile` key) or an admin sees."""

    status: PersonStatus
    claims: list[SkillClaim] = Field(
        description="the person's own word on each domain, hidden ones included: what "
        "`PUT .../skills` replaces"
    )
    changes: list[ProfileChange]
    routed_questions: list[RoutedQuestionOut]


class RoutedQuestionOut(BaseModel):
    """A question routed to the person: when, in which round, and how it ended."""

    routing_id: str
    text: str
    routed_at: datetime
    round: int
    status: str


class SkillIn(BaseModel):
    """One skill claim of `PUT /v1/people/{id}/skills`."""

    domain_id: str = Field(min_length=1, max_length=512)
    kind: SkillKind
    level: SkillLevel | None = None
    note: str = Field(default="", max_length=500)


class SkillsIn(BaseModel):
    """The person's whole set of claims (what is not listed is withdrawn), and who acts."""

    skills: list[SkillIn] = Field(max_length=MAX_SKILLS)
    actor: str | None = Field(
        default=None, max_length=200, description="the signed-in member the portal acts for"
    )


class StatusIn(BaseModel):
    """A person's new status, and who acts."""

    status: Literal["active", "away", "left"] = "active"
    until: date | None = None
    since: date | None = None
    available_for_questions: bool = True
    actor: str | None = Field(default=None, max_length=200)


def profile_skills(
    store: GraphStore, scope: SearchScope, person_id: str, private: bool
) -> list[SkillOut]:
    """The person's skills as `scope` sees them: inferred and confirmed always, declared
    ones only when `private` (the caller acts for the person)."""
    claims = {c.domain_id: c for c in store.skill_claims([person_id])}
    skills = []
    inferred = set()
    for row in visible_expertise(store, scope, person_id=person_id):
        inferred.add(row.domain_id)
        claim = claims.get(row.domain_id)
        evidence = (
            "1 item about it" if row.evidence_count == 1 else f"{row.evidence_count} items about it"
        )
        confirmed = claim if claim is not None and claim.kind == "confirmed" else None
        if confirmed is not None:
            why = f"{evidence}; confirmed by {confirmed.by} on {confirmed.at.date().isoformat()}"
            kind: Literal["inferred", "confirmed", "declared"] = "confirmed"
        else:
            why, kind = evidence, "inferred"
        skills.append(
            SkillOut(
                domain_id=row.domain_id,
                kind=kind,
                score=row.score,
                evidence_count=row.evidence_count,
                why=why,
                confirmed_by=confirmed.by if confirmed else None,
                confirmed_on=confirmed.at.date() if confirmed else None,
            )
        )
    if private:
        for claim in claims.values():
            if claim.kind != "declared" or claim.domain_id in inferred:
                continue
            skills.append(
                SkillOut(
                    domain_id=claim.domain_id,
                    kind="declared",
                    score=None,
                    evidence_count=0,
                    level=claim.level,
                    note=claim.note,
                    why=f"says they know it (declared by {claim.by}); no evidence yet",
                )
            )
    return skills


def profile_private(store: GraphStore, person_id: str) -> ProfilePrivate:
    """Status, change log and routed questions of the person."""
    found = store.person_statuses([person_id])
    routed = [
        _routed_out(routing, person_id)
        for routing in store.routings()
        if any(r.person_id == person_id for r in routing.routed)
    ]
    return ProfilePrivate(
        status=found[0] if found else PersonStatus(person_id=person_id),
        claims=store.skill_claims([person_id]),
        changes=store.profile_changes(person_id),
        routed_questions=routed,
    )


def _routed_out(routing: QuestionRouting, person_id: str) -> RoutedQuestionOut:
    mine = next(r for r in routing.routed if r.person_id == person_id)
    return RoutedQuestionOut(
        routing_id=routing.id,
        text=routing.text,
        routed_at=mine.at,
        round=mine.round,
        status=routing.status,
    )


def who(key_name: str, actor: str | None) -> str:
    """Who made a change: the key, and the member it acted for."""
    return f"{key_name} for {actor}" if actor else key_name


def replace_skills(
    store: GraphStore, person_id: str, body: SkillsIn, key_name: str, now: datetime | None = None
) -> None:
    """Make `body.skills` the person's whole set, logging each change.

    Raises:
        NotFound: no such person.
        InvalidInput: a domain twice, an unknown domain, or a confirmation of a domain
            nothing was inferred for (declare it instead).
    """
    person = store.get_person(person_id)
    if person is None or person.opted_out:
        raise NotFound("person", person_id)
    now = now or datetime.now(UTC)
    by = who(key_name, body.actor)
    known = {domain.id for domain in store.list_domains()}
    inferred = {row.domain_id for row in store.expertise(person_id=person_id)}
    seen: set[str] = set()
    for position, item in enumerate(body.skills):
        where = f"skills[{position}]"
        if item.domain_id in seen:
            raise InvalidInput(f"{where}: domain {item.domain_id!r} is listed twice")
        if item.domain_id not in known:
            raise InvalidInput(f"{where}: unknown domain {item.domain_id!r}")
        if item.kind in ("confirmed", "hidden") and item.domain_id not in inferred:
            raise InvalidInput(
                f"{where}: nothing was inferred about {item.domain_id!r} to {item.kind[:-2]};"
                " declare it instead"
            )
        seen.add(item.domain_id)
    before = {c.domain_id: c for c in store.skill_claims([person_id])}
    claims = []
    for item in body.skills:
        old = before.get(item.domain_id)
        unchanged = old is not None and (old.kind, old.level, old.note) == (
            item.kind,
            item.level,
            item.note,
        )
        claims.append(
            old
            if unchanged and old is not None
            else SkillClaim(person_id=person_id, by=by, at=now, **item.model_dump())
        )
    after = {c.domain_id: c for c in claims}
    changes = [
        ProfileChange(
            person_id=person_id,
            at=now,
            by=by,
            subject=f"skill:{domain_id}",
            before=skill_text(before.get(domain_id)),
            after=skill_text(after.get(domain_id)),
        )
        for domain_id in sorted(set(before) | set(after))
        if before.get(domain_id) != after.get(domain_id)
    ]
    if changes:
        store.replace_skills(person_id, claims, changes)


def set_status(
    store: GraphStore, person_id: str, body: StatusIn, key_name: str, now: datetime | None = None
) -> PersonStatus:
    """Replace the person's status, logging the change; the new status. A status set here
    stands over people.yaml and the sources (graph_service/profiles.py `StatusOrigin`).

    Raises:
        NotFound: no such person.
        InvalidInput: `until` without `away`, `since` without `left`, or `away` without
            `until`.
    """
    if store.get_person(person_id) is None:
        raise NotFound("person", person_id)
    now = now or datetime.now(UTC)
    by = who(key_name, body.actor)
    try:
        status = PersonStatus(
            person_id=person_id,
            status=body.status,
            until=body.until,
            since=body.since,
            available_for_questions=body.available_for_questions,
            by=by,
            at=now,
        )
    except ValidationError as error:
        raise InvalidInput("; ".join(str(e["msg"]) for e in error.errors())) from error
    found = store.person_statuses([person_id])
    old = found[0] if found else None
    # Kept whenever the API's word is new, even where it says what a default or a weaker
    # origin said: from now on people.yaml and the sources cannot change it.
    if old is None or old.origin != "api" or status_text(old) != status_text(status):
        change = ProfileChange(
            person_id=person_id,
            at=now,
            by=by,
            subject="status",
            before=status_text(old),
            after=status_text(status),
        )
        store.save_statuses([status], [change])
    return status


ProfilePrivate.model_rebuild()
