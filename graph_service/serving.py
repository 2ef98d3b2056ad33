"""Run the API with uvicorn so that Ctrl-C (or SIGTERM) is a clean stop, not a traceback.

uvicorn re-raises the signal it caught once the server has shut down, so that a default
handler runs; under `asyncio.run` that becomes a KeyboardInterrupt that cancels the
already-finished lifespan and logs a traceback. A CLI that stops when asked has no default
handler to run, so this server only records that it should exit.
"""

from __future__ import annotations

import signal
import socket
from types import FrameType

import uvicorn
from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess


class _CleanStopServer(uvicorn.Server):
    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True
        else:
            self.should_exit = True


class TcpConfig(uvicorn.Config):
    """uvicorn's config, whose listening socket says it is TCP.

    uvicorn's supervisor binds the socket of `--workers N` itself, without a protocol (0).
    Accepted sockets inherit it, and asyncio sets `TCP_NODELAY` only on a socket whose
    protocol is TCP. So every response on a kept-alive connection waited for the client's
    delayed ACK (Nagle's algorithm): `GET /v1/domains` took 48 ms with 2 workers against
    3 ms with one (uvicorn issue 3149, open).
    """

    def bind_socket(self) -> socket.socket:
        sock = super().bind_socket()
        if sock.family not in (socket.AF_INET, socket.AF_INET6) or sock.proto:
            return sock
        return socket.socket(sock.family, sock.type, socket.IPPROTO_TCP, fileno=sock.detach())


APP_FACTORY = "graph_service.api.app:create_app"
"""What each worker process imports and calls to build its app, configured from the
environment as `copgraph serve` itself is (`get_settings`)."""


def serve(app: FastAPI, host: str, port: int, log_level: str = "info") -> None:
    """Serve `app` until Ctrl-C or SIGTERM, then shut down (lifespan included) and return."""
    _CleanStopServer(uvicorn.Config(app, host=host, port=port, log_level=log_level)).run()


def serve_workers(host: str, port: int, workers: int, log_level: str = "info") -> None:
    """Serve the API from `workers` processes sharing one socket, until Ctrl-C or SIGTERM.

    One process answers on one core at a time (the ranking is Python), so on a machine of N
    cores N workers answer about N times the requests; they share the store as replicas do
    (each keeps its own caches and follows the others' writes, derivation runs in one at a
    time under the store's lease). uvicorn's supervisor starts each worker afresh, which
    builds its app from the environment and loads the model again: memory grows by one
    model and one set of search indexes per worker.
    """
    config = TcpConfig(
        APP_FACTORY, factory=True, host=host, port=port, workers=workers, log_level=log_level
    )
    Multiprocess(config, sockets=[config.bind_socket()]).run()
