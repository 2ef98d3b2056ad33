"""Fixtures of the fault tests: a Neo4j of their own that they may kill and restart.

Like the session's Neo4j, a missing one skips, and fails the run when `NEO4J_REQUIRED=1`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.reliability.neo4j_process import KillableNeo4j, Neo4jStartError


@pytest.fixture(scope="session")
def killable_neo4j(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KillableNeo4j]:
    """A Neo4j started for the fault tests alone (never the one NEO4J_URI names)."""
    server = KillableNeo4j(tmp_path_factory.mktemp("neo4j-killable"))
    try:
        server.start()
    except (Neo4jStartError, OSError) as error:
        message = (
            f"cannot start a Neo4j of their own for the fault tests ({error}): they need"
            " Java 17+ and Maven for scripts/neo4j-local, whatever NEO4J_URI says"
        )
        if os.environ.get("NEO4J_REQUIRED") == "1":
            pytest.fail(f"NEO4J_REQUIRED=1 but {message}")
        pytest.skip(message)
    yield server
    server.stop()
