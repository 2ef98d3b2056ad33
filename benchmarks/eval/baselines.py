"""The textbook expert-finding baselines, computed from the same records the store ingests.

Each baseline ranks every candidate with any score for a query (full rankings, so MAP sees
the whole list). The content is what ingest stores: every document and every post, as
`ingest.content.plain_text` turns it into text, each authored by its authors (a thread's
question by the asker; every co-author of a paper, in full, whatever their role). Words
come from the product's segmenter (`segment_words`: Thai by newmm, the rest at word
boundaries) minus its stopwords, so Thai collections are fair game.

- `tfidf-vote`, `bm25-vote`: CombSUM voting (Macdonald and Ounis 2006): a candidate's
  score is the sum of the scores of all of their documents to the query (cosine of
  sublinear TF-IDF vectors; Okapi BM25, k1 1.2, b 0.75).
- `rr-vote`: reciprocal-rank voting: the sum of 1/rank of the candidate's documents in the
  BM25 document ranking (its first `RR_DEPTH`).
- `profile-lm`, `profile-bm25`: Balog's Model 1 (SIGIR 2006): one profile per candidate,
  the concatenation of their documents, ranked by query likelihood with Dirichlet
  smoothing, or by BM25 over the profiles. Dirichlet's mu is `DIRICHLET_SHARE` of the
  collection's length: on the quantum tuning folds (2, 3) Model 1 fell towards random with
  the textbook mu of 2000 (short, peaked profiles, askers' above all, win long queries) and
  rose steadily up to mu near half the collection. Candidates whose profile
  holds no query word have no evidence and are left out.
- `propagation`: random walk with restart (Serdyukov et al. 2008) over a graph of
  documents and people: authorship edges (one per co-author), each post linked to its
  thread's opening document and to the post it replies to, and each content to the
  contents it cites, links to or duplicates (those in the collection); restarts at the
  documents in proportion to their TF-IDF scores, `RESTART` of the time.
- `popularity`: the most answers and replies, then the most items of any kind.
- `random`: a seeded shuffle of every candidate, per query.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse  # type: ignore[import-untyped]  # scipy ships no types
from sklearn.feature_extraction.text import (  # type: ignore[import-untyped]  # no types
    CountVectorizer,
    TfidfTransformer,
)

from graph_service.text.normalize import normalize_text
from graph_service.text.segment import segment_words, stopwords
from ingest.content import plain_text
from ingest.people import person_id
from ingest.records import RawPerson, SourceRecord

Ranking = list[str]
"""Person ids, best first."""
Resolve = Callable[[RawPerson], str | None]
"""A source handle's person id as the store has it; None: opted out, left out."""

BM25_K1 = 1.2
BM25_B = 0.75
RR_DEPTH = 1000
DIRICHLET_SHARE = 0.5
RESTART = 0.3
WALK_STEPS = 30
RESPONSES = frozenset({"answer", "reply"})
NAMES = (
    "tfidf-vote",
    "bm25-vote",
    "rr-vote",
    "profile-lm",
    "profile-bm25",
    "propagation",
    "popularity",
    "random",
)


@dataclass(frozen=True)
class Unit:
    """One document or post as a baseline sees it: its words' source text, its authors (in
    order, each once) and the ids of the contents it links to."""

    id: str
    thread: str
    reply_to: str | None
    kind: str
    authors: tuple[str, ...]
    text: str
    links: tuple[str, ...] = ()

    @property
    def author(self) -> str:
        """The first author."""
        return self.authors[0]


