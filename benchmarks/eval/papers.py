"""A documents-only collection of co-authored "papers" that cite each other.

Expert finding over publications, not forum threads: every item is a document with two to
five authors in roles (the lead and most co-authors `author`, some `editor` or
`contributor`), and citations between papers as links. Each candidate has a primary
expertise area and a secondary one (domains of `benchmarks.synthetic_vocab`); co-authors of a
paper are drawn mostly from its area's primary experts, some from those for whom it is the
secondary area, and a few editors and contributors from anywhere (the noise a role carries).
A fifth of the papers are in Thai.

Queries are judged by design: a domain's topic description ("who knows about crop rotation
and paddy soil"), and the title and abstract of a held-out paper, left out of what is
ingested. Relevant are the people whose expertise area is the query's domain: grade 2 for
the primary area, 1 for the secondary.
"""

from __future__ import annotations

import json
import random
from datetime import timedelta
from typing import Any

from benchmarks.eval.collection import Case, Collection
from benchmarks.synthetic import START
from benchmarks.synthetic_text import Writer
from benchmarks.synthetic_vocab import (
    ENGLISH_FIRST,
    ENGLISH_LAST,
    THAI_FIRST,
    THAI_LAST,
    VOCABULARY,
)
from ingest.people import person_id
from ingest.records import RawPerson, Reject, SourceRecord
from ingest.sources.jsonl import CopgraphRecord, records_of

DEFAULT_SEED = 7
"""The seed the collection is reported at; another seed's collection is named after it (its
results and its ingest folder are another collection's)."""
HELD_OUT_PER_DOMAIN = 2
"""Papers per domain kept out of the ingest and asked about by their title and abstract."""
THAI_SHARE = 0.2
SOURCE = "jsonl"


def papers_collection(items: int = 2000, seed: int = DEFAULT_SEED) -> Collection:
    """`items` papers by `items // 8` people, plus the judged queries.

    Args:
        items: Papers written (held-out ones included).
        seed: The same seed gives the same collection.
    """
    rng = random.Random(f"papers:{seed}")
    domains = sorted(VOCABULARY)
    people = [_person(rng, number) for number in range(max(len(domains) * 4, items // 8))]
    primary = {d: [p for p in people if p["primary"] == d] for d in domains}
    secondary = {d: [p for p in people if p["secondary"] == d] for d in domains}
    papers: list[dict[str, Any]] = []
    by_domain: dict[str, list[str]] = {d: [] for d in domains}
    for number in range(items):
        domain = rng.choice(domains)
        writer = Writer(rng, domain, thai=rng.random() < THAI_SHARE)
        paper = {
            "type": "document",
            "id": f"paper-{number:05d}",
            "title": writer.title("document"),
            "body": writer.body("document"),
            "format": "markdown",
            "authors": _authors(rng, primary[domain], secondary[domain], people),
            "created_at": (START + timedelta(hours=6 * number)).isoformat(),
            "links": _citations(rng, domain, by_domain),
        }
        papers.append(paper)
        by_domain[domain].append(paper["id"])
        paper["_domain"] = domain
    held_out = {
        paper_id
        for domain in domains
        for paper_id in rng.sample(by_domain[domain], k=HELD_OUT_PER_DOMAIN)
    }
    records: list[SourceRecord] = []
    rejects = 0
    for number, paper in enumerate(papers, start=1):
        if paper["id"] in held_out:
            continue
        row = {key: value for key, value in paper.items() if not key.startswith("_")}
        line = CopgraphRecord.model_validate_json(json.dumps(row, ensure_ascii=False)).root
        for read in records_of(line, f"{SOURCE}:papers-{items}-seed{seed}.jsonl", f"line {number}"):
            if isinstance(read, Reject):
                rejects += 1
            else:
                records.append(read)
    cases = [
        *(_topic_case(rng, domain, people) for domain in domains),
        *(_paper_case(paper, people) for paper in papers if paper["id"] in held_out),
    ]
    return Collection(
        name=f"papers-{items}" + ("" if seed == DEFAULT_SEED else f"-seed{seed}"),
        records=records,
        cases=cases,
        now=START + timedelta(hours=6 * items),
        notes=[
            f"{items} papers ({len(held_out)} held out as queries), {len(people)} people, "
            f"seed {seed}; rejected by the reader: {rejects}"
        ],
    )


def _person(rng: random.Random, number: int) -> dict[str, Any]:
    domains = sorted(VOCABULARY)
    first, second = rng.sample(domains, k=2)
    thai = rng.random() < THAI_SHARE
    name = (
        f"{rng.choice(THAI_FIRST)} {rng.choice(THAI_LAST)}"
        if thai
        else f"{rng.choice(ENGLISH_FIRST)} {rng.choice(ENGLISH_LAST)}"
    )
    return {"id": f"author-{number:04d}", "name": name, "primary": first, "secondary": second}


def _authors(
    rng: random.Random,
    primary: list[dict[str, Any]],
    secondary: list[dict[str, Any]],
    everyone: list[dict[str, Any]],
) -> list[dict[str, str]]:
    """Two to five people: a primary expert leads, co-authors mostly from the area."""
    count = rng.randint(2, 5)
    chosen = [rng.choice(primary)]
    while len(chosen) < count:
        draw = rng.random()
        pool = primary if draw < 0.6 else secondary if draw < 0.85 else everyone
        person = rng.choice(pool or everyone)
        if person not in chosen:
            chosen.append(person)
    out = []
    for at, person in enumerate(chosen):
        role = "author"
        if at > 0 and rng.random() < 0.3:
            role = rng.choice(("editor", "contributor"))
        out.append({"id": person["id"], "name": person["name"], "role": role})
    return out


def _citations(
    rng: random.Random, domain: str, by_domain: dict[str, list[str]]
) -> list[dict[str, str]]:
    """Up to four earlier papers, most of the paper's own area."""
    cited: dict[str, None] = {}
    for _ in range(rng.randint(0, 4)):
        pool = by_domain[domain] if rng.random() < 0.8 else rng.choice(list(by_domain.values()))
        if pool:
            cited[rng.choice(pool)] = None
    return [{"target": target, "kind": "cites"} for target in cited]


def _grades(domain: str, people: list[dict[str, Any]]) -> dict[str, int]:
    grades = {}
    for person in people:
        grade = 2 if person["primary"] == domain else 1 if person["secondary"] == domain else 0
        if grade:
            grades[person_id(RawPerson(source=SOURCE, handle=person["id"]))] = grade
    return grades


def _topic_case(rng: random.Random, domain: str, people: list[dict[str, Any]]) -> Case:
    topics = rng.sample(VOCABULARY[domain]["en"].topics, k=2)
    text = f"who knows about {topics[0]} and {topics[1]}"
    return Case(f"topic-{domain}", text, _grades(domain, people), kind="topic")


def _paper_case(paper: dict[str, Any], people: list[dict[str, Any]]) -> Case:
    text = f"{paper['title']}\n{paper['body']}"
    return Case(f"paper-{paper['id']}", text, _grades(paper["_domain"], people), kind="paper")
