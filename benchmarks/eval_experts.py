"""Expert-finding evaluation: every ranking run and every baseline on one collection.

The collection is ingested into a fresh store (embedded, or Neo4j at `NEO4J_URI`); then
the product's runs (`default` as the API ranks, `keyword-only`, `vector-only`, `no-graph`)
and the baselines (TF-IDF, BM25 and reciprocal-rank voting, the profile model over query
likelihood and BM25, propagation, popularity, random) rank every case. Printed: P@1, MRR,
nDCG@10, R@10 and MAP of every run; each product run minus each baseline with its 95%
paired bootstrap interval and randomization-test p-value; cases passed per kind when the
collection's cases have kinds. Written: benchmarks/results/eval_experts-<name>-<store>.json.

Collections (`benchmarks.eval.registry`): `quantum` (the real StackExchange dump, split in
time: tune on --fold 1-3, report fold 0), `stackexchange --path DIR`, `jsonl --path FILE
--qrels FILE --queries FILE`, `planted [--items N --seed N[,N...]]`: several seeds run one
collection each, then the cases passed over all of them (a change that wins at one seed
only is fitted to that draw).

    python -m benchmarks.eval_experts [--collection quantum] [--fold N] [--store embedded|neo4j]
                                      [--limit N] [--data-dir DIR] [--no-baselines]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.eval import registry, report
from benchmarks.eval.runner import run_collection


def main() -> None:
    """Parse the options, run the evaluation, print it and write its results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    registry.add_options(parser)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--limit", type=int, default=None, help="evaluate the first N cases")
    parser.add_argument("--data-dir", type=Path, default=None, help="reuse an earlier ingest")
    parser.add_argument("--no-baselines", action="store_true", help="the product's runs only")
    parser.add_argument(
        "--no-training", action="store_true", help="rank without training the learned ranking"
    )
    args = parser.parse_args()
    collections = registry.load_collections(args, parser)
    outcomes = []
    for collection in collections:
        data_dir = args.data_dir
        if data_dir is not None and len(collections) > 1:
            data_dir = data_dir / collection.name  # one ingest folder per seed
        outcome = run_collection(
            collection,
            args.store,
            data_dir,
            limit=args.limit,
            baselines=not args.no_baselines,
            train=not args.no_training,
        )
        paired = report.differences(outcome)
        print(f"\n## {collection.name}")
        report.print_all(outcome, paired)
        print(f"\nwritten: {report.save(outcome, paired)}")
        outcomes.append(outcome)
    if len(outcomes) > 1:
        seeds = ", ".join(str(seed) for seed in args.seed)
        report.print_kinds(report.kinds_over(outcomes), f"cases passed, seeds {seeds} together")


if __name__ == "__main__":
    main()
