"""Find a real Neo4j for the test session: NEO4J_URI, else testcontainers, else the launcher.

Order and rules come from the foundation issue: an explicit `NEO4J_URI` wins; a Docker engine
that answers a ping gets testcontainers' `neo4j:5.26`; otherwise `scripts/neo4j-local` starts
Neo4j from Maven Central. If none works, Neo4j tests skip with a message saying how to get
one, and fail instead when `NEO4J_REQUIRED=1` (as in CI).
"""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
HOW_TO_GET_ONE = (
    "no Neo4j available: run `make test` (it starts one), or `eval $(scripts/neo4j-local start)`,"
    " or set NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD"
)


@dataclass(frozen=True)
class Neo4jServer:
    """Where the test Neo4j listens, and how to stop it if this session started it."""

    uri: str
    user: str
    password: str
    stop: Callable[[], None]


def _from_environment() -> Neo4jServer | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jServer(
        uri=uri,
        user=os.environ.get("NEO4J_USER", "neo4j"),
        password=os.environ.get("NEO4J_PASSWORD", ""),
        stop=lambda: None,
    )


def _docker_socket_accepts() -> bool:
    """A cheap check before the Docker client, which leaks its socket when nothing listens."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://"):
        return True
    with socket.socket(socket.AF_UNIX) as probe:
        probe.settimeout(2)
        try:
            probe.connect(host.removeprefix("unix://"))
        except OSError:
            return False
    return True


def _docker_answers() -> bool:
    if not _docker_socket_accepts():
        return False
    try:
        import docker  # type: ignore[import-untyped]  # installed with testcontainers

        client = docker.from_env(timeout=3)
    except Exception:
        return False
    try:
        client.ping()
    except Exception:
        return False
    finally:
        client.close()
    return True


def _from_testcontainers() -> Neo4jServer | None:
    if not _docker_answers():
        return None
    from testcontainers.community.neo4j import Neo4jContainer

    container = Neo4jContainer("neo4j:5.26")
    container.start()
    return Neo4jServer(
        uri=container.get_connection_url(),
        user="neo4j",
        password=container.password,
        stop=container.stop,
    )


def _from_launcher(state_dir: Path) -> Neo4jServer | None:
    env = {**os.environ, "NEO4J_LOCAL_DIR": str(state_dir)}
    script = str(REPO / "scripts" / "neo4j-local")
    started = subprocess.run(
        [script, "start"], env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if started.returncode != 0:
        return None
    exported = dict(
        line.removeprefix("export ").split("=", 1)
        for line in started.stdout.splitlines()
        if line.startswith("export ")
    )
    return Neo4jServer(
        uri=exported["NEO4J_URI"],
        user=exported["NEO4J_USER"],
        password=exported["NEO4J_PASSWORD"],
        stop=lambda: subprocess.run([script, "stop"], env=env, check=False, timeout=120),
    )


def find_neo4j(state_dir: Path) -> Neo4jServer | None:
    """The first Neo4j that works, in the issue's order; None if there is none."""
    return _from_environment() or _from_testcontainers() or _from_launcher(state_dir)
