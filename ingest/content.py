"""Stage 2: a raw record becomes normalised content: plain text, language, authors, hashes.

Bodies arrive as text, HTML or Markdown; everything after this stage sees NFC plain text
with Thai normalised, a detected language, resolved people, and a content hash that tells
an unchanged record from a changed one on re-ingestion.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from graph_service.models import DOCUMENT_KINDS, AuthorRole, Community, ContentKind, Person
from graph_service.text.language import detect_language
from graph_service.text.markdown import markdown_to_text
from graph_service.text.normalize import html_to_text, normalize_text
from ingest.people import PeopleDirectory
from ingest.records import RawContent, RawLink, Reject, SourceRecord

PIPELINE_VERSION = "5"
"""Part of every content hash: bump it when a stage changes what it produces."""


@dataclass(frozen=True)
class Content:
    """A document or post after normalisation."""

    id: str
    kind: ContentKind
    document_id: str
    title: str
    text: str
    language: str
    authors: tuple[tuple[Person, AuthorRole], ...]
    """Every author, resolved, with their role; in the source's order, each person once."""
    links: tuple[RawLink, ...]
    """The contents this one names, each (target, kind) once, never itself."""
    created_at: datetime | None
    url: str | None
    tags: tuple[str, ...]
    score: int
    accepted: bool
    reply_to: str | None
    community_id: str | None
    source: str
    content_hash: str

    @property
    def author(self) -> Person | None:
        """The first author, or None when nobody is credited."""
        return self.authors[0][0] if self.authors else None


@dataclass
class NormalizedRecord:
    """A record's document and posts, normalised; `rejects` holds the posts left out."""

    source: str
    position: str
    document: Content
    posts: list[Content]
    community: Community | None
    rejects: list[Reject] = field(default_factory=list)

    @property
    def contents(self) -> list[Content]:
        """The document first, then its posts."""
        return [self.document, *self.posts]


def plain_text(raw: RawContent) -> str:
    """The body as normalised plain text, whatever markup it came in."""
    if raw.body_format == "html":
        return html_to_text(raw.body)  # already normalised
    if raw.body_format == "markdown":
        return markdown_to_text(raw.body)
    return normalize_text(raw.body)


def _hash(
    raw: RawContent,
    text: str,
    authors: tuple[tuple[Person, AuthorRole], ...],
    links: tuple[RawLink, ...],
    community_id: str | None,
) -> str:
    """What the content is, as a digest: one author in the `author` role hashes as before the
    roles existed (an id where the list of `[id, role]` pairs would be), so only content
    with co-authors, other roles or links counts as changed once."""
    if len(authors) == 1 and authors[0][1] == "author":
        credited: object = authors[0][0].id
    else:
        credited = [[person.id, role] for person, role in authors] or None
    fingerprint = [
        PIPELINE_VERSION,
        raw.kind,
        raw.title,
        text,
        credited,
        raw.created_at.isoformat() if raw.created_at else None,
        raw.url,
        sorted(raw.tags),
        raw.score,
        raw.accepted,
        raw.reply_to,
        community_id,
    ]
    if links:
        fingerprint.append(sorted([link.target_id, link.kind] for link in links))
    encoded = json.dumps(fingerprint, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _time_problem(raw: RawContent) -> str | None:
    """Why a content's time is unusable: one with no UTC form in years 1-9999 (year 1 at
    +14:00) cannot be compared or stored by every backend."""
    if raw.created_at is None or raw.created_at.tzinfo is None:
        return None
    try:
        raw.created_at.astimezone(UTC)
    except OverflowError:
        return f"created_at {raw.created_at.isoformat()} is out of range in UTC"
    return None


def _content(
    raw: RawContent,
    document_id: str,
    community_id: str | None,
    source: str,
    people: PeopleDirectory,
) -> Content:
    text = plain_text(raw)
    title = normalize_text(raw.title)
    authors: dict[str, tuple[Person, AuthorRole]] = {}
    for authorship in raw.authors:
        person = people.resolve(authorship.person)
        authors.setdefault(person.id, (person, authorship.role))
    credited = tuple(authors.values())
    links = tuple(dict.fromkeys(link for link in raw.links if link.target_id != raw.id))
    language = raw.language or detect_language(f"{title}\n{text}")
    return Content(
        id=raw.id,
        kind=raw.kind,
        document_id=document_id,
        title=title,
        text=text,
        language=language,
        authors=credited,
        links=links,
        created_at=_aware(raw.created_at),
        url=raw.url,
        tags=tuple(raw.tags),
        score=raw.score,
        accepted=raw.accepted,
        reply_to=raw.reply_to if raw.kind not in DOCUMENT_KINDS else None,
        community_id=community_id,
        source=source,
        content_hash=_hash(raw, text, credited, links, community_id),
    )


def _community(record: SourceRecord, declared: dict[str, Community]) -> Community | None:
    """The record's community: as communities.yaml declares it (the KM team's word on its
    name and privacy), else as the source declares it (a private Slack channel stays
    private), else just its id."""
    if not record.community:
        return None
    profile = record.community_profile
    if record.community in declared:
        return declared[record.community]
    if profile is not None:
        return Community(
            id=profile.id,
            name=profile.name or profile.id,
            private=profile.private,
            description=profile.description,
        )
    return Community(id=record.community, name=record.community)


def normalize_record(
    record: SourceRecord,
    people: PeopleDirectory,
    communities: dict[str, Community],
) -> NormalizedRecord | Reject:
    """Normalise a record; a post with no text or no author is rejected, the rest kept.

    A document with no text is a reject of the whole record: its posts would hang from
    nothing. A document with no author is kept when it has posts (a deleted user's
    question still anchors its answers) and rejected otherwise.
    """
    community = _community(record, communities)
    community_id = community.id if community else None
    document = _content(record.document, record.document.id, community_id, record.source, people)
    if not document.text and not document.title:
        return Reject(source=record.source, position=record.position, reason="empty body")
    if document.author is None and not record.posts:
        return Reject(source=record.source, position=record.position, reason="missing author")
    if problem := _time_problem(record.document):
        return Reject(source=record.source, position=record.position, reason=problem)
    normalized = NormalizedRecord(record.source, record.position, document, [], community)
    for raw_post in record.posts:
        post = _content(raw_post, document.id, community_id, record.source, people)
        where = f"{record.position} post {raw_post.id}"
        if not post.text:
            normalized.rejects.append(
                Reject(source=record.source, position=where, reason="empty body")
            )
        elif post.author is None:
            normalized.rejects.append(
                Reject(source=record.source, position=where, reason="missing author")
            )
        elif problem := _time_problem(raw_post):
            normalized.rejects.append(Reject(source=record.source, position=where, reason=problem))
        else:
            normalized.posts.append(post)
    kept = {document.id, *(post.id for post in normalized.posts)}
    normalized.posts = [
        post if post.reply_to in kept else replace(post, reply_to=document.id)
        for post in normalized.posts
    ]
    return normalized
