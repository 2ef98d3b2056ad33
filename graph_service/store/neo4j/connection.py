"""The connection to one Neo4j database: opened fail-fast, then routed reads and retried writes.

A wrong URI, password or database name should stop the service at start-up with a message
naming the setting, not surface as a timeout on the first request: `open_database` gives
the driver short connection timeouts, then connects, authenticates and runs a trivial
query against the configured database, turning each failure into a one-line
`ConfigurationError`. After that, every call of the backend goes through `Database`, so
routing (reads to readers, writes to the leader), the database name and the translation of
the driver's connection failures into `StoreUnavailable` are decided once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, LiteralString, TypeVar
from urllib.parse import urlsplit

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationDisabledClassification,
    Record,
    Session,
)
from neo4j import exceptions as driver_errors

from graph_service.config import Settings
from graph_service.errors import ConfigurationError, StoreUnavailable, TransientError
from graph_service.store.neo4j.parameters import unlogged
from graph_service.store.neo4j.statements import PING

T = TypeVar("T")

BOLT_SCHEMES = frozenset({"bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"})
"""Schemes of the Bolt protocol: one server (`bolt`) or a routed cluster (`neo4j`), with or
without TLS. The driver's HTTP support is a preview feature and is not accepted."""

CONNECTION_TIMEOUT = 5.0
"""Seconds to open one connection: an unreachable server fails fast instead of hanging."""
RETRY_SECONDS = 10.0
"""How long a write is retried through a leader change or a restart before failing."""
READ_RETRY_SECONDS = 1.0
"""How long a read is retried: enough to replace a connection a restart broke, short
enough that an API request answers 503 within seconds (about 3 s: the driver's back-off
starts at 1 s and doubles) rather than after 15 s of retries while the server is down."""

# A fresh graph has none of copgraph's relationship types yet; counting them is not a typo.
QUIET = [NotificationDisabledClassification.UNRECOGNIZED]


class _RolledBack(Exception):  # noqa: N818  # not an error: how a rehearsal ends its work
    """Raised out of a rehearsed transaction's work to roll it back, carrying its result."""

    def __init__(self, result: object) -> None:
        super().__init__("rolled back")
        self.result = result


_REHEARSED: ContextVar[Database | None] = ContextVar("copgraph_rehearsed_database", default=None)
"""The database whose writes the current context rehearses (see `Database.rehearsal`)."""


