"""Other forms of a word the community never wrote: "hypoglycaemic" finds "hypoglycaemia".

Stemming joins most forms of an English word ("intubated" and "intubation" are both
`intub`), but Snowball leaves some families apart: "hypoglycaemic" and "hypoglycaemia",
"gamified" and "gamification", "dyslexic" and "dyslexia" keep different stems. A user who
types the one form while the community wrote the other found nothing: on the planted
community, the one person who wrote on the topic ranked 45th or not at all.

So a query word that nobody in the community ever wrote (it is not in the store's
vocabulary, queries.term_bridge) is looked up among the words the community did write that
begin as it does, as an editor's "did you mean" would: a long shared beginning
(`FormMatch.shared`) and a meaning the encoder holds alike (`FormMatch.closeness`). The
beginning alone joins "organ" and "organization"; the encoder alone joins "hydroponic" and
"hydrogen" (0.72); both together keep true forms only (0.85-0.98 for the forms above,
at most 0.52 for look-alikes sharing their beginning). Only words absent from the
community's writing are looked up, so a query in the community's own words is searched as
typed.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from graph_service.text.segment import index_words
from graph_service.text.vocabulary import script_of, vocabulary_words
from queries.term_bridge import TermBridge, Vocabulary


@dataclass(frozen=True)
class FormMatch:
    """When a written word counts as another form of a query word.

    Attributes:
        shortest: words shorter than this are neither looked up nor found (short words have
            many look-alikes and few forms a stemmer misses).
        shared: the share of the shorter word's letters that must begin both words
            ("gamifi" is 6 of "gamified"'s 8, so 0.75 joins it to "gamification").
        closeness: the cosine the two words' embeddings must reach.
        per_word: at most this many forms per query word, the closest first.
    """

    shortest: int = 5
    shared: float = 0.75
    closeness: float = 0.8
    per_word: int = 3


class WordForms:
    """Finds, for a query's English words the community never wrote, the forms it did."""

    def __init__(self, bridge: TermBridge, how: FormMatch | None = None) -> None:
        self._bridge = bridge
        self.how = how or FormMatch()

    def expand(self, text: str) -> list[str]:
        """Keywords (indexed, stemmed forms) of the written forms of `text`'s unwritten
        words; empty when every word was written or none has a form the community wrote."""
        vocabulary = self._bridge.vocabulary("latin")
        if vocabulary is None:
            return []
        unwritten = [
            word
            for word in sorted(vocabulary_words(text))
            if script_of(word) == "latin"
            and len(word) >= self.how.shortest
            and vocabulary.vector_of(word) is None
        ]
        if not unwritten:
            return []
        vectors = self._bridge.embedded(unwritten)
        forms: list[str] = []
        for word in unwritten:
            vector = vectors.get(word)
            if vector is not None:
                forms.extend(self._written_forms(word, vector, vocabulary))
        own = set(index_words(unwritten))
        return [form for form in dict.fromkeys(index_words(forms)) if form not in own]

    def _written_forms(self, word: str, vector: np.ndarray, vocabulary: Vocabulary) -> list[str]:
        """The community's words that begin as `word` does and mean what it means."""
        least = math.ceil(self.how.shared * self.how.shortest)  # what any candidate shares
        candidates = [
            written
            for written in vocabulary.starting_with(word[:least])
            if len(written) >= self.how.shortest
            and len(os.path.commonprefix([word, written]))
            >= math.ceil(self.how.shared * min(len(word), len(written)))
        ]
        scored = []
        for written in candidates:
            known = vocabulary.vector_of(written)
            if known is not None and (cosine := float(known @ vector)) >= self.how.closeness:
                scored.append((cosine, written))
        scored.sort(reverse=True)
        return [written for _, written in scored[: self.how.per_word]]
