"""A seeded, realistic synthetic CoP corpus in copgraph JSONL, at any scale.

Benchmarks need more content than any real corpus we can ship, with the shape of a real
Community of Practice, so runs at 10k and 100k items are comparable from one run to the
next: the same seed gives the same file, byte for byte.

What it looks like: people with Thai and English names whose activity follows a Zipf law
(a few prolific members, many occasional ones), each focused on one domain, so every domain
has a handful of real experts who answer most of its questions and get them accepted;
communities (three of eight private) over the 14 domains of the sample taxonomy; questions
with answers, comments and accepted answers, open discussion threads with replies, and
how-to documents with numbered steps (which become practices); dates over almost three
years; about 40% Thai text, written as Thai is (no spaces between words, a space between
sentences). Water management is a planted gap: many questions, few people who answer.

Scale is counted in items: documents (articles, questions, threads) plus their posts,
which is what `copgraph ingest` reports as ingested.

    python -m benchmarks.synthetic --docs 10000 --seed 7 --out corpus.jsonl

writes `corpus.jsonl` and, next to it, `corpus.communities.yaml` (declares which
communities are private; give it to the pipeline as `COPGRAPH_COMMUNITIES_FILE`).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import yaml

from benchmarks import synthetic_text as text
from benchmarks import synthetic_vocab as vocab
from graph_service.taxonomy import load_taxonomy
from ingest import SAMPLE_DIR

BANGKOK = timezone(timedelta(hours=7))
START = datetime(2023, 1, 1, tzinfo=BANGKOK)
SPAN_DAYS = 1000
ZIPF_EXPONENT = 1.1
EXPERT_BOOST = 30.0
"""How much likelier a person focused on a domain is to answer in it than anyone else."""
GAP_DOMAIN = "water-management"
THAI_SHARE = 0.4
"""Share of threads and documents written in Thai; 9 posts in 10 follow their thread."""
ITEMS_PER_PERSON = 25

COMMUNITIES: tuple[dict[str, Any], ...] = (
    {"id": "cop-agri", "name": "ชุมชนเกษตรอินทรีย์และการจัดการน้ำ", "private": False,
     "domains": ["agriculture", "organic-farming", "composting", "water-management"]},
    {"id": "cop-agri-north", "name": "เครือข่ายเกษตรกรภาคเหนือ", "private": False,
     "domains": ["organic-farming", "composting", "water-management"]},
    {"id": "cop-health", "name": "ชุมชนนักปฏิบัติการพยาบาล", "private": True,
     "domains": ["nursing", "patient-safety"]},
    {"id": "cop-icu", "name": "ICU nurses network", "private": True,
     "domains": ["nursing", "patient-safety"]},
    {"id": "cop-km", "name": "Knowledge Management and Learning CoP", "private": False,
     "domains": ["knowledge-management", "after-action-review", "storytelling"]},
    {"id": "cop-teachers", "name": "ชุมชนครูแกนนำ", "private": False,
     "domains": ["education", "classroom-practice", "storytelling"]},
    {"id": "cop-devops", "name": "DevOps guild", "private": False,
     "domains": ["software-engineering", "code-review", "incident-postmortem"]},
    {"id": "cop-hr", "name": "HR and KM internal", "private": True,
     "domains": ["knowledge-management", "after-action-review"]},
)  # fmt: skip


@dataclass(frozen=True)
class Member:
    """A synthetic person: id, display name, whether they write Thai, activity, focus."""

    id: str
    name: str
    thai: bool
    activity: float
    focus: str


@dataclass(frozen=True)
class CorpusSummary:
    """What a generated file holds."""

    items: int
    documents: int
    posts: int
    people: int
    thai_items: int


class Generator:
    """Draws people once, then records one at a time from a seeded `random.Random`."""

    def __init__(self, items: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.items = items
        taxonomy = load_taxonomy(SAMPLE_DIR / "domains.yaml").entries
        self.domains = [entry.id for entry in taxonomy]
        self.tags = {entry.id: entry.tags for entry in taxonomy}
        self.people = self._people(max(20, items // ITEMS_PER_PERSON))
        self._askers = {
            (d, thai): self._cumulative(d, thai, 3.0)
            for d in self.domains
            for thai in (False, True)
        }
        self._answerers = {
            (d, thai): self._cumulative(d, thai, EXPERT_BOOST / (4 if d == GAP_DOMAIN else 1))
            for d in self.domains
            for thai in (False, True)
        }
        # Domain popularity is skewed too; the gap domain is asked about a lot.
        popularity = [1.0 / (rank + 1) ** 0.6 for rank in range(len(self.domains))]
        self.rng.shuffle(popularity)
        popularity[self.domains.index(GAP_DOMAIN)] = max(popularity)
        self._domain_weights = list(itertools.accumulate(popularity))

    def _people(self, count: int) -> list[Member]:
        rng = self.rng
        members = []
        for number in range(count):
            thai = rng.random() < 0.45
            first, last = (
                (vocab.THAI_FIRST, vocab.THAI_LAST)
                if thai
                else (vocab.ENGLISH_FIRST, vocab.ENGLISH_LAST)
            )
            members.append(
                Member(
                    id=f"u{number:05d}",
                    name=f"{rng.choice(first)} {rng.choice(last)}",
                    thai=thai,
                    activity=1.0 / (number + 1) ** ZIPF_EXPONENT,
                    focus=rng.choice(self.domains),
                )
            )
        return members

    def _cumulative(self, domain: str, thai: bool, boost: float) -> list[float]:
        """Cumulative weights of people writing in `domain` in Thai or not:
        activity, times `boost` for those focused on it, times 4 for those whose name is in
        the language of the text (Thai names mostly write Thai, but not only)."""
        weights = (
            p.activity * (boost if p.focus == domain else 1.0) * (4.0 if p.thai == thai else 1.0)
            for p in self.people
        )
        return list(itertools.accumulate(weights))

    def _pick(self, cumulative: list[float], other_than: Member | None = None) -> Member:
        for _ in range(3):  # nobody answers their own question, unless nobody else would
            spot = self.rng.random() * cumulative[-1]
            found = self.people[min(bisect.bisect(cumulative, spot), len(self.people) - 1)]
            if found != other_than:
                break
        return found

    def records(self) -> Iterator[dict[str, Any]]:
        """Records until `items` documents and posts are written (the last one trimmed)."""
        left = self.items
        for number in itertools.count():
            if left <= 0:
                return
            record = self._record(f"syn-{number:06d}")
            posts = record.get("posts")
            if posts is not None and len(posts) >= left:
                del posts[left - 1 :]
            left -= 1 + len(record.get("posts", []))
            yield record

    def _record(self, record_id: str) -> dict[str, Any]:
        rng = self.rng
        spot = rng.random() * self._domain_weights[-1]
        domain = self.domains[bisect.bisect(self._domain_weights, spot)]
        community = rng.choice([c for c in COMMUNITIES if domain in c["domains"]])
        kind = rng.choices(("document", "question", "thread"), weights=(15, 55, 30))[0]
        thai = rng.random() < THAI_SHARE
        writers = self._askers if kind != "document" else self._answerers
        author = self._pick(writers[(domain, thai)])
        writer = text.Writer(rng, domain, thai)
        created = START + timedelta(days=rng.random() * SPAN_DAYS)
        record: dict[str, Any] = {
            "type": "document" if kind == "document" else "discussion",
            "id": record_id,
            "title": writer.title(kind),
            "body": writer.body(kind),
            "format": "markdown" if kind == "document" else "text",
            "author": {"id": author.id, "name": author.name},
            "created_at": created.isoformat(timespec="seconds"),
            "community": community["id"],
            "url": f"https://cop.example.org/{community['id']}/{record_id}",
            "score": int(rng.expovariate(1 / 4)),
        }
        if rng.random() < 0.7:
            record["tags"] = rng.sample(self.tags[domain], k=min(2, len(self.tags[domain])))
        if kind != "document":
            record["posts"] = self._posts(record_id, kind, domain, thai, created, author)
        return record

    def _posts(
        self, record_id: str, kind: str, domain: str, thai: bool, at: datetime, asker: Member
    ) -> list[dict[str, Any]]:
        rng = self.rng
        if kind == "question":
            unanswered = 0.5 if domain == GAP_DOMAIN else 0.12
            count = 0 if rng.random() < unanswered else 1 + int(rng.expovariate(1 / 1.6))
            kinds = ["answer"] * count + ["comment"] * int(rng.expovariate(1 / 1.2))
        else:
            kinds = ["reply"] * int(rng.expovariate(1 / 2.8))
        posts: list[dict[str, Any]] = []
        for number, post_kind in enumerate(kinds, start=1):
            language = thai if rng.random() < 0.9 else not thai
            if post_kind == "comment" and rng.random() < 0.5:
                author = asker
            else:
                author = self._pick(self._answerers[(domain, language)], other_than=asker)
            at += timedelta(hours=rng.expovariate(1 / 30))
            expert = author.focus == domain
            post: dict[str, Any] = {
                "id": f"{record_id}-p{number}",
                "kind": post_kind,
                "author": {"id": author.id, "name": author.name},
                "created_at": at.isoformat(timespec="seconds"),
                "body": text.Writer(rng, domain, language).post(post_kind),
                "score": int(rng.expovariate(1 / (6 if expert else 1.5))),
            }
            if post_kind == "comment" and posts and rng.random() < 0.6:
                post["reply_to"] = rng.choice(posts)["id"]
            posts.append(post)
        answers = [p for p in posts if p["kind"] == "answer"]
        if answers and rng.random() < 0.65:
            max(answers, key=lambda p: (p["score"], p["id"]))["accepted"] = True
        return posts


def write_corpus(path: Path, items: int, seed: int) -> CorpusSummary:
    """Write `items` documents and posts to `path` (JSONL) and its communities file."""
    generator = Generator(items, seed)
    documents = posts = thai = 0
    with path.open("w", encoding="utf-8") as out:
        for record in generator.records():
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            documents += 1
            posts += len(record.get("posts", []))
            thai += sum(
                text.is_thai(content["body"]) for content in [record, *record.get("posts", [])]
            )
    communities = [{k: v for k, v in c.items() if k != "domains"} for c in COMMUNITIES]
    communities_file(path).write_text(
        yaml.safe_dump(communities, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return CorpusSummary(documents + posts, documents, posts, len(generator.people), thai)


def communities_file(corpus: Path) -> Path:
    """Where `write_corpus` puts the communities of `corpus`."""
    return corpus.with_name(corpus.name.removesuffix(".jsonl") + ".communities.yaml")


def main() -> None:
    """Write a corpus and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True, help="documents plus posts")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    started = datetime.now(UTC)
    summary = write_corpus(args.out, args.docs, args.seed)
    seconds = (datetime.now(UTC) - started).total_seconds()
    print(
        f"{args.out}: {summary.items} items ({summary.documents} documents, {summary.posts}"
        f" posts) by {summary.people} people, {summary.thai_items / summary.items:.0%} Thai,"
        f" in {seconds:.1f} s"
    )


if __name__ == "__main__":
    main()
