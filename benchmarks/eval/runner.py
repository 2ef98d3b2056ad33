"""One evaluation: ingest a collection into a fresh store, rank every case with every run.

The product's runs are the expert finder as the API calls it (`default`) and with parts
switched off; the baselines (`benchmarks.eval.baselines`) rank the same records. Every
run is scored by `benchmarks.eval.metrics` on the same cases.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from benchmarks.eval.baselines import NAMES, Baselines, Ranking, Resolve, units_of
from benchmarks.eval.collection import Case, Collection
from benchmarks.eval.metrics import Scores, evaluate
from graph_service.config import Settings
from graph_service.services import Services
from graph_service.store.base import SearchScope
from ingest.people import PeopleDirectory
from ingest.records import RawPerson
from ingest.report import IngestReport
from queries.experts import ExpertQuery, RankingWeights
from queries.ranker_training import NotEnoughHistory, train_ranker

PRODUCT_RUNS: dict[str, Callable[[ExpertQuery], ExpertQuery]] = {
    "default": lambda query: replace(query, learned=False),
    "learned": lambda query: query,
    "keyword-only": lambda query: replace(query, retriever="keyword", graph_signals=False),
    "vector-only": lambda query: replace(query, retriever="vector", graph_signals=False),
    "no-graph": lambda query: replace(query, retriever="hybrid", graph_signals=False),
}
"""The expert finder's variants: `default` is the API as it ranks before anyone runs
`copgraph train-ranker`; `learned` is after it, trained on the collection's own answered
questions (the same as `default` where no model was kept)."""
EVERYONE = SearchScope(private_allowed=None)
"""An evaluation sees every community, as an administrator would."""
MARKER = "collection.json"
"""Which collection a data dir holds: a reused ingest of another split would leak."""


@dataclass
class Outcome:
    """Every run's ranking and scores on one collection."""

    collection: str
    store: str
    cases: list[Case]
    notes: list[str]
    rankings: dict[str, dict[str, Ranking]] = field(default_factory=dict)
    scores: dict[str, Scores] = field(default_factory=dict)
    ingest_seconds: float = 0.0


def open_services(store: str, data_dir: Path, weights: RankingWeights | None) -> Services:
    """Everything the product is made of, built the way the service builds it.

    Raises:
        SystemExit: Neo4j was asked for and `NEO4J_URI` is not set.
    """
    settings = Settings(data_dir=data_dir)
    if store == "embedded":
        settings = settings.model_copy(update={"neo4j_uri": None})
    elif not settings.neo4j_uri:
        raise SystemExit("--store neo4j needs NEO4J_URI")
    return Services(settings, weights=weights)


def run_collection(
    collection: Collection,
    store: str = "embedded",
    data_dir: Path | None = None,
    weights: RankingWeights | None = None,
    limit: int | None = None,
    baselines: bool = True,
    train: bool = True,
) -> Outcome:
    """Ingest `collection`, then rank each case with the product's runs and the baselines.

    With `data_dir` naming an earlier run's folder, the ingest finds everything unchanged
    and only the ranking runs: that is how ranking weights are compared quickly.
    """
    cases = collection.cases[:limit] if limit else collection.cases
    folder = data_dir or Path(tempfile.mkdtemp(prefix="copgraph-eval-"))
    _claim(folder, collection.name)
    outcome = Outcome(collection.name, store, cases, list(collection.notes))
    with open_services(store, folder, weights) as services:
        if data_dir is None and hasattr(services.store, "clear"):
            services.store.clear()
        pipeline = services.pipeline_for(collection.taxonomy_file)
        started = time.perf_counter()
        report = pipeline.run(collection.records, IngestReport())
        outcome.ingest_seconds = time.perf_counter() - started
        outcome.notes.append(
            f"ingested {report.total('ingested')} items of {len(collection.records)} records "
            f"in {outcome.ingest_seconds:.0f}s; {len(cases)} cases"
        )
        finder = services.expert_finder
        if train:
            outcome.notes.append(_train(services))
        for name, variant in PRODUCT_RUNS.items():
            outcome.rankings[name] = {
                case.query_id: [
                    expert.person_id
                    for expert in finder.find(
                        variant(ExpertQuery(text=case.text, scope=EVERYONE)),
                        now=_when(case, collection),
                    )
                ]
                for case in cases
            }
        resolve = _resolver(pipeline.people)
    if baselines:
        ranker = Baselines(units_of(collection.records, resolve))
        for name in NAMES:
            outcome.rankings[name] = {c.query_id: ranker.rank(name, c.text) for c in cases}
    outcome.scores = {name: evaluate(cases, ranked) for name, ranked in outcome.rankings.items()}
    return outcome


def _train(services: Services) -> str:
    """Train the learned ranking on the ingested history, as `copgraph train-ranker` does."""
    try:
        model = train_ranker(services.store, services.expert_finder)
    except NotEnoughHistory as e:
        return f"learned ranking: none ({e})"
    scores = ", ".join(f"{name} {value:.3f}" for name, value in model.validation.items())
    verdict = "kept" if model.kept else "not kept"
    return f"learned ranking v{model.version} on {model.questions} questions, {verdict}: {scores}"


def _when(case: Case, collection: Collection) -> datetime | None:
    return case.now or collection.now


def _resolver(people: PeopleDirectory) -> Resolve:
    """Person ids as ingest assigns them (people.yaml aliases), opted-out people left out."""

    def person(raw: RawPerson) -> str | None:
        found = people.resolve(raw)
        return None if found.opted_out else found.id

    return person


def _claim(folder: Path, name: str) -> None:
    """Mark `folder` as holding `name`; refuse a folder that holds another collection."""
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / MARKER
    if marker.exists():
        held = json.loads(marker.read_text(encoding="utf-8")).get("collection")
        if held != name:
            raise SystemExit(f"{folder} holds an ingest of {held!r}, not {name!r}: use another")
    marker.write_text(json.dumps({"collection": name}), encoding="utf-8")
