"""How strongly authoring a piece of content associates a person with its topic.

Shared by ingestion (EXPERT_IN is derived from it) and the query side (expert ranking), so
both speak of the same roles with the same weights. The weights follow Balog et al.'s
document-candidate associations: writing the answer says more than asking the question, an
accepted or well-voted answer more still, a comment less.

EXPERT_IN rows stored by ingestion were derived with these weights: `fingerprint` is part
of what a derivation was made against (ingest.derivation.derivation_basis), so changing a
weight makes the next derivation a full one instead of mixing old and new rows.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Literal

from graph_service.models import AuthorRole, ContentKind

Role = Literal["author", "asker", "starter", "answerer", "commenter", "replier"]

ROLE_OF_KIND: dict[ContentKind, Role] = {
    "article": "author",
    "file": "author",
    "question": "asker",
    "thread": "starter",
    "answer": "answerer",
    "comment": "commenter",
    "reply": "replier",
}

ROLE_WEIGHT: dict[Role, float] = {
    "author": 2.0,
    "answerer": 1.0,
    "replier": 0.6,
    "starter": 0.5,
    "asker": 0.25,
    "commenter": 0.3,
}
"""The weight of each role before acceptance and votes.

A document (article, file) weighs what an accepted answer does: its author set out to
explain the topic, the written, kept form of a community's practice. At 1.0, below every
accepted answer, a member's two loosely related accepted answers outweighed a newcomer's
one document on exactly what was asked (the planted community's newcomer case), and the
how-to on a topic ranked below answers that only touched it."""

ACCEPTED_BONUS = 1.0
"""Added to the role weight of an accepted answer: the asker said it solved the problem."""


AUTHOR_ROLE_WEIGHT: dict[AuthorRole, float] = {
    "author": 1.0,
    "editor": 0.5,
    "contributor": 0.4,
}
"""The share of a content's association each co-author gets, by their part in it.

Every co-author of a paper or page is credited in full when they are its `author` (as
Balog et al. count each author of a multi-author document as associated with it, rather
than splitting the credit). An `editor` chose, revised and vouched for the content: half,
as much as for starting a thread (the editor knows the topic well enough to judge the
text but the words are someone else's). A `contributor` wrote or supplied a part (a
section, a figure, data): a little less than an editor, above a commenter's 0.3 since
their part is in the content itself.
"""


def author_role_weight(role: AuthorRole) -> float:
    """The factor of an author's association with a content for their `role` in it; multiply
    it with `association_weight` (1.0 for an `author`, so single-author content is as
    before)."""
    return AUTHOR_ROLE_WEIGHT[role]


def association_weight(kind: ContentKind, accepted: bool, score: int) -> float:
    """The weight of the author-content association for content of `kind`.

    Votes add log-damped credit (a +20 answer is not twenty times a +1 one); negative
    scores lower the weight but never below a tenth of the role's.
    """
    role_weight = ROLE_WEIGHT[ROLE_OF_KIND[kind]]
    weight = role_weight + (ACCEPTED_BONUS if accepted else 0.0)
    if score > 0:
        weight *= 1.0 + 0.5 * math.log1p(score)
    elif score < 0:
        weight *= max(0.1, 1.0 + 0.25 * score)
    return weight


def recency_decay(created_at: datetime | None, now: datetime, half_life_days: float) -> float:
    """Exponential decay with the configured half-life; undated content counts as old."""
    if created_at is None:
        return 0.5
    if created_at.tzinfo is None:
        created_at = created_at.replace(tzinfo=UTC)
    age_days = max(0.0, (now - created_at).total_seconds() / 86_400)
    return float(0.5 ** (age_days / half_life_days))


def fingerprint() -> dict[str, object]:
    """Every weight above, for a derivation's basis: stored rows derived with other weights
    are stale."""
    return {
        "roles": ROLE_WEIGHT,
        "accepted": ACCEPTED_BONUS,
        "author_roles": AUTHOR_ROLE_WEIGHT,
    }
