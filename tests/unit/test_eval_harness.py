"""The evaluation harness without a model: baselines, the qrels reader, metrics, the split."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from benchmarks.eval import registry
from benchmarks.eval.baselines import NAMES, Baselines, units_of
from benchmarks.eval.collection import Case
from benchmarks.eval.jsonl import jsonl_collection, read_qrels, read_queries
from benchmarks.eval.metrics import difference, evaluate, passes
from benchmarks.eval.report import emptied, kinds_over, print_kinds
from benchmarks.eval.runner import Outcome
from benchmarks.eval.stackexchange import split
from ingest.records import RawContent, RawPerson, SourceRecord

START = datetime(2024, 1, 1, tzinfo=UTC)
TEXT_BASELINES = [name for name in NAMES if name not in ("popularity", "random")]


def _person(handle: str) -> RawPerson:
    return RawPerson(source="t", handle=handle)


def _thread(
    at: int, asker: str, title: str, answers: list[tuple[str, str]], accepted: int = 0
) -> SourceRecord:
    """A question by `asker` with answers (author, text); answer `accepted` is accepted."""
    when = START + timedelta(days=at)
    question = RawContent(
        id=f"q{at}", kind="question", title=title, body="?", author=_person(asker), created_at=when
    )
    posts = [
        RawContent(
            id=f"q{at}a{n}",
            kind="answer",
            body=text,
            author=_person(who),
            created_at=when + timedelta(hours=n + 1),
            accepted=n == accepted,
            score=1,
            reply_to=f"q{at}",
        )
        for n, (who, text) in enumerate(answers)
    ]
    return SourceRecord(source="t", position=str(at), document=question, posts=posts)


RECORDS = [
    _thread(
        1,
        "asker1",
        "How do surface codes correct errors?",
        [
            ("alice", "Surface codes measure stabilizers to detect bit flips and phase flips."),
            ("bob", "Composting works better with moist straw."),
        ],
    ),
    _thread(
        2,
        "asker2",
        "Stabilizer measurements and logical qubits",
        [
            ("alice", "Stabilizer syndromes tell the decoder which qubits flipped."),
        ],
    ),
    _thread(
        3,
        "asker3",
        "ทำอย่างไรกับเศษหลังเก็บเกี่ยว",
        [
            ("somchai", "ปุ๋ยหมัก ฟางข้าว ต้อง รดน้ำ ทุก สัปดาห์ ปุ๋ยหมัก ดี"),
            ("bob", "Rice straw compost needs manure and water."),
        ],
    ),
    _thread(
        4,
        "carol",
        "Which decoder for a toric lattice?",
        [
            ("dave", "Minimum weight perfect matching, as in Dennis et al."),
        ],
    ),
]


@pytest.fixture(scope="module")
def ranker() -> Baselines:
    return Baselines(units_of(RECORDS))


@pytest.mark.parametrize("name", TEXT_BASELINES)
@pytest.mark.parametrize(
    ("query", "expert"),
    [("stabilizer syndromes for bit flips", "t:alice"), ("ปุ๋ยหมักฟางข้าว", "t:somchai")],
)
def test_text_baselines_rank_the_known_expert_first(
    ranker: Baselines, name: str, query: str, expert: str
) -> None:
    assert ranker.rank(name, query)[0] == expert


def test_voting_ranks_everyone_with_a_matching_document(ranker: Baselines) -> None:
    ranked = ranker.rank("bm25-vote", "straw")
    assert ranked == ["t:bob"]
    assert ranker.rank("tfidf-vote", "qwertyuiop") == []


def test_propagation_reaches_the_answerer_through_the_thread(ranker: Baselines) -> None:
    ranked = ranker.rank("propagation", "toric lattice")
    assert ranked[:2] == ["t:carol", "t:dave"] or ranked[:2] == ["t:dave", "t:carol"]
    assert "t:dave" not in ranker.rank("bm25-vote", "toric lattice")


def test_popularity_and_random_rank_every_candidate(ranker: Baselines) -> None:
    assert ranker.rank("popularity", "anything")[:2] == ["t:alice", "t:bob"]
    shuffled = ranker.rank("random", "q")
    assert sorted(shuffled) == ranker.people
    assert ranker.rank("random", "q") == shuffled
    with pytest.raises(ValueError, match="unknown baseline"):
        ranker.rank("nope", "q")


def test_opted_out_people_are_left_out() -> None:
    units = units_of(RECORDS, lambda raw: None if raw.handle == "alice" else f"t:{raw.handle}")
    assert "t:alice" not in Baselines(units).people


def test_metrics_come_from_the_graded_judgements() -> None:
    cases = [
        Case("a", "x", {"p1": 2, "p2": 1}),
        Case("b", "y", {"p3": 1}),
        Case("c", "z", {}, expect_nobody=True),
    ]
    scores = evaluate(cases, {"a": ["p2", "p1", "p9"], "b": []})
    assert scores["P@1"].tolist() == [0.0, 0.0]  # p2 is relevant but not the best answer
    assert scores["MRR"].tolist() == [0.5, 0.0]
    assert scores["R@10"].tolist() == [1.0, 0.0]
    assert scores["MAP"].tolist() == [1.0, 0.0]
    ideal = 3 + 1 / np.log2(3)
    assert scores["nDCG@10"][0] == pytest.approx((1 + 3 / np.log2(3)) / ideal)


def test_differences_are_paired_with_an_interval() -> None:
    ours, theirs = np.array([1.0, 1.0, 1.0, 0.0] * 10), np.array([0.0, 0.0, 1.0, 0.0] * 10)
    found = difference(ours, theirs)
    assert found.mean == pytest.approx(0.5)
    assert 0 < found.low < 0.5 < found.high <= 1.0
    assert found.p_value < 0.01
    same = difference(ours, ours)
    assert (same.mean, same.low, same.high, same.p_value) == (0.0, 0.0, 0.0, 1.0)


def test_a_case_passes_on_its_best_person_or_on_an_empty_answer() -> None:
    case = Case("a", "x", {"p1": 2, "p2": 1})
    assert passes(case, ["p1", "p2"]) and not passes(case, ["p2", "p1"])
    assert passes(Case("n", "x", {}, expect_nobody=True), [])
    assert not passes(Case("n", "x", {}, expect_nobody=True), ["p1"])


def test_jsonl_collection_reads_qrels_and_both_query_forms(tmp_path: Path) -> None:
    content = tmp_path / "cop.jsonl"
    content.write_text(
        '{"type": "document", "id": "d1", "title": "Compost", "body": "Rice straw compost",'
        ' "author": {"id": "alice"}, "created_at": "2024-03-01T00:00:00Z"}\n',
        encoding="utf-8",
    )
    qrels = tmp_path / "qrels.txt"
    qrels.write_text("q1 0 alice 2\nq1 0 jsonl:bob 1\nq2 0 alice 0\nq9 0 alice 1\n", "utf-8")
    queries = tmp_path / "queries.tsv"
    queries.write_text(
        'q1\tcompost\nq2\tunjudged\n{"query_id": "q3", "text": "zzz", "kind": "gibberish",'
        ' "expect_nobody": true}\n',
        encoding="utf-8",
    )
    collection = jsonl_collection(content, qrels, queries)
    assert [c.query_id for c in collection.cases] == ["q1", "q3"]
    assert collection.cases[0].grades == {"jsonl:alice": 2, "jsonl:bob": 1}
    assert collection.cases[1].expect_nobody and collection.cases[1].kind == "gibberish"
    assert collection.now == datetime(2024, 3, 1, tzinfo=UTC)
    assert any("1 queries without" in n for n in collection.notes)
    assert any("1 judged query ids" in n for n in collection.notes)


def test_malformed_qrels_and_queries_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("q1 0 alice\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:1"):
        read_qrels(bad)
    bad.write_text("q1 only spaces\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt:1"):
        read_queries(bad)
    bad.write_text("q1\ta\nq1\tb\n", encoding="utf-8")
    with pytest.raises(ValueError, match="repeated"):
        read_queries(bad)


def test_split_ingests_nothing_from_the_held_out_time() -> None:
    records = [
        _thread(day, f"asker{day}", f"question {day}", [(f"p{day % 3}", "answer")])
        for day in range(1, 21)
    ]
    for fold in range(4):
        training, cases, cutoff = split(records, fold)
        first = next(r for r in records if r.document.created_at == cutoff)
        assert 4 <= len(cases) <= 5 and cases[0].query_id == first.document.id
        assert cases[0].grades == {f"t:p{int(first.document.id[1:]) % 3}": 2}
        moments = [p.created_at for r in training for p in [r.document, *r.posts]]
        assert moments and all(m is not None and m < cutoff for m in moments)


def test_registry_checks_options_and_loads_planted_lazily() -> None:
    parser = argparse.ArgumentParser()
    registry.add_options(parser)
    with pytest.raises(SystemExit):
        registry.load_collection(parser.parse_args(["--collection", "jsonl"]), parser)
    assert parser.parse_args(["--collection", "planted"]).items == registry.PLANTED_ITEMS
    assert "planted" in registry.COLLECTIONS


def test_the_report_counts_answerable_queries_answered_with_nobody() -> None:
    cases = [
        Case("a", "x", {"p1": 2}),
        Case("b", "y", {"p3": 1}),
        Case("c", "z", {}, expect_nobody=True),
    ]
    outcome = Outcome("toy", "embedded", cases, [])
    outcome.rankings = {
        "default": {"a": ["p1"], "b": [], "c": []},
        "no-graph": {"a": [], "b": [], "c": ["p1"]},
    }
    assert emptied(outcome) == {"default": 1, "no-graph": 2}


def test_several_seeds_are_several_collections_named_after_them() -> None:
    parser = argparse.ArgumentParser()
    registry.add_options(parser)
    args = parser.parse_args(["--collection", "planted", "--items", "200", "--seed", "7,11"])
    assert args.seed == [7, 11]
    assert [c.name for c in registry.load_collections(args, parser)] == [
        "planted-200",
        "planted-200-seed11",
    ]
    for wrong in (["--seed", "7,x"], ["--seed", "7,7"]):
        with pytest.raises(SystemExit):
            parser.parse_args(["--collection", "planted", *wrong])
    with pytest.raises(SystemExit):  # the quantum dump is split in time, not drawn
        registry.load_collections(parser.parse_args(["--seed", "3"]), parser)


def test_cases_passed_add_up_over_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    def outcome(default_wins: bool) -> Outcome:
        cases = [Case("a", "x", {"p1": 2}, kind="newcomer"), Case("b", "y", {"p2": 2}, kind="rare")]
        found = Outcome("toy", "embedded", cases, [])
        found.rankings = {"default": {"a": ["p1"] if default_wins else ["p9"], "b": ["p2"]}}
        return found

    over = kinds_over([outcome(True), outcome(False)])
    assert over == {"newcomer": {"default": (1, 2)}, "rare": {"default": (2, 2)}}
    print_kinds(over, "together")
    assert capsys.readouterr().out.splitlines()[-1].split() == ["all", "3/4"]
