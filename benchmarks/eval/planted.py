"""The synthetic community with planted experts: judged queries whose answer is known by design.

The background is the seeded benchmark corpus (`benchmarks.synthetic`): Zipf-distributed
members, Thai and English, who write a great deal of loosely related text. Into it go small
sets of records by brand-new people, each set built so that one person is plainly the one
to ask, and each asked about in a way that has failed or is at risk of failing:

- sole-expert-title, rare-word, word-forms: the only person who ever wrote about a topic (one
  English how-to document), asked by the document's exact title, by its one rare word, and by
  a question using another form of that word ("vermicompost" for "vermicomposting");
- cross-lingual-th-en: a Thai question about such an English document;
- cross-lingual-en-th: an English question about an accepted Thai answer in a Thai thread;
- focused-vs-prolific: three accepted answers on one topic against the domain's most
  prolific background members, who answer the same threads loosely;
- volume-equal-relevance: five equally relevant documents (grade 2) against one (grade 1);
- newcomer: a first and only document, recent and an exact match, in a domain whose
  established members write on nearby topics all the time;
- nobody: gibberish and off-topic queries, which pass when nobody is returned.

Rows are copgraph JSONL and go through the JSONL reader, so records are exactly what
`copgraph ingest` would read from a file. Planted topics use words the background never uses
(`benchmarks.synthetic_vocab`), except newcomers, whose point is to sit among the experts.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from benchmarks import synthetic_text as text
from benchmarks.eval import planted_topics as topics
from benchmarks.eval.collection import Case, Collection
from benchmarks.synthetic import SPAN_DAYS, START, Generator, Member
from benchmarks.synthetic_vocab import ENGLISH_FIRST, ENGLISH_LAST, THAI_FIRST, THAI_LAST
from ingest.people import person_id
from ingest.records import Reject, SourceRecord
from ingest.sources.jsonl import CopgraphRecord, records_of

DEFAULT_SEED = 7
"""The seed the collection is reported at; another seed's collection is named after it (its
results and its ingest folder are another collection's)."""
PER_FAMILY = 3
"""Instances of each family (the nobody family has one per query of `topics.NOBODY`)."""
FAMILIES = (
    "sole-expert-title",
    "rare-word",
    "word-forms",
    "cross-lingual-th-en",
    "cross-lingual-en-th",
    "focused-vs-prolific",
    "volume-equal-relevance",
    "newcomer",
    "nobody",
)
HANDLE_PREFIX = "planted-"
"""Planted people's handles; background members are `u00000`, `u00001`, ..."""
PROLIFIC = 3
"""Background members who answer each focused-vs-prolific thread loosely."""
NEWCOMER_DAYS = 14
"""A newcomer's document is at most this many days old at `now`."""


def planted_collection(items: int = 3000, seed: int = DEFAULT_SEED) -> Collection:
    """The background corpus of `items` documents and posts plus the planted cases.

    Args:
        items: Size of the background, counted as `benchmarks.synthetic` counts it; the
            planted records add a few dozen items at any scale.
        seed: Seeds the background and the choice of planted topics, people and dates; the
            same seed gives the same collection.

    Returns:
        The records (background first), one case per planted instance, and `now`: the end
        of the background's span (or its last post, if one runs past it).
    """
    generator = Generator(items, seed)
    rows = list(generator.records())
    planter = _Planter(random.Random(f"planted:{seed}"), generator.people)
    cases = planter.plant()
    source = f"jsonl:planted-{items}-seed{seed}.jsonl"
    records: list[SourceRecord] = []
    rejects = 0
    for number, row in enumerate([*rows, *planter.rows], start=1):
        line = CopgraphRecord.model_validate_json(json.dumps(row, ensure_ascii=False)).root
        for read in records_of(line, source, f"line {number}"):
            if isinstance(read, Reject):
                rejects += 1
            else:
                records.append(read)
    ids = {
        content.author.handle: person_id(content.author)
        for record in records
        for content in [record.document, *record.posts]
        if content.author is not None
    }
    cases = [
        Case(
            query_id=case.query_id,
            text=case.text,
            grades={ids[handle]: grade for handle, grade in case.grades.items()},
            kind=case.kind,
            expect_nobody=case.expect_nobody,
        )
        for case in cases
    ]
    moments = [c.created_at for r in records for c in [r.document, *r.posts] if c.created_at]
    now = max([START + timedelta(days=SPAN_DAYS), *moments])
    return Collection(
        name=f"planted-{items}" + ("" if seed == DEFAULT_SEED else f"-seed{seed}"),
        records=records,
        cases=cases,
        now=now,
        notes=[
            f"background: benchmarks.synthetic, {items} items, seed {seed}",
            f"planted: {len(planter.rows)} records, {len(cases)} cases, {PER_FAMILY} per family",
            f"rejected by the reader: {rejects}",
        ],
    )


