"""How the embedded store searches: cosine over an in-memory matrix, and FTS5 phrases.

For a small community a matrix-vector product takes milliseconds, needs no index and gives
the true top k; rows outside the scope are masked before ranking, so scoping is exact too.
At 10^5 rows that product reads 200 MB per query, so from `neighbours.FROM_ROWS` visible
rows an HNSW graph (neighbours.py) proposes candidates, over-fetched for the rows the scope
hides, and the matrix scores them: the scores stay exact, the membership is approximate. A
narrower scope, a smaller store or a graph still being built is searched exactly.

The matrix, one float32 matrix per target with the per-row facts a scope filters on, is
loaded from SQLite on first use. When the store's write generation has moved (a write of
this process, the API's derivation, or `copgraph ingest` in another), the index takes only
the rows the writes logged since its generation (`statements.VECTOR_CHANGES`): a push
costs the rows it changed, not a reload of every row (1.3 s at 100,000 items).

Keyword search ranks as FTS5 does, from postings the index keeps of the same rows
(keywords.py): they share the rows' numbering and scope facts and follow writes with them.
FTS5 itself scores a query's phrase (`statements.phrase_scores`). What is looked up is
built here, from the same words the Neo4j store looks up.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from graph_service.errors import InvalidInput
from graph_service.models import SearchTarget
from graph_service.store.base import Hit, SearchScope
from graph_service.store.embedded import statements as sql
from graph_service.store.embedded.convert import epoch
from graph_service.store.embedded.keywords import KeywordIndex
from graph_service.store.embedded.neighbours import Neighbours
from graph_service.store.words import query_words

_NONE = -1
_LINEAGES = itertools.count()
HEADROOM = 16
"""A loaded index has room for 1/16 more rows (and 16): the pushes after a start append in
place, where a full buffer would be copied whole (200 MB at 100k chunks) by the first."""
RELOAD_SHARE = 0.2
RELOAD_ROWS = 1000
"""An index reads every row again, rather than the changed ones, when more than this share
of its rows (and more than `RELOAD_ROWS`) changed: a bulk ingest by another process."""
MASKS_KEPT = 16
"""Scopes whose visible rows an index keeps (a mask is a byte per row: 1.6 MB at 100k)."""


def fts_match(terms: Iterable[str]) -> str | None:
    """An FTS5 MATCH expression for any of `terms`, or None when no term has a character.

    Each term becomes a quoted phrase (inner quotes doubled), so user input can never be
    read as FTS syntax: `*`, `NEAR(`, `OR` or a stray quote are just text to look up. The
    terms are `words.query_words`, the same the Neo4j store looks up: the index holds
    whole words, so `(straw)` has to be looked up as `straw`.
    """
    phrases = ['"' + term.replace('"', '""') + '"' for term in query_words(terms)]
    return " OR ".join(phrases) or None


def _codes(names: frozenset[str], codebook: dict[str, int]) -> NDArray[np.int32]:
    return np.array([codebook[name] for name in names if name in codebook], dtype=np.int32)


@dataclass(frozen=True)
class VectorIndex:
    """Normalised embeddings, the keyword postings and, per row, what scopes filter on and
    its length in words.

    Communities and languages are coded as small integers so a scope becomes a few
    vectorised comparisons; `created` is epoch seconds, NaN for undated content.

    The arrays are buffers with room to grow: this index uses their first `count` rows, of
    which `live` says which still stand (a changed or deleted row is dropped from `live`,
    its new version appended). An update appends past `count` and returns a new index over
    more rows, so one that a search still holds never sees a row change under it (updates
    chain from the newest index only, under the store's lock). The indexes chained from one
    `load` are a `lineage`: a row number means the same vector in all of them.
    """

    lineage: int
    generation: int
    count: int
    ids: list[str]
    rows: dict[str, int]
    seq_rows: dict[int, int]
    """The live row of each FTS rowid (`seq`), for the phrases FTS5 scores."""
    live: NDArray[np.bool_]
    matrix: NDArray[np.float32]
    communities: NDArray[np.int32]
    community_codes: dict[str, int]
    private: NDArray[np.bool_]
    languages: NDArray[np.int32]
    language_codes: dict[str, int]
    created: NDArray[np.float64]
    lengths: NDArray[np.int64]
    seqs: NDArray[np.int64]
    keywords: KeywordIndex
    masks: dict[SearchScope, NDArray[np.bool_]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """`visible`'s answers so far: this index's rows never change, and a query asks for its
    scope's three times (a public one 0.6 ms each at 100,000 rows). A new index starts
    with none."""

    @classmethod
    def load(
        cls, connection: sqlite3.Connection, target: SearchTarget, dimension: int
    ) -> VectorIndex:
        """Read every row of `target`; call inside a read transaction so that the generation
        and the rows are of the same snapshot."""
        generation = int(connection.execute(sql.SELECT_GENERATION).fetchone()[0])
        count = int(connection.execute(sql.count_rows(target)).fetchone()[0])
        room = count + count // HEADROOM + HEADROOM
        empty = cls(
            next(_LINEAGES), generation, 0, [], {}, {}, np.empty(0, dtype=np.bool_),
            np.empty((room, dimension), dtype=np.float32), np.empty(room, dtype=np.int32), {},
            np.empty(room, dtype=np.bool_), np.empty(room, dtype=np.int32), {},
            np.empty(room), np.empty(room, dtype=np.int64), np.empty(room, dtype=np.int64),
            KeywordIndex.empty(),
        )  # fmt: skip
        return empty._with(generation, connection.execute(sql.vector_rows(target)), set(), count)

    def updated(
        self, connection: sqlite3.Connection, target: SearchTarget, generation: int
    ) -> VectorIndex:
        """This index brought to `generation` by the rows writes logged since its own, or
        read whole when the log cannot say (too far behind, a scope change of many rows) or
        when that is cheaper (see `RELOAD_SHARE`); inside a read transaction."""
        changes = connection.execute(sql.VECTOR_CHANGES, (self.generation, target)).fetchall()
        behind = generation - self.generation > sql.VECTOR_LOG_KEPT
        dead = self.count - len(self.rows) + len(changes)
        many = dead > max(self.count * RELOAD_SHARE, RELOAD_ROWS)
        if behind or many or any(kind == "*" for kind, _ in changes):
            return VectorIndex.load(connection, target, self.matrix.shape[1])
        changed = {id_ for _, id_ in changes}
        rows = connection.execute(sql.vector_rows_of(target), (json.dumps(sorted(changed)),))
        return self._with(generation, rows, changed, len(changed))

    def _with(
        self, generation: int, rows: Iterable[Sequence[Any]], changed: set[str], most: int
    ) -> VectorIndex:
        """This index at `generation` without the rows of `changed` ids, with `rows`
        (`statements.vector_rows` columns, `most` of them at most) appended."""
        index = self._room_for(most)
        at = dict(index.rows)
        seq_rows = dict(index.seq_rows)
        live = np.zeros(index.count + most, dtype=np.bool_)
        live[: index.count] = index.live
        for id_ in changed:
            row = at.pop(id_, None)
            if row is not None:
                live[row] = False
                seq_rows.pop(int(index.seqs[row]), None)
        community_codes, language_codes = dict(index.community_codes), dict(index.language_codes)
        texts: list[tuple[int, str]] = []
        row = index.count - 1
        for row, (id_, seq, blob, community, is_private, language, created_ts, text) in enumerate(
            rows, start=index.count
        ):
            texts.append((row, text))
            index.ids.append(id_)
            at[id_] = row
            seq_rows[seq] = row
            index.seqs[row] = seq
            live[row] = True
            index.matrix[row] = np.frombuffer(blob, dtype=np.float32)
            index.communities[row] = (
                _NONE
                if community is None
                else community_codes.setdefault(community, len(community_codes))
            )
            index.private[row] = bool(is_private)
            index.languages[row] = language_codes.setdefault(language, len(language_codes))
            index.created[row] = np.nan if created_ts is None else created_ts
        keywords, lengths = index.keywords.added(texts)
        index.lengths[list(lengths)] = list(lengths.values())
        return replace(
            index,
            keywords=keywords,
            generation=generation,
            count=row + 1,
            rows=at,
            seq_rows=seq_rows,
            live=live[: row + 1],
            community_codes=community_codes,
            language_codes=language_codes,
        )

    def _room_for(self, added: int) -> VectorIndex:
        """This index, on buffers with room for `added` more rows: the same buffers when
        they have it, else copies twice as large. Its own `ids` list is copied whenever
        rows past `count` exist (a newer index's), so appending never collides."""
        capacity = self.matrix.shape[0]
        if self.count + added <= capacity and len(self.ids) == self.count:
            return self
        size = max(2 * capacity, self.count + added) if self.count + added > capacity else capacity

        def grown(array: NDArray[Any]) -> NDArray[Any]:
            bigger = np.empty((size, *array.shape[1:]), dtype=array.dtype)
            bigger[: self.count] = array[: self.count]
            return bigger

        return replace(
            self,
            ids=self.ids[: self.count],
            matrix=grown(self.matrix),
            communities=grown(self.communities),
            private=grown(self.private),
            languages=grown(self.languages),
            created=grown(self.created),
            lengths=grown(self.lengths),
            seqs=grown(self.seqs),
        )

    def standing(self) -> tuple[list[str], NDArray[np.float32]]:
        """The live rows' ids, sorted, and their embeddings in that order (a copy)."""
        order = sorted(self.rows.values(), key=self.ids.__getitem__)
        return [self.ids[row] for row in order], self.matrix[order]

    def visible(self, scope: SearchScope) -> NDArray[np.bool_]:
        """Which rows `scope` lets a caller see (the same rules as the keyword SQL); read
        only, kept for the next search in `scope` (the last `MASKS_KEPT` scopes)."""
        mask = self.masks.get(scope)
        if mask is None:
            mask = self._visible(scope)
            mask.flags.writeable = False
            if len(self.masks) >= MASKS_KEPT:
                self.masks.pop(next(iter(self.masks)), None)
            self.masks[scope] = mask
        return mask

    def _visible(self, scope: SearchScope) -> NDArray[np.bool_]:
        n = self.count
        mask = self.live.copy()
        if scope.communities is not None:
            codes = _codes(scope.communities, self.community_codes)
            mask &= np.isin(self.communities[:n], codes)
        if scope.private_allowed is not None:
            allowed = _codes(scope.private_allowed, self.community_codes)
            mask &= ~self.private[:n] | np.isin(self.communities[:n], allowed)
        if scope.language is not None:
            mask &= self.languages[:n] == self.language_codes.get(scope.language, _NONE)
        if scope.since is not None:
            with np.errstate(invalid="ignore"):
                mask &= self.created[:n] >= epoch(scope.since)
        return mask

    def keyword_search(
        self,
        words: Sequence[str],
        k: int,
        scope: SearchScope,
        phrases: Mapping[str, Iterable[tuple[int, float]]],
    ) -> list[Hit]:
        """The `k` visible rows FTS5 would rank best for any of `words` (`query_words`),
        scored as its `-bm25()`, ties by id; each phrase among them scored by FTS5 in
        `phrases` (FTS rowid, score), in this index's snapshot (keywords.py)."""
        given = {}
        for phrase, found in phrases.items():
            pairs = [
                (row, score) for seq, score in found if (row := self.seq_rows.get(seq)) is not None
            ]
            rows = np.array([row for row, _ in pairs], dtype=np.int64)
            given[phrase] = rows, np.array([score for _, score in pairs], dtype=np.float64)
        rows, scores = self.keywords.scores(words, self.live, self.lengths, given)
        visible = self.visible(scope)[rows]
        rows, scores = rows[visible], scores[visible]
        if k < rows.size:
            cut = np.partition(scores, rows.size - k)[rows.size - k]
            kept = scores >= cut  # every row tied at the cut, for the order by id below
            rows, scores = rows[kept], scores[kept]
        hits = [
            Hit(id=self.ids[row], score=float(score))
            for row, score in zip(rows, scores, strict=True)
        ]
        return sorted(hits, key=lambda hit: (-hit.score, hit.id))[:k]

    def cosines(self, vector: Sequence[float], ids: Sequence[str]) -> dict[str, float]:
        """The cosine of each live row of `ids` to `vector` (others left out).

        Raises:
            InvalidInput: `vector` does not have the stored dimension.
        """
        query = self._unit_query(vector)
        known = [id_ for id_ in dict.fromkeys(ids) if id_ in self.rows]
        if query is None or not known:
            return {}
        scores = self.matrix[[self.rows[id_] for id_ in known]] @ query
        return {id_: float(score) for id_, score in zip(known, scores, strict=True)}

    def _unit_query(self, vector: Sequence[float]) -> NDArray[np.float32] | None:
        """`vector` scaled to length 1 (None for the zero vector).

        Raises:
            InvalidInput: `vector` does not have the stored dimension.
        """
        query = np.asarray(vector, dtype=np.float32)
        if query.shape != (self.matrix.shape[1],):
            raise InvalidInput(
                f"query vector has {query.size} dimensions, the store {self.matrix.shape[1]}"
            )
        norm = float(np.linalg.norm(query))
        return None if norm == 0 else query / norm

    def search(
        self,
        vector: Sequence[float],
        k: int,
        scope: SearchScope,
        neighbours: Neighbours | None = None,
    ) -> list[Hit]:
        """The `k` visible rows nearest `vector` by cosine, best first, ties by id: among the
        candidates `neighbours` proposes when it does (see neighbours.py), else exactly.

        Raises:
            InvalidInput: `vector` does not have the stored dimension.
        """
        query = self._unit_query(vector)
        mask = self.visible(scope)
        rows = np.flatnonzero(mask)
        if k <= 0 or rows.size == 0 or query is None:
            return []
        near = None if neighbours is None else neighbours.nearest(self, query, k, mask)
        if near is not None:
            rows = near
        if 4 * rows.size < self.count:  # gathering a few rows reads less than all of them
            scores = self.matrix[rows] @ query
        else:
            scores = (self.matrix[: self.count] @ query)[rows]
        if k < rows.size:
            top = np.argpartition(-scores, k - 1)[:k]
            rows, scores = rows[top], scores[top]
        hits = [
            Hit(id=self.ids[row], score=float(score))
            for row, score in zip(rows, scores, strict=True)
        ]
        return sorted(hits, key=lambda hit: (-hit.score, hit.id))
