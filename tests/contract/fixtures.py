"""A small crafted graph whose every search answer can be worked out by hand.

Two communities (farming, public; nursing, private), three domains (composting is narrower
than agriculture), three persons (Bob opted out), a question thread with an accepted
answer and a comment, a private Thai article and an undated public article without a
community; two practices.

Embeddings are 8-dimensional. Every chunk is `e0` plus a little of its own axis, so its
cosine with the query `E0` is fixed and distinct (listed in `CHUNK_COSINE`); practices
do the same with `e1`. Search text is pre-segmented, as the pipeline writes it.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

from graph_service.models import (
    Chunk,
    Community,
    Document,
    Domain,
    DomainLink,
    GraphBatch,
    Person,
    Post,
    Practice,
)
from graph_service.store.base import GraphStore, Hit, SearchScope

DIMENSION = 8


def vector(**axes: float) -> list[float]:
    """A unit vector from named components, e.g. `vector(e0=1, e3=1)`."""
    raw = [axes.get(f"e{i}", 0.0) for i in range(DIMENSION)]
    norm = math.sqrt(sum(x * x for x in raw))
    return [x / norm for x in raw]


E0 = vector(e0=1)
E1 = vector(e1=1)
CHUNK_COSINE = {
    "doc:q1#0": 1.0,
    "post:a1#0": 2 / math.sqrt(5),
    "doc:km#0": 1 / math.sqrt(2),
    "doc:open#0": 1 / math.sqrt(5),
    "doc:km#1": 1 / math.sqrt(10),
    "post:c1#0": 1 / math.sqrt(17),
    "doc:q1#1": 1 / math.sqrt(26),
}
"""Cosine of each chunk with `E0`, best first."""

Q1_AT = datetime(2024, 1, 10, 9, 0, tzinfo=UTC)
A1_AT = datetime(2024, 1, 11, 9, 0, tzinfo=UTC)
C1_AT = datetime(2024, 1, 12, 9, 0, tzinfo=UTC)
KM_AT = datetime(2023, 6, 1, 8, 30, tzinfo=UTC)

PERSONS = [
    Person(id="p:ann", name="Ann", source="se"),
    Person(id="p:somchai", name="สมชาย", source="gotoknow"),
    Person(id="p:bob", name="Bob", source="se", opted_out=True),
]
COMMUNITIES = [
    Community(
        id="c:farm",
        name="Organic farming",
        description="Growers sharing methods",
        name_th="เกษตรอินทรีย์",
        description_th="เกษตรกรแบ่งปันวิธีการ",
    ),
    Community(id="c:nurse", name="Ward nurses", private=True),
]
DOMAINS = [
    Domain(
        id="d:agri",
        labels={"en": "Agriculture", "th": "เกษตรกรรม"},
        description="Growing crops",
        description_th="การเพาะปลูก",
    ),
    Domain(id="d:compost", labels={"en": "Composting"}, broader=["d:agri"]),
    Domain(id="d:km", labels={"en": "Knowledge management", "th": "การจัดการความรู้"}),
]
QUESTION = Document(
    id="doc:q1", kind="question", title="How do I compost rice straw?", tags=["compost"],
    text="How do I compost rice straw without burning it? We burn it now.", source="se",
    community_id="c:farm", author_ids=["p:ann"], created_at=Q1_AT,
    url="https://example.org/q/1", language="en", score=3, content_hash="h-q1",
)  # fmt: skip
ANSWER = Post(
    id="post:a1", kind="answer", document_id="doc:q1", reply_to="doc:q1", accepted=True,
    text="Pile the straw with manure and keep it moist; turn the pile every week.",
    source="se", community_id="c:farm", author_ids=["p:somchai"], created_at=A1_AT,
    url="https://example.org/q/1#a1", language="en", score=5, content_hash="h-a1",
)  # fmt: skip
COMMENT = Post(
    id="post:c1", kind="comment", document_id="doc:q1", reply_to="post:a1",
    text="Thanks, this worked for our farm.", source="se", community_id="c:farm",
    author_ids=["p:bob"], created_at=C1_AT, language="en", content_hash="h-c1",
)  # fmt: skip
THAI_ARTICLE = Document(
    id="doc:km", kind="article", title="การจัดการความรู้ในองค์กร",
    text="การจัดการความรู้ในองค์กร ความรักและความเข้าใจ", source="gotoknow",
    community_id="c:nurse", author_ids=["p:somchai"], created_at=KM_AT, language="th",
    content_hash="h-km",
)  # fmt: skip
OPEN_ARTICLE = Document(
    id="doc:open", kind="article", title="Knowledge cafe",
    text="Share what you know in a weekly knowledge cafe.", source="wiki",
    author_ids=["p:ann"], language="en", content_hash="h-open",
)  # fmt: skip


def _chunk(
    id_: str, parent_id: str, text: str, search_text: str, language: str, **axes: float
) -> Chunk:
    ord_ = int(id_.rsplit("#", 1)[1])
    return Chunk(
        id=id_, parent_id=parent_id, ord=ord_, offset=0 if ord_ == 0 else 48, text=text,
        search_text=search_text, language=language, embedding=vector(**axes),
    )  # fmt: skip


CHUNKS = [
    _chunk("doc:q1#0", "doc:q1", "How do I compost rice straw without burning it?",
           "how do i compost rice straw without burning it", "en", e0=1),
    _chunk("doc:q1#1", "doc:q1", "We burn it now.", "we burn it now", "en", e0=1, e6=5),
    _chunk("post:a1#0", "post:a1", ANSWER.text,
           "pile the straw with manure and keep it moist turn the pile every week", "en",
           e0=2, e1=1),
    _chunk("post:c1#0", "post:c1", COMMENT.text, "thanks this worked for our farm", "en",
           e0=1, e2=4),
    _chunk("doc:km#0", "doc:km", "การจัดการความรู้ในองค์กร", "การ จัดการ ความรู้ ใน องค์กร", "th",
           e0=1, e3=1),
    _chunk("doc:km#1", "doc:km", "ความรักและความเข้าใจ", "ความรัก และ ความ เข้าใจ", "th",
           e0=1, e4=3),
    _chunk("doc:open#0", "doc:open", OPEN_ARTICLE.text,
           "share what you know in a weekly knowledge cafe", "en", e0=1, e5=2),
]  # fmt: skip

STRAW_PRACTICE = Practice(
    id="practice:post:a1", title="Compost rice straw with manure",
    summary="Pile straw with manure, keep it moist, turn it weekly.", passage=ANSWER.text,
    source_id="post:a1", author_ids=["p:somchai"], domain_ids=["d:compost"], language="en",
    embedding=vector(e1=1),
)  # fmt: skip
KM_PRACTICE = Practice(
    id="practice:doc:km", title="ตั้งชุมชนนักปฏิบัติ", summary="แบ่งปันความรู้ทุกสัปดาห์",
    passage="การจัดการความรู้ในองค์กร", source_id="doc:km", author_ids=["p:somchai"],
    domain_ids=["d:km"], language="th", embedding=vector(e1=1, e7=1),
)  # fmt: skip

LINKS = [
    DomainLink(content_id="doc:q1", domain_id="d:compost", weight=0.9, method="embedding"),
    DomainLink(content_id="post:a1", domain_id="d:compost", weight=0.8, method="embedding"),
    DomainLink(content_id="post:a1", domain_id="d:agri", weight=0.5, method="embedding"),
    DomainLink(content_id="doc:km", domain_id="d:km", weight=0.95, method="embedding"),
    DomainLink(content_id="doc:open", domain_id="d:km", weight=0.6, method="keyword"),
]


def graph_batch() -> GraphBatch:
    """The whole crafted graph as one batch."""
    return GraphBatch(
        persons=PERSONS, communities=COMMUNITIES, domains=DOMAINS,
        documents=[QUESTION, THAI_ARTICLE, OPEN_ARTICLE], posts=[ANSWER, COMMENT],
        chunks=CHUNKS, practices=[STRAW_PRACTICE, KM_PRACTICE], domain_links=LINKS,
    )  # fmt: skip


def edited_question() -> GraphBatch:
    """The question edited as the pipeline sends it: the thread with all its chunks and links.

    The question now has one chunk (its first, reworded; `doc:q1#1` is gone) and is about
    knowledge management instead of composting; answer and comment are unchanged.
    """
    question = QUESTION.model_copy(
        update={"text": "How do I make mulch from rice straw?", "content_hash": "h-q1-v2"}
    )
    chunk = _chunk("doc:q1#0", "doc:q1", question.text, "how do i make mulch from rice straw",
                   "en", e0=1)  # fmt: skip
    thread_chunks = [c for c in CHUNKS if c.parent_id in {"post:a1", "post:c1"}]
    return GraphBatch(
        persons=PERSONS, communities=COMMUNITIES, documents=[question], posts=[ANSWER, COMMENT],
        chunks=[chunk, *thread_chunks], practices=[STRAW_PRACTICE],
        domain_links=[
            DomainLink(content_id="doc:q1", domain_id="d:km", weight=0.7, method="embedding"),
            *[link for link in LINKS if link.content_id == "post:a1"],
        ],
    )  # fmt: skip


EVERYONE = SearchScope(private_allowed=None)
"""Admin scope: every private community visible."""
PUBLIC = SearchScope()
"""Default scope: no private community visible."""

NODES = {
    "Person": 3, "Community": 2, "Domain": 3, "Document": 3, "Post": 2, "Chunk": 7,
    "Practice": 2,
}  # fmt: skip
"""Node counts of `graph_batch()`."""
RELATIONSHIPS = {
    "AUTHORED": 5, "REPLY_TO": 2, "IN_COMMUNITY": 4, "MEMBER_OF": 4, "HAS_CHUNK": 7,
    "ABOUT": 5, "DESCRIBES": 2, "IN_DOMAIN": 2, "BROADER": 1, "EXPERT_IN": 0, "RELATED_TO": 0,
    "LINKS": 0,
}  # fmt: skip
"""Relationship counts of `graph_batch()`: MEMBER_OF is one per (author, community)."""


def hit_ids(hits: list[Hit]) -> list[str]:
    """The ids of search hits, in rank order."""
    return [hit.id for hit in hits]


def chunks_near_e0(store: GraphStore, scope: SearchScope, k: int = 10) -> list[str]:
    """Ids of the chunks a vector search for `E0` returns."""
    return hit_ids(store.vector_search(E0, k, "chunk", scope))


def chunks_matching(
    store: GraphStore, terms: list[str], scope: SearchScope = EVERYONE
) -> list[str]:
    """Ids of the chunks a keyword search for `terms` returns."""
    return hit_ids(store.keyword_search(terms, 10, "chunk", scope))
