"""The domain matcher remembers each text's domains, so the gap map's demand log is cheap."""

from __future__ import annotations

from typing import cast

from embeddings.base import Embedder, Vectors
from embeddings.factory import load_embedder
from graph_service.models import Domain
from graph_service.store.base import GraphStore
from queries.domain_match import DomainMatcher


class CountingEmbedder:
    """The deterministic hash embedder, counting the queries it embeds."""

    def __init__(self) -> None:
        self._inner = load_embedder("hash")
        self.name = self._inner.name
        self.dimension = self._inner.dimension
        self.queries = 0

    def embed_query(self, text: str) -> Vectors:
        self.queries += 1
        return self._inner.embed_query(text)

    def embed_documents(self, texts: list[str]) -> Vectors:
        return self._inner.embed_documents(texts)


class Taxonomy:
    """Just what the matcher reads of a store: its domains, which a test may change."""

    def __init__(self) -> None:
        self.domains = [Domain(id="d:compost", labels={"en": "Composting rice straw"})]

    def list_domains(self) -> list[Domain]:
        return list(self.domains)


def test_a_text_is_embedded_once_until_the_taxonomy_changes() -> None:
    embedder, taxonomy = CountingEmbedder(), Taxonomy()
    matcher = DomainMatcher(cast(GraphStore, taxonomy), cast(Embedder, embedder))
    first = matcher.match("composting rice straw")
    assert first == {"d:compost": 1.0}
    assert matcher.match("composting rice straw") == first
    assert embedder.queries == 1
    matcher.match("another question")
    assert embedder.queries == 2
    taxonomy.domains.append(Domain(id="d:km", labels={"en": "Knowledge management"}))
    matcher.match("composting rice straw")
    assert embedder.queries == 3


def test_callers_cannot_change_what_is_remembered() -> None:
    matcher = DomainMatcher(cast(GraphStore, Taxonomy()), cast(Embedder, CountingEmbedder()))
    matcher.match("composting rice straw").clear()
    assert matcher.match("composting rice straw") == {"d:compost": 1.0}
