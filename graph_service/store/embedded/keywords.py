"""BM25 over postings held in memory: FTS5's keyword ranking without FTS5's cost per query.

FTS5 scores every row a query matches before it can sort them: a word found in 17,000 of
100,000 chunks cost 20-30 ms per lookup, two lookups per expert query, however few hits were
wanted (benchmarks/results/live.md). Here each word's postings (the rows holding it and how
often) are numpy arrays, so a lookup is a few vectorised operations over them, and the
scope is the vector index's mask of the same rows.

The ranking is FTS5's `bm25()` to the bit: k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) /
(n + 0.5)) but at least 1e-6, N the rows of the target and the average length over all of
them, computed in the same order of operations. The words are those FTS5's tokenizer
(`statements.TOKENIZER`) makes of the same text: runs of characters of the categories L, M,
N, P, S and Co, lowercased. FTS5 folds case by its own table, Python by Unicode's: they
differ only on letters such as a final capital sigma, which the pipeline's `search_text`
(lowercased by the segmenter) never holds. A query word FTS5 would read as several words (a
phrase) is looked up by FTS5, and its part of each row's score added in its turn.

Postings only grow: a changed row is a new row (the vector index's numbering), a dead row is
skipped by the live mask. Rows added after the last merge sit in small blocks, merged into
one block when there are many, and into the main arrays when they hold a tenth as many
postings: a push costs its own rows, and the merges' cost is shared out over many pushes.
"""

from __future__ import annotations

import functools
import math
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

K1 = 1.2
B = 0.75
LEAST_IDF = 1e-6
"""FTS5's bm25 parameters (fts5_aux.c), and the idf it gives a word most rows hold."""
MOST_BLOCKS = 8
"""Blocks of recent rows kept apart at most: more are merged into one."""
MERGE_SHARE = 0.1
"""Recent postings, as a share of the main arrays', from which all are merged into them."""


@functools.cache
def _separators() -> re.Pattern[str]:
    """The characters FTS5's tokenizer splits at (categories Z and C but Co), which Python's
    `str.split` does not: controls, format characters such as U+200B, unassigned."""
    runs: list[str] = []
    start = None
    for code in range(sys.maxunicode + 2):
        char = chr(code) if code <= sys.maxunicode else ""
        splits = bool(char) and not char.isspace() and _splits_word(char)
        if splits and start is None:
            start = code
        elif not splits and start is not None:
            runs.append(f"{re.escape(chr(start))}-{re.escape(chr(code - 1))}")
            start = None
    return re.compile(f"[{''.join(runs)}]")


