"""Expert search's view of EXPERT_IN, on every backend: read whole once per caller scope,
then changed by the rows of the people a write changed (the store's change log:
tests/integration/test_view_deltas.py), never older than the graph a request sees."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from graph_service.models import Expertise
from graph_service.store.base import GraphStore
from queries.expertise_view import ExpertiseView, ExpertiseViews
from queries.visibility import visible_expertise
from tests.contract import fixtures as f
from tests.contract.fixtures import EVERYONE, PUBLIC


def _row(person: str, domain: str, score: float, private: str | None = None) -> Expertise:
    return Expertise(
        person_id=person, domain_id=domain, score=score, evidence_count=1,
        last_activity=f.A1_AT, method="test", private_community=private,
    )  # fmt: skip


ROWS = [
    _row("p:somchai", "d:compost", 2.0),
    _row("p:somchai", "d:km", 1.0, private="c:nurse"),
    _row("p:ann", "d:compost", 0.5),
    _row("p:ann", "d:km", 0.25),
]


@pytest.fixture
def counted(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The store holding the crafted graph and `ROWS`; the list counts its EXPERT_IN reads."""
    store.ensure_schema(f.DIMENSION)
    store.upsert(f.graph_batch())
    store.replace_expertise(ROWS)
    reads = [0]
    read: Callable[..., list[Expertise]] = store.expertise

    def counting(*args: Any, **kwargs: Any) -> list[Expertise]:
        reads[0] += 1
        return read(*args, **kwargs)

    monkeypatch.setattr(store, "expertise", counting)
    return reads


def test_a_view_is_what_visible_expertise_gives_indexed(
    store: GraphStore, counted: list[int]
) -> None:
    views = ExpertiseViews(store)
    for scope in (PUBLIC, EVERYONE):
        view = views.get(scope)
        for domain in ("d:compost", "d:km"):
            assert view.by_domain[domain] == visible_expertise(store, scope, domain_id=domain)
        for person in ("p:somchai", "p:ann"):
            assert view.by_person[person] == visible_expertise(store, scope, person_id=person)
    assert _totals(views.get(PUBLIC)) == {"p:somchai": 2.0, "p:ann": 0.75}
    assert _totals(views.get(EVERYONE)) == {"p:somchai": 3.0, "p:ann": 0.75}


def test_a_view_is_read_once_then_again_or_by_its_delta_after_a_write(
    store: GraphStore, counted: list[int]
) -> None:
    views = ExpertiseViews(store)
    views.get(PUBLIC)
    views.get(PUBLIC)
    assert counted == [1]
    views.get(EVERYONE)
    assert counted == [2], "another set of private communities sees other rows"

    store.replace_expertise([_row("p:ann", "d:compost", 3.0)])
    assert _totals(views.get(PUBLIC)) == {"p:ann": 3.0}
    assert counted == [4], "each changed person's rows"
    store.delete_documents(["doc:open"])
    views.get(PUBLIC)
    assert counted == [4], "no EXPERT_IN row changed"


def _totals(view: ExpertiseView) -> dict[str, float]:
    """Each person's scores summed over the domains `view` shows them in."""
    return {person: sum(row.score for row in rows) for person, rows in view.by_person.items()}