def units_of(records: Sequence[SourceRecord], resolve: Resolve | None = None) -> list[Unit]:
    """Every authored document and post of `records`, credited to each of its authors
    (content without an author or text is left out, as ingest rejects it)."""
    who = resolve or person_id
    found = []
    for record in records:
        for raw in [record.document, *record.posts]:
            resolved = (who(authorship.person) for authorship in raw.authors)
            authors = tuple(dict.fromkeys(author for author in resolved if author))
            title = normalize_text(raw.title)
            text = f"{title}\n{plain_text(raw)}" if title else plain_text(raw)
            if authors and text.strip():
                reply_to = raw.reply_to if raw is not record.document else None
                links = tuple(dict.fromkeys(link.target_id for link in raw.links))
                found.append(
                    Unit(raw.id, record.document.id, reply_to, raw.kind, authors, text, links)
                )
    return found


def words(text: str) -> list[str]:
    """The content words of a text, in Thai or English, duplicates kept."""
    drop = stopwords()
    return [word for word in segment_words(normalize_text(text)) if word not in drop]


class Baselines:
    """The baselines over one collection's content; `rank(name, query)` for each name."""

    def __init__(self, units: Sequence[Unit], seed: int = 0) -> None:
        self.units = list(units)
        self.seed = seed
        self.people = sorted({author for unit in self.units for author in unit.authors})
        column = {person: at for at, person in enumerate(self.people)}
        rows = [at for at, unit in enumerate(self.units) for _ in unit.authors]
        authors = [column[author] for unit in self.units for author in unit.authors]
        self._authorship = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, authors)), shape=(len(self.units), len(self.people))
        )
        self._vectorizer = CountVectorizer(analyzer=words)
        counts = sparse.csr_matrix(self._vectorizer.fit_transform(u.text for u in self.units))
        self._tfidf = TfidfTransformer(sublinear_tf=True)
        self._doc_tfidf = self._tfidf.fit_transform(counts)
        self._doc_bm25 = _bm25_weights(counts)
        profiles = sparse.csr_matrix(self._authorship.T @ counts)
        self._profile_bm25 = _bm25_weights(profiles)
        self._profiles = profiles
        self._profile_length = np.asarray(profiles.sum(axis=1)).ravel()
        total = np.asarray(counts.sum(axis=0)).ravel()
        self._background = (total + 0.5) / (total.sum() + 0.5 * len(total))
        self._mu = DIRICHLET_SHARE * float(total.sum())
        self._walk = _walk_matrix(self.units, column)
        self._popular = _popularity(self.units)

    def rank(self, name: str, query: str) -> Ranking:
        """The full ranking of baseline `name` (one of `NAMES`) for `query`."""
        if name not in NAMES:
            raise ValueError(f"unknown baseline {name!r}; known: {', '.join(NAMES)}")
        if name == "popularity":
            return list(self._popular)
        if name == "random":
            order = list(self.people)
            random.Random(f"{self.seed}:{query}").shuffle(order)
            return order
        terms = self._query_counts(query)
        if terms.nnz == 0:
            return []
        if name == "tfidf-vote":
            return self._vote(self._tfidf_scores(terms))
        if name == "bm25-vote":
            return self._vote(self._doc_bm25 @ terms.T.toarray().ravel())
        if name == "rr-vote":
            return self._vote(_reciprocal_ranks(self._doc_bm25 @ terms.T.toarray().ravel()))
        if name == "profile-lm":
            return self._profile_likelihood(terms)
        if name == "profile-bm25":
            return _ranked(self.people, self._profile_bm25 @ terms.T.toarray().ravel())
        return self._propagate(self._tfidf_scores(terms))

    def _query_counts(self, query: str) -> sparse.csr_matrix:
        return sparse.csr_matrix(self._vectorizer.transform([query]))

    def _tfidf_scores(self, terms: sparse.csr_matrix) -> np.ndarray:
        """Cosine of each document's TF-IDF vector with the query's (both L2-normalised)."""
        query = self._tfidf.transform(terms)
        return np.asarray((self._doc_tfidf @ query.T).toarray()).ravel()

    def _vote(self, document_scores: np.ndarray) -> Ranking:
        """CombSUM: each candidate's documents' scores summed."""
        return _ranked(self.people, self._authorship.T @ document_scores)

    def _profile_likelihood(self, terms: sparse.csr_matrix) -> Ranking:
        """log p(q | profile) with Dirichlet smoothing, over profiles holding a query word."""
        ids = terms.indices
        weights = terms.data
        tf = self._profiles[:, ids].toarray()
        smoothed = (tf + self._mu * self._background[ids]) / (
            self._profile_length[:, None] + self._mu
        )
        scores = np.log(smoothed) @ weights
        matched = tf.sum(axis=1) > 0
        order = sorted(np.flatnonzero(matched), key=lambda at: (-scores[at], self.people[at]))
        return [self.people[at] for at in order]

    def _propagate(self, seeds: np.ndarray) -> Ranking:
        """Random walk with restart from the matching documents; people by visit mass."""
        if seeds.sum() <= 0:
            return []
        start = np.concatenate([seeds / seeds.sum(), np.zeros(len(self.people))])
        mass = start
        for _ in range(WALK_STEPS):
            mass = (1 - RESTART) * (self._walk @ mass) + RESTART * start
        return _ranked(self.people, mass[len(self.units) :])


