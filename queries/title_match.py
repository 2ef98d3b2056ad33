"""A content's title as a field of its own: a short query that a title names in full.

A title says in a few words what a whole document or thread is about, so full-text engines
weigh a match there above a match in the body (BM25F's field weights, Elastic's `title^3`).
Our chunks hold the title once among the body's words, where "Getting pull requests
reviewed within a day" counts no more than a thread that mentions pull requests and reviews
in passing many times: on planted communities, a newcomer whose one document is titled
exactly what was asked lost to an established member's many near matches (seeds 12 and
16-21), and the one hypoglycaemia how-to lost to threads on patients at night.

A title's match is the share of the query's words it names, each word weighed by how rare
it is among the titles of the query's evidence (a pseudo inverse document frequency over
the retrieved set, so both stores weigh alike without asking their indexes): naming the
one rare word counts more than naming "patient" and "night", which half the titles name.
The share is raised to `TitleMatch.power`, so that a title naming nearly all of the query
stands out and one naming a word or two is hardly raised.

Only a short query names one thing a title can name; a question asked in full describes its
topic from several sides, and no title names all of it, so the rise eases to nothing with
the query's verbosity (queries.expert_scoring.verbosity), as the sharpness does.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

from graph_service.text.normalize import normalize_text
from graph_service.text.segment import index_words, segment_words

TITLES_KEPT = 65_536
"""Titles whose indexed words are kept between queries: a query reads hundreds of titles,
and segmenting a Thai title again costs more than looking it up."""


@dataclass(frozen=True)
class TitleMatch:
    """How much a title that names the query raises its content's relevance.

    Attributes:
        boost: the rise of a title naming every query word, for a short query: its
            relevance times 1 + boost. On planted communities (seeds 7 and 11-21, 336
            cases) 306 -> 315 pass at 1 with `power` 2; the quantumcomputing folds 1-3 do
            not move (P@1 +0.000, nDCG@10 -0.001 [-0.002, +0.000]), nor do the papers' MAP
            (0.927 -> 0.926). A linear share (`power` 1) passed one more planted case and
            cost quantumcomputing P@1 -0.004 [-0.013, +0.000]; a boost of 0.5 or 2 passed
            fewer.
        power: what the weighed share is raised to.
    """

    boost: float = 1.0
    power: float = 2.0

    def factors(
        self, query_words: Collection[str], titles: Mapping[str, str | None], verbose: float
    ) -> dict[str, float]:
        """Per content id of `titles`, what its relevance is multiplied by (1: unchanged).

        `query_words` are indexed words (`graph_service.text.segment.index_words`);
        `verbose` is the query's verbosity, 0 for a few words and 1 for a question asked in
        full.
        """
        rise = self.boost * (1.0 - verbose)
        if rise <= 0 or not query_words or not titles:
            return {}
        words_of = {content_id: title_words(title or "") for content_id, title in titles.items()}
        named = {
            word: sum(1 for words in words_of.values() if word in words) for word in query_words
        }
        weights = {
            word: math.log(1.0 + len(words_of) / (1.0 + count)) for word, count in named.items()
        }
        total = sum(weights.values())
        factors = {}
        for content_id, words in words_of.items():
            share = sum(weight for word, weight in weights.items() if word in words) / total
            if share > 0:
                factors[content_id] = 1.0 + rise * share**self.power
        return factors


@lru_cache(maxsize=TITLES_KEPT)
def title_words(title: str) -> frozenset[str]:
    """The indexed words of a title (segmented, lowercased, English stemmed)."""
    return frozenset(index_words(segment_words(normalize_text(title))))
