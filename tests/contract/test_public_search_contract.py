"""The GraphStore contract: a public search follows every write that changes who may see a
chunk. (Neo4j searches public chunks through indexes of their own, kept by its writes;
the embedded store joins each candidate to its community. Both must answer alike.)"""

from __future__ import annotations

import pytest

from graph_service.models import Community, GraphBatch
from graph_service.store.base import GraphStore, SearchScope
from tests.contract import fixtures as f
from tests.contract.fixtures import EVERYONE, PUBLIC, chunks_matching, chunks_near_e0

FARM_CHUNKS = {"doc:q1#0", "doc:q1#1", "post:a1#0", "post:c1#0"}
"""The chunks of the content in the public community c:farm."""


def publicly_seen(store: GraphStore) -> set[str]:
    """Chunks a public caller finds, by vector and by keyword (words of every chunk)."""
    words = ["straw", "burn", "pile", "farm", "knowledge", "ความรัก"]
    return set(chunks_near_e0(store, PUBLIC)) | set(chunks_matching(store, words, PUBLIC))


def test_a_community_turned_private_leaves_public_search_until_it_turns_public(
    loaded: GraphStore,
) -> None:
    farm = f.COMMUNITIES[0]
    assert FARM_CHUNKS <= publicly_seen(loaded)
    loaded.upsert(GraphBatch(communities=[farm.model_copy(update={"private": True})]))
    assert not FARM_CHUNKS & publicly_seen(loaded)
    members = SearchScope(private_allowed=frozenset({"c:farm"}))
    assert FARM_CHUNKS <= set(chunks_near_e0(loaded, members))
    assert "doc:open#0" in publicly_seen(loaded), "content outside it stays public"
    loaded.upsert(GraphBatch(communities=[farm]))
    assert FARM_CHUNKS <= publicly_seen(loaded)


def test_content_moved_into_a_private_community_leaves_public_search(loaded: GraphStore) -> None:
    article, chunk = f.OPEN_ARTICLE, f.CHUNKS[-1]
    assert "doc:open#0" in publicly_seen(loaded)
    moved = article.model_copy(update={"community_id": "c:nurse", "content_hash": "h-moved"})
    loaded.upsert(GraphBatch(documents=[moved], chunks=[chunk]))
    assert "doc:open#0" not in publicly_seen(loaded)
    assert "doc:open#0" in chunks_near_e0(loaded, EVERYONE)
    loaded.upsert(GraphBatch(documents=[article], chunks=[chunk]))
    assert "doc:open#0" in publicly_seen(loaded)


def test_a_community_stored_private_after_its_content_hides_that_content(
    loaded: GraphStore,
) -> None:
    article, chunk = f.OPEN_ARTICLE, f.CHUNKS[-1]
    early = article.model_copy(update={"community_id": "c:late", "content_hash": "h-early"})
    loaded.upsert(GraphBatch(documents=[early], chunks=[chunk]))
    assert "doc:open#0" in publicly_seen(loaded), "a community not stored is no private one"
    loaded.upsert(GraphBatch(communities=[Community(id="c:late", name="Late", private=True)]))
    assert "doc:open#0" not in publicly_seen(loaded)
    assert "doc:open#0" in chunks_near_e0(loaded, EVERYONE)


@pytest.mark.parametrize("k", [1, 3])
def test_a_public_search_asked_for_few_gives_the_best_public_ones(
    loaded: GraphStore, k: int
) -> None:
    public_by_cosine = [id_ for id_ in f.CHUNK_COSINE if not id_.startswith("doc:km")]
    assert chunks_near_e0(loaded, PUBLIC, k=k) == public_by_cosine[:k]
    thai_by_cosine = [id_ for id_ in f.CHUNK_COSINE if id_.startswith("doc:km")]
    thai = SearchScope(language="th", private_allowed=None)
    assert chunks_near_e0(loaded, thai, k=k) == thai_by_cosine[:k]
