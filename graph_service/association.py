"""How strongly authoring a piece of content associates a person with its topic.

Shared by ingestion (EXPERT_IN is derived from it) and the query side (expert ranking), so
both speak of the same roles with the same weights. The weights follow Balog et al.'s
document-candidate associations: writing the answer says more than asking the question, an
accepted or well-voted answer more still, a comment less.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Literal

from graph_service.models import ContentKind

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
    "author": 1.0,
    "answerer": 1.0,
    "replier": 0.6,
    "starter": 0.5,
    "asker": 0.25,
    "commenter": 0.3,
}

ACCEPTED_BONUS = 1.0
"""Added to the role weight of an accepted answer: the asker said it solved the problem."""


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
