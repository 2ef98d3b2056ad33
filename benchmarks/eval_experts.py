"""Expert-finding evaluation on the real StackExchange dump (quantumcomputing, 2018).

Protocol (no leakage): the newest 20% of questions that have an accepted answer are held
out. Only content created before the first held-out question is ingested: later questions,
answers and comments never reach the store. Each held-out question (title + body) is a
query; the relevant people are its real answerers: the accepted answerer (grade 2) and other
answerers with a positive score (grade 1). A person who never posted before the split can't
be found by any method and still counts against every run.

Runs: keyword-only, vector-only, hybrid (calibrated linear mix), hybrid + graph signals
(EXPERT_IN blend), and a popularity baseline (most answers before the split). Metrics: P@1
and MRR on the accepted answerer, nDCG@10 graded, R@10 over all relevant people. With 78
questions one question moves P@1 by 0.013, so the hybrid runs' differences from each
baseline are printed with a 95% paired bootstrap interval over the questions.

Folds 1 to 3 hold out the earlier fifths of the questions instead (each with only what came
before it ingested): tune the ranking there, report fold 0.

    python -m benchmarks.eval_experts [--store embedded|neo4j] [--fold N] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from embeddings.factory import load_embedder
from graph_service.config import Settings
from graph_service.store import open_store
from graph_service.store.base import SearchScope
from ingest.factory import SAMPLE_DIR, build_pipeline
from ingest.normalize import plain_text
from ingest.people import person_id
from ingest.records import RawContent, SourceRecord
from ingest.report import IngestReport
from ingest.sources.stackexchange import read_stackexchange
from queries.experts import ExpertFinder, ExpertQuery, RankingWeights
from queries.retrieval import Retriever

DUMP = Path(__file__).resolve().parents[2] / "shared" / "data" / "stackexchange-quantumcomputing"
RESULTS = Path(__file__).resolve().parent / "results"
HELD_OUT_SHARE = 0.2
COLUMNS = ("P@1", "MRR", "nDCG@10", "R@10")
RUNS: dict[str, tuple[Retriever, bool]] = {
    "keyword-only": ("keyword", False),
    "vector-only": ("vector", False),
    "hybrid": ("hybrid", False),
    "hybrid+graph": ("hybrid", True),
}


@dataclass(frozen=True)
class Case:
    """A held-out question: the query text and the graded relevant people."""

    question_id: str
    query: str
    grades: dict[str, int]
    accepted: str


def _when(content: RawContent) -> datetime:
    assert content.created_at is not None
    return content.created_at


def split(
    records: list[SourceRecord], fold: int = 0
) -> tuple[list[SourceRecord], list[Case], datetime]:
    """Training records (truncated at the split date) and the held-out cases.

    Fold 0 holds out the newest `HELD_OUT_SHARE` of the answered questions: the test set.
    Fold n holds out the n-th share before those and ingests only what came before it, so
    ranking changes can be tuned there without ever looking at the test questions.
    """
    answered = sorted(
        (r for r in records if any(p.accepted and p.author for p in r.posts)),
        key=lambda r: _when(r.document),
    )
    start = int(len(answered) * (1 - HELD_OUT_SHARE * (fold + 1)))
    end = int(len(answered) * (1 - HELD_OUT_SHARE * fold))
    held_out = answered[start:end]
    cutoff = _when(held_out[0].document)
    cases = []
    for record in held_out:
        grades = {}
        accepted = ""
        for post in record.posts:
            if post.kind != "answer" or post.author is None:
                continue
            who = person_id(post.author)
            if post.accepted:
                grades[who], accepted = 2, who
            elif post.score > 0:
                grades.setdefault(who, 1)
        text = f"{record.document.title}\n{plain_text(record.document)}"
        cases.append(Case(record.document.id, text, grades, accepted))
    training = [
        r.model_copy(update={"posts": [p for p in r.posts if _when(p) < cutoff]})
        for r in records
        if _when(r.document) < cutoff
    ]
    return training, cases, cutoff


def metrics(ranked: list[str], case: Case) -> dict[str, float]:
    """P@1, reciprocal rank (accepted answerer), nDCG@10 (graded), R@10."""
    top = ranked[:10]
    rank = ranked.index(case.accepted) + 1 if case.accepted in ranked else 0
    dcg = sum((2 ** case.grades.get(p, 0) - 1) / math.log2(i + 2) for i, p in enumerate(top))
    ideal = sorted(case.grades.values(), reverse=True)[:10]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    relevant = set(case.grades)
    return {
        "P@1": 1.0 if rank == 1 else 0.0,
        "MRR": 1.0 / rank if rank else 0.0,
        "nDCG@10": dcg / idcg if idcg else 0.0,
        "R@10": len(relevant & set(top)) / len(relevant) if relevant else 0.0,
    }


def averages(per_case: dict[str, list[dict[str, float]]]) -> dict[str, dict[str, float]]:
    """Each run's metrics averaged over the cases."""
    return {
        name: {metric: sum(row[metric] for row in rows) / len(rows) for metric in rows[0]}
        for name, rows in per_case.items()
    }


