"""How many candidates a scoped Neo4j search asks for, try after try (store/neo4j/search.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from graph_service.store.base import SearchScope
from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.search import (
    MAX_FETCH,
    MIN_FETCH,
    Plan,
    first_fetch,
    next_fetch,
    plan,
)


def test_the_first_try_asks_twice_k_within_bounds() -> None:
    assert first_fetch(400) == 800
    assert first_fetch(10) == MIN_FETCH
    assert first_fetch(20_000) == 20_000  # never fewer than k


def test_a_search_nothing_can_drop_from_asks_for_k_but_never_for_few() -> None:
    assert first_fetch(400, filtered=False) == 400
    assert first_fetch(10, filtered=False) == MIN_FETCH  # an HNSW graph asked for 10 misses


def test_a_few_survivors_ask_in_one_try_for_what_their_rate_needs() -> None:
    # 40 of 800 survived: 20 times as many candidates (with the margin) find 400 at that rate
    assert next_fetch(400, 800, 40) == min(800 * 10 * 1.5, MAX_FETCH)
    # most survived: still at least four times more, so a try is never wasted on a sliver
    assert next_fetch(400, 800, 390) == 3_200


def test_none_surviving_widens_eightfold_and_the_ceiling_ends_it() -> None:
    assert next_fetch(400, 800, 0) == 6_400
    assert next_fetch(400, 6_400, 0) == MAX_FETCH
    assert next_fetch(400, MAX_FETCH, 0) is None
    assert next_fetch(20_000, 20_000, 5) is None  # k above the ceiling: one try of k


PUBLIC_VECTORS = cypher.PUBLIC_VECTOR_INDEXES["chunk"]
ALL_VECTORS = cypher.VECTOR_INDEXES["chunk"]


def test_a_public_search_of_chunks_reads_the_public_index_without_joins() -> None:
    assert plan("vector", "chunk", SearchScope()) == Plan(PUBLIC_VECTORS, False, False)
    public_text = cypher.PUBLIC_FULLTEXT_INDEXES["chunk"]
    assert plan("keyword", "chunk", SearchScope()) == Plan(public_text, False, False)
    thai = SearchScope(language="th")
    assert plan("vector", "chunk", thai) == Plan(PUBLIC_VECTORS, False, True)


def test_a_search_that_sees_everything_reads_the_whole_index_without_joins() -> None:
    everyone = SearchScope(private_allowed=None)
    assert plan("vector", "chunk", everyone) == Plan(ALL_VECTORS, False, False)


def test_some_private_communities_a_community_or_a_date_need_the_join() -> None:
    nurses = SearchScope(private_allowed=frozenset({"c:nurse"}))
    assert plan("vector", "chunk", nurses) == Plan(ALL_VECTORS, True, True)
    farm = SearchScope(communities=frozenset({"c:farm"}))
    assert plan("vector", "chunk", farm) == Plan(PUBLIC_VECTORS, True, True)
    recent = SearchScope(since=datetime(2024, 1, 1, tzinfo=UTC), private_allowed=None)
    assert plan("vector", "chunk", recent) == Plan(ALL_VECTORS, True, True)


def test_practices_have_no_public_index_and_a_public_search_of_them_joins() -> None:
    practices = cypher.VECTOR_INDEXES["practice"]
    assert plan("vector", "practice", SearchScope()) == Plan(practices, True, True)
