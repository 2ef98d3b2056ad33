"""Live servers for the browser tests: the copgraph API and a portal page on another origin.

Both are real uvicorn on loopback ports in background threads, so Chromium talks HTTP to
them the way a reader's browser would; two ports are two origins.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.types import ASGIApp


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(app: ASGIApp) -> Iterator[str]:
    """Serve `app` on a free loopback port for the duration; yields its base URL."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="auto")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def portal(api_url: str) -> Starlette:
    """A portal on its own origin that embeds the recommendations card both documented ways."""
    card = f"{api_url}/embed/recommendations?document_id=agri-005&lang=th"
    head = (  # an icon of its own, or Chromium asks for /favicon.ico and logs the 404
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Portal</title>"
        "<link rel='icon' href='data:,'></head><body><h1>Farm portal</h1>"
    )
    framed = (
        f"{head}"
        f"<iframe id='card' src='{card}' title='copgraph' width='440' height='320'></iframe>"
        "</body></html>"
    )
    scripted = (
        f"{head}"
        f"<script src='{api_url}/embed/widget.js' data-document-id='agri-005' data-lang='th'"
        " data-height='360'></script><p id='after'>after the widget</p></body></html>"
    )

    async def iframe_page(_: Request) -> HTMLResponse:
        return HTMLResponse(framed)

    async def script_page(_: Request) -> HTMLResponse:
        return HTMLResponse(scripted)

    return Starlette(routes=[Route("/iframe", iframe_page), Route("/script", script_page)])
