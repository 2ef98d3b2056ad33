"""Every practice's embedding, kept in the process and brought up to date by write number.

RELATED_TO is derived against all practices' embeddings (ingest/related.py), in every
derivation round. Reading them through the driver took 2.5-4.0 s of each 3.5-4.9 s round at
100,000 items (20,022 practices of 512 floats; benchmarks/results/live.md), so a process
reads them whole once and after that only what changed.

What changed is found by number: every write transaction takes the next `seq` on the
`GraphVersion` node while holding its lock until commit, so the numbers follow the order
of commits, and gives it to each practice it stored, or to a `PracticeGone` node for one it
deleted (`statements.NUMBER_PRACTICES`). A reader reads the last number first, then every
practice and gone practice numbered after the last number it read: whatever any process
committed up to that number is then among them, and anything newer that it also sees is
taken as well (and read again next time). Per practice the highest number wins, so a
deletion read beside an older read of the same practice is not undone by it.

A cleared graph starts another numbering (`epoch`); a reader that sees another epoch, or a
graph never numbered, reads every embedding again. The rows are the driver's floats cast to
float32 one row at a time, as a whole read casts them: the same values either way.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
from numpy.typing import NDArray

from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.connection import Database

Vectors = NDArray[np.float32]


class PracticeVectors:
    """The practices' embeddings of one database as last read, safe to share between threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._epoch: str | None = None
        self._seq = 0
        self._rows: dict[str, tuple[int, Vectors]] = {}
        self._standing: tuple[list[str], Vectors] | None = None

    def standing(self, db: Database) -> tuple[list[str], Vectors]:
        """Every stored practice id, sorted, with its embedding (rows aligned, read-only)."""
        with self._lock:
            number = db.read(cypher.WRITE_NUMBER)
            epoch = number[0]["epoch"] if number else None
            seq = number[0]["seq"] if number else None
            if epoch is None or epoch != self._epoch:
                self._replace(db.read(cypher.PRACTICE_EMBEDDINGS))
            elif seq != self._seq:
                self._apply(db.read(cypher.PRACTICES_SINCE, seq=self._seq))
            self._epoch, self._seq = epoch, int(seq or 0)
            if self._standing is None:
                self._standing = self._stacked()
            return self._standing

    def _replace(self, records: list[Any]) -> None:
        self._rows = {record["id"]: (record["seq"], _row(record)) for record in records}
        self._standing = None

    def _apply(self, records: list[Any]) -> None:
        """Each practice's newest state among `records` (no embedding: deleted), where it is
        newer than the one held."""
        newest: dict[str, Any] = {}
        for record in records:
            held = newest.get(record["id"])
            if held is None or record["seq"] > held["seq"]:
                newest[record["id"]] = record
        for id_, record in newest.items():
            held = self._rows.get(id_)
            if held is not None and held[0] >= record["seq"]:
                continue
            if record["embedding"] is None:
                self._rows.pop(id_, None)
            else:
                self._rows[id_] = (record["seq"], _row(record))
            self._standing = None

    def _stacked(self) -> tuple[list[str], Vectors]:
        """The rows as one matrix, sorted by id; the rows held become views of it, so the
        embeddings are in memory once."""
        ids = sorted(self._rows)
        if not ids:
            return [], np.zeros((0, 0), dtype=np.float32)
        matrix = np.stack([self._rows[id_][1] for id_ in ids])
        matrix.flags.writeable = False
        self._rows = {id_: (self._rows[id_][0], matrix[at]) for at, id_ in enumerate(ids)}
        return ids, matrix


def _row(record: Any) -> Vectors:
    return np.asarray(record["embedding"], dtype=np.float32)
