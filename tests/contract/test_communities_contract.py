"""Listing communities: every backend lists them all, private ones included, by id."""

from __future__ import annotations

from graph_service.store.base import GraphStore
from tests.contract import fixtures as f


def test_communities_are_listed_by_id_private_ones_included(loaded: GraphStore) -> None:
    assert loaded.list_communities() == sorted(f.COMMUNITIES, key=lambda c: c.id)


def test_an_empty_store_lists_no_community(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    assert store.list_communities() == []
