"""Run the API with uvicorn so that Ctrl-C (or SIGTERM) is a clean stop, not a traceback.

uvicorn re-raises the signal it caught once the server has shut down, so that a default
handler runs; under `asyncio.run` that becomes a KeyboardInterrupt that cancels the
already-finished lifespan and logs a traceback. A CLI that stops when asked has no default
handler to run, so this server only records that it should exit.
"""

from __future__ import annotations

import signal
from types import FrameType

import uvicorn
from fastapi import FastAPI


class _CleanStopServer(uvicorn.Server):
    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True
        else:
            self.should_exit = True


def serve(app: FastAPI, host: str, port: int, log_level: str = "info") -> None:
    """Serve `app` until Ctrl-C or SIGTERM, then shut down (lifespan included) and return."""
    _CleanStopServer(uvicorn.Config(app, host=host, port=port, log_level=log_level)).run()
