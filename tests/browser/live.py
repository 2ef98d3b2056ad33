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
    """A portal on its own origin that embeds the recommendations card: as an iframe, by the
    script, by the script with colour and density options, and for an unknown document (with
    the friendly line, and hidden)."""
    card = f"{api_url}/embed/recommendations?document_id=agri-005&lang=th"
    head = (  # an icon of its own, or Chromium asks for /favicon.ico and logs the 404
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Portal</title>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<link rel='icon' href='data:,'></head><body><h1>Farm portal</h1>"
    )

    def widget(attributes: str) -> str:
        return (
            f"{head}<script src='{api_url}/embed/widget.js' {attributes}></script>"
            "<p id='after'>after the widget</p></body></html>"
        )

    pages = {
        "/iframe": (
            f"{head}"
            f"<iframe id='card' src='{card}' title='copgraph' width='440' height='320'></iframe>"
            "</body></html>"
        ),
        "/script": widget("data-document-id='agri-005' data-lang='th' data-height='360'"),
        "/styled": widget(
            "data-document-id='agri-005' data-lang='en' data-accent='#aa3300'"
            " data-density='compact'"
        ),
        "/missing": widget("data-document-id='no-such-doc' data-lang='th'"),
        "/missing-hidden": widget("data-document-id='no-such-doc' data-missing='hide'"),
    }

    def page_of(path: str) -> Route:
        async def serve_page(_: Request) -> HTMLResponse:
            return HTMLResponse(pages[path])

        return Route(path, serve_page)

    return Starlette(routes=[page_of(path) for path in pages])
