"""A Neo4j that fault tests may kill: started, SIGKILLed and restarted through scripts/neo4j-local.

The session's Neo4j (tests/neo4j_server.py) may be someone else's server named by NEO4J_URI,
which no test may kill. Fault tests get their own, in their own state directory: `kill` is a
crash (SIGKILL, no shutdown), `restart` brings it back on the same port with the same data,
so a driver that holds the URI can reconnect by itself, as it would to a restarted server.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

from graph_service.config import Settings
from tests.neo4j_server import REPO

SCRIPT = REPO / "scripts" / "neo4j-local"
START_TIMEOUT_S = 300
"""A first start builds the launcher with Maven; later ones take 15-25 s on two busy cores."""
JAVA_OPTS = "-XX:TieredStopAtLevel=1"
"""The JIT's quick tier only. A fault test's Neo4j lives for minutes and answers its first
queries after every start: with the optimising tier as well, a start took 25-30 s and the
first requests after a restart up to 25 s each on two busy cores, while the JIT compiled;
with the quick tier alone, 17 s and under 10 s."""


class Neo4jStartError(RuntimeError):
    """scripts/neo4j-local could not start (or restart) Neo4j; the message has its output."""


class KillableNeo4j:
    """One Neo4j process owned by the tests, in `state_dir`."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.uri = ""
        self.user = "neo4j"
        self.password = ""

    def _script(self, verb: str, timeout: float = START_TIMEOUT_S) -> str:
        env = {
            **os.environ,
            "NEO4J_LOCAL_DIR": str(self.state_dir),
            "NEO4J_LOCAL_JAVA_OPTS": JAVA_OPTS,
        }
        env.pop("NEO4J_LOCAL_PORT", None)
        env.pop("NEO4J_LOCAL_KEEP_DATA", None)
        try:
            done = subprocess.run(
                [str(SCRIPT), verb], env=env, capture_output=True, text=True, timeout=timeout
            )
        except subprocess.TimeoutExpired as error:
            raise Neo4jStartError(f"neo4j-local {verb} took over {timeout} s") from error
        if done.returncode != 0:
            raise Neo4jStartError(f"neo4j-local {verb} failed: {done.stderr.strip()[-2000:]}")
        return done.stdout

    def _started(self, output: str) -> None:
        exported = dict(
            line.removeprefix("export ").split("=", 1)
            for line in output.splitlines()
            if line.startswith("export ")
        )
        self.uri = exported["NEO4J_URI"]
        self.user = exported["NEO4J_USER"]
        self.password = exported["NEO4J_PASSWORD"]

    def start(self) -> None:
        """Start on a free port with an empty database."""
        self._started(self._script("start"))

    def kill(self) -> None:
        """SIGKILL the JVM: no shutdown hook, no checkpoint, open transactions lost."""
        self._script("kill", timeout=30)

    def restart(self) -> float:
        """Start again on the same port and data (after `kill`); returns the seconds it took."""
        started = time.monotonic()
        output = self._script("restart")
        uri = self.uri
        self._started(output)
        assert self.uri == uri, f"restarted on {self.uri}, not on {uri}"
        return time.monotonic() - started

    def stop(self) -> None:
        """Stop it for good. Its data is thrown away, so it is killed: a clean shutdown spends
        10 s waiting for Bolt's threads to wind down."""
        self.kill()

    def settings(self, **overrides: object) -> Settings:
        """Settings naming this server, plus any others given."""
        return Settings(
            NEO4J_URI=self.uri,
            NEO4J_USER=self.user,
            NEO4J_PASSWORD=self.password,
            **overrides,  # type: ignore[arg-type]
        )

    def environment(self) -> dict[str, str]:
        """The NEO4J_* variables a subprocess (copgraph ingest, serve) needs to use it."""
        return {"NEO4J_URI": self.uri, "NEO4J_USER": self.user, "NEO4J_PASSWORD": self.password}
