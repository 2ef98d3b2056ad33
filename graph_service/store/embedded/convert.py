"""Conversions between the graph models and the rows of the embedded store's tables.

Row builders return values in the column order of the matching statement in statements.py.
Times are stored twice: ISO text that gives back the exact `datetime` (offset included),
and epoch seconds that order and filter correctly whatever the offsets.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import numpy as np
from numpy.typing import NDArray

from graph_service.errors import InvalidInput
from graph_service.models import (
    Chunk,
    Community,
    ContentLink,
    Document,
    Domain,
    DomainLink,
    Expertise,
    Person,
    Post,
    Practice,
    PracticeLink,
)
from graph_service.store.base import (
    ContentSummary,
    Interaction,
    SearchLogEntry,
    SearchScope,
    ThreadSummary,
)
from graph_service.store.words import index_text

Row = tuple[Any, ...]
PUBLIC_EXPERTISE = ""
"""`expert_in.private_community` of rows derived from public content: the column is part of
the primary key, where SQLite would let NULLs repeat."""


def id_array(ids: Iterable[str]) -> str:
    """A set of ids as the JSON array parameter that `json_each(?)` reads."""
    return json.dumps(sorted(set(ids)), ensure_ascii=False)


def epoch(moment: datetime) -> float:
    """Seconds since 1970 for ordering and `since` filters; a naive time is taken as UTC."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def scope_parameters(scope: SearchScope) -> dict[str, str | float | None]:
    """A scope as the named parameters of `statements._in_scope`; None switches a filter off."""
    return {
        "communities": None if scope.communities is None else id_array(scope.communities),
        "private_allowed": (
            None if scope.private_allowed is None else id_array(scope.private_allowed)
        ),
        "language": scope.language,
        "since": None if scope.since is None else epoch(scope.since),
    }


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def parse_time(text: str | None) -> datetime | None:
    """A stored ISO time back as the `datetime` that was written."""
    return None if text is None else datetime.fromisoformat(text)


def vector_blob(item_id: str, values: Sequence[float], dimension: int) -> bytes:
    """The stored form of an embedding: L2-normalised float32, so cosine is a dot product.

    Raises:
        InvalidInput: the embedding does not have the store's dimension.
    """
    vector = np.asarray(values, dtype=np.float32)
    if vector.shape != (dimension,):
        raise InvalidInput(
            f"embedding of {item_id!r} has {vector.size} dimensions, the store {dimension}"
        )
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm > 0 else vector).tobytes()


def blob_vector(blob: bytes) -> NDArray[np.float32]:
    """An embedding as stored (normalised float32)."""
    return np.frombuffer(blob, dtype=np.float32)


def person_row(person: Person) -> Row:
    """Row for `statements.UPSERT_PERSON`."""
    return (person.id, person.name, person.source, int(person.opted_out))


def community_row(community: Community) -> Row:
    """Row for `statements.UPSERT_COMMUNITY`."""
    return (
        community.id,
        community.name,
        int(community.private),
        community.description,
        community.name_th,
        community.description_th,
    )


def domain_row(domain: Domain) -> Row:
    """Row for `statements.UPSERT_DOMAIN`; labels as JSON, Thai kept readable."""
    labels = json.dumps(domain.labels, ensure_ascii=False)
    return (domain.id, labels, domain.description, domain.description_th)


def _content_values(content: Document | Post) -> Row:
    return (
        content.text,
        content.source,
        content.community_id,
        _iso(content.created_at),
        None if content.created_at is None else epoch(content.created_at),
        content.url,
        content.language,
        content.score,
        content.content_hash,
    )


def document_row(document: Document) -> Row:
    """Row for `statements.UPSERT_DOCUMENT`."""
    tags = json.dumps(document.tags, ensure_ascii=False)
    return (document.id, document.kind, document.title, tags, *_content_values(document))


def post_row(post: Post) -> Row:
    """Row for `statements.UPSERT_POST`."""
    head = (post.id, post.kind, post.document_id, post.reply_to, int(post.accepted))
    return (*head, *_content_values(post))


def authored_rows(content: Document | Post) -> list[Row]:
    """Rows for `statements.INSERT_AUTHORED`: each author with their role, the order kept."""
    return [
        (content.id, person, role, ord_)
        for ord_, (person, role) in enumerate(content.authorships())
    ]


def content_link_row(link: ContentLink) -> Row:
    """Row for `statements.INSERT_CONTENT_LINK`."""
    return (link.source_id, link.target_id, link.kind)


def _authors(authorships: list[Sequence[str]]) -> dict[str, Any]:
    """`(person, role)` rows of `statements.SELECT_AUTHORSHIPS` as the content's fields."""
    return {
        "author_ids": [person for person, _ in authorships],
        "author_roles": [role for _, role in authorships],
    }


def document_from(row: Sequence[Any], authorships: list[Sequence[str]]) -> Document:
    """The Document of a `statements.SELECT_DOCUMENT` row and its authorships."""
    id_, kind, title, tags, *content = row
    return Document(
        id=id_, kind=kind, title=title, tags=json.loads(tags), **_authors(authorships),
        **_content_fields(content),
    )  # fmt: skip


def post_from(row: Sequence[Any], authorships: list[Sequence[str]]) -> Post:
    """The Post of a `statements.SELECT_POSTS_OF` row and its authorships."""
    id_, kind, document_id, reply_to, accepted, *content = row
    return Post(
        id=id_, kind=kind, document_id=document_id, reply_to=reply_to, accepted=bool(accepted),
        **_authors(authorships), **_content_fields(content),
    )  # fmt: skip


