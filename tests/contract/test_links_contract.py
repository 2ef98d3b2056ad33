"""Co-authored content and links between content: every backend stores and reads them alike.

Two papers by several people in several roles, the first citing the second and a third that
is not stored yet: AUTHORED per person with its role, LINKS between stored content, and a
link to a missing target kept by id until that content arrives.
"""

from __future__ import annotations

from graph_service.models import Chunk, ContentLink, Document, DomainLink, GraphBatch, Person
from graph_service.store.base import GraphStore
from tests.contract import fixtures as f

AUTHORS = [
    Person(id="p:ann", name="Ann", source="papers"),
    Person(id="p:bee", name="Bee", source="papers"),
    Person(id="p:cho", name="Cho", source="papers", opted_out=True),
]
PAPER_A = Document(
    id="paper:a", kind="article", title="Straw composting", text="Straw piles with manure.",
    author_ids=["p:ann", "p:bee", "p:cho"], author_roles=["author", "editor", "contributor"],
    language="en", content_hash="h-a",
)  # fmt: skip
PAPER_B = Document(
    id="paper:b", kind="article", title="Manure ratios", text="One part manure to three.",
    author_ids=["p:bee"], language="en", content_hash="h-b",
)  # fmt: skip
PAPER_C = Document(
    id="paper:c", kind="article", title="Turning piles", text="Turn weekly.",
    author_ids=["p:ann"], language="en", content_hash="h-c",
)  # fmt: skip
A_CITES_B = ContentLink(source_id="paper:a", target_id="paper:b", kind="cites")
A_LINKS_C = ContentLink(source_id="paper:a", target_id="paper:c", kind="links_to")


def _chunk(parent: Document) -> Chunk:
    return Chunk(
        id=f"{parent.id}#0", parent_id=parent.id, text=parent.text,
        search_text=parent.text.lower(), language="en", embedding=f.vector(e0=1),
    )  # fmt: skip


def _papers(*documents: Document, links: list[ContentLink]) -> GraphBatch:
    return GraphBatch(
        persons=AUTHORS,
        documents=list(documents),
        chunks=[_chunk(document) for document in documents],
        content_links=links,
    )


def _loaded(store: GraphStore) -> GraphStore:
    store.ensure_schema(f.DIMENSION)
    store.upsert(_papers(PAPER_A, PAPER_B, links=[A_CITES_B, A_LINKS_C]))
    return store


def test_every_co_author_is_stored_with_their_role(store: GraphStore) -> None:
    loaded = _loaded(store)
    assert loaded.get_document("paper:a") == PAPER_A
    assert loaded.stats().relationships["AUTHORED"] == 4
    (evidence,) = loaded.evidence(["paper:a#0"])
    assert [(a.id, a.role, a.opted_out) for a in evidence.authors] == [
        ("p:ann", "author", False),
        ("p:bee", "editor", False),
        ("p:cho", "contributor", True),
    ]


def test_single_author_content_reads_as_author(store: GraphStore) -> None:
    loaded = _loaded(store)
    stored = loaded.get_document("paper:b")
    assert stored is not None and stored.author_roles == ["author"]
    (evidence,) = loaded.evidence(["paper:b#0"])
    assert [(a.id, a.role) for a in evidence.authors] == [("p:bee", "author")]


def test_contributions_carry_the_authors_role(store: GraphStore) -> None:
    loaded = _loaded(store)
    loaded.upsert(
        GraphBatch(
            domains=f.DOMAINS,
            domain_links=[
                DomainLink(content_id="paper:a", domain_id="d:compost", weight=1.0, method="test")
            ],
        )  # fmt: skip
    )
    roles = {(c.person_id, c.content_id): c.role for c in loaded.contributions()}
    assert roles == {
        ("p:ann", "paper:a"): "author",
        ("p:bee", "paper:a"): "editor",
        ("p:cho", "paper:a"): "contributor",
    }


def test_links_are_read_from_either_end_and_kept_for_a_missing_target(
    store: GraphStore,
) -> None:
    loaded = _loaded(store)
    assert loaded.links(["paper:a"]) == [A_CITES_B, A_LINKS_C]
    assert loaded.links(["paper:b"]) == [A_CITES_B]
    assert loaded.links(["paper:c"]) == [A_LINKS_C], "a link to content not stored waits by id"
    assert loaded.links(["paper:x"]) == []
    assert loaded.stats().relationships["LINKS"] == 1, "a relationship needs both ends"


def test_a_link_resolves_when_its_target_arrives(store: GraphStore) -> None:
    loaded = _loaded(store)
    loaded.upsert(_papers(PAPER_C, links=[]))
    assert loaded.stats().relationships["LINKS"] == 2
    assert loaded.links(["paper:c"]) == [A_LINKS_C]


def test_ingesting_the_same_links_twice_changes_nothing(store: GraphStore) -> None:
    loaded = _loaded(store)
    before = (loaded.stats(), loaded.links(["paper:a", "paper:b", "paper:c"]))
    loaded.upsert(_papers(PAPER_A, PAPER_B, links=[A_CITES_B, A_LINKS_C]))
    assert (loaded.stats(), loaded.links(["paper:a", "paper:b", "paper:c"])) == before


def test_replacing_a_document_replaces_its_links(store: GraphStore) -> None:
    loaded = _loaded(store)
    duplicate = ContentLink(source_id="paper:a", target_id="paper:b", kind="duplicate_of")
    loaded.replace_documents(["paper:a"], _papers(PAPER_A, links=[duplicate]))
    assert loaded.links(["paper:a", "paper:c"]) == [duplicate]
    assert loaded.stats().relationships["LINKS"] == 1


def test_deleting_a_document_deletes_its_links_and_keeps_those_to_it(store: GraphStore) -> None:
    loaded = _loaded(store)
    loaded.delete_documents(["paper:b"])
    assert loaded.links(["paper:a"]) == [A_CITES_B, A_LINKS_C], "the citing paper still cites"
    assert loaded.stats().relationships["LINKS"] == 0
    loaded.upsert(_papers(PAPER_B, links=[]))
    assert loaded.stats().relationships["LINKS"] == 1, "and the link resolves again"
    loaded.delete_documents(["paper:a"])
    assert loaded.links(["paper:a", "paper:b", "paper:c"]) == []
    assert loaded.stats().relationships["LINKS"] == 0
