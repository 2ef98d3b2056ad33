"""Reads of derived relationships while a derivation replaces them never fail.

Found by the soak test on Neo4j: a derivation deletes every EXPERT_IN and writes them again;
under Neo4j's read committed isolation, a read that had matched a relationship just before
that commit read its properties as null, and /v1/experts answered 500. A writer thread
replaces EXPERT_IN and RELATED_TO in a loop while readers read them; on the old queries
this failed a few times in ten seconds on two cores.
"""

from __future__ import annotations

import threading
import time

import numpy as np

from graph_service.models import (
    Chunk,
    Document,
    Domain,
    Expertise,
    GraphBatch,
    Person,
    Practice,
    PracticeLink,
)
from graph_service.store.base import GraphStore

SECONDS = 5.0
PEOPLE = [Person(id=f"p{i}", name=f"Person {i}") for i in range(40)]
DOMAINS = [Domain(id=f"d{i}", labels={"en": f"Domain {i}"}) for i in range(8)]
ROWS = [
    Expertise(person_id=p.id, domain_id=d.id, score=1.0, evidence_count=2, method="test")
    for p in PEOPLE
    for d in DOMAINS
]


def _practices() -> GraphBatch:
    vectors = np.eye(8, dtype=np.float32)
    document = Document(id="doc", kind="article", title="t", text="t", content_hash="h")
    practices = [
        Practice(
            id=f"practice-{i}",
            title=f"Practice {i}",
            summary="s",
            passage="p",
            source_id="doc",
            embedding=vectors[i].tolist(),
        )
        for i in range(8)
    ]
    chunk = Chunk(
        id="doc#0", parent_id="doc", text="t", search_text="t", embedding=vectors[0].tolist()
    )
    return GraphBatch(
        persons=PEOPLE, domains=DOMAINS, documents=[document], chunks=[chunk], practices=practices
    )


LINKS = [
    PracticeLink(source_id=f"practice-{i}", target_id=f"practice-{j}", score=0.5, method="test")
    for i in range(8)
    for j in range(8)
    if i != j
]


def test_reading_derived_relationships_while_they_are_replaced(store: GraphStore) -> None:
    store.upsert(_practices())
    deadline = time.monotonic() + SECONDS
    failures: list[str] = []
    reads = [0]

    def replace() -> None:
        while time.monotonic() < deadline:
            store.replace_expertise(ROWS)
            store.replace_related_practices(LINKS)

    def read() -> None:
        while time.monotonic() < deadline:
            try:
                store.expertise(person_id="p3")
                store.expertise(domain_id="d2")
                store.related_practices("practice-1")
            except Exception as error:  # noqa: BLE001  # any failure is the finding
                failures.append(f"{type(error).__name__}: {error}")
            reads[0] += 1

    threads = [threading.Thread(target=replace)] + [threading.Thread(target=read) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads[0] > 10
    assert not failures, failures[:3]
