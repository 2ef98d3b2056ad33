"""From relevant content to scored people: every contribution, and a score that adds up.

Balog et al.'s Model 2 (SIGIR 2006): each piece of content contributes its relevance times
the author's association weight (answerer > commenter; accepted and voted answers more;
every co-author credited, editors and contributors less than authors) times a recency
decay, and a person's contributions are summed. Two choices make one strong
match beat many weak ones while volume still counts at equal relevance:

- relevance is taken relative to the query's best evidence and raised to `sharpness`: an
  item half as relevant as the best counts a quarter at 2, so fifty loose replies of a
  prolific member no longer add up to one document on exactly what was asked;
- the i-th best contribution of a person counts 1 / i**damping (diminishing returns).

A question asked in full (a forum question with its body, a paper's abstract) is matched in
part by many documents about equally, so its sharpness eases (`Aggregation.for_query`).

Every number that makes the score is kept: the contribution of each evidence item and of
each graph signal, so that what a page shows sums to the score.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from operator import itemgetter
from typing import Literal

from graph_service.association import (
    ROLE_OF_KIND,
    Role,
    association_weight,
    author_role_weight,
    recency_decay,
)
from graph_service.models import Expertise
from graph_service.store.base import Evidence

EVIDENCE_SHOWN = 3
SNIPPET_CHARACTERS = 280


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of content that makes a person an expert, and how much it counted."""

    content_id: str
    document_id: str
    title: str
    url: str | None
    snippet: str
    created_at: datetime | None
    role: Role
    contribution: float
    language: str = "other"


@dataclass
class Expert:
    """A ranked person: the score, and everything it is the sum of.

    `score` = `evidence_total` + the sum of `signals`. `evidence` holds the items a page
    lists (`shown`); `evidence_count` items contributed `evidence_total` in all, so a page
    can say "and N more items" with the part they added.
    """

    person_id: str
    name: str
    shown: list[tuple[float, Evidence]] = field(default_factory=list, repr=False)
    """The items a page lists as (contribution, evidence), best first: made into
    `EvidenceItem`s only when read (`evidence`), as a query scores hundreds of people and a
    page shows ten (330 items built a query at 100,000 items, 6% of its time)."""
    evidence_total: float = 0.0
    evidence_count: int = 0
    signals: dict[str, float] = field(default_factory=dict)
    domains: list[Expertise] = field(default_factory=list)
    last_activity: datetime | None = None
    basis: Literal["evidence", "declared"] = "evidence"
    """`declared`: no evidence, only the person's word that they know a domain of the query."""

    @property
    def evidence(self) -> list[EvidenceItem]:
        """The items a page lists, with what each contributed."""
        return [_item(evidence, contribution) for contribution, evidence in self.shown]

    @property
    def score(self) -> float:
        """The evidence and every signal, summed: derived, so it cannot drift from its parts."""
        return self.evidence_total + sum(self.signals.values())

    def scale_evidence(self, factor: float) -> None:
        """Multiply every evidence contribution (and so their total) by `factor`."""
        self.evidence_total *= factor
        self.shown = [(contribution * factor, evidence) for contribution, evidence in self.shown]

    def add_signal(self, name: str, value: float) -> None:
        """Add a graph signal's part to the score, kept by name."""
        if value:
            self.signals[name] = self.signals.get(name, 0.0) + value


@dataclass(frozen=True)
class Aggregation:
    """How contributions become a person's evidence score (see the module docstring).

    Attributes:
        verbose_sharpness: the sharpness of a query with `verbose_words[1]` or more distinct
            content words; from `verbose_words[0]` words on, `sharpness` moves linearly
            toward it (down, as the defaults have it). None: every query gets `sharpness`.
            Thai words are counted as segmented, so a Thai question reaches the same count
            a little sooner than its English translation.
    """

    half_life_days: float
    sharpness: float
    damping: float
    verbose_sharpness: float | None = None
    verbose_words: tuple[int, int] = (10, 20)

    def for_query(self, content_words: int) -> Aggregation:
        """This aggregation for a query of `content_words` distinct content words."""
        if self.verbose_sharpness is None:
            return self
        verbose = verbosity(content_words, self.verbose_words)
        eased = self.sharpness + verbose * (self.verbose_sharpness - self.sharpness)
        return replace(self, sharpness=eased)


def verbosity(content_words: int, verbose_words: tuple[int, int]) -> float:
    """Where a query of `content_words` distinct content words stands between a few words
    naming one thing (0, up to `verbose_words[0]` words) and a question asked in full (1,
    from `verbose_words[1]` words on), linearly in between."""
    start, end = verbose_words
    return min(1.0, max(0.0, (content_words - start) / max(end - start, 1)))


def aggregate(
    found: Iterable[tuple[float, Evidence]], now: datetime, how: Aggregation
) -> dict[str, Expert]:
    """Every author of any relevant content (opted-out people left out), scored."""
    found = list(found)
    best = max((relevance for relevance, _ in found), default=0.0)
    if best <= 0:
        return {}
    contributions: dict[str, list[tuple[float, Evidence]]] = defaultdict(list)
    names: dict[str, str] = {}
    sharpness, half_life, damping = how.sharpness, how.half_life_days, how.damping
    for relevance, evidence in found:
        strength = (relevance / best) ** sharpness
        decay = recency_decay(evidence.created_at, now, half_life)
        weight = association_weight(evidence.content_kind, evidence.accepted, evidence.score)
        for author in evidence.authors:
            if author.opted_out:
                continue
            names[author.id] = author.name
            share = weight * author_role_weight(author.role)
            contributions[author.id].append((strength * share * decay, evidence))
    experts = {}
    for person_id, items in contributions.items():
        # Most people have one item, which its rank (1) leaves as it is.
        damped = items
        if len(items) > 1:
            items.sort(key=itemgetter(0), reverse=True)  # stable: ties keep their order
            damped = [
                (contribution / rank**damping, evidence)
                for rank, (contribution, evidence) in enumerate(items, start=1)
            ]
        experts[person_id] = Expert(
            person_id=person_id,
            name=names[person_id],
            shown=shown(damped),
            evidence_total=sum(contribution for contribution, _ in damped),
            evidence_count=len(damped),
        )
    return experts


def shown(items: list[tuple[float, Evidence]]) -> list[tuple[float, Evidence]]:
    """The items a page lists, of a person's (contribution, evidence) best first: the best
    `EVIDENCE_SHOWN`, except that each language the person's evidence is in gets a place
    (its best item takes the last places), so that a Thai question shows the English
    document that answers it too. Only these become `EvidenceItem`s: a query scores
    hundreds of contributions and shows a few."""
    if len(items) <= EVIDENCE_SHOWN:  # most people: every item shown, every language in
        return items
    picked = items[:EVIDENCE_SHOWN]
    languages = {evidence.language for _, evidence in picked}
    missing = [
        next(item for item in items if item[1].language == language)
        for language in dict.fromkeys(evidence.language for _, evidence in items)
        if language not in languages
    ][: EVIDENCE_SHOWN - 1]
    if not missing:
        return picked
    kept = picked[: EVIDENCE_SHOWN - len(missing)]
    return sorted(kept + missing, key=lambda item: -item[0])


def _item(evidence: Evidence, contribution: float) -> EvidenceItem:
    return EvidenceItem(
        content_id=evidence.content_id,
        document_id=evidence.document_id,
        title=evidence.title,
        url=evidence.url,
        snippet=evidence.snippet[:SNIPPET_CHARACTERS],
        created_at=evidence.created_at,
        role=ROLE_OF_KIND[evidence.content_kind],
        contribution=contribution,
        language=evidence.language,
    )
