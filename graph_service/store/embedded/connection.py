"""The embedded store's SQLite connection: opening, one lock, transactions, error mapping.

One connection per store object, shared by FastAPI's threadpool: `check_same_thread` is
off and a lock serialises use, which SQLite needs anyway (one writer at a time). WAL lets
another process, such as `copgraph ingest`, write while the API reads; `busy_timeout`
makes a writer wait for the other's transaction rather than fail at once.
Transactions are explicit (`isolation_level=None`) so every read that spans statements
sees one snapshot and every write is one transaction.
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


def _unwritable(data_dir: Path, error: Exception) -> ConfigurationError:
    return ConfigurationError(
        f"cannot use {data_dir} for the embedded store ({error}): set COPGRAPH_DATA_DIR to a "
        "writable directory"
    )


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return "locked" in str(error) or "busy" in str(error)


class Database:
    """A SQLite file with the store's schema, used under one lock."""

    def __init__(self, connection: sqlite3.Connection, data_dir: Path) -> None:
        self._connection = connection
        self._data_dir = data_dir
        self._lock = threading.Lock()

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
            connection = sqlite3.connect(
                data_dir / FILE_NAME,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
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
        """Close the connection; later use raises `StoreUnavailable`."""
        with self._lock:
            self._connection.close()

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection inside one read transaction (one consistent snapshot)."""
        with self._lock, self._errors():
            self._connection.execute(sql.BEGIN_READ)
            try:
                yield self._connection
            finally:
                self._connection.execute(sql.COMMIT)

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
