"""A content's title as a field of its own: a short query that a title names in full.

A title says in a few words what a whole document or thread is about, so full-text engines
weigh a match there above a match in the body (BM25F's field weights, Elastic's `title^3`).
Our chunks hold the title once among the body's words, where "Getting pull requests
reviewed within a day" counts no more than a thread that mentions pull requests and reviews
in passing many times: on planted communities, a newcomer whose one document is titled
exactly what was asked lost to an established member's many near matches (seeds 12 and
16-21).

A title's match is the share of the query's words it names, each word weighed by how rare
it is among the titles of the query's evidence in its language (a pseudo inverse document
frequency over the retrieved set, so both stores weigh alike without asking their
indexes): among a query's hundreds of evidence titles, naming its one rare word counts more
than naming two words half of them name. The share is raised to `TitleMatch.power`, so that
a title naming nearly all of the query stands out and one naming a word or two is hardly
raised.

Only a short query names one thing a title can name; a question asked in full describes its
topic from several sides, and no title names all of it, so the rise eases to nothing with
the query's verbosity (queries.expert_scoring.verbosity), as the sharpness does.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache

from graph_service.text.segment import search_text

TITLES_KEPT = 65_536
"""Titles whose indexed words are kept between queries: a query reads hundreds of titles,
and segmenting a Thai title again costs more than looking it up."""


@dataclass(frozen=True)
class TitleMatch:
    """How much a title that names the query raises its content's relevance.

    Attributes:
        boost: the rise of a title naming every query word, for a short query: its
            relevance times 1 + boost. On planted communities (seeds 7 and 11-21, 336
            cases) 306 -> 318 pass; the quantumcomputing folds 1-3 do not move (P@1 0.197,
            nDCG@10 0.373, MAP 0.309: most of their questions are asked in full); the papers' MAP
            0.927 -> 0.923 (-0.004 [-0.013, +0.001]), on their short topic queries. A
            boost of 0.5 (squared) passed 3 planted cases fewer, 1.5 one fewer.
        power: what the weighed share is raised to. The square passed as many planted
            cases and cost the papers 0.001 more MAP; with every query word in the share
            (words no title names too) the square passed 315.
    """

    boost: float = 1.0
    power: float = 3.0

    def factors(
        self, query_words: Collection[str], titles: Mapping[str, str], verbose: float
    ) -> dict[str, float]:
        """Per content id of `titles`, what its relevance is multiplied by (absent: 1).

        `query_words` are indexed words (`graph_service.text.segment.search_text`);
        `verbose` is the query's verbosity, 0 for a few words and 1 for a question asked in
        full. A query word that no title names is left out of the share: it cannot tell
        one title from another (and a typed word the community never wrote, looked up by
        its written forms, is never in a title).
        """
        rise = self.boost * (1.0 - verbose)
        if rise <= 0 or not query_words or not titles:
            return {}
        words_of = {content_id: title_words(title) for content_id, title in titles.items()}
        named = {
            word: count
            for word in query_words
            if (count := sum(1 for words in words_of.values() if word in words))
        }
        if not named:
            return {}
        weights = {word: math.log(1.0 + len(words_of) / count) for word, count in named.items()}
        total = sum(weights.values())
        factors = {}
        for content_id, words in words_of.items():
            share = sum(weight for word, weight in weights.items() if word in words) / total
            if share > 0:
                factors[content_id] = 1.0 + rise * share**self.power
        return factors


@lru_cache(maxsize=TITLES_KEPT)
def title_words(title: str) -> frozenset[str]:
    """The indexed words of a stored title (segmented, lowercased, English stemmed)."""
    return frozenset(search_text(title).split())