def _content_fields(values: Sequence[Any]) -> dict[str, Any]:
    text, source, community_id, created_at, _, url, language, score, content_hash = values
    return {
        "text": text,
        "source": source,
        "community_id": community_id,
        "created_at": parse_time(created_at),
        "url": url,
        "language": language,
        "score": score,
        "content_hash": content_hash,
    }


def chunk_row(chunk: Chunk, dimension: int) -> Row:
    """Row for `statements.UPSERT_CHUNK`."""
    embedding = vector_blob(chunk.id, chunk.embedding, dimension)
    return (
        chunk.id, chunk.parent_id, chunk.ord, chunk.offset, chunk.text, chunk.search_text,
        chunk.language, embedding,
    )  # fmt: skip


def chunk_from(row: Sequence[Any]) -> Chunk:
    """The Chunk of a `statements.SELECT_UNASSIGNED_CHUNKS` row (embedding as stored)."""
    id_, parent_id, ord_, offset, text, search_text, language, embedding = row
    return Chunk(
        id=id_, parent_id=parent_id, ord=ord_, offset=offset, text=text,
        search_text=search_text, language=language, embedding=blob_vector(embedding).tolist(),
    )  # fmt: skip


def practice_row(practice: Practice, dimension: int) -> Row:
    """Row for `statements.UPSERT_PRACTICE`, indexed by the words of `words.index_text`."""
    embedding = vector_blob(practice.id, practice.embedding, dimension)
    return (
        practice.id, practice.title, practice.summary, practice.passage, practice.source_id,
        practice.language, practice.search_text, index_text(practice), embedding,
    )  # fmt: skip


def practice_from(row: Sequence[Any], domain_ids: list[str], author_ids: list[str]) -> Practice:
    """The Practice of a `statements.SELECT_PRACTICES` row (embedding as stored: normalised)."""
    id_, title, summary, passage, source_id, language, search_text, embedding = row
    return Practice(
        id=id_, title=title, summary=summary, passage=passage, source_id=source_id,
        author_ids=author_ids, domain_ids=domain_ids, language=language,
        embedding=blob_vector(embedding).tolist(), search_text=search_text,
    )  # fmt: skip


def about_row(link: DomainLink) -> Row:
    """Row for `statements.UPSERT_ABOUT`."""
    return (link.content_id, link.domain_id, link.weight, link.method)


def expertise_row(row: Expertise) -> Row:
    """Row for `statements.INSERT_EXPERTISE`."""
    return (
        row.person_id, row.domain_id, row.score, row.evidence_count, _iso(row.last_activity),
        row.method, row.private_community or PUBLIC_EXPERTISE,
    )  # fmt: skip


def expertise_from(row: Sequence[Any]) -> Expertise:
    """The Expertise of a `statements.SELECT_EXPERTISE` row, built without validation: the
    row was validated on its way in, and a query-side view reads every row (37,000 at
    100,000 items) after each write, where validating them took half its time."""
    person_id, domain_id, score, evidence_count, last_activity, method, private_community = row
    return Expertise.model_construct(
        person_id=person_id, domain_id=domain_id, score=score, evidence_count=evidence_count,
        last_activity=parse_time(last_activity), method=method,
        private_community=private_community or None,
    )  # fmt: skip


def related_row(link: PracticeLink) -> Row:
    """Row for `statements.INSERT_RELATED`."""
    return (link.source_id, link.target_id, link.score, link.method)


def search_log_row(entry: SearchLogEntry) -> Row:
    """Row for `statements.INSERT_SEARCH_LOG`."""
    return (
        entry.endpoint, entry.query, entry.at.isoformat(), epoch(entry.at), entry.result_count,
        entry.top_score,
    )  # fmt: skip


def search_log_from(row: Sequence[Any]) -> SearchLogEntry:
    """The SearchLogEntry of a `statements.SELECT_SEARCH_LOG` row."""
    endpoint, query, at, result_count, top_score = row
    return SearchLogEntry(
        endpoint=endpoint, query=query, at=datetime.fromisoformat(at),
        result_count=result_count, top_score=top_score,
    )  # fmt: skip


def content_summary_from(row: Sequence[Any]) -> ContentSummary:
    """A content from the `statements._SUMMARY_COLUMNS` of a row."""
    id_, kind, document_id, title, url, created_at, community_id, language, score, accepted = row
    return ContentSummary(
        content_id=id_, content_kind=kind, document_id=document_id, title=title, url=url,
        created_at=parse_time(created_at), community_id=community_id, language=language,
        score=score, accepted=bool(accepted),
    )  # fmt: skip


def thread_summary_from(
    row: Sequence[Any], author_ids: list[str], domain_ids: list[str]
) -> ThreadSummary:
    """A thread from a `statements.THREAD_SUMMARIES` row, its authors sorted."""
    id_, kind, created_at, community_id, replies, answers, accepted, first_reply_at = row
    return ThreadSummary(
        document_id=id_, kind=kind, created_at=parse_time(created_at),
        community_id=community_id, author_ids=sorted(author_ids), domain_ids=domain_ids,
        replies=replies, answers=answers, accepted=bool(accepted),
        first_reply_at=parse_time(first_reply_at),
    )  # fmt: skip


def interaction_from(
    row: Sequence[Any], author_ids: list[str], parent_author_ids: list[str], domain_ids: list[str]
) -> Interaction:
    """A content from a `statements.COMMUNITY_ACTIVITY` row; every id list comes back sorted."""
    id_, kind, document_id, created_at, _parent_id = row
    return Interaction(
        content_id=id_, content_kind=kind, document_id=document_id,
        created_at=parse_time(created_at), author_ids=sorted(author_ids),
        parent_author_ids=sorted(parent_author_ids), domain_ids=sorted(domain_ids),
    )  # fmt: skip
