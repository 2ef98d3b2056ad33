"""Scoring rankings against a collection's judgements: trec_eval measures, paired intervals.

The measures come from `ir-measures` (its pytrec_eval provider: trec_eval's own code), not
from code of ours. P@1 and MRR count the best-graded people of each query (the accepted
answerer of a StackExchange question), nDCG@10 uses every grade with gain 2**grade - 1,
R@10 and AP every relevant person; AP runs over the full ranking. A ranking is handed over
as its order (scores n, n-1, ...), so trec_eval's tie-breaking never reorders it. Queries
a run returns nobody for score 0.

Differences between two runs are paired over queries: the mean difference, its 95%
percentile bootstrap interval (`scipy.stats.bootstrap` over the per-query differences),
and a two-sided paired randomization test (`scipy.stats.permutation_test`, the test
Smucker et al. 2007 recommend for IR).
"""

from __future__ import annotations

from dataclasses import dataclass

import ir_measures
import numpy as np
from ir_measures import AP, RR, R, nDCG
from ir_measures import P as Precision
from scipy import stats  # type: ignore[import-untyped]  # scipy ships no types

from benchmarks.eval.baselines import Ranking
from benchmarks.eval.collection import Case

COLUMNS = ("P@1", "MRR", "nDCG@10", "R@10", "MAP")
ROUNDS = 9999
Scores = dict[str, np.ndarray]
"""Metric name -> one value per scored case, in the collection's order."""


@dataclass(frozen=True)
class Difference:
    """One run minus another on one metric, paired over queries."""

    mean: float
    low: float
    high: float
    p_value: float


def scored(cases: list[Case]) -> list[Case]:
    """The cases metrics apply to: those with someone relevant."""
    return [case for case in cases if any(grade > 0 for grade in case.grades.values())]


def evaluate(cases: list[Case], rankings: dict[str, Ranking]) -> Scores:
    """Each metric of `COLUMNS` per scored case, for one run (`rankings` by query id)."""
    judged = scored(cases)
    if not judged:
        return {metric: np.zeros(0) for metric in COLUMNS}
    qrels = {c.query_id: {p: g for p, g in c.grades.items() if g > 0} for c in judged}
    best = {
        qid: {p for p, g in grades.items() if g == max(grades.values())}
        for qid, grades in qrels.items()
    }
    best_qrels = {qid: dict.fromkeys(people, 1) for qid, people in best.items()}
    run = {
        c.query_id: {p: float(len(ranked) - at) for at, p in enumerate(ranked)}
        for c in judged
        if (ranked := rankings.get(c.query_id, []))
    }
    gains = {g: 2**g - 1 for grades in qrels.values() for g in grades.values()}
    graded = {"nDCG@10": nDCG(gains=gains) @ 10, "R@10": R @ 10, "MAP": AP}
    top = {"P@1": Precision @ 1, "MRR": RR}
    values: dict[str, dict[str, float]] = {metric: {} for metric in COLUMNS}
    for measures, judgements in ((graded, qrels), (top, best_qrels)):
        names = {measure: name for name, measure in measures.items()}
        for row in ir_measures.iter_calc(list(measures.values()), judgements, run):
            values[names[row.measure]][row.query_id] = row.value
    return {
        metric: np.array([values[metric].get(c.query_id, 0.0) for c in judged])
        for metric in COLUMNS
    }


def mean(scores: Scores) -> dict[str, float]:
    """A run's metrics averaged over the scored cases."""
    return {
        metric: float(values.mean()) if len(values) else 0.0 for metric, values in scores.items()
    }


def difference(ours: np.ndarray, theirs: np.ndarray) -> Difference:
    """`ours - theirs`, paired: mean, 95% bootstrap interval, randomization-test p-value."""
    delta = ours - theirs
    average = float(delta.mean()) if len(delta) else 0.0
    if len(delta) < 2 or np.ptp(delta) == 0:
        return Difference(average, average, average, 1.0)
    interval = stats.bootstrap(
        (delta,),
        np.mean,
        n_resamples=ROUNDS,
        method="percentile",
        rng=np.random.default_rng(0),
    ).confidence_interval
    test = stats.permutation_test(
        (ours, theirs),
        lambda x, y, axis: np.mean(x - y, axis=axis),
        permutation_type="samples",
        n_resamples=ROUNDS,
        vectorized=True,
        rng=np.random.default_rng(0),
    )
    return Difference(average, float(interval.low), float(interval.high), float(test.pvalue))


def passes(case: Case, ranked: Ranking) -> bool:
    """A case passes when its best-graded person is ranked first (any of them, on a tie);
    a case that expects nobody passes when nobody is returned."""
    if case.expect_nobody:
        return not ranked
    if not ranked or not case.grades:
        return False
    top = max(case.grades.values())
    return case.grades.get(ranked[0], 0) == top > 0
