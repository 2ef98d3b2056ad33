"""Builds one `GraphBatch` from a batch of changed records, their vectors and extractions.

The pipeline embeds all passages of a batch in one call (the model is the bottleneck and
batches well), so this class keeps the bookkeeping that maps rows of the vector matrix back
to passages and contents, and turns everything into graph models at the end.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict, cast

import numpy as np

from graph_service.models import (
    AuthorRole,
    Chunk,
    Community,
    ContentLink,
    Document,
    DocumentKind,
    DomainLink,
    GraphBatch,
    Person,
    Post,
    PostKind,
    Practice,
)
from graph_service.text.segment import search_text
from ingest.content import Content, NormalizedRecord
from ingest.passages import Passage
from ingest.practices import PracticeCandidate


class _ContentFields(TypedDict):
    id: str
    text: str
    source: str
    community_id: str | None
    author_ids: list[str]
    author_roles: list[AuthorRole]
    created_at: datetime | None
    url: str | None
    language: str
    score: int
    content_hash: str


def _content_fields(content: Content) -> _ContentFields:
    """What Documents and Posts share, from normalised content."""
    return _ContentFields(
        id=content.id,
        text=content.text,
        source=content.source,
        community_id=content.community_id,
        author_ids=[person.id for person, _ in content.authors],
        author_roles=[role for _, role in content.authors],
        created_at=content.created_at,
        url=content.url,
        language=content.language,
        score=content.score,
        content_hash=content.content_hash,
    )


class BatchAssembler:
    """Collects passages, contents, links and practices; `build` makes the GraphBatch."""

    def __init__(self) -> None:
        self._passages: list[Passage] = []
        self._rows: dict[str, list[int]] = {}
        self._persons: dict[str, Person] = {}
        self._communities: dict[str, Community] = {}
        self._documents: list[Document] = []
        self._posts: list[Post] = []
        self._links: list[DomainLink] = []
        self._content_links: list[ContentLink] = []
        self._practices: list[tuple[Content, PracticeCandidate, list[str]]] = []

    def add_passages(self, content: Content, passages: list[Passage]) -> None:
        """Queue a content's passages for embedding."""
        start = len(self._passages)
        self._passages.extend(passages)
        self._rows[content.id] = list(range(start, len(self._passages)))

    def embed_texts(self) -> list[str]:
        """The texts to embed, one per queued passage, in row order."""
        return [passage.embed_text for passage in self._passages]

    def rows_of(self, content_id: str) -> list[int]:
        """Rows of the passage matrix that belong to a content."""
        return self._rows[content_id]

    def add_content(
        self,
        record: NormalizedRecord,
        content: Content,
        links: list[DomainLink],
        practice: PracticeCandidate | None,
    ) -> None:
        """Add a content node with its authors, community, domain links, links to other
        content and practice."""
        for person, _ in content.authors:
            self._persons[person.id] = person
        self._content_links.extend(
            ContentLink(source_id=content.id, target_id=link.target_id, kind=link.kind)
            for link in content.links
        )
        if record.community is not None:
            self._communities[record.community.id] = record.community
        self._links.extend(links)
        fields = _content_fields(content)
        if content.id == record.document.id:
            kind = cast(DocumentKind, content.kind)
            self._documents.append(
                Document(**fields, kind=kind, title=content.title, tags=list(content.tags))
            )
        else:
            self._posts.append(
                Post(
                    **fields,
                    kind=cast(PostKind, content.kind),
                    document_id=content.document_id,
                    reply_to=content.reply_to or content.document_id,
                    accepted=content.accepted,
                )
            )
        if practice is not None:
            self._practices.append((content, practice, [link.domain_id for link in links]))

    def practice_texts(self) -> list[str]:
        """The texts that represent each practice for embedding."""
        return [f"{p.title}\n{p.summary}\n{p.passage}" for _, p, _ in self._practices]

    def build(self, vectors: np.ndarray, practice_vectors: np.ndarray) -> GraphBatch:
        """The batch to upsert; `vectors` rows align with `embed_texts()`."""
        chunks = [
            Chunk(
                id=p.id,
                parent_id=p.parent_id,
                ord=p.ord,
                offset=p.offset,
                text=p.text,
                search_text=p.search_text,
                language=p.language,
                embedding=vectors[row].tolist(),
            )
            for row, p in enumerate(self._passages)
        ]
        practices = [
            Practice(
                id=f"practice:{content.id}",
                title=candidate.title,
                summary=candidate.summary,
                passage=candidate.passage,
                source_id=content.id,
                author_ids=[person.id for person, _ in content.authors],
                domain_ids=domain_ids,
                language=content.language,
                embedding=practice_vectors[row].tolist(),
                search_text=search_text(
                    f"{candidate.title}\n{candidate.summary}\n{candidate.passage}"
                ),
            )
            for row, (content, candidate, domain_ids) in enumerate(self._practices)
        ]
        return GraphBatch(
            persons=list(self._persons.values()),
            communities=list(self._communities.values()),
            documents=self._documents,
            posts=self._posts,
            chunks=chunks,
            practices=practices,
            domain_links=self._links,
            content_links=self._content_links,
        )