def evaluate_cases(
    store_kind: str,
    limit: int | None,
    data_dir: Path | None = None,
    weights: RankingWeights | None = None,
    fold: int = 0,
) -> dict[str, list[dict[str, float]]]:
    """Ingest the training part of `fold`, then each run's metrics on every case.

    With `data_dir` naming an earlier run's folder, the ingest finds everything unchanged
    and only the ranking runs: that is how ranking weights are compared quickly.
    """
    records = [r for r in read_stackexchange(DUMP) if isinstance(r, SourceRecord)]
    training, cases, cutoff = split(records, fold)
    cases = cases[:limit] if limit else cases
    folder = data_dir or Path(tempfile.mkdtemp(prefix="copgraph-eval-"))
    settings = Settings(data_dir=folder)
    if store_kind == "embedded":
        settings = settings.model_copy(update={"neo4j_uri": None})
    store = open_store(settings)
    if hasattr(store, "clear") and data_dir is None:
        store.clear()
    embedder = load_embedder(settings.embedding_model)
    pipeline = build_pipeline(
        settings, store, embedder, taxonomy_file=SAMPLE_DIR / "domains-quantum.yaml"
    )
    started = time.perf_counter()
    report = pipeline.run(training, IngestReport())
    ingest_seconds = time.perf_counter() - started
    print(
        f"split at {cutoff:%Y-%m-%d}: ingested {report.total('ingested')} items of "
        f"{len(training)} threads in {ingest_seconds:.0f}s; {len(cases)} held-out questions"
    )
    popularity = Counter(
        person_id(p.author) for r in training for p in r.posts if p.kind == "answer" and p.author
    )
    popular = [who for who, _ in popularity.most_common()]
    finder = ExpertFinder(store, embedder, settings.expertise_half_life_days, weights)
    per_case: dict[str, list[dict[str, float]]] = {}
    for name, (retriever, graph) in RUNS.items():
        per_case[name] = []
        for case in cases:
            query = ExpertQuery(
                text=case.query,
                scope=SearchScope(private_allowed=None),
                retriever=retriever,
                graph_signals=graph,
            )
            ranked = [e.person_id for e in finder.find(query, now=cutoff)]
            per_case[name].append(metrics(ranked, case))
    per_case["popularity"] = [metrics(popular, case) for case in cases]
    store.close()
    pipeline.cache.close()
    return per_case


def paired_interval(differences: list[float], rounds: int = 2000) -> tuple[float, float]:
    """The 95% percentile bootstrap interval of the mean of per-question differences.

    Resampling questions, not runs, keeps each question's pair together: a question both
    runs get right or wrong says nothing about which run is better.
    """
    sample = random.Random(0)
    n = len(differences)
    means = sorted(sum(sample.choices(differences, k=n)) / n for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def print_differences(per_case: dict[str, list[dict[str, float]]]) -> None:
    """Each hybrid run minus each baseline: mean difference and its 95% interval."""
    for run in ("hybrid", "hybrid+graph"):
        for baseline in ("keyword-only", "vector-only", "popularity"):
            cells = []
            for metric in COLUMNS:
                pairs = zip(per_case[run], per_case[baseline], strict=True)
                differences = [ours[metric] - theirs[metric] for ours, theirs in pairs]
                low, high = paired_interval(differences)
                mean = sum(differences) / len(differences)
                cells.append(f"{metric} {mean:+.3f} [{low:+.3f}, {high:+.3f}]")
            print(f"{run} - {baseline}: " + "  ".join(cells))


def print_table(table: dict[str, dict[str, float]]) -> None:
    """The results as a fixed-width table."""
    print(f"{'method':<14}" + "".join(f"{c:>9}" for c in COLUMNS))
    for name, row in table.items():
        print(f"{name:<14}" + "".join(f"{row[c]:>9.3f}" for c in COLUMNS))


def main() -> None:
    """Run the evaluation and write benchmarks/results/eval_experts-<store>[-fold<N>].json."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--limit", type=int, default=None, help="evaluate the first N cases")
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse an earlier ingest")
    parser.add_argument(
        "--fold", type=int, choices=range(4), default=0, help="0: the test set; 1-3: tuning"
    )
    args = parser.parse_args()
    per_case = evaluate_cases(args.store, args.limit, args.data_dir, fold=args.fold)
    table = averages(per_case)
    print_table(table)
    print_differences(per_case)
    RESULTS.mkdir(exist_ok=True)
    suffix = f"-fold{args.fold}" if args.fold else ""
    path = RESULTS / f"eval_experts-{args.store}{suffix}.json"
    path.write_text(json.dumps(table, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
