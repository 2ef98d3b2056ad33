"""The baselines credit every co-author, and propagation walks the links between contents."""

from __future__ import annotations

from benchmarks.eval.baselines import Baselines, units_of
from ingest.records import RawAuthorship, RawContent, RawLink, RawPerson, SourceRecord


def _paper(id_: str, text: str, authors: list[tuple[str, str]], cites: list[str]) -> SourceRecord:
    paper = RawContent(
        id=id_,
        kind="article",
        body=text,
        authors=[
            RawAuthorship(person=RawPerson(source="t", handle=who), role=role)
            for who, role in authors
        ],
        links=[RawLink(target_id=target, kind="cites") for target in cites],
    )
    return SourceRecord(source="t", position=id_, document=paper)


RECORDS = [
    _paper(
        "p1",
        "Surface codes measure stabilizers to correct bit flips.",
        [("alice", "author"), ("carol", "editor")],
        [],
    ),
    _paper("p2", "Composting rice straw with manure.", [("dave", "author")], ["p1"]),
    _paper("p3", "Irrigation schedules for orchards.", [("erin", "author")], []),
]


def test_units_credit_every_co_author_once() -> None:
    units = units_of(RECORDS)
    assert [(unit.id, unit.authors, unit.links) for unit in units] == [
        ("p1", ("t:alice", "t:carol"), ()),
        ("p2", ("t:dave",), ("p1",)),
        ("p3", ("t:erin",), ()),
    ]
    ranking = Baselines(units).rank("tfidf-vote", "surface codes stabilizers")
    assert ranking == ["t:alice", "t:carol"]


def test_propagation_walks_the_citations() -> None:
    ranking = Baselines(units_of(RECORDS)).rank("propagation", "surface codes stabilizers")
    assert set(ranking[:2]) == {"t:alice", "t:carol"}
    assert "t:dave" in ranking, "dave cites the matching paper"
    assert "t:erin" not in ranking, "erin is linked to nothing that matches"
