"""`copgraph serve` as a child process: started, waited for, SIGKILLed or stopped by the tests.

Fault and soak tests need the server in a process of its own: a SIGKILL must not take the
test with it, and memory, file descriptors and sockets must be the server's alone. Every
API key kind the tests use is written to a keys file (hashed), like a deployment's.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

from graph_service.api.security import hash_key
from tests.live_server import free_port

COPGRAPH = Path(sys.executable).with_name("copgraph")
WRITER_KEY = "reliability-writer-key"
READY_TIMEOUT_S = 180
"""Loading the real model and opening Neo4j on two busy cores can take a minute."""


def child_environment(settings: dict[str, str]) -> dict[str, str]:
    """This process's environment without its copgraph and Neo4j settings, plus `settings`.

    `make test` exports NEO4J_URI; a child meant for the embedded store must not inherit it.
    """
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("COPGRAPH_", "NEO4J_"))
    }
    return {**inherited, **settings}


def write_keys_file(path: Path) -> Path:
    """A keys file with one read+write+admin key, `WRITER_KEY`."""
    entry = {"name": "writer", "sha256": hash_key(WRITER_KEY), "scopes": ["read", "write", "admin"]}
    path.write_text(yaml.safe_dump([entry]), encoding="utf-8")
    return path


class ApiProcess:
    """One `copgraph serve` on a free loopback port, configured by environment variables."""

    def __init__(self, folder: Path, environment: dict[str, str], workers: int = 1) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.workers = workers
        self.log_path = folder / "serve.log"
        self.environment = child_environment(
            {
                "COPGRAPH_API_KEYS_FILE": str(write_keys_file(folder / "keys.yaml")),
                "COPGRAPH_DATA_DIR": str(folder / "data"),
                **environment,
            }
        )
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None
        self._launched_at = 0.0

    @property
    def pid(self) -> int:
        """The server's process id."""
        assert self._process is not None, "not started"
        return self._process.pid

    def start(self) -> None:
        """Start the server and wait until /readyz answers."""
        self.launch()
        self.wait_ready()

    def launch(self) -> None:
        """Start the server process without waiting for it (see `wait_ready`)."""
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                [str(COPGRAPH), "serve", "--port", str(self.port), "--workers", str(self.workers)],
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        self._launched_at = time.monotonic()

    def wait_ready(self) -> None:
        """Wait until the launched server's /readyz answers, READY_TIMEOUT_S at most from
        its launch."""
        assert self._process is not None, "not launched"
        deadline = self._launched_at + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise AssertionError(f"copgraph serve exited: {self.log_tail()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        self.kill()
        raise AssertionError(f"copgraph serve not ready in {READY_TIMEOUT_S} s: {self.log_tail()}")

    def client(self, timeout: float = 60) -> httpx.Client:
        """An HTTP client with the writer key."""
        return httpx.Client(base_url=self.url, headers={"X-API-Key": WRITER_KEY}, timeout=timeout)

    def kill(self) -> None:
        """SIGKILL the server, as the OOM killer or a power cut would, and reap it."""
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=30)

    def stop(self) -> None:
        """SIGTERM (a clean shutdown, lifespan included), SIGKILL if it hangs."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()

    def log_tail(self, lines: int = 30) -> str:
        """The end of the server's output, for failure messages."""
        text = self.log_path.read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.splitlines()[-lines:])
