"""Expert finding: "who knows about X?", ranked people with the evidence behind each.

Retrieve evidence (queries.retrieval: vectors and keywords over chunks, fused), keep each
content's best relevance, pass a matching question's relevance on to its answers (thread
credit), score people from it (queries.expert_scoring), then add the graph signals: the
EXPERT_IN scores of the domains the query is about, and how much the person has helped
others lately.

Evidence has to clear a floor to count: a keyword match, or a vector similarity above what
the model gives unrelated text. A query nothing clears (gibberish, a topic nobody in the
community has written about) finds nobody: the honest "nobody here knows yet", instead of
the nearest neighbours of noise.

Where the store holds a learned ranking (queries.learned_ranking, trained on the
community's own answered questions), it takes the place of the graph signals: it corrects
the evidence score with what the community's past answers taught it, each correction kept
as a named part of the score.

What people said about themselves (queries.profile_ranking) applies last: nobody is ranked
for a domain they hid, nobody who left is suggested, a confirmed domain counts a little more,
and people who only declared a domain of the query follow everyone with evidence.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property

from embeddings.base import Embedder, Vectors
from graph_service.store.base import Evidence, GraphStore, SearchScope
from graph_service.text.language import detect_language
from graph_service.text.segment import topic_text
from graph_service.text.vocabulary import vocabulary_words
from queries.domain_match import DomainMatcher
from queries.evidence_cache import EvidenceCache
from queries.expert_scoring import Aggregation, EvidenceItem, Expert, aggregate, verbosity
from queries.expertise_view import ExpertiseView, ExpertiseViews
from queries.learned_ranking import LearnedRankers
from queries.person_activity import PersonActivities
from queries.profile_index import ProfileIndex, ProfileIndexes
from queries.profile_ranking import apply_profiles, declared_only
from queries.ranking_features import Match, feature_rows
from queries.relevance_floor import RelevanceFloor
from queries.retrieval import Fusion, Retrieved, Retriever, keyword_terms, retrieve
from queries.term_bridge import TermBridge
from queries.title_match import TitleMatch
from queries.word_forms import WordForms

__all__ = [
    "EvidenceItem",
    "Expert",
    "ExpertFinder",
    "ExpertQuery",
    "PastRanking",
    "RankingWeights",
]


@dataclass(frozen=True)
class RankingWeights:
    """The knobs of the ranking; defaults chosen on the dev collections (quantumcomputing
    folds 1-3 and the planted community), never on the reported fold.

    Attributes:
        evidence_depth: items each retriever returns per query before aggregation.
        fusion: how the two retrievers' scores become one relevance.
        sharpness: relevance relative to the best evidence is raised to this power, so that
            one strong match beats many weak ones (see queries.expert_scoring).
        verbose_sharpness: the sharpness of a question asked in full (a forum question with
            its body, a paper's abstract): from `verbose_words[0]` distinct content words up
            to `verbose_words[1]` the sharpness goes from `sharpness` down to this. A few
            words name one thing, and the one document on it must win; a long question
            describes a topic from several sides, and many documents match parts of it about
            equally (at the tenth best, 0.64 of the best relevance on the quantumcomputing
            questions and 0.87 on the papers' abstracts, against 0.46 on the planted
            community's short questions), so which one matched best is partly luck and a
            person's breadth should count. On the quantumcomputing folds 1-3 (234
            questions) nDCG@10 0.328 -> 0.358 (+0.030 [+0.012, +0.047]), MAP +0.024
            [+0.006, +0.042], P@1 +0.013 [-0.021, +0.047]; every planted case as before (no
            planted question has more than 10 content words).
        verbose_words: where a query starts and ends counting as asked in full (distinct
            content words, Thai segmented, function words and filler left out). Ending at
            20 rather than 30 (first chosen) added nDCG@10 +0.008 [+0.001, +0.016] on the
            quantumcomputing folds 1-3: questions of 20-30 words are whole questions too.
        damping: the i-th best contribution of a person counts 1 / i**damping.
        thread_credit: share of a thread's relevance (its opening post's) that each
            of its answers and replies receives even when its own text was not retrieved:
            similar questions were answered by people who can answer this one.
        graph_blend: how much EXPERT_IN in the query's domains raises a person's evidence:
            the best in those domains get their evidence times 1 + graph_blend.
        activity_blend: how much helping others lately raises it: the one of the query's
            experts who wrote the most answers and replies in the last 14 days gets up to
            their evidence times 1 + activity_blend, the others in proportion. People who
            answer now are the ones who will answer the next question (Hand: active
            participation; Heart: reciprocity). It replaced standing (the sum of a person's
            EXPERT_IN over all domains, Balog's candidate prior, at 0.5), which favoured
            long-time members: on the quantumcomputing folds 1-3, P@1 0.141 -> 0.167 and
            nDCG@10 0.313 -> 0.328, every fold up, every planted case as before. At 3 the
            planted newcomer (one strong document, no answers) lost to an active member at
            30,000 items.
            Both multiply the person's own evidence, as Balog's prior multiplies p(q|ca).
            Scaled to the query's top evidence instead (added alike to anyone with any
            evidence), a prior was worth +0.02 P@1 on the quantumcomputing folds 1-3 and
            cost a planted case and 0.06 MAP on the documents-only papers collection.
        signal_alikeness: how much the graph signals are reserved for people whose evidence
            is alike: each signal's rise is multiplied by (evidence / the query's best
            evidence) raised to this power, eased to 0 (no reserve) for a question asked in
            full (`verbose_words`, as the sharpness is). Without it the signals (up to
            1 + activity_blend + graph_blend times the evidence, more where the query
            matches several domains) lifted active members whose evidence was half the
            best over the one person who wrote on exactly what was asked: on planted
            communities of new seeds (11-13: topics and people drawn anew) newcomers,
            focused experts and word-form matches were lost that way; with
            queries.word_forms the reserve took those seeds from 69 to 78 of 84 cases. A
            short query's evidence is sharp (one strong match beats many weak ones), so a
            wide gap in it is meaningful; a long question's is blurred, and activity there
            is what the community's own answers reward (on the quantumcomputing folds, the
            most active member with 0.6-0.7 of the best evidence was the answerer).
        relevance_floor: the cosine a vector-only match must reach; None: calibrated on the
            store (queries.relevance_floor: how close nonsense gets, plus a margin).
        title_match: how much a title naming a short query raises its content's relevance
            (queries.title_match), in the hybrid ranking.
    """

    evidence_depth: int = 400
    fusion: Fusion = Fusion()
    sharpness: float = 4.0
    verbose_sharpness: float = 1.5
    verbose_words: tuple[int, int] = (10, 20)
    damping: float = 0.3
    thread_credit: float = 1.0
    graph_blend: float = 0.5
    activity_blend: float = 2.0
    signal_alikeness: float = 4.0
    relevance_floor: float | None = None
    title_match: TitleMatch = TitleMatch()


@dataclass(frozen=True)
class ExpertQuery:
    """What to look for, where, and how."""

    text: str
    scope: SearchScope = SearchScope()
    domain_id: str | None = None
    retriever: Retriever = "hybrid"
    graph_signals: bool = True
    learned: bool = True
    """Rank with the store's learned ranking where it has one (in place of the graph
    signals, so only with `graph_signals`)."""

    @cached_property
    def content_words(self) -> int:
        """How many distinct content words the text has (Thai segmented, function words and
        filler left out): the aggregation and the signals both ease by it."""
        return len(vocabulary_words(self.text))


@dataclass(frozen=True)
class PastRanking:
    """A query as of a past moment: each content's match, and per candidate the features
    and the unsupervised score."""

    matches: dict[str, Match]
    rows: dict[str, list[float]]
    unsupervised: dict[str, float]


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
        self.weights = weights or RankingWeights()
        self._aggregation = Aggregation(
            half_life_days,
            self.weights.sharpness,
            self.weights.damping,
            self.weights.verbose_sharpness,
            self.weights.verbose_words,
        )
        self._calibrated_floor = RelevanceFloor(store, embedder)
        self._evidence_rows = EvidenceCache(store)
        self.expertise_views = ExpertiseViews(store)
        self.domain_matcher = DomainMatcher(store, embedder)
        self.learned_rankers = LearnedRankers(store)
        self.activities = PersonActivities(store)
        self.profiles = ProfileIndexes(store)
        self.term_bridge = TermBridge(store, embedder)
        self.word_forms = WordForms(self.term_bridge)

    def find(self, query: ExpertQuery, now: datetime | None = None) -> list[Expert]:
        """Every person with evidence above the floor, best first (paginate the list);
        empty when nothing in reach is about the query."""
        now = now or datetime.now(UTC)
        ranker = self.learned_rankers.get() if query.learned and query.graph_signals else None
        vector = self._query_vector(query, graph_signals=query.graph_signals and not ranker)
        experts, matches = self._evidence(query, now, vector)
        view = self.expertise_views.get(query.scope)
        if query.domain_id:
            members = {row.person_id for row in view.by_domain.get(query.domain_id, [])}
            experts = {pid: e for pid, e in experts.items() if pid in members}
        profiles = self.profiles.get()
        query_domains = self._query_domains(query, vector, profiles)
        apply_profiles(experts, query_domains, profiles, now.date())
        if ranker and experts:
            ranker.apply(experts, self.features(experts, matches, query, now))
        elif query.graph_signals and experts:
            self._blend_signals(experts, query, vector, view, now)
        ranked = sorted(experts.values(), key=lambda e: (-e.score, e.person_id))
        return ranked + declared_only(self._store, experts, query_domains, profiles, now.date())

    def _query_domains(
        self, query: ExpertQuery, vector: Vectors | None, profiles: ProfileIndex
    ) -> dict[str, float]:
        """The domains people's own word about is weighed for: the `domain` filter and the
        domains the query matches, each with its closeness. Matched only where someone
        said anything about a domain, so a store without profiles pays nothing."""
        found = {query.domain_id: 1.0} if query.domain_id else {}
        if profiles.hidden or profiles.confirmed or profiles.declared:
            found = self.domain_matcher.match(query.text, vector) | found
        return found

    def as_of(self, query: ExpertQuery, moment: datetime) -> PastRanking:
        """How `query` saw the community at `moment`: among content written before it,
        each candidate's features and unsupervised score (training reads both).

        The unsupervised score's graph signals read EXPERT_IN as it is now, which knows the
        future: a learned ranking compared with it has to beat a ranking that was helped.
        """
        vector = self._query_vector(query, graph_signals=True)
        experts, matches = self._evidence(query, moment, vector, before=moment)
        rows = self.features(experts, matches, query, moment)
        if experts:
            view = self.expertise_views.get(query.scope)
            self._blend_signals(experts, query, vector, view, moment)
        scores = {person_id: expert.score for person_id, expert in experts.items()}
        return PastRanking(matches, rows, scores)

    def features(
        self,
        experts: dict[str, Expert],
        matches: dict[str, Match],
        query: ExpertQuery,
        as_of: datetime,
    ) -> dict[str, list[float]]:
        """Each expert's row of queries.ranking_features.FEATURES as of `as_of`."""
        activity = self.activities.get(query.scope)
        return feature_rows(experts, matches, activity, as_of)

    def _query_vector(self, query: ExpertQuery, graph_signals: bool) -> Vectors | None:
        """The query's embedding, if its retriever or the domain signal needs one."""
        if query.retriever == "keyword" and not graph_signals:
            return None
        return self._embedder.embed_query(topic_text(query.text))

    def _evidence(
        self,
        query: ExpertQuery,
        now: datetime,
        vector: Vectors | None,
        before: datetime | None = None,
    ) -> tuple[dict[str, Expert], dict[str, Match]]:
        """Everyone with evidence for `query` scored from it, and each content's match."""
        forms = self._forms(query)
        retrieved = retrieve(
            self._store,
            self._embedder,
            query.text,
            query.scope,
            self.weights.evidence_depth,
            query.retriever,
            fusion=self.weights.fusion,
            query_vector=vector,
            translated=self._translated(query),
            forms=forms,
        )
        floor = self.weights.relevance_floor
        if floor is None and query.retriever != "keyword":
            floor = self._calibrated_floor.get(query.text)
        language = detect_language(query.text)
        titled = self._title_words(query, forms)
        matches = self._relevance(retrieved, language, query, floor, before, titled)
        found = ((match.relevance, match.evidence) for match in matches.values())
        how = self._aggregation.for_query(query.content_words)
        return aggregate(found, now, how), matches

    @staticmethod
    def _title_words(query: ExpertQuery, forms: list[str]) -> list[str]:
        """The indexed words a title must name to raise its content (queries.title_match):
        the query's own (not its phrase) and their written `forms`, for the hybrid retriever
        (the keyword-only run stays a baseline, as in `_translated`)."""
        if query.retriever != "hybrid":
            return []
        return [term for term in keyword_terms(query.text, forms) if " " not in term]

    def _relevance(
        self,
        retrieved: list[Retrieved],
        query_language: str,
        query: ExpertQuery,
        floor: float | None,
        before: datetime | None,
        title_words: list[str],
    ) -> dict[str, Match]:
        """Each content's best relevance with its evidence, answers of matching threads included.

        A content counts once, by its best chunk. Then every answer and reply of a thread
        whose opening post matched gets `thread_credit` times that post's relevance, if that
        is more than its own: Balog's document-candidate association at the thread level.
        Only the opening post speaks for the thread: a reply that happens to match says its
        own author is relevant, not that the accepted answer above it is.
        A content in the query's language whose title (its thread's, for an answer) names the
        query's `title_words` is raised by queries.title_match (none for the single
        retrievers, whose runs are baselines: `_title_words`).
        With `before`, content written at or after it does not exist.
        """
        by_id = {item.id: item for item in retrieved if _counts(item, floor)}
        fusion = self.weights.fusion
        best: dict[str, Match] = {}
        thread_relevance: dict[str, float] = defaultdict(float)
        found = _written_before(self._evidence_rows.evidence(list(by_id)), before)
        titles = self.weights.title_match.factors(
            title_words,
            {e.document_id: e.title for e in found if e.language == query_language},
            verbosity(query.content_words, self.weights.verbose_words),
        )
        for evidence in found:
            item = by_id[evidence.chunk_id]
            rel = item.relevance
            if evidence.language != query_language:
                if query.retriever == "hybrid":
                    sure = fusion.sureness(item.cosine, floor)
                    rel = fusion.relevance(item.vector_score, item.keyword_score, True, sure)
            else:
                rel *= titles.get(evidence.document_id, 1.0)
            _keep_best(best, Match(rel, evidence, item))
            if evidence.content_id == evidence.document_id:
                thread = evidence.document_id
                thread_relevance[thread] = max(thread_relevance[thread], rel)
        if self.weights.thread_credit and thread_relevance:
            replies = self._evidence_rows.reply_evidence(list(thread_relevance))
            for evidence in _written_before(replies, before):
                credit = self.weights.thread_credit * thread_relevance[evidence.document_id]
                _keep_best(best, Match(credit, evidence, None))
        return best

    def _translated(self, query: ExpertQuery) -> list[str]:
        """The query's words in the other script, for the hybrid retriever (the keyword-only
        run stays what the user typed: a baseline)."""
        return self.term_bridge.translate(query.text) if query.retriever == "hybrid" else []

    def _forms(self, query: ExpertQuery) -> list[str]:
        """The written forms of the query's unwritten words, for the hybrid retriever (as
        `_translated`)."""
        return self.word_forms.expand(query.text) if query.retriever == "hybrid" else []

    def describe(self, experts: list[Expert], scope: SearchScope) -> None:
        """Fill in each expert's domains (as `scope` sees them) and last activity (only for
        the page shown)."""
        view = self.expertise_views.get(scope)
        for expert in experts:
            expert.domains = view.by_person.get(expert.person_id, [])[:5]
            dates = [row.last_activity for row in expert.domains if row.last_activity]
            dates += [item.created_at for item in expert.evidence if item.created_at]
            expert.last_activity = max(dates, default=None)

    def _blend_signals(
        self,
        experts: dict[str, Expert],
        query: ExpertQuery,
        vector: Vectors | None,
        view: ExpertiseView,
        now: datetime,
    ) -> None:
        """Raise each person's evidence by how much they helped others lately and by their
        EXPERT_IN score in the query's domains (see RankingWeights), each rise kept as a
        named signal of the score, in proportion to how alike their evidence is to the
        best (`RankingWeights.signal_alikeness`)."""
        alike = self._alikeness(experts, query)
        if self.weights.activity_blend:
            self._blend_activity(experts, query.scope, now, alike)
        matched = self.domain_matcher.match(query.text, vector)
        bests = {d: rows[0].score for d in matched if (rows := view.by_domain.get(d))}  # best first
        if not any(best > 0 for best in bests.values()):
            return
        # Person by person, not down each domain's list: a domain has thousands of rows at
        # 100,000 items, a query's experts a few hundred.
        scores = {domain_id: view.scores_in(domain_id) for domain_id in matched}
        for person_id, expert in experts.items():
            for domain_id, closeness in matched.items():
                score, best = scores[domain_id].get(person_id), bests.get(domain_id, 0.0)
                if score is not None and best > 0:
                    share = closeness * score / best
                    rise = self.weights.graph_blend * share * alike[person_id]
                    expert.add_signal("expert_in", rise)

    def _alikeness(self, experts: dict[str, Expert], query: ExpertQuery) -> dict[str, float]:
        """Each person's evidence, times how alike it is to the query's best evidence
        raised to the query's `signal_alikeness`: what a signal's share multiplies."""
        verbose = verbosity(query.content_words, self.weights.verbose_words)
        power = self.weights.signal_alikeness * (1.0 - verbose)
        best = max(expert.evidence_total for expert in experts.values())
        if best <= 0:
            return dict.fromkeys(experts, 0.0)
        return {
            person_id: expert.evidence_total * (expert.evidence_total / best) ** power
            for person_id, expert in experts.items()
        }

    def _blend_activity(
        self, experts: dict[str, Expert], scope: SearchScope, now: datetime, alike: dict[str, float]
    ) -> None:
        """Raise each person's evidence by how much they have helped others lately: their
        answers and replies of the last two weeks (`RECENT_DAYS`), as a share of the most any
        of the query's experts wrote (see RankingWeights.activity_blend)."""
        activity = self.activities.get(scope)
        recent = {person_id: activity.recent_responses(person_id, now) for person_id in experts}
        most = max(recent.values(), default=0)
        if not most:
            return
        for person_id, expert in experts.items():
            rise = self.weights.activity_blend * recent[person_id] / most * alike[person_id]
            expert.add_signal("recent_help", rise)


def _counts(item: Retrieved, floor: float | None) -> bool:
    """Whether a retrieved item is evidence at all: a match of the query's own words always
    is; a vector-only one, or one only the query's translated words matched, must clear
    the floor."""
    if (item.keyword_score is not None and not item.translated_only) or floor is None:
        return True
    return item.cosine is not None and item.cosine >= floor


def _keep_best(best: dict[str, Match], match: Match) -> None:
    """Record `match` for its content unless that content already has a better one."""
    known = best.get(match.evidence.content_id)
    if known is None or match.relevance > known.relevance:
        best[match.evidence.content_id] = match


def _written_before(found: list[Evidence], before: datetime | None) -> list[Evidence]:
    """`found` without what was written at or after `before` (None: all of it)."""
    if before is None:
        return found
    return [e for e in found if e.created_at is None or e.created_at < before]
