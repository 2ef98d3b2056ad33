"""Contract: what a person's profile lists, on every backend, with privacy applied."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

from graph_service.models import GraphBatch
from graph_service.store.base import GraphStore, SearchScope
from tests.contract import fixtures as f

PUBLIC = SearchScope()
EVERYTHING = SearchScope(private_allowed=None)


def test_recent_content_is_newest_first_with_titles(loaded: GraphStore) -> None:
    items = loaded.recent_content("p:somchai", 10, EVERYTHING)
    assert [i.content_id for i in items] == ["post:a1", "doc:km"]
    answer = items[0]
    assert answer.content_kind == "answer" and answer.document_id == "doc:q1"
    assert answer.title == f.QUESTION.title and answer.accepted and answer.score == 5
    assert answer.created_at == f.A1_AT and answer.community_id == "c:farm"
    assert answer.url == f.ANSWER.url and answer.language == "en"


def test_recent_content_hides_private_communities_and_limits(loaded: GraphStore) -> None:
    assert [i.content_id for i in loaded.recent_content("p:somchai", 10, PUBLIC)] == ["post:a1"]
    allowed = SearchScope(private_allowed=frozenset({"c:nurse"}))
    assert len(loaded.recent_content("p:somchai", 10, allowed)) == 2
    assert [i.content_id for i in loaded.recent_content("p:somchai", 1, EVERYTHING)] == ["post:a1"]
    assert [i.content_id for i in loaded.recent_content("p:ann", 10, EVERYTHING)] == [
        "doc:q1",
        "doc:open",
    ], "undated content comes last"
    assert loaded.recent_content("p:nobody", 10, EVERYTHING) == []
    since = SearchScope(private_allowed=None, since=datetime(2024, 1, 1, tzinfo=UTC))
    assert [i.content_id for i in loaded.recent_content("p:somchai", 10, since)] == ["post:a1"]


def test_practices_by_author_respect_privacy(loaded: GraphStore) -> None:
    everything = loaded.practices_by_author("p:somchai", EVERYTHING)
    assert [p.id for p in everything] == ["practice:doc:km", "practice:post:a1"]
    assert [p.id for p in loaded.practices_by_author("p:somchai", PUBLIC)] == ["practice:post:a1"]
    assert loaded.practices_by_author("p:ann", EVERYTHING) == []


def _counted(store: GraphStore, people: list[str], recent: int, scope: SearchScope) -> dict:
    """`main_communities` by its definition: `recent_content` counted, the newer on a tie."""
    found = {}
    for person_id in people:
        counts = Counter(
            i.community_id for i in store.recent_content(person_id, recent, scope) if i.community_id
        )
        if counts:
            found[person_id] = counts.most_common(1)[0][0]
    return found


def test_main_communities_count_the_recent_content_in_one_read(loaded: GraphStore) -> None:
    people = ["p:somchai", "p:ann", "p:bob", "p:nobody", "p:ann"]
    assert loaded.main_communities(people, 50, EVERYTHING) == {
        "p:somchai": "c:farm",  # one each: the newer content's
        "p:ann": "c:farm",
        "p:bob": "c:farm",
    }
    older = [
        f.THAI_ARTICLE.model_copy(
            update={"id": f"doc:km{n}", "created_at": datetime(2020, 1, n, tzinfo=UTC)}
        )
        for n in (1, 2)
    ]
    loaded.upsert(GraphBatch(documents=older))
    assert loaded.main_communities(["p:somchai"], 50, EVERYTHING) == {"p:somchai": "c:nurse"}
    assert loaded.main_communities(["p:somchai"], 1, EVERYTHING) == {"p:somchai": "c:farm"}
    assert loaded.main_communities(["p:somchai"], 50, PUBLIC) == {"p:somchai": "c:farm"}
    assert loaded.main_communities([], 50, EVERYTHING) == {}
    since = SearchScope(private_allowed=None, since=datetime(2024, 1, 1, tzinfo=UTC))
    for scope in (EVERYTHING, PUBLIC, since):
        for recent in (1, 2, 50):
            expected = _counted(loaded, people, recent, scope)
            assert loaded.main_communities(people, recent, scope) == expected
