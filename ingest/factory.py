"""Builds a `Pipeline` from settings: which taxonomy, people and community files to use.

Without explicit files, the bundled sample's files are used, so `copgraph ingest` works out
of the box; a KM team points `COPGRAPH_TAXONOMY_FILE` (and the others) at its own.
"""

from __future__ import annotations

from pathlib import Path

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from ingest.derivation import DerivationMarker
from ingest.embed import EmbeddingCache
from ingest.people import PeopleDirectory
from ingest.pipeline import Pipeline
from ingest.taxonomy import load_communities, load_taxonomy

SAMPLE_DIR = Path(__file__).resolve().parent / "sample"


def build_pipeline(
    settings: Settings,
    store: GraphStore,
    embedder: Embedder,
    taxonomy_file: Path | None = None,
) -> Pipeline:
    """A pipeline over `store` with the configured (or the sample's) curated files."""
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
