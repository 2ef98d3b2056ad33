"""Expert finding: "who knows about X?", ranked people with the evidence behind each.

Balog et al.'s Model 2 (SIGIR 2006): retrieve evidence first, then aggregate it to the people
associated with it. Each piece of content contributes its relevance times the author's
association weight (answerer > commenter; accepted and voted answers more) times a recency
decay. A person's contributions are summed with diminishing returns (the i-th best counts
1/i), so one prolific poster of loosely related replies does not drown a focused expert.
Optionally the precomputed EXPERT_IN scores of the domains the query is about are blended in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from embeddings.base import Embedder, Vectors
from graph_service.association import ROLE_OF_KIND, Role, association_weight, recency_decay
from graph_service.models import Expertise
from graph_service.store.base import Evidence, GraphStore, SearchScope
from graph_service.text.language import detect_language
from queries.domain_match import DomainMatcher
from queries.expertise_view import ExpertiseView, ExpertiseViews
from queries.retrieval import Fusion, Retrieved, Retriever, retrieve

EVIDENCE_SHOWN = 3


@dataclass(frozen=True)
class RankingWeights:
    """The knobs of the ranking; defaults chosen on the StackExchange evaluation.

    Attributes:
        evidence_depth: items each retriever returns per query before aggregation.
        fusion: how the two retrievers' scores become one relevance.
        damping: the i-th best contribution of a person counts 1 / i**damping
            (diminishing returns, so volume alone does not make an expert).
        thread_credit: share of a thread's relevance (its opening post's) that each
            of its answers and replies receives even when its own text was not retrieved:
            similar questions were answered by people who can answer this one.
        graph_blend: weight of the EXPERT_IN signal in the query's domains (scaled to the
            top evidence score).
        prior_blend: weight of the person's overall standing: the sum of their EXPERT_IN
            scores over all domains (Balog's candidate prior; scaled the same way).
    """

    evidence_depth: int = 150
    fusion: Fusion = Fusion()
    damping: float = 0.3
    thread_credit: float = 1.0
    graph_blend: float = 0.3
    prior_blend: float = 0.25


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


@dataclass
class Expert:
    """A ranked person with their evidence."""

    person_id: str
    name: str
    score: float = 0.0
    evidence: list[EvidenceItem] = field(default_factory=list)
    domains: list[Expertise] = field(default_factory=list)
    last_activity: datetime | None = None


@dataclass(frozen=True)
class ExpertQuery:
    """What to look for, where, and how."""

    text: str
    scope: SearchScope = SearchScope()
    domain_id: str | None = None
    retriever: Retriever = "hybrid"
    graph_signals: bool = True


class ExpertFinder:
    """Ranks people for a query over one store with one embedder."""

    def __init__(
        self,
        store: GraphStore,
        embedder: Embedder,
        half_life_days: float,
        weights: RankingWeights | None = None,
    ) -> None:
        self._store = store
        self._embedder = embedder
        self._half_life_days = half_life_days
        self.weights = weights or RankingWeights()
        self.expertise_views = ExpertiseViews(store)
        self.domain_matcher = DomainMatcher(store, embedder)

    def find(self, query: ExpertQuery, now: datetime | None = None) -> list[Expert]:
        """Every person with evidence for the query, best first (paginate the list)."""
        now = now or datetime.now(UTC)
        needs_vector = query.retriever != "keyword" or query.graph_signals
        vector = self._embedder.embed_query(query.text) if needs_vector else None
        retrieved = retrieve(
            self._store,
            self._embedder,
            query.text,
            query.scope,
            self.weights.evidence_depth,
            query.retriever,
            fusion=self.weights.fusion,
            query_vector=vector,
        )
        relevance = self._relevance(retrieved, detect_language(query.text), query.retriever)
        experts = self._aggregate(relevance.values(), now)
        view = self.expertise_views.get(query.scope)
        if query.domain_id:
            members = {row.person_id for row in view.by_domain.get(query.domain_id, [])}
            experts = {pid: e for pid, e in experts.items() if pid in members}
        if query.graph_signals and experts:
            self._blend_expertise(experts, query, vector, view)
        return sorted(experts.values(), key=lambda e: (-e.score, e.person_id))

    def _relevance(
        self, retrieved: list[Retrieved], query_language: str, retriever: Retriever
    ) -> dict[str, tuple[float, Evidence]]:
        """Each content's best relevance with its evidence, answers of matching threads included.

        A content counts once, by its best chunk. Then every answer and reply of a thread
        whose opening post matched gets `thread_credit` times that post's relevance, if that
        is more than its own: Balog's document-candidate association at the thread level.
        Only the opening post speaks for the thread: a reply that happens to match says its
        own author is relevant, not that the accepted answer above it is.
        """
        by_id = {item.id: item for item in retrieved}
        fusion = self.weights.fusion
        best: dict[str, tuple[float, Evidence]] = {}
        thread_relevance: dict[str, float] = defaultdict(float)
        for evidence in self._store.evidence(list(by_id)):
            item = by_id[evidence.chunk_id]
            rel = item.relevance
            if retriever == "hybrid" and evidence.language != query_language:
                rel = fusion.relevance(item.vector_score, item.keyword_score, keyword_blind=True)
            _keep_best(best, rel, evidence)
            if evidence.content_id == evidence.document_id:
                thread = evidence.document_id
                thread_relevance[thread] = max(thread_relevance[thread], rel)
        if self.weights.thread_credit and thread_relevance:
            replies = self._store.reply_chunks(list(thread_relevance))
            for evidence in self._store.evidence(replies):
                credit = self.weights.thread_credit * thread_relevance[evidence.document_id]
                _keep_best(best, credit, evidence)
        return best

    def describe(self, experts: list[Expert], scope: SearchScope) -> None:
        """Fill in each expert's domains (as `scope` sees them) and last activity (only for
        the page shown)."""
        view = self.expertise_views.get(scope)
        for expert in experts:
            expert.domains = view.by_person.get(expert.person_id, [])[:5]
            dates = [row.last_activity for row in expert.domains if row.last_activity]
            dates += [item.created_at for item in expert.evidence if item.created_at]
            expert.last_activity = max(dates, default=None)

    def _aggregate(
        self, found: Iterable[tuple[float, Evidence]], now: datetime
    ) -> dict[str, Expert]:
        contributions: dict[str, list[EvidenceItem]] = defaultdict(list)
        names: dict[str, str] = {}
        for relevance, evidence in found:
            decay = recency_decay(evidence.created_at, now, self._half_life_days)
            weight = association_weight(evidence.content_kind, evidence.accepted, evidence.score)
            for author in evidence.authors:
                if author.opted_out:
                    continue
                names[author.id] = author.name
                contributions[author.id].append(
                    EvidenceItem(
                        content_id=evidence.content_id,
                        document_id=evidence.document_id,
                        title=evidence.title,
                        url=evidence.url,
                        snippet=evidence.snippet[:280],
                        created_at=evidence.created_at,
                        role=ROLE_OF_KIND[evidence.content_kind],
                        contribution=relevance * weight * decay,
                    )
                )
        experts = {}
        for person_id, items in contributions.items():
            items.sort(key=lambda item: -item.contribution)
            damped = [
                EvidenceItem(
                    **{
                        **item.__dict__,
                        "contribution": item.contribution / rank**self.weights.damping,
                    }
                )
                for rank, item in enumerate(items, start=1)
            ]
            experts[person_id] = Expert(
                person_id=person_id,
                name=names[person_id],
                score=sum(item.contribution for item in damped),
                evidence=damped[:EVIDENCE_SHOWN],
            )
        return experts

    def _blend_expertise(
        self,
        experts: dict[str, Expert],
        query: ExpertQuery,
        vector: Vectors | None,
        view: ExpertiseView,
    ) -> None:
        """Add each person's EXPERT_IN score in the query's domains, and their standing."""
        top_evidence = max(expert.score for expert in experts.values())
        if self.weights.prior_blend:
            standing = view.standing
            best = max(standing.values(), default=0.0)
            for person_id, expert in experts.items():
                if best > 0:
                    expert.score += (
                        self.weights.prior_blend * top_evidence * standing.get(person_id, 0) / best
                    )
        matched = self.domain_matcher.match(query.text, vector)
        for domain_id, closeness in matched.items():
            rows = view.by_domain.get(domain_id, [])
            best = max((row.score for row in rows), default=0.0)
            for row in rows:
                if row.person_id in experts and best > 0:
                    experts[row.person_id].score += (
                        self.weights.graph_blend * top_evidence * closeness * row.score / best
                    )


def _keep_best(best: dict[str, tuple[float, Evidence]], rel: float, evidence: Evidence) -> None:
    """Record `evidence` for its content unless that content already has a better one."""
    known = best.get(evidence.content_id)
    if known is None or rel > known[0]:
        best[evidence.content_id] = (rel, evidence)