class Database:
    """The driver, the database name and the URI (for messages) of one Neo4j database."""

    def __init__(self, driver: Driver, name: str, uri: str) -> None:
        self._driver = driver
        self._name = name
        self._uri = uri

    @contextmanager
    def rehearsal(self) -> Iterator[None]:
        """Within it, this thread's writes run in full and are rolled back.

        Neo4j plans a statement the first time it sees it, and keys the plan by whether the
        transaction already holds changes, so a statement warmed alone is planned again
        inside a write. Running the real writes, each transaction's statements in order,
        then rolling them back, leaves exactly the plans the next real write asks for
        (measured on a restarted server at 10k items: 28 statements of 100-650 ms each made
        the first push take 4.9 s; after a rehearsal it took 0.4 s, as later ones do).
        Reads run as usual. The rehearsal is the caller's context's (a context variable):
        other threads are not affected, and work the caller hands to a thread with its
        context (the pipeline's write behind, ingest/write_behind.py) is rehearsed too.
        """
        token = _REHEARSED.set(self)
        try:
            yield
        finally:
            _REHEARSED.reset(token)

    def _in_rehearsal(self) -> bool:
        return _REHEARSED.get() is self

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn the driver's connection failures into copgraph's transient errors."""
        try:
            yield
        except (driver_errors.ServiceUnavailable, driver_errors.SessionExpired) as e:
            raise StoreUnavailable(f"Neo4j at {self._uri} is unavailable: {_one_line(e)}") from e
        except driver_errors.TransientError as e:
            raise TransientError(
                f"Neo4j at {self._uri} is busy, retry later: {_one_line(e)}"
            ) from e

    def _session(self, access_mode: str = WRITE_ACCESS) -> Session:
        """A session that shares `execute_query`'s bookmarks.

        In a cluster, a read then sees every write this process made before it, whichever
        member serves it. Reads give up sooner than writes (`READ_RETRY_SECONDS`).
        """
        return self._driver.session(
            database=self._name,
            default_access_mode=access_mode,
            bookmark_manager=self._driver.execute_query_bookmark_manager,
            max_transaction_retry_time=(
                READ_RETRY_SECONDS if access_mode == READ_ACCESS else RETRY_SECONDS
            ),
        )

    def read(self, statement: LiteralString, /, **parameters: Any) -> list[Record]:
        """The records of a read query, run on a reader of the cluster."""
        with self._errors(), self._session(READ_ACCESS) as session:
            quiet = unlogged(parameters)
            return session.execute_read(lambda tx: list(tx.run(statement, quiet)))

    def ping(self) -> None:
        """Run a trivial query once, without retries.

        Managed transactions retry for `RETRY_SECONDS`; a health check should learn at once
        that the server is gone.
        """
        with self._errors(), self._session(READ_ACCESS) as session:
            session.run(PING).consume()

    def execute(self, statement: LiteralString, /, **parameters: Any) -> None:
        """Run one write statement in its own transaction (schema changes need that)."""
        if self._in_rehearsal():
            self.transaction(lambda tx: tx.run(statement, unlogged(parameters)).consume())
            return
        with self._errors():
            self._driver.execute_query(statement, unlogged(parameters), database_=self._name)

    def transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        """Run `work` in one write transaction, retried whole on transient failures (in a
        rehearsal, rolled back once `work` is done)."""
        with self._errors(), self._session() as session:
            if not self._in_rehearsal():
                return session.execute_write(work)

            def rehearse(tx: ManagedTransaction) -> T:
                raise _RolledBack(work(tx))

            try:
                return session.execute_write(rehearse)
            except _RolledBack as done:
                return done.result  # type: ignore[return-value]  # what `work` returned

    def auto_commit(self, statement: LiteralString) -> None:
        """Run a statement that commits as it goes (`CALL {...} IN TRANSACTIONS`); never in
        a rehearsal, which could not roll it back."""
        if self._in_rehearsal():
            raise RuntimeError("a statement that commits as it goes cannot be rehearsed")
        with self._errors(), self._session() as session:
            session.run(statement).consume()

    def close(self) -> None:
        """Close the driver and its connections."""
        self._driver.close()


def _one_line(error: Exception) -> str:
    message = error.message if isinstance(error, driver_errors.Neo4jError) else str(error)
    return " ".join(str(message).split())


def open_database(settings: Settings) -> Database:
    """The database the settings name, checked to answer queries as the configured user.

    Raises:
        ConfigurationError: NEO4J_URI is missing, malformed or unreachable; NEO4J_USER and
            NEO4J_PASSWORD are refused; NEO4J_DATABASE does not exist.
    """
    uri = settings.neo4j_uri or ""
    scheme = urlsplit(uri).scheme
    if scheme not in BOLT_SCHEMES:
        raise ConfigurationError(
            f"NEO4J_URI={uri!r} is not a Neo4j Bolt URI: use bolt://host:7687 for one server"
            " or neo4j://host:7687 (neo4j+s:// with TLS) for a cluster"
        )
    try:
        driver = GraphDatabase.driver(
            uri,
            auth=(settings.neo4j_user, settings.neo4j_password.get_secret_value()),
            connection_timeout=CONNECTION_TIMEOUT,
            connection_acquisition_timeout=2 * CONNECTION_TIMEOUT,
            max_transaction_retry_time=RETRY_SECONDS,
            notifications_disabled_classifications=QUIET,
        )
    except (ValueError, driver_errors.ConfigurationError) as e:
        raise ConfigurationError(f"NEO4J_URI={uri!r} is not usable: {_one_line(e)}") from e
    try:
        _check(driver, uri, settings)
    except BaseException:
        driver.close()
        raise
    return Database(driver, settings.neo4j_database, uri)


def _check(driver: Driver, uri: str, settings: Settings) -> None:
    """Connect, log in and query the database once, naming the setting that is wrong."""
    database = settings.neo4j_database
    try:
        driver.verify_connectivity()
        with driver.session(database=database) as session:
            session.run(PING).consume()
    except driver_errors.AuthError as e:
        raise ConfigurationError(
            f"Neo4j at {uri} refused user {settings.neo4j_user!r}: check NEO4J_USER and"
            f" NEO4J_PASSWORD ({_one_line(e)})"
        ) from e
    except (driver_errors.ServiceUnavailable, driver_errors.SessionExpired) as e:
        raise ConfigurationError(f"cannot reach Neo4j at NEO4J_URI={uri}: {_one_line(e)}") from e
    except driver_errors.ClientError as e:
        if e.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise ConfigurationError(
                f"Neo4j at {uri} has no database {database!r}: check NEO4J_DATABASE"
            ) from e
        raise ConfigurationError(f"Neo4j at NEO4J_URI={uri} failed: {_one_line(e)}") from e
