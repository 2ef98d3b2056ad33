"""The web page at `/`: static files shipped with the package, under a strict CSP.

The page is plain HTML, CSS and ES modules that call the JSON API from the same origin, so
the policy allows scripts, styles and requests from 'self' only: no inline script or style,
no CDN, no framing. Files are served from a closed list (what `static/` holds), never by a
path the caller builds. The routes stay out of the OpenAPI schema, which is about the API.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from graph_service.errors import NotFound

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
}
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}

router = APIRouter(include_in_schema=False)


@cache
def shipped_files() -> dict[str, Path]:
    """The servable files by name: what the package put in `static/`, read once."""
    return {
        path.name: path
        for path in sorted(STATIC_DIR.iterdir())
        if path.is_file() and path.suffix in MEDIA_TYPES
    }


def serve_static(name: str) -> FileResponse:
    """A file of `static/` by name, under the strict policy; 404 for any other name."""
    path = shipped_files().get(name)
    if path is None:
        raise NotFound("file", name)
    return FileResponse(path, media_type=MEDIA_TYPES[path.suffix], headers=HEADERS)


@router.get("/")
def index() -> FileResponse:
    """The page: search, profiles, domains, the gap map and community health."""
    return serve_static("index.html")


@router.get("/static/{name}")
def static_file(name: str) -> FileResponse:
    """A script or stylesheet of the page."""
    return serve_static(name)
