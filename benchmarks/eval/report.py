"""What an evaluation prints and keeps: the table, the paired differences, the kinds.

With 78 questions one question moves P@1 by 0.013, so every product run's difference from
every baseline is printed with its 95% interval and randomization-test p-value
(`benchmarks.eval.metrics.difference`): a difference whose interval holds 0 is not one.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from benchmarks.eval.baselines import NAMES
from benchmarks.eval.metrics import COLUMNS, Difference, difference, mean, passes
from benchmarks.eval.runner import PRODUCT_RUNS, Outcome

RESULTS = Path(__file__).resolve().parents[1] / "results"


def table(outcome: Outcome) -> dict[str, dict[str, float]]:
    """Each run's metrics averaged over the scored cases."""
    return {name: mean(scores) for name, scores in outcome.scores.items()}


def differences(outcome: Outcome) -> dict[str, dict[str, Difference]]:
    """`product - baseline` for each product run and each baseline that ran, per metric."""
    found = {}
    for ours in PRODUCT_RUNS:
        for theirs in (*[n for n in PRODUCT_RUNS if n != ours], *NAMES):
            if ours not in outcome.scores or theirs not in outcome.scores:
                continue
            if theirs in PRODUCT_RUNS and ours != "default":
                continue
            found[f"{ours} - {theirs}"] = {
                metric: difference(outcome.scores[ours][metric], outcome.scores[theirs][metric])
                for metric in COLUMNS
            }
    return found


def kinds(outcome: Outcome) -> dict[str, dict[str, tuple[int, int]]]:
    """Per case kind and run: (cases passed, cases); empty when no case has a kind."""
    if not any(case.kind for case in outcome.cases):
        return {}
    found: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for name, rankings in outcome.rankings.items():
        for kind in sorted({case.kind or "-" for case in outcome.cases}):
            cases = [case for case in outcome.cases if (case.kind or "-") == kind]
            won = sum(passes(case, rankings.get(case.query_id, [])) for case in cases)
            found[kind][name] = (won, len(cases))
    return dict(found)


def emptied(outcome: Outcome) -> dict[str, int]:
    """Per product run: how many queries with someone to find it answered with nobody (the
    relevance floor's cost: a question the community can answer that it calls unanswerable)."""
    answerable = [case for case in outcome.cases if not case.expect_nobody and case.grades]
    return {
        name: sum(not outcome.rankings[name].get(case.query_id) for case in answerable)
        for name in PRODUCT_RUNS
        if name in outcome.rankings
    }


def print_all(outcome: Outcome, paired: dict[str, dict[str, Difference]]) -> None:
    """The table, then the `paired` differences, then the kinds, on stdout."""
    for note in outcome.notes:
        print(note)
    print_table(table(outcome))
    answerable = sum(not case.expect_nobody and bool(case.grades) for case in outcome.cases)
    print(
        f"answered with nobody, of {answerable} queries someone can answer: "
        + ", ".join(f"{name} {count}" for name, count in emptied(outcome).items())
    )
    print(
        f"\n{'difference':<28}" + "".join(f"{c:>25}" for c in COLUMNS) + "\n"
        "(mean [95% paired bootstrap interval]; * randomization test p < 0.05; p in the JSON)"
    )
    for pair, cells in paired.items():
        shown = "".join(
            f"{f'{d.mean:+.3f} [{d.low:+.3f},{d.high:+.3f}]':>24}{'*' if d.p_value < 0.05 else ' '}"
            for d in cells.values()
        )
        print(f"{pair:<28}{shown}")
    print_kinds(
        kinds(outcome), "cases passed (best-graded person 1st; expect-nobody: nobody returned)"
    )


def kinds_over(outcomes: list[Outcome]) -> dict[str, dict[str, tuple[int, int]]]:
    """`kinds` added up over several collections (one per seed): per kind and run, the
    cases passed and the cases, in all."""
    found: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for outcome in outcomes:
        for kind, row in kinds(outcome).items():
            for name, (won, total) in row.items():
                before = found[kind].get(name, (0, 0))
                found[kind][name] = (before[0] + won, before[1] + total)
    return dict(sorted(found.items()))


def print_kinds(by_kind: dict[str, dict[str, tuple[int, int]]], title: str) -> None:
    """Cases passed per kind and run, with a total line; nothing when no case has a kind."""
    if not by_kind:
        return
    runs = list(next(iter(by_kind.values())))
    print(f"\n{title}")
    print(f"{'kind':<24}" + "".join(f"{name[:12]:>13}" for name in runs))
    rows = {**by_kind, "all": {n: _total(by_kind, n) for n in runs}}
    for kind, row in rows.items():
        passed = "".join(f"{f'{row[n][0]}/{row[n][1]}':>13}" for n in runs)
        print(f"{kind:<24}{passed}")


def _total(by_kind: dict[str, dict[str, tuple[int, int]]], run: str) -> tuple[int, int]:
    return (
        sum(row[run][0] for row in by_kind.values()),
        sum(row[run][1] for row in by_kind.values()),
    )


def print_table(rows: dict[str, dict[str, float]]) -> None:
    """The runs' averages as a fixed-width table."""
    print(f"{'run':<14}" + "".join(f"{c:>9}" for c in COLUMNS))
    for name, row in rows.items():
        print(f"{name:<14}" + "".join(f"{row[c]:>9.3f}" for c in COLUMNS))


def save(
    outcome: Outcome, paired: dict[str, dict[str, Difference]], folder: Path = RESULTS
) -> Path:
    """Write `eval_experts-<collection>-<store>.json`: averages, differences, per-case scores."""
    body: dict[str, Any] = {
        "collection": outcome.collection,
        "store": outcome.store,
        "notes": outcome.notes,
        "cases": len(outcome.cases),
        "table": table(outcome),
        "differences": {
            pair: {m: vars(d) for m, d in cells.items()} for pair, cells in paired.items()
        },
        "passed by kind": kinds(outcome),
        "answered with nobody": emptied(outcome),
        "per case": {
            name: {metric: [round(v, 6) for v in values] for metric, values in scores.items()}
            for name, scores in outcome.scores.items()
        },
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"eval_experts-{outcome.collection}-{outcome.store}.json"
    path.write_text(json.dumps(body, indent=2), encoding="utf-8")
    return path
