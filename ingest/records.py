"""What a source reader yields: raw threads and documents, or a reject saying what was wrong.

Readers know formats, not the graph: they produce `SourceRecord`s (one Document with its
Posts, bodies still in their original markup) and `Reject`s (a position and a reason), and the
pipeline turns records into graph nodes. Keeping readers this dumb is what lets one bad record
be reported while the rest of the batch goes in.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graph_service.models import AuthorRole, LinkKind

BodyFormat = Literal["text", "html", "markdown"]
RawKind = Literal["article", "question", "thread", "file", "answer", "comment", "reply"]


class RawPerson(BaseModel):
    """An author as the source names them; `handle` is stable within `source`."""

    model_config = ConfigDict(frozen=True)

    source: str
    handle: str = Field(min_length=1)
    name: str = ""


class RawAuthorship(BaseModel):
    """One author of a content with the part they had in it (`author` unless said)."""

    model_config = ConfigDict(frozen=True)

    person: RawPerson
    role: AuthorRole = "author"


def sole(person: RawPerson | None) -> list[RawAuthorship]:
    """The `authors` of content with one author (none when `person` is None)."""
    return [] if person is None else [RawAuthorship(person=person)]


class RawLink(BaseModel):
    """A content this one cites, links to or duplicates, by the id it is ingested under."""

    model_config = ConfigDict(frozen=True)

    target_id: str = Field(min_length=1)
    kind: LinkKind = "links_to"


class RawContent(BaseModel):
    """A document or a post as read, before normalisation.

    `authors` lists everyone who wrote it, in the source's order (`sole(person)` for one).
    `author=RawPerson(...)` is still taken as the shorthand of `authors=sole(...)`, and
    `author` reads back the first author (None for content nobody is credited with).
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    kind: RawKind
    title: str = ""
    body: str
    body_format: BodyFormat = "text"
    authors: list[RawAuthorship] = []
    links: list[RawLink] = []
    created_at: datetime | None = None
    url: str | None = None
    tags: list[str] = []
    score: int = 0
    accepted: bool = False
    reply_to: str | None = None
    language: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _single_author(cls, data: Any) -> Any:
        """`author=` (one person, or None) as the shorthand of a one-author `authors`."""
        if isinstance(data, dict) and "author" in data:
            data = dict(data)
            person = data.pop("author")
            if data.get("authors"):
                raise ValueError("give `author` or `authors`, not both")
            data["authors"] = sole(person)
        return data

    @property
    def author(self) -> RawPerson | None:
        """The first author, or None when nobody is credited."""
        return self.authors[0].person if self.authors else None


class RawCommunity(BaseModel):
    """A community as the source itself declares it (a Slack channel, a Teams channel, a LINE
    group): its name and whether it is private come with the export, not from a file."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1)
    name: str = ""
    private: bool = False
    description: str = ""


class SourceRecord(BaseModel):
    """One document (an article, a thread's opening post, a question) with its posts.

    `community` is the community's id; `community_profile`, when the source declares the
    community itself, carries its name and privacy (and its id is `community`).
    """

    model_config = ConfigDict(frozen=True)

    source: str
    position: str
    document: RawContent
    posts: list[RawContent] = []
    community: str | None = None
    community_profile: RawCommunity | None = None

    @model_validator(mode="after")
    def _profile_names_the_community(self) -> SourceRecord:
        if self.community_profile is not None and self.community_profile.id != self.community:
            raise ValueError("community_profile.id must be the record's community")
        return self


class Skipped(BaseModel):
    """Something a source holds that is not knowledge and is left out on purpose (a bot's
    message, a join notice, a sticker, a forum's moderator notice, a wiki redirect): counted
    by `kind`, so a summary says what was left out and why, but not a reject, since nothing
    is wrong with the input. A sync takes it for gone from the source (ingest/sync.py)."""

    model_config = ConfigDict(frozen=True)

    source: str
    position: str
    kind: str = Field(min_length=1)
    detail: str = ""
    """What this one was, beyond its kind, where the reader knows more: a redirect's
    target, or how to export what the input should have been."""


ClosedHow = Literal["deactivated", "deleted", "suspended"]
SinceBasis = Literal["export", "last activity"]
"""What a closed account's `since` is: the date the export gives, or the person's newest
message in it."""


class AccountClosed(BaseModel):
    """A person whose account the source itself says is closed (a deactivated Slack user,
    a deleted Mattermost account, a suspended Discourse one): the person has left, as of
    `since`, unless people.yaml or the API says otherwise (ingest/statuses.py).

    `basis` says what `since` is: `export` when the export dates the closing itself,
    `last activity` when it does not and `since` is the day of the person's newest message
    in the export (they were there until then, at least)."""

    model_config = ConfigDict(frozen=True)

    source: str
    position: str
    person: RawPerson
    account: ClosedHow
    since: date
    basis: SinceBasis


class AccountOpen(BaseModel):
    """A person whose account the source says is open (active in the export): a `left` the
    same source set earlier is lifted (the account was reactivated); any other status
    stands."""

    model_config = ConfigDict(frozen=True)

    source: str
    position: str
    person: RawPerson


AccountState = AccountClosed | AccountOpen
"""What a source says about a person's account."""


def account_state(
    source: str,
    position: str,
    person: RawPerson,
    closed: ClosedHow | None,
    since: date | None,
    basis: SinceBasis,
) -> AccountState:
    """An author's account as a reader found it: open (`closed` or `since` None), or closed
    how, since when and on what basis."""
    if closed is None or since is None:
        return AccountOpen(source=source, position=position, person=person)
    return AccountClosed(
        source=source, position=position, person=person, account=closed, since=since, basis=basis
    )


class Reject(BaseModel):
    """A record that could not be read: where it was and why."""

    model_config = ConfigDict(frozen=True)

    source: str
    position: str
    reason: str
    document_id: str | None = None
    """The document the reject is of or in, when the reader knows it: a sync keeps that
    document as it is stored instead of deleting it as gone from the source."""


ReadItem = SourceRecord | Reject | Skipped | AccountClosed | AccountOpen
"""Everything a reader yields (see ingest/sources/__init__.py)."""
