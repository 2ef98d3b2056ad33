"""A portal page on another origin, for the browser tests of the embedded card.

Served like the API (tests/live_server.py: real uvicorn on a loopback port), so Chromium
talks HTTP to both the way a reader's browser would; two ports are two origins.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route


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
