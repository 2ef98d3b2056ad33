"""The interactive API docs at `/docs`: Swagger UI from files installed with us, no CDN.

FastAPI's own `/docs` loads Swagger UI from a CDN and starts it with an inline script, so it
is blank offline and our Content-Security-Policy (no inline script) would block it anyway.
Here the page, its start-up script (`static/docs.html`, `static/docs.js`) and Swagger UI's
bundle are all served from this origin under the web page's strict policy. The bundle comes
from the `fastapi-offline` wheel, which ships Swagger UI 5 (Apache-2.0; version 5 is the
first to render the OpenAPI 3.1 documents FastAPI writes); only its files are used.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from graph_service.api.routers.web import HEADERS, serve_static
from graph_service.errors import NotFound

ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon.png": "image/png",
}
# The bundle changes only with the installed package, so a browser may keep it a day.
ASSET_HEADERS = {**HEADERS, "Cache-Control": "public, max-age=86400"}

router = APIRouter(include_in_schema=False)


@cache
def swagger_dir() -> Path:
    """Where the installed `fastapi-offline` keeps Swagger UI's files."""
    return Path(str(files("fastapi_offline") / "static"))


@router.get("/docs")
def docs_page() -> FileResponse:
    """Swagger UI over `/openapi.json`."""
    return serve_static("docs.html")


@router.get("/docs/assets/{name}")
def docs_asset(name: str) -> FileResponse:
    """One of Swagger UI's own files, from a closed list."""
    media_type = ASSETS.get(name)
    if media_type is None:
        raise NotFound("file", name)
    return FileResponse(swagger_dir() / name, media_type=media_type, headers=ASSET_HEADERS)
