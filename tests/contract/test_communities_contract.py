"""Listing communities: every backend lists them all, private ones included, by id, with
their Thai names and descriptions (and the domains theirs)."""

from __future__ import annotations

from graph_service.models import Domain, GraphBatch
from graph_service.store.base import GraphStore
from tests.contract import fixtures as f


def test_communities_are_listed_by_id_private_ones_included(loaded: GraphStore) -> None:
    assert loaded.list_communities() == sorted(f.COMMUNITIES, key=lambda c: c.id)


def test_an_empty_store_lists_no_community(store: GraphStore) -> None:
    store.ensure_schema(f.DIMENSION)
    assert store.list_communities() == []


def test_thai_names_and_descriptions_come_back_as_stored(loaded: GraphStore) -> None:
    farm = loaded.get_community("c:farm")
    agri = next(d for d in loaded.list_domains() if d.id == "d:agri")
    assert farm is not None
    assert (farm.name_in("th"), farm.description_in("th")) == ("เกษตรอินทรีย์", "เกษตรกรแบ่งปันวิธีการ")
    assert (farm.name_in("en"), farm.description_in("en")) == (
        "Organic farming",
        "Growers sharing methods",
    )
    assert (agri.name_in("th"), agri.description_in("th")) == ("เกษตรกรรม", "การเพาะปลูก")
    nurse = loaded.get_community("c:nurse")
    assert nurse is not None and nurse.name_in("th") == "Ward nurses"


def test_a_changed_community_or_domain_is_read_as_changed(loaded: GraphStore) -> None:
    """Neo4j keeps both lists for as long as the data version stays the same: each read
    after a write must see it, as the embedded store's reads do."""
    assert loaded.get_community("c:farm") is not None
    assert [d.id for d in loaded.list_domains()] == sorted(d.id for d in f.DOMAINS)
    farm = f.COMMUNITIES[0].model_copy(update={"name": "Farmers", "private": True})
    compost = f.DOMAINS[1].model_copy(update={"labels": {"en": "Compost heaps"}})
    new = Domain(id="d:bees", labels={"en": "Beekeeping"})
    loaded.upsert(GraphBatch(communities=[farm], domains=[compost, new]))
    seen = loaded.get_community("c:farm")
    assert seen is not None and (seen.name, seen.private) == ("Farmers", True)
    assert loaded.list_communities()[0] == seen
    domains = {d.id: d for d in loaded.list_domains()}
    assert domains["d:compost"].labels == {"en": "Compost heaps"} and "d:bees" in domains
    assert loaded.get_community("c:none") is None
