"""Contract: what the gap map reads in bulk (demand per domain and month, persons by id) and
the data version its caches are keyed on, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from graph_service.models import Document, GraphBatch, Person, PracticeLink
from graph_service.store.base import DomainDemand, GraphStore, SearchLogEntry, SearchScope
from tests.contract import fixtures as f
from tests.contract.fixtures import EVERYONE, PUBLIC

BANGKOK = timezone(timedelta(hours=7))


def _demand(store: GraphStore, scope: SearchScope) -> list[DomainDemand]:
    return sorted(
        store.domain_demand(scope), key=lambda d: (d.domain_id, d.year or 0, d.month or 0)
    )


def _row(domain: str, year: int | None, month: int | None, *counts: int) -> DomainDemand:
    documents, questions, unanswered, unresolved = counts
    return DomainDemand(
        domain_id=domain, year=year, month=month, documents=documents, questions=questions,
        unanswered=unanswered, unresolved=unresolved,
    )  # fmt: skip


def test_demand_counts_documents_per_domain_and_month(loaded: GraphStore) -> None:
    assert _demand(loaded, EVERYONE) == [
        _row("d:compost", 2024, 1, 1, 1, 0, 0),
        _row("d:km", None, None, 1, 0, 0, 0),
        _row("d:km", 2023, 6, 1, 0, 0, 0),
    ]


def test_demand_applies_the_scope(loaded: GraphStore) -> None:
    assert [(d.domain_id, d.year) for d in _demand(loaded, PUBLIC)] == [
        ("d:compost", 2024),
        ("d:km", None),
    ]
    since = SearchScope(private_allowed=None, since=datetime(2024, 1, 1, tzinfo=UTC))
    assert [(d.domain_id, d.year) for d in _demand(loaded, since)] == [("d:compost", 2024)]


def test_demand_months_are_utc_and_unanswered_ignores_the_askers_replies(
    loaded: GraphStore,
) -> None:
    def question(id_: str, kind: str, created_at: datetime) -> Document:
        return f.QUESTION.model_copy(
            update={"id": id_, "kind": kind, "created_at": created_at, "content_hash": id_}
        )

    # 1 March 03:00 in Bangkok is 29 February in UTC.
    leap = datetime(2024, 3, 1, 3, 0, tzinfo=BANGKOK)
    own_reply = f.COMMENT.model_copy(
        update={"id": "post:own", "document_id": "doc:q2", "reply_to": "doc:q2",
                "author_ids": ["p:ann"], "content_hash": "h-own"}
    )  # fmt: skip
    loaded.upsert(
        GraphBatch(
            documents=[question("doc:q2", "question", leap), question("doc:t1", "thread", leap)],
            posts=[own_reply],
            domain_links=[
                f.LINKS[0].model_copy(update={"content_id": "doc:q2"}),
                f.LINKS[0].model_copy(update={"content_id": "doc:t1"}),
            ],
        )
    )
    compost = [d for d in _demand(loaded, PUBLIC) if d.domain_id == "d:compost"]
    assert compost == [
        _row("d:compost", 2024, 1, 1, 1, 0, 0),
        _row("d:compost", 2024, 2, 2, 2, 2, 1),
    ]


def test_people_are_read_many_at_once(loaded: GraphStore) -> None:
    found = loaded.get_people(["p:bob", "p:nobody", "p:ann", "p:bob"])
    assert sorted(found, key=lambda p: p.id) == [
        Person(id="p:ann", name="Ann", source="se"),
        Person(id="p:bob", name="Bob", source="se", opted_out=True),
    ]
    assert loaded.get_people([]) == []


def test_every_write_of_the_graph_gives_a_new_data_version(store: GraphStore) -> None:
    seen = [store.data_version()]

    def changed() -> bool:
        version = store.data_version()
        fresh = version not in seen
        seen.append(version)
        return fresh

    store.ensure_schema(f.DIMENSION)
    changed()
    store.upsert(f.graph_batch())
    assert changed()
    assert store.data_version() == seen[-1]
    store.domain_demand(EVERYONE)
    store.log_search(
        SearchLogEntry(endpoint="experts", query="q", at=f.Q1_AT, result_count=0, top_score=None)
    )
    assert store.data_version() == seen[-1], "reads and the demand log leave it as it is"
    store.replace_expertise([])
    assert changed()
    store.replace_related_practices(
        [PracticeLink(source_id="practice:post:a1", target_id="practice:doc:km", score=0.7,
                      method="test")]
    )  # fmt: skip
    assert changed()
    store.replace_documents(["doc:open"], GraphBatch(documents=[f.OPEN_ARTICLE]))
    assert changed()
    store.delete_documents(["doc:open"])
    assert changed()
