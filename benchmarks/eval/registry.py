"""The collections `--collection NAME` can name, and the options each one reads.

A collection is a function of the command's options; adding one is one entry here.
`planted` (the synthetic community with planted experts) lives in `benchmarks.eval.planted`,
imported only when asked for, so the other collections work without it.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.eval.collection import Collection
from benchmarks.eval.jsonl import jsonl_collection
from benchmarks.eval.stackexchange import FOLDS, dump_collection, quantum_collection

PLANTED_ITEMS = 3000


@dataclass(frozen=True)
class Entry:
    """A collection's builder, the options it needs, and what it is."""

    build: Callable[[argparse.Namespace], Collection]
    needs: tuple[str, ...]
    about: str


def _seed(args: argparse.Namespace) -> dict[str, int]:
    """The one seed the builder is asked for, if any (`load_collections` gives one a time)."""
    if args.seed is None:
        return {}
    (seed,) = args.seed
    return {"seed": seed}


def _planted(args: argparse.Namespace) -> Collection:
    module = importlib.import_module("benchmarks.eval.planted")
    seed = _seed(args)
    collection: Collection = module.planted_collection(items=args.items, **seed)
    return collection


def _papers(args: argparse.Namespace) -> Collection:
    module = importlib.import_module("benchmarks.eval.papers")
    items = {} if args.items == PLANTED_ITEMS else {"items": args.items}
    seed = _seed(args)
    collection: Collection = module.papers_collection(**items, **seed)
    return collection


COLLECTIONS: dict[str, Entry] = {
    "quantum": Entry(
        lambda a: quantum_collection(a.fold),
        (),
        "the quantumcomputing dump, split in time (--fold 0 reported, 1-3 tuning)",
    ),
    "stackexchange": Entry(
        lambda a: dump_collection(a.path, a.fold),
        ("path",),
        "any StackExchange dump folder (--path DIR; Posts.xml is enough), split like quantum",
    ),
    "jsonl": Entry(
        lambda a: jsonl_collection(a.path, a.qrels, a.queries),
        ("path", "qrels", "queries"),
        "a copgraph JSONL file (--path) judged by TREC qrels (--qrels) over --queries",
    ),
    "planted": Entry(
        _planted,
        (),
        "a synthetic community with planted experts (--items, --seed)",
    ),
    "papers": Entry(
        _papers,
        (),
        "synthetic co-authored papers with citations, documents only (--items, default 2000)",
    ),
}


SEEDED = ("planted", "papers")
"""The collections drawn from a seed."""


def add_options(parser: argparse.ArgumentParser) -> None:
    """The options of every collection (each reads the ones it needs)."""
    parser.add_argument(
        "--collection",
        choices=sorted(COLLECTIONS),
        default="quantum",
        help="; ".join(f"{name}: {entry.about}" for name, entry in COLLECTIONS.items()),
    )
    parser.add_argument(
        "--fold", type=int, choices=FOLDS, default=0, help="0: the test set; 1-3: tuning"
    )
    parser.add_argument("--path", type=Path, help="the dump folder or the JSONL file")
    parser.add_argument("--qrels", type=Path, help="TREC qrels: 'query_id 0 person grade'")
    parser.add_argument("--queries", type=Path, help="'query_id<TAB>text' or JSON lines")
    parser.add_argument("--items", type=int, default=PLANTED_ITEMS, help="planted: its size")
    parser.add_argument(
        "--seed",
        type=seeds,
        default=None,
        help="planted, papers: the seed (default its own); several, comma-separated, run "
        "one collection each and add up the cases passed",
    )


def seeds(value: str) -> list[int]:
    """`--seed`'s seeds: one or several integers, comma-separated."""
    try:
        found = [int(part) for part in value.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a seed or a comma-separated list: {value!r}"
        ) from None
    if len(set(found)) != len(found):
        raise argparse.ArgumentTypeError(f"a seed is named twice: {value!r}")
    return found


def load_collections(args: argparse.Namespace, parser: argparse.ArgumentParser) -> list[Collection]:
    """The collection the options name, once per seed `--seed` lists (a collection of
    another seed is another collection: drawn anew, named after its seed)."""
    if args.seed is None:
        return [load_collection(args, parser)]
    if args.collection not in SEEDED:
        parser.error(f"--seed is an option of {' and '.join(SEEDED)}, not {args.collection}")
    return [
        load_collection(argparse.Namespace(**{**vars(args), "seed": [seed]}), parser)
        for seed in args.seed
    ]


def load_collection(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Collection:
    """The collection the options name; a missing option is a usage error."""
    entry = COLLECTIONS[args.collection]
    missing = [f"--{name}" for name in entry.needs if getattr(args, name) is None]
    if missing:
        parser.error(f"--collection {args.collection} needs {' '.join(missing)}")
    return entry.build(args)
