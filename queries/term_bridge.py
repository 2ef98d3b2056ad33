"""Words across languages: a Thai question's words in the English the community wrote, and back.

Keywords never cross languages, and the multilingual encoder's whole-passage cosines are
flat across them: for a Thai question about intubation the one English document on it
scores 0.51 against 0.52 for a Thai chat on elderly care, and five near misses sit within
0.05. Single words are another matter: the same encoder puts ครู next to "teacher" (0.95),
ท่อ next to "tube" (0.82), ปัสสาวะ next to "urinary" (0.89). So each content word of a query
is looked up among the words the community itself has written in the other script (the
store's vocabulary, embedded once at ingest), and its nearest words there become keywords:
the English document on intubation is then the first keyword match for the Thai question.

Only close words count (`Translation.closeness`, and within `Translation.spread` of the
word's best match): a word with no counterpart in the community's writing (a coined word,
keyboard mash) translates to nothing useful, and translated keywords never make evidence
on their own (queries.experts uses them only on items the vectors found above the floor).
"""

from __future__ import annotations

import bisect
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from embeddings.base import Embedder
from graph_service.store.base import GraphStore, VocabularySlice
from graph_service.text.segment import index_words
from graph_service.text.vocabulary import Script, script_of, vocabulary_words

UNKNOWN_WORDS_KEPT = 4096
"""Embedded query words the vocabulary lacks, kept per process (2 kB each at 512 floats)."""


@dataclass(frozen=True)
class Translation:
    """Which of the other script's words a query word becomes.

    Attributes:
        closeness: the cosine a counterpart must reach. Chosen on the planted community's
            cross-language cases: true counterparts score 0.8-0.95 (ครู/teacher,
            ผู้ป่วย/patients), loose associations 0.55-0.65 (อุปกรณ์/unit).
        spread: counterparts within this much of the word's best one are kept too
            ("read", "reads", "reading").
        per_word: at most this many counterparts per query word.
    """

    closeness: float = 0.7
    spread: float = 0.1
    per_word: int = 3


class Vocabulary:
    """One script's words and their unit vectors, grown as the store learns new words."""

    def __init__(self, dimension: int) -> None:
        self.words: list[str] = []
        self._rows: dict[str, int] = {}
        self._vectors = np.zeros((0, dimension), dtype=np.float32)
        self._in_order: list[str] = []

    def extend(self, words: Sequence[str], vectors: np.ndarray) -> None:
        """Append words with their unit float32 vectors (rows aligned)."""
        for word in words:
            self._rows.setdefault(word, len(self.words))
            self.words.append(word)
        self._vectors = np.vstack([self._vectors, vectors])
        # Timsort merges the sorted run with the new words in about linear time.
        self._in_order = sorted([*self._in_order, *words])

    def starting_with(self, prefix: str) -> list[str]:
        """The words that begin with `prefix`, in alphabetical order."""
        start = bisect.bisect_left(self._in_order, prefix)
        end = bisect.bisect_left(self._in_order, prefix + "\U0010ffff", lo=start)
        return self._in_order[start:end]

    def vector_of(self, word: str) -> np.ndarray | None:
        """The stored vector of `word`, if the community has written it."""
        row = self._rows.get(word)
        return None if row is None else self._vectors[row]

    def nearest(self, vector: np.ndarray, how: Translation) -> list[str]:
        """The words close enough to `vector` (see `Translation`), best first."""
        if not self.words:
            return []
        similarities = self._vectors @ vector
        count = min(how.per_word, len(self.words))
        top = np.argpartition(-similarities, count - 1)[:count]
        top = top[np.argsort(-similarities[top])]
        best = float(similarities[top[0]])
        return [
            self.words[i]
            for i in top
            if similarities[i] >= how.closeness and similarities[i] >= best - how.spread
        ]


class TermBridge:
    """Translates a query's words into the other script's vocabulary of one store."""

    def __init__(
        self, store: GraphStore, embedder: Embedder, how: Translation | None = None
    ) -> None:
        self._store = store
        self._embedder = embedder
        self.how = how or Translation()
        self._lock = threading.Lock()
        self._known = 0
        self._version: str | None = None
        self._vocabularies: dict[Script, Vocabulary] = {}
        self._unknown: dict[str, np.ndarray] = {}

    def translate(self, text: str) -> list[str]:
        """Keywords (indexed, stemmed forms) that say in the other script what `text`
        says; empty when the store holds no words of the other script near its words."""
        vocabularies = self._current()
        wanted: list[tuple[str, Vocabulary, np.ndarray | None]] = []
        for word in sorted(vocabulary_words(text)):
            script = script_of(word)
            target = vocabularies.get(_other(script)) if script else None
            if script is not None and target is not None:
                own = vocabularies.get(script)
                wanted.append((word, target, own.vector_of(word) if own else None))
        if not wanted:
            return []
        embedded = self.embedded([word for word, _, vector in wanted if vector is None])
        counterparts: list[str] = []
        for word, vocabulary, vector in wanted:
            found = vector if vector is not None else embedded[word]
            counterparts.extend(vocabulary.nearest(found, self.how))
        return list(dict.fromkeys(index_words(counterparts)))

    def vocabulary(self, script: Script) -> Vocabulary | None:
        """The community's words in `script` as of the store's current data, if any."""
        return self._current().get(script)

    def embedded(self, words: list[str]) -> dict[str, np.ndarray]:
        """Unit vectors of words the community has not written, remembered for the next
        queries (up to `UNKNOWN_WORDS_KEPT`, the oldest forgotten first)."""
        with self._lock:
            missing = [word for word in words if word not in self._unknown]
        if missing:
            vectors = _unit_rows(np.asarray(self._embedder.embed_documents(missing)))
            with self._lock:
                for word, vector in zip(missing, vectors, strict=True):
                    self._unknown[word] = vector
                while len(self._unknown) > UNKNOWN_WORDS_KEPT:
                    self._unknown.pop(next(iter(self._unknown)))
        with self._lock:
            return {word: self._unknown[word] for word in words if word in self._unknown}

    def _current(self) -> dict[Script, Vocabulary]:
        """The vocabularies with every word the store has learned since the last look (the
        store learns words just before the content that brings them: a new data version)."""
        with self._lock:
            version = self._store.data_version()
            if version != self._version:
                self._learn(self._store.vocabulary_since(self._known))
                self._version = version
            return dict(self._vocabularies)

    def _learn(self, fresh: VocabularySlice) -> None:
        self._known = fresh.last_seq
        rows: dict[Script, list[int]] = {}
        for row, word in enumerate(fresh.words):
            script = script_of(word)
            if script is not None:
                rows.setdefault(script, []).append(row)
        for script, picked in rows.items():
            vectors = _unit_rows(fresh.vectors[picked])
            vocabulary = self._vocabularies.setdefault(script, Vocabulary(vectors.shape[1]))
            vocabulary.extend([fresh.words[i] for i in picked], vectors)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (a zero row stays zero), as float32."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.where(norms > 0, norms, 1.0)).astype(np.float32)


def _other(script: Script) -> Script:
    """The script a word of `script` is translated into."""
    return "latin" if script == "thai" else "thai"