@dataclass
class _Planter:
    """Writes the planted rows and their cases, drawing everything from `rng`.

    Case grades are keyed by handle here; `planted_collection` maps them to person ids.
    """

    rng: random.Random
    members: list[Member]

    def __post_init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self._people = 0

    def plant(self) -> list[Case]:
        """Every family's cases, in `FAMILIES` order."""
        rare = self.rng.sample(topics.RARE, k=4 * PER_FAMILY)
        groups = [rare[n * PER_FAMILY : (n + 1) * PER_FAMILY] for n in range(4)]
        cases = [
            *(self._sole(t, "sole-expert-title", t.title) for t in groups[0]),
            *(self._sole(t, "rare-word", t.word) for t in groups[1]),
            *(self._sole(t, "word-forms", t.form_query) for t in groups[2]),
            *(self._sole(t, "cross-lingual-th-en", t.thai_query) for t in groups[3]),
            *map(self._thai_answer, self.rng.sample(topics.THAI_ANSWERS, k=PER_FAMILY)),
            *map(self._focused, self.rng.sample(topics.FOCUSED, k=PER_FAMILY)),
            *map(self._volume, self.rng.sample(topics.VOLUME, k=PER_FAMILY)),
            *map(self._newcomer, self.rng.sample(topics.NEWCOMER, k=PER_FAMILY)),
        ]
        nobody = [
            Case(f"nobody-{key}", query, {}, "nobody", expect_nobody=True)
            for key, query in topics.NOBODY
        ]
        return [*cases, *nobody]

    def _sole(self, topic: topics.Rare, kind: str, query: str) -> Case:
        author = self._person(thai=False)
        self._document(author, topic.community, topic.title, topic.body, self._day())
        return Case(f"{kind}-{topic.word}", query, {author["id"]: 2}, kind)

    def _thai_answer(self, topic: topics.ThaiAnswer) -> Case:
        expert = self._person(thai=True)
        asker = self._asker(thai=True)
        at = self._day()
        answer = self._post(expert, at + timedelta(hours=5), "answer", topic.answer, 4)
        thanks = self._post(asker, at + timedelta(hours=9), "comment", "ขอบคุณมากครับจะลองทำดู", 0)
        answer["accepted"] = True
        self._discussion(asker, topic.community, topic.title, topic.question, at, [answer, thanks])
        key = f"cross-lingual-en-th-{topic.key}"
        return Case(key, topic.english_query, {expert["id"]: 2}, "cross-lingual-en-th")

    def _focused(self, topic: topics.Focused) -> Case:
        expert = self._person(topic.thai)
        in_domain = [m for m in self.members if m.focus == topic.domain]
        prolific = (in_domain if len(in_domain) >= PROLIFIC else self.members)[:PROLIFIC]
        for (title, question), answer in zip(topic.questions, topic.answers, strict=True):
            asker = self._asker(topic.thai)
            at = self._day()
            posts = [self._post(expert, at + timedelta(hours=6), "answer", answer, 5)]
            posts[0]["accepted"] = True
            for hours, member in enumerate(prolific, start=1):
                loose = text.Writer(self.rng, topic.domain, topic.thai).post("answer")
                posts.append(
                    self._post(_author(member), at + timedelta(hours=hours), "answer", loose, 1)
                )
            self._discussion(asker, topic.community, title, question, at, posts)
        return Case(
            f"focused-vs-prolific-{topic.key}",
            topic.query,
            {expert["id"]: 2},
            "focused-vs-prolific",
        )

    def _volume(self, topic: topics.Volume) -> Case:
        many, one = self._person(topic.thai), self._person(topic.thai)
        sentences = list(topic.sentences)
        for n in range(5):
            body = " ".join(sentences[n:] + sentences[:n])
            self._document(many, topic.community, topic.title.format(n=n + 1), body, self._day())
        body = " ".join(reversed(sentences))
        self._document(one, topic.community, topic.title.format(n=1), body, self._day())
        grades = {many["id"]: 2, one["id"]: 1}
        return Case(
            f"volume-equal-relevance-{topic.key}", topic.query, grades, "volume-equal-relevance"
        )

    def _newcomer(self, topic: topics.Newcomer) -> Case:
        newcomer = self._person(topic.thai)
        at = self._day(SPAN_DAYS - NEWCOMER_DAYS, SPAN_DAYS - 1)
        self._document(newcomer, topic.community, topic.title, topic.body, at)
        return Case(f"newcomer-{topic.key}", topic.query, {newcomer["id"]: 2}, "newcomer")

    def _person(self, thai: bool) -> dict[str, str]:
        """A brand-new member, named like the background's members."""
        self._people += 1
        first, last = (THAI_FIRST, THAI_LAST) if thai else (ENGLISH_FIRST, ENGLISH_LAST)
        name = f"{self.rng.choice(first)} {self.rng.choice(last)}"
        return {"id": f"{HANDLE_PREFIX}{self._people:03d}", "name": name}

    def _asker(self, thai: bool) -> dict[str, str]:
        """An occasional background member (from the less active half) who asks."""
        quiet = [m for m in self.members[len(self.members) // 2 :] if m.thai == thai]
        return _author(self.rng.choice(quiet or self.members))

    def _day(self, low: float = 60, high: float = SPAN_DAYS - 60) -> datetime:
        return START + timedelta(days=self.rng.uniform(low, high))

    def _document(
        self, author: dict[str, str], community: str, title: str, body: str, at: datetime
    ) -> None:
        self.rows.append(
            {**self._opening("document", author, community, title, body, at), "format": "markdown"}
        )

    def _discussion(
        self,
        author: dict[str, str],
        community: str,
        title: str,
        body: str,
        at: datetime,
        posts: list[dict[str, Any]],
    ) -> None:
        row = self._opening("discussion", author, community, title, body, at)
        for number, post in enumerate(posts, start=1):
            post["id"] = f"{row['id']}-p{number}"
        self.rows.append({**row, "posts": posts})

    def _opening(
        self, kind: str, author: dict[str, str], community: str, title: str, body: str, at: datetime
    ) -> dict[str, Any]:
        record_id = f"planted-{len(self.rows) + 1:04d}"
        return {
            "type": kind,
            "id": record_id,
            "title": title,
            "body": body,
            "author": author,
            "created_at": at.isoformat(timespec="seconds"),
            "community": community,
            "url": f"https://cop.example.org/{community}/{record_id}",
            "score": self.rng.randint(1, 6),
        }

    def _post(
        self, author: dict[str, str], at: datetime, kind: str, body: str, score: int
    ) -> dict[str, Any]:
        return {
            "kind": kind,
            "author": author,
            "created_at": at.isoformat(timespec="seconds"),
            "body": body,
            "score": score,
        }


def _author(member: Member) -> dict[str, str]:
    return {"id": member.id, "name": member.name}
