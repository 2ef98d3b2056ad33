"""How many candidates a scoped Neo4j search asks for, try after try (store/neo4j/search.py)."""

from __future__ import annotations

from graph_service.store.neo4j.search import MAX_FETCH, MIN_FETCH, first_fetch, next_fetch


def test_the_first_try_asks_twice_k_within_bounds() -> None:
    assert first_fetch(400) == 800
    assert first_fetch(10) == MIN_FETCH
    assert first_fetch(20_000) == 20_000  # never fewer than k


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
