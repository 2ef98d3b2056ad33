"""The papers collection: co-authored documents with citations, held-out papers as queries."""

from __future__ import annotations

from benchmarks.eval.papers import papers_collection


def test_papers_have_co_authors_citations_and_held_out_queries() -> None:
    collection = papers_collection(items=300, seed=3)
    documents = [record.document for record in collection.records]
    assert all(not record.posts for record in collection.records), "documents only"
    assert all(2 <= len(document.authors) <= 5 for document in documents)
    roles = {authorship.role for document in documents for authorship in document.authors}
    assert roles == {"author", "editor", "contributor"}
    assert sum(len(document.links) for document in documents) > len(documents)
    ingested = {document.id for document in documents}
    held_out = [case for case in collection.cases if case.kind == "paper"]
    assert held_out and all(
        case.query_id.removeprefix("paper-") not in ingested for case in held_out
    )
    assert all(2 in case.grades.values() for case in collection.cases)
    assert papers_collection(items=300, seed=3).cases == collection.cases
