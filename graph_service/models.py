"""Storage-agnostic models of the graph: what every backend stores and returns.

Relationships are carried as foreign keys on the nodes that own them (a Post's `reply_to`, a
Document's `author_ids`) so a batch is self-describing and a backend writes the matching
edges; derived relationships (`ABOUT`, `EXPERT_IN`, `RELATED_TO`) are models of their own
because they carry a weight and the method that computed them, and so are links between
contents (`LINKS`), whose target may not be stored yet.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

DocumentKind = Literal["article", "question", "thread", "file"]
DOCUMENT_KINDS: frozenset[str] = frozenset(get_args(DocumentKind))
"""Kinds of content that open a thread (a Document); every other kind is a Post."""
PostKind = Literal["answer", "comment", "reply"]
ContentKind = Literal["article", "question", "thread", "file", "answer", "comment", "reply"]
SearchTarget = Literal["chunk", "practice"]
AuthorRole = Literal["author", "editor", "contributor"]
"""The part a person had in writing a content: its `author` (the default), an `editor`
who revised it, or a `contributor` of a part of it."""
LinkKind = Literal["cites", "links_to", "duplicate_of"]
"""How a content names another: a citation, a hyperlink, or a duplicate of it."""


class _Node(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=512)


class Person(_Node):
    """Someone who wrote content. `id` is stable per source and handle, never an address."""

    name: str
    source: str = ""
    opted_out: bool = False


def _given(texts: dict[str, str]) -> dict[str, str]:
    return {language: text for language, text in texts.items() if text}


class _Described(_Node):
    """A description in English and, for a Thai reader, in Thai (empty: the English one)."""

    description: str = ""
    description_th: str = ""

    def description_in(self, language: str) -> str:
        """The description a reader of `language` should see; English where no Thai one is."""
        return self.description_th if language == "th" and self.description_th else self.description

    @property
    def descriptions(self) -> dict[str, str]:
        """The description by language, for the languages it was given in."""
        return _given({"en": self.description, "th": self.description_th})


class Community(_Described):
    """A CoP; content of a private one is visible only to callers allowed for it.

    `name_th` is what a Thai reader sees (empty: `name`).
    """

    name: str
    private: bool = False
    name_th: str = ""

    def name_in(self, language: str) -> str:
        """The name a reader of `language` (th or en) should see."""
        return self.name_th if language == "th" and self.name_th else self.name

    @property
    def names(self) -> dict[str, str]:
        """The name by language, for the languages it was given in."""
        return _given({"en": self.name, "th": self.name_th})


class Domain(_Described):
    """A knowledge domain of the taxonomy, with labels per language (`{"en": .., "th": ..}`)."""

    labels: dict[str, str]
    broader: list[str] = []

    @property
    def name(self) -> str:
        """The English label, else any label, else the id."""
        return self.labels.get("en") or next(iter(self.labels.values()), self.id)

    def name_in(self, language: str) -> str:
        """The label in `language`, else the English one (`name`)."""
        return self.labels.get(language) or self.name


class _Content(_Node):
    """What Documents and Posts share.

    `author_roles` is aligned with `author_ids` (the role of each author, in order); left
    out, every author is an `author`, so one-author content reads as it always did.
    """

    text: str
    source: str = ""
    community_id: str | None = None
    author_ids: list[str] = []
    author_roles: list[AuthorRole] = []
    created_at: datetime | None = None
    url: str | None = None
    language: str = "other"
    score: int = 0
    content_hash: str = ""

    @model_validator(mode="before")
    @classmethod
    def _default_roles(cls, data: Any) -> Any:
        if isinstance(data, dict) and not data.get("author_roles"):
            data = {**data, "author_roles": ["author"] * len(data.get("author_ids") or [])}
        return data

    @model_validator(mode="after")
    def _aligned_roles(self) -> _Content:
        if len(self.author_roles) != len(self.author_ids):
            raise ValueError("author_roles must give one role per author id")
        return self

    def authorships(self) -> list[tuple[str, AuthorRole]]:
        """Each author id with its role, in order."""
        return list(zip(self.author_ids, self.author_roles, strict=True))


class Document(_Content):
    """An article, a file, or the opening post of a thread or question."""

    kind: DocumentKind = "article"
    title: str = ""
    tags: list[str] = []


class Post(_Content):
    """A reply, answer or comment: `reply_to` is the Document or Post it answers."""

    kind: PostKind = "reply"
    document_id: str
    reply_to: str
    accepted: bool = False


class Chunk(_Node):
    """A retrievable passage of a Document or Post, with its embedding and search text."""

    parent_id: str
    ord: int = 0
    offset: int = 0
    text: str
    search_text: str
    language: str = "other"
    embedding: list[float]


class Practice(_Node):
    """A described way of doing something (steps, how-to, lesson learned) from one content."""

    title: str
    summary: str
    passage: str
    source_id: str
    author_ids: list[str] = []
    domain_ids: list[str] = []
    language: str = "other"
    embedding: list[float]
    search_text: str = ""
    """Pre-segmented words of title, summary and passage (what keyword search indexes)."""


class ContentLink(BaseModel):
    """`LINKS`: content -> content, owned by its source (written and replaced with it).

    The target is named by id and need not be stored: the link is kept and resolves when
    content of that id arrives (see each store's `links`).
    """

    model_config = ConfigDict(frozen=True)

    source_id: str
    target_id: str
    kind: LinkKind


class DomainLink(BaseModel):
    """`ABOUT`: content (Document or Post) -> Domain, weighted, with the assigning method."""

    model_config = ConfigDict(frozen=True)

    content_id: str
    domain_id: str
    weight: float
    method: str


class Expertise(BaseModel):
    """`EXPERT_IN`: Person -> Domain, derived from the person's evidence.

    A person has one row per domain for their public evidence and one per private community
    their evidence there comes from (`private_community`), so that what a caller is shown
    derives only from content they may see: a private community's members are not listed,
    nor their scores raised, for callers outside it (queries.visibility merges the rows a
    caller may see).
    """

    model_config = ConfigDict(frozen=True)

    person_id: str
    domain_id: str
    score: float
    evidence_count: int
    last_activity: datetime | None = None
    method: str
    private_community: str | None = None


class PracticeLink(BaseModel):
    """`RELATED_TO`: Practice -> Practice, derived from embedding similarity."""

    model_config = ConfigDict(frozen=True)

    source_id: str
    target_id: str
    score: float
    method: str


class RankerModel(BaseModel):
    """A ranking learned from the community's own answered questions, versioned in the store.

    `booster` is the model as LightGBM writes it (text); `features` names its inputs in
    order, so that a model of other features is never applied. `kept` says whether it beat
    the unsupervised ranking on the newest questions of its training history (`validation`
    holds both runs' scores there); a model not kept is stored for the record and not used.
    """

    model_config = ConfigDict(frozen=True)

    version: int = Field(ge=1)
    trained_at: datetime
    features: list[str]
    booster: str
    questions: int
    kept: bool
    validation: dict[str, float] = {}


class VocabularyWord(BaseModel):
    """A word the community has written, with its embedding: what a query word in the other
    script is translated into (queries.term_bridge)."""

    model_config = ConfigDict(frozen=True)

    word: str = Field(min_length=1)
    vector: list[float]


class GraphBatch(BaseModel):
    """One unit of writing: everything in it is upserted together, idempotently."""

    persons: list[Person] = []
    communities: list[Community] = []
    domains: list[Domain] = []
    documents: list[Document] = []
    posts: list[Post] = []
    chunks: list[Chunk] = []
    practices: list[Practice] = []
    domain_links: list[DomainLink] = []
    content_links: list[ContentLink] = []

    def is_empty(self) -> bool:
        """True when the batch would write nothing."""
        return not any(getattr(self, name) for name in type(self).model_fields)
