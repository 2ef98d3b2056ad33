"""What people say about themselves, kept beside what the graph infers: skills and status.

Inferred expertise (EXPERT_IN) is derived from content and rewritten on every derivation;
a person's own word about it is not derived and must survive every rewrite, so it is kept
apart, keyed on (person, domain):

- `declared`: "I know this", with an optional level and note, evidence or not;
- `confirmed`: "the system is right about this", counted a little more in ranking;
- `hidden`: "do not show or rank me for this".

A status says whether someone can be asked at all: `active`, `away` until a date, or
`left` since a date; and a person may be unavailable for questions while active. Every
change to either is kept as a `ProfileChange` with who made it and when.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SkillKind = Literal["declared", "confirmed", "hidden"]
SkillLevel = Literal["beginner", "intermediate", "advanced", "expert"]
StatusKind = Literal["active", "away", "left"]
StatusOrigin = Literal["api", "people.yaml", "source"]
"""Who said it, in order of precedence: the person's portal through the API, then the KM
team's people.yaml, then a source's export (a closed account). A status is replaced only by
its own origin or a stronger one (ingest/statuses.py)."""
STATUS_PRECEDENCE: dict[StatusOrigin, int] = {"api": 3, "people.yaml": 2, "source": 1}


class SkillClaim(BaseModel):
    """A person's own word on one domain, and who wrote it when."""

    model_config = ConfigDict(frozen=True)

    person_id: str = Field(min_length=1, max_length=512)
    domain_id: str = Field(min_length=1, max_length=512)
    kind: SkillKind
    level: SkillLevel | None = None
    note: str = Field(default="", max_length=500)
    by: str
    at: datetime


class PersonStatus(BaseModel):
    """Whether a person can be asked: `away` carries `until`, `left` carries `since`."""

    model_config = ConfigDict(frozen=True)

    person_id: str = Field(min_length=1, max_length=512)
    status: StatusKind = "active"
    until: date | None = None
    since: date | None = None
    available_for_questions: bool = True
    by: str = ""
    at: datetime | None = None
    origin: StatusOrigin = "api"

    @model_validator(mode="before")
    @classmethod
    def _origin_of_older_records(cls, data: Any) -> Any:
        """Statuses stored before `origin` existed: people.yaml's said so in `by`."""
        if isinstance(data, dict) and "origin" not in data and data.get("by") == "people.yaml":
            return {**data, "origin": "people.yaml"}
        return data

    @model_validator(mode="after")
    def _dates_fit_the_status(self) -> PersonStatus:
        if self.status == "away" and self.until is None:
            raise ValueError("status 'away' needs 'until' (the date they are back)")
        if self.status != "away" and self.until is not None:
            raise ValueError("'until' belongs to status 'away' only")
        if self.status != "left" and self.since is not None:
            raise ValueError("'since' belongs to status 'left' only")
        return self

    def yields_to(self, origin: StatusOrigin) -> bool:
        """Whether a status from `origin` may replace this one (see `StatusOrigin`)."""
        return STATUS_PRECEDENCE[origin] >= STATUS_PRECEDENCE[self.origin]

    def has_left(self, today: date) -> bool:
        """Left the organisation as of `today` (a leaving date still ahead is not yet)."""
        return self.status == "left" and (self.since is None or self.since <= today)

    def can_be_asked(self, today: date) -> bool:
        """Whether questions may be routed to them on `today`."""
        if not self.available_for_questions or self.has_left(today):
            return False
        return not (self.status == "away" and self.until is not None and today < self.until)


class ProfileChange(BaseModel):
    """One change to a person's profile: what it was, what it became, who, when.

    `before` and `after` are short readable forms (`declared:expert`, `away until
    2026-01-05`); None where there was, or is, nothing.
    """

    model_config = ConfigDict(frozen=True)

    person_id: str
    at: datetime
    by: str
    subject: str = Field(description="`skill:<domain id>` or `status`")
    before: str | None
    after: str | None


def skill_text(claim: SkillClaim | None) -> str | None:
    """A claim's short readable form for the change log."""
    if claim is None:
        return None
    return f"{claim.kind}:{claim.level}" if claim.level else claim.kind


def status_text(status: PersonStatus | None) -> str | None:
    """A status's short readable form for the change log."""
    if status is None:
        return None
    text: str = status.status
    if status.until:
        text += f" until {status.until.isoformat()}"
    if status.since:
        text += f" since {status.since.isoformat()}"
    if not status.available_for_questions:
        text += ", not available for questions"
    return text