def _splits_word(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "ZC" and category != "Co"


def indexed_words(text: str) -> list[str]:
    """The words FTS5 indexes of `text` under `statements.TOKENIZER`, in order."""
    lowered = text.lower()
    if not lowered.isprintable():  # no separator but the space is printable
        lowered = _separators().sub(" ", lowered)
    return lowered.split()


def is_word(term: str) -> bool:
    """Whether FTS5 reads the query term `term` (lowercase) as one word, not a phrase."""
    return indexed_words(term) == [term]


@dataclass(frozen=True)
class Block:
    """Postings sorted by word: `words[i]` is held `counts[i]` times by row `rows[i]`."""

    words: NDArray[np.int32]
    rows: NDArray[np.int32]
    counts: NDArray[np.int32]

    @classmethod
    def of(cls, blocks: Sequence[Block]) -> Block:
        words = np.concatenate([block.words for block in blocks])
        order = np.argsort(words, kind="stable")
        return cls(
            words[order],
            np.concatenate([block.rows for block in blocks])[order],
            np.concatenate([block.counts for block in blocks])[order],
        )

    def postings(self, word: int) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        start, end = np.searchsorted(self.words, [word, word + 1])
        return self.rows[start:end], self.counts[start:end]


EMPTY = Block(np.empty(0, np.int32), np.empty(0, np.int32), np.empty(0, np.int32))


@dataclass(frozen=True)
class KeywordIndex:
    """The postings of one vector index's rows, by word.

    `vocabulary` numbers the words; it only grows, and is shared by every index of a lineage
    (an older index never holds a number given after it). `main` holds most postings with
    `starts`, each word's first position in it; `recent` the rows added since the last merge.
    """

    vocabulary: dict[str, int]
    main: Block
    starts: NDArray[np.int64]
    recent: tuple[Block, ...]

    @classmethod
    def empty(cls) -> KeywordIndex:
        return cls({}, EMPTY, np.zeros(1, np.int64), ())

    def added(self, texts: Iterable[tuple[int, str]]) -> tuple[KeywordIndex, dict[int, int]]:
        """This index with the words of each `(row, text)`, and each row's length in words."""
        words: list[int] = []
        rows: list[int] = []
        counts: list[int] = []
        lengths: dict[int, int] = {}
        vocabulary = self.vocabulary
        for row, text in texts:
            found = indexed_words(text)
            lengths[row] = len(found)
            for word, count in Counter(found).items():
                words.append(vocabulary.setdefault(word, len(vocabulary)))
                rows.append(row)
                counts.append(count)
        if not words:
            return self, lengths
        block = Block(
            np.array(words, np.int32), np.array(rows, np.int32), np.array(counts, np.int32)
        )
        return self._merged((*self.recent, Block.of([block]))), lengths

    def _merged(self, recent: tuple[Block, ...]) -> KeywordIndex:
        """This index with `recent` as its recent blocks, merged as the module says."""
        held = sum(block.words.size for block in recent)
        if held > MERGE_SHARE * self.main.words.size:
            main = Block.of([self.main, *recent])
            bounds = np.arange(len(self.vocabulary) + 1)
            starts = np.searchsorted(main.words, bounds).astype(np.int64)
            return KeywordIndex(self.vocabulary, main, starts, ())
        if len(recent) > MOST_BLOCKS:
            recent = (Block.of(recent),)
        return KeywordIndex(self.vocabulary, self.main, self.starts, recent)

    def postings(self, word: int) -> tuple[NDArray[np.int32], NDArray[np.int32]]:
        """The rows holding `word`, and how often each does."""
        parts = [block.postings(word) for block in self.recent]
        if word + 1 < self.starts.size:
            start, end = self.starts[word], self.starts[word + 1]
            parts.append((self.main.rows[start:end], self.main.counts[start:end]))
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return EMPTY.rows, EMPTY.counts
        return np.concatenate([rows for rows, _ in parts]), np.concatenate([c for _, c in parts])

    def scores(
        self,
        terms: Sequence[str],
        live: NDArray[np.bool_],
        lengths: NDArray[np.int64],
        phrases: Mapping[str, tuple[NDArray[np.int64], NDArray[np.float64]]],
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """The live rows matching any of `terms` and their BM25 scores (FTS5's `-bm25()`).

        A term that is a phrase (not `is_word`) scores what `phrases` gives for it (rows and
        their part of the score, from FTS5); each word, from its postings. The parts are
        added in the order of `terms`, as FTS5 adds them.
        """
        count = live.size
        total_rows = int(np.count_nonzero(live))
        if total_rows == 0:
            return np.empty(0, np.int64), np.empty(0)
        average = float(int(lengths[:count][live].sum())) / float(total_rows)
        totals = np.zeros(count)
        matched = np.zeros(count, dtype=np.bool_)  # not np.unique: no sort of every posting
        for term in terms:
            if term in phrases:
                rows, parts = phrases[term]
            else:
                rows, parts = self._word_scores(term, live, lengths, total_rows, average)
            totals[rows] += parts
            matched[rows] = True
        found = np.flatnonzero(matched).astype(np.int64)
        return found, totals[found]

    def _word_scores(
        self,
        word: str,
        live: NDArray[np.bool_],
        lengths: NDArray[np.int64],
        total_rows: int,
        average: float,
    ) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
        """The live rows holding `word` and its part of their score, as fts5_aux.c computes
        it (the same operations in the same order, so the same bits)."""
        number = self.vocabulary.get(word)
        if number is None:
            return np.empty(0, np.int64), np.empty(0)
        rows, counts = self.postings(number)
        alive = live[rows]
        held = int(np.count_nonzero(alive))
        frequency = counts[alive].astype(np.float64)
        idf = math.log((total_rows - held + 0.5) / (held + 0.5))
        idf = idf if idf > 0.0 else LEAST_IDF
        length = lengths[rows[alive]].astype(np.float64)
        part = idf * ((frequency * (K1 + 1.0)) / (frequency + K1 * (1 - B + B * length / average)))
        return rows[alive].astype(np.int64), part