def _bm25_weights(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each (row, term) cell's Okapi BM25 weight, so a query's score is one product."""
    counts = sparse.csr_matrix(counts, dtype=np.float64)
    rows = counts.shape[0]
    lengths = np.asarray(counts.sum(axis=1)).ravel()
    average = lengths.mean() if rows else 0.0
    frequency = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = np.log1p((rows - frequency + 0.5) / (frequency + 0.5))
    weights = counts.copy()
    row_of = np.repeat(np.arange(rows), np.diff(counts.indptr))
    norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[row_of] / (average or 1.0))
    weights.data = idf[counts.indices] * counts.data * (BM25_K1 + 1) / (counts.data + norm)
    return weights


def _reciprocal_ranks(scores: np.ndarray) -> np.ndarray:
    """1/rank for the `RR_DEPTH` best-scoring documents with a positive score, else 0."""
    order = [at for at in np.argsort(-scores, kind="stable")[:RR_DEPTH] if scores[at] > 0]
    out = np.zeros(len(scores))
    out[order] = 1.0 / np.arange(1, len(order) + 1)
    return out


def _ranked(people: list[str], scores: np.ndarray) -> Ranking:
    """People with a positive score, best first, ties by id."""
    order = sorted(np.flatnonzero(scores > 0), key=lambda at: (-scores[at], people[at]))
    return [people[at] for at in order]


def _walk_matrix(units: Sequence[Unit], column: dict[str, int]) -> sparse.csr_matrix:
    """The column-stochastic transition matrix over documents then people."""
    position = {unit.id: at for at, unit in enumerate(units)}
    offset = len(units)
    edges: list[tuple[int, int]] = []
    for at, unit in enumerate(units):
        edges.extend((at, offset + column[author]) for author in unit.authors)
        for target in {unit.thread, unit.reply_to, *unit.links} - {None, unit.id}:
            if target in position:
                edges.append((at, position[target]))
    size = offset + len(column)
    both = edges + [(b, a) for a, b in edges]
    sources = np.array([a for a, _ in both], dtype=np.int64)
    targets = np.array([b for _, b in both], dtype=np.int64)
    adjacency = sparse.csr_matrix((np.ones(len(both)), (targets, sources)), shape=(size, size))
    degree = np.asarray(adjacency.sum(axis=0)).ravel()
    scale = sparse.diags(np.divide(1.0, degree, out=np.zeros(size), where=degree > 0))
    return sparse.csr_matrix(adjacency @ scale)


def _popularity(units: Sequence[Unit]) -> Ranking:
    """Everyone, by answers and replies written, then by items of any kind."""
    responses = Counter(a for unit in units if unit.kind in RESPONSES for a in unit.authors)
    items = Counter(author for unit in units for author in unit.authors)
    return sorted(items, key=lambda who: (-responses[who], -items[who], who))
