"""The composition root: every long-lived object of the service, built from `Settings` here.

The API's lifespan, every CLI command, `make demo` and the benchmarks take their store,
embedder, expert finder, pipeline, recommender and gap map from one `Services`, so a
setting (the expertise half-life, the embedding batch size, the curated files) reaches
every one of them the same way. Parts are built on first use: `copgraph domains suggest`
opens the store and never loads the model. A store or embedder handed in (tests, the
benchmarks' timed embedder) is used as is and is not closed here.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from types import TracebackType

from embeddings.base import Embedder
from embeddings.factory import load_embedder
from embeddings.parallel import ParallelEmbedder
from graph_service.config import Settings
from graph_service.routing_desk import RoutingDesk, policy_of
from graph_service.store import open_store
from graph_service.store.base import GraphStore
from graph_service.taxonomy import load_communities, load_taxonomy
from ingest import SAMPLE_DIR
from ingest.derivation import Extent, Touched, derive
from ingest.derivation_queue import DerivationWorker
from ingest.derive_pending import DerivationMarker
from ingest.embedding_cache import EmbeddingCache
from ingest.people import PeopleDirectory
from ingest.pipeline import Pipeline
from ingest.rehearsal import rehearse_push
from queries.experts import ExpertFinder, RankingWeights
from queries.gaps import GapMap
from queries.namesakes import Namesakes
from queries.practices import PracticeSearch
from queries.recommend import Recommender
from queries.warm_up import warm_views


class Services:
    """What the configured service is made of, each part built once, on first use."""

    def __init__(
        self,
        settings: Settings,
        store: GraphStore | None = None,
        embedder: Embedder | None = None,
        weights: RankingWeights | None = None,
        deferred_derivation: bool = False,
    ) -> None:
        self.settings = settings
        self._given_store = store
        self._given_embedder = embedder
        self._weights = weights
        self._deferred = deferred_derivation
        self._pipelines: list[Pipeline] = []

    @cached_property
    def store(self) -> GraphStore:
        """The configured store (Neo4j when `NEO4J_URI` is set, else the embedded one)."""
        return self._given_store or open_store(self.settings)

    @cached_property
    def embedder(self) -> Embedder:
        """The configured embedding model, loaded once per process."""
        return self._given_embedder or load_embedder(
            self.settings.embedding_model, self.settings.embedding_batch_size
        )

    @cached_property
    def ingest_embedder(self) -> Embedder:
        """The pipelines' embedder: the model in `embedding_workers` processes for large
        batches (embeddings/parallel.py), unless an embedder was handed in (used as is)."""
        if self._given_embedder is not None or self.settings.embedding_workers == 0:
            return self.embedder
        return ParallelEmbedder(
            self.embedder,
            self.settings.embedding_model,
            self.settings.embedding_batch_size,
            self.settings.embedding_workers,
        )

    @cached_property
    def expert_finder(self) -> ExpertFinder:
        """Expert search; its domain matcher and expertise views serve the gap map too."""
        return ExpertFinder(
            self.store, self.embedder, self.settings.expertise_half_life_days, self._weights
        )

    @cached_property
    def namesakes(self) -> Namesakes:
        """People sharing a display name, told apart; over the finder's expertise views."""
        return Namesakes(self.store, self.expert_finder.expertise_views)

    @cached_property
    def practice_search(self) -> PracticeSearch:
        """Related-practice search, translating query words with the finder's term bridge."""
        return PracticeSearch(self.store, self.embedder, self.expert_finder.term_bridge)

    @cached_property
    def gap_map(self) -> GapMap:
        """The expertise-gap map, sharing the finder's calibrated matcher and views."""
        finder = self.expert_finder
        return GapMap(self.store, finder.domain_matcher, finder.expertise_views)

    @cached_property
    def recommender(self) -> Recommender:
        """People to ask, practices to read, communities to join."""
        fair_load = policy_of(self.settings).fair_load
        return Recommender(self.store, self.expert_finder, self.practice_search, fair_load)

    @cached_property
    def routing_desk(self) -> RoutingDesk:
        """Question routing and its webhooks, ranking with the expert finder."""
        return RoutingDesk(self.settings, self.store, self.expert_finder)

    @cached_property
    def pipeline(self) -> Pipeline:
        """The ingestion pipeline over the configured curated files."""
        return self.pipeline_for(None)

    def pipeline_for(self, taxonomy_file: Path | None) -> Pipeline:
        """A pipeline with `taxonomy_file` in place of the configured taxonomy (`copgraph
        ingest --taxonomy`, the evaluation's own domains); closed with the services."""
        pipeline = build_pipeline(self.settings, self.store, self.ingest_embedder, taxonomy_file)
        pipeline.deferred = self._deferred
        self._pipelines.append(pipeline)
        return pipeline

    @cached_property
    def derivation_worker(self) -> DerivationWorker:
        """Derives what the deferring pipeline's writes queued (the API's, see
        ingest/derivation_queue.py), with the pipeline's half-life and clock."""
        return DerivationWorker(self.store, self._derive_touched)

    def _derive_touched(self, touched: Touched) -> Extent:
        """Derive what `touched` names with the pipeline's half-life and clock."""
        pipeline = self.pipeline
        return derive(
            self.store,
            touched,
            pipeline.clock(),
            pipeline.half_life_days,
            pipeline.related_whole_below,
        )

    def open_all(self) -> Services:
        """Build every part now: the API does, so that no request pays for (or races to)
        building one, and a broken setting fails at start.

        A deferring pipeline (the API's) is prepared now too. Its schema round and taxonomy
        write made the first push after a start on Neo4j at 100k items take 0.8-1.2 s
        instead of 0.3-0.4 s. They also gave every process's caches a new data version.
        Then it rehearses a push (ingest/rehearsal.py) and builds the public scope's query
        views (queries/warm_up.py), so that neither the first push nor the first search
        after a start pays for what every later one reuses.
        """
        if self._deferred:
            self.pipeline.prepare()
        else:
            self.store.ensure_schema(self.embedder.dimension)
        _ = (self.expert_finder, self.practice_search, self.gap_map, self.recommender)
        _ = (self.routing_desk, self.pipeline)
        if self._deferred:
            _ = self.pipeline.assigner  # embeds the taxonomy now, not in the first push
            rehearse_push(self.pipeline, self._derive_touched)
            warm_views(self.store, self.expert_finder, self.namesakes, self.gap_map)
            self.derivation_worker.start()
        return self

    def close(self) -> None:
        """Stop the derivation worker (once it derived what is queued), close the pipelines'
        caches and embedding workers, and the store, if this opened it."""
        if "derivation_worker" in self.__dict__:
            self.derivation_worker.stop()
        for pipeline in self._pipelines:
            pipeline.cache.close()
        self._pipelines.clear()
        if isinstance(embedder := self.__dict__.get("ingest_embedder"), ParallelEmbedder):
            embedder.close()
        if self._given_store is None and "store" in self.__dict__:
            self.store.close()
            del self.__dict__["store"]

    def __enter__(self) -> Services:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def build_pipeline(
    settings: Settings,
    store: GraphStore,
    embedder: Embedder,
    taxonomy_file: Path | None = None,
) -> Pipeline:
    """A pipeline over `store` with the configured (or the sample's) curated files.

    Without explicit files, the bundled sample's files are used, so `copgraph ingest` works
    out of the box; a KM team points `COPGRAPH_TAXONOMY_FILE` (and the others) at its own.
    """
    taxonomy_path = taxonomy_file or settings.taxonomy_file or SAMPLE_DIR / "domains.yaml"
    people_path = settings.people_file or _sample_if_default(taxonomy_path, "people.yaml")
    communities_path = settings.communities_file or _sample_if_default(
        taxonomy_path, "communities.yaml"
    )
    return Pipeline(
        store=store,
        embedder=embedder,
        taxonomy=load_taxonomy(taxonomy_path),
        people=PeopleDirectory.load(people_path),
        communities=load_communities(communities_path),
        cache=EmbeddingCache(settings.data_dir / "embedding-cache.sqlite"),
        half_life_days=settings.expertise_half_life_days,
        derivation=DerivationMarker(settings.data_dir / "derivation-pending"),
    )


def _sample_if_default(taxonomy_path: Path, name: str) -> Path | None:
    """The sample's people/communities file, only when the sample's own taxonomy is in use."""
    if taxonomy_path == SAMPLE_DIR / "domains.yaml":
        return SAMPLE_DIR / name
    return None
