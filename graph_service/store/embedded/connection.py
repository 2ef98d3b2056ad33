"""The embedded store's SQLite connections: opening, transactions, error mapping.

Writes go through one connection under a lock, which SQLite needs anyway (one writer at a
time). Reads each take a connection of their own from a small pool: in WAL mode readers
never wait for the writer or for each other, and SQLite runs a statement without Python's
GIL, so concurrent requests (FastAPI's threadpool, the derivation worker) use every core
instead of queueing behind one connection. WAL also lets another process, such as
`copgraph ingest`, write while the API reads; `busy_timeout` makes a writer wait for the
other's transaction rather than fail at once. Transactions are explicit
(`isolation_level=None`) so every read that spans statements sees one snapshot and every
write is one transaction; a read begun after a write committed sees it, on any connection.
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from graph_service.errors import ConfigurationError, InvalidInput, StoreUnavailable
from graph_service.store.embedded import schema
from graph_service.store.embedded import statements as sql

FILE_NAME = "graph.sqlite3"
BUSY_TIMEOUT_S = 30.0
IDLE_READERS = 4
"""Read connections kept open between reads; more are opened while more reads run at once
(each costs a file handle and SQLite's page cache), and closed when they are done."""


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    connection = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
    )
    if read_only:
        connection.execute(sql.QUERY_ONLY)
    return connection


def _unwritable(data_dir: Path, error: Exception) -> ConfigurationError:
    return ConfigurationError(
        f"cannot use {data_dir} for the embedded store ({error}): set COPGRAPH_DATA_DIR to a "
        "writable directory"
    )


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


class Database:
    """A SQLite file with the store's schema: one writer under a lock, a pool of readers."""

    def __init__(self, connection: sqlite3.Connection, data_dir: Path) -> None:
        self._connection = connection
        self._data_dir = data_dir
        self._lock = threading.Lock()
        self._readers_lock = threading.Lock()
        self._idle_readers: list[sqlite3.Connection] = []
        self._closed = False

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        """Open (creating the directory, file and tables if missing) the store in `data_dir`.

        Raises:
            ConfigurationError: the directory cannot be created or written (names
                COPGRAPH_DATA_DIR).
            StoreUnavailable: another process holds the database longer than the timeout.
        """
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
            connection = _connect(data_dir / FILE_NAME, read_only=False)
        except (OSError, sqlite3.Error) as e:
            raise _unwritable(data_dir, e) from e
        database = cls(connection, data_dir)
        try:
            with database._errors():
                for pragma in sql.CONNECTION_PRAGMAS:
                    connection.execute(pragma)
                schema.create_tables(connection)
        except BaseException:
            connection.close()
            raise
        return database

    @property
    def data_dir(self) -> Path:
        """The store's folder: files kept beside the database go there."""
        return self._data_dir

    def close(self) -> None:
        """Close every connection; later use raises `StoreUnavailable`."""
        with self._lock, self._readers_lock:
            self._closed = True
            self._connection.close()
            for reader in self._idle_readers:
                reader.close()
            self._idle_readers.clear()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read connection inside one read transaction (one consistent snapshot)."""
        with self._errors():
            reader = self._take_reader()
            try:
                reader.execute(sql.BEGIN_READ)
                try:
                    yield reader
                finally:
                    reader.execute(sql.COMMIT)
            finally:
                self._give_back(reader)

    def _take_reader(self) -> sqlite3.Connection:
        with self._readers_lock:
            if self._closed:
                raise StoreUnavailable("the embedded store is closed")
            if self._idle_readers:
                return self._idle_readers.pop()
        return _connect(self._data_dir / FILE_NAME, read_only=True)

    def _give_back(self, reader: sqlite3.Connection) -> None:
        """Back to the pool, unless the store closed meanwhile or the pool is full (or the
        read failed inside its transaction: that connection is not reused)."""
        with self._readers_lock:
            keep = not self._closed and not reader.in_transaction
            if keep and len(self._idle_readers) < IDLE_READERS:
                self._idle_readers.append(reader)
                return
        reader.close()

    @contextmanager
    def write(
        self, moves_vectors: bool, changes_graph: bool = True
    ) -> Iterator[sqlite3.Connection]:
        """The connection inside one write transaction, rolled back on any error.

        Args:
            moves_vectors: the write changes what a vector search sees (rows or their
                scope facts), so the generation counter moves and every process brings its
                vector index up to date (by the rows the write logged, see search.py).
            changes_graph: the write changes the graph (anything but the demand log), so
                it sets a new data version (see `GraphStore.data_version`).
        """
        with self._lock, self._errors():
            self._connection.execute(sql.BEGIN_WRITE)
            try:
                yield self._connection
                if moves_vectors:
                    self._connection.execute(sql.BUMP_GENERATION)
                    self._connection.execute(sql.PRUNE_VECTOR_LOG)
                if changes_graph:
                    self._connection.execute(sql.SET_DATA_VERSION, (uuid.uuid4().hex,))
                self._connection.execute(sql.PRUNE_VIEW_LOG)
                self._connection.execute(sql.COMMIT)
            except BaseException:
                if self._connection.in_transaction:
                    self._connection.execute(sql.ROLLBACK)
                raise

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Re-raise SQLite errors as the domain errors callers can act on."""
        try:
            yield
        except sqlite3.IntegrityError as e:
            raise InvalidInput(f"the batch names a record that is not stored: {e}") from e
        except sqlite3.OperationalError as e:
            if _is_busy(e):
                raise StoreUnavailable(f"the embedded store is busy: {e}") from e
            if "readonly" in str(e) or "unable to open" in str(e):
                raise _unwritable(self._data_dir, e) from e
            raise
        except sqlite3.ProgrammingError as e:
            if "closed" not in str(e):
                raise
            raise StoreUnavailable("the embedded store is closed") from e
