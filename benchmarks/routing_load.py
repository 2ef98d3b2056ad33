"""How concentrated question routing is, with and without fair load, on the synthetic corpus.

Ingests a synthetic corpus (kept in `--work`, so a rerun reuses the store), takes the titles
of its first `--questions` questions as new questions arriving one every `--every-hours`,
and routes each to `routing_people` people, as `POST /v1/questions` does: expert search's
people for the text, reordered by fair load over the routings before it. Expert search
runs once per question; each mode replays the same arrivals over its own routing history.

Per mode it prints how much of the routing the most-asked people get, how many people are
asked at all, the Gini coefficient of the load, and what spreading costs: the mean share
of the best candidate's score that the people asked have.

    python -m benchmarks.routing_load [--items 2000] [--questions 200] [--every-hours 6]
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.corpora import corpus, synthetic
from benchmarks.process import REPO
from benchmarks.tables import Column, markdown
from graph_service.config import Settings
from graph_service.routing import QuestionRouting, RoutedPerson
from graph_service.routing_desk import policy_of
from graph_service.services import Services
from graph_service.store.base import SearchScope
from ingest.records import SourceRecord
from ingest.report import IngestReport
from queries.experts import Expert, ExpertQuery
from queries.fair_load import FairLoad
from queries.question_routing import CANDIDATES_READ, pick

COLUMNS: list[Column] = [
    ("fair load", "mode", ""),
    ("questions", "questions", ","),
    ("routings", "routings", ","),
    ("people asked", "people", ","),
    ("top-1 share", "top1", ".1%"),
    ("top-5 share", "top5", ".1%"),
    ("most asked (n)", "max", ","),
    ("Gini of load", "gini", ".3f"),
    ("asked/best score", "quality", ".3f"),
]


@dataclass(frozen=True)
class Arrival:
    """A question, when it arrives, and expert search's candidates for it."""

    at: datetime
    ranked: list[Expert]


def gini(counts: list[int]) -> float:
    """The Gini coefficient of a load (0: everyone asked alike; near 1: one person asked)."""
    values = sorted(counts)
    total = sum(values)
    if not values or total == 0:
        return 0.0
    weighted = sum((index + 1) * value for index, value in enumerate(values))
    return (2 * weighted) / (len(values) * total) - (len(values) + 1) / len(values)


def replay(arrivals: list[Arrival], fair_load: FairLoad | None, per_round: int) -> dict[str, Any]:
    """Route every arrival in order over this mode's own history; the load's numbers."""
    history: list[QuestionRouting] = []
    asked: Counter[str] = Counter()
    quality = []
    window = fair_load or FairLoad()
    for number, arrival in enumerate(arrivals):
        load = window.load(history, arrival.at)
        picked = pick(arrival.ranked, load, fair_load, per_round)
        best = arrival.ranked[0].score
        routed = [
            RoutedPerson(person_id=e.person_id, name=e.name, round=1, at=arrival.at, score=s,
                         reasons=[])
            for e, s, _ in picked
        ]  # fmt: skip
        history.append(
            QuestionRouting(
                id=str(number), text="", asker_id=None, community_id=None, document_id=None,
                domain_ids=[], created_at=arrival.at, last_routed_at=arrival.at, routed=routed,
                key_name="bench",
            )
        )  # fmt: skip
        for expert, _, _ in picked:
            asked[expert.person_id] += 1
            quality.append(expert.score / best if best > 0 else 0.0)
    total = sum(asked.values())
    top = [count for _, count in asked.most_common()]
    return {
        "mode": "on" if fair_load else "off",
        "questions": len(arrivals),
        "routings": total,
        "people": len(asked),
        "top1": top[0] / total if total else 0.0,
        "top5": sum(top[:5]) / total if total else 0.0,
        "max": top[0] if top else 0,
        "gini": gini(top),
        "quality": statistics.fmean(quality) if quality else 0.0,
    }


def arrivals(
    services: Services, source_records: Any, count: int, every: timedelta
) -> list[Arrival]:
    """The first `count` questions of the corpus with their candidates, one every `every`."""
    finder = services.expert_finder
    start = datetime(2026, 1, 1, tzinfo=UTC)
    found = []
    for record in source_records:
        if len(found) == count:
            break
        if not isinstance(record, SourceRecord) or record.document.kind != "question":
            continue
        at = start + every * len(found)
        query = ExpertQuery(text=record.document.title, scope=SearchScope(private_allowed=None))
        ranked = [e for e in finder.find(query, at) if e.basis == "evidence"][:CANDIDATES_READ]
        if ranked:
            found.append(Arrival(at, ranked))
    return found


def main() -> None:
    """Ingest (once), route the questions with and without fair load, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000, help="synthetic corpus size")
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--every-hours", type=float, default=6.0)
    parser.add_argument("--model", default="use-multilingual-v3")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=REPO / "build" / "bench")
    args = parser.parse_args()
    source = corpus(synthetic(args.work, args.items, args.seed))
    settings = Settings(
        data_dir=args.work / f"routing-{args.items}-seed{args.seed}-{args.model}",
        communities_file=source.communities,
        embedding_model=args.model,
        neo4j_uri=None,
    )
    policy = policy_of(settings)
    with Services(settings) as services:
        pipeline = services.pipeline_for(source.taxonomy)
        if services.store.derivation_state() is None or pipeline.derivation.is_set():
            print(f"ingesting {args.items} items into {settings.data_dir} (once)")
            pipeline.run(source.records(), IngestReport())
        found = arrivals(
            services, source.records(), args.questions, timedelta(hours=args.every_hours)
        )
    rows = [
        replay(found, None, policy.people_per_round),
        replay(found, policy.fair_load, policy.people_per_round),
        replay(found, replace(policy.fair_load, bound=0.8, penalty=0.25), policy.people_per_round),
    ]
    rows[2]["mode"] = "on (penalty 0.25, bound 0.8)"
    print(
        f"{args.items} synthetic items, {len(found)} questions one every {args.every_hours} h, "
        f"{policy.people_per_round} people each; fair load window {policy.fair_load.window_days} "
        f"days, penalty {policy.fair_load.penalty}, bound {policy.fair_load.bound}\n"
    )
    print(markdown(rows, COLUMNS))


if __name__ == "__main__":
    main()
