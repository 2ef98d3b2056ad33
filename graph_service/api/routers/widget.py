"""Embeddable recommendations for portals: an HTML card for an iframe, and a one-line script.

The card is self-contained (inline CSS under a per-response nonce, one script of our own
origin that reports its height, no other assets) and served with a strict
Content-Security-Policy, so a portal can frame it without trusting it with anything. Labels
are Thai or English (`lang`, else the browser's Accept-Language; any other language gets
English, and `Content-Language` says which); what it looks like is in `embed_card`.
`widget.js` lets a portal write one `<script>` tag instead of an iframe, and sizes the frame
to the card from the card's messages (only those from the card's own origin and frame).
An unknown id gets a friendly line in the card (or nothing, with `missing=hide`), with a 404
status for whoever checks, never the API's JSON inside a portal's page.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from graph_service.api.deps import LanguageDep, NamesakesDep, Reader, RecommenderDep
from graph_service.api.embed_card import (
    Density,
    accent_colour,
    card_body,
    card_page,
    told_apart,
)
from graph_service.api.page_size import EMBED_CAP, limit_query
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.api.routers.recommend import recommend
from graph_service.errors import NotFound

router = APIRouter(
    prefix="/embed", tags=["embed"], responses=problem_responses(*COMMON_ERRORS, 404)
)

WIDGET_JS = """(function () {
  var script = document.currentScript, data = script.dataset;
  var base = script.src.replace(/\\/embed\\/widget\\.js.*$/, "");
  var origin = new URL(base).origin;
  var names = {documentId: "document_id", personId: "person_id", q: "q", lang: "lang",
               limit: "limit", accent: "accent", density: "density", missing: "missing"};
  var params = new URLSearchParams();
  Object.keys(names).forEach(function (key) {
    if (data[key]) { params.set(names[key], data[key]); }
  });
  var frame = document.createElement("iframe");
  frame.src = base + "/embed/recommendations?" + params.toString();
  frame.title = "copgraph recommendations";
  var height = (data.height || "440") + "px";
  frame.style.cssText = "border:0;width:100%;max-width:440px;height:" + height;
  window.addEventListener("message", function (event) {
    var told = event.data;
    if (event.origin !== origin || event.source !== frame.contentWindow) { return; }
    if (!told || told.copgraph !== "height" || typeof told.height !== "number") { return; }
    if (told.height <= 0) { frame.style.display = "none"; return; }
    frame.style.display = "";
    frame.style.height = Math.min(Math.ceil(told.height), 4000) + "px";
  });
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
"""


@router.get("/recommendations", response_class=HTMLResponse)
def recommendations_card(
    caller: Reader,
    recommender: RecommenderDep,
    namesakes: NamesakesDep,
    chosen: LanguageDep,
    document_id: Annotated[str | None, Query(max_length=512)] = None,
    person_id: Annotated[str | None, Query(max_length=512)] = None,
    q: Annotated[str | None, Query(max_length=1000)] = None,
    limit: Annotated[int, limit_query(EMBED_CAP, 3)] = 3,
    accent: Annotated[
        str | None, Query(max_length=7, description="accent colour, hex: 0f766e or #0f766e")
    ] = None,
    density: Annotated[Density, Query()] = "comfortable",
    missing: Annotated[
        Literal["message", "hide"], Query(description="for an unknown id: a line, or nothing")
    ] = "message",
) -> HTMLResponse:
    """A small HTML card of recommendations, to frame in a portal page."""
    language = chosen.language
    status = 200
    try:
        found = recommend(recommender, caller, document_id, person_id, q, limit)
        found.people = [
            told_apart(item, namesakes.label(item.id, caller.search_scope, language))
            for item in found.people
        ]
        body = card_body(found, language)
    except NotFound:
        status = 404
        body = card_body(None, language) if missing == "message" else ""
    nonce = secrets.token_urlsafe(16)
    policy = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'self'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors *"
    )
    return HTMLResponse(
        card_page(body, language, nonce, accent_colour(accent), density),
        status_code=status,
        headers={
            "Content-Security-Policy": policy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            **chosen.headers,
        },
    )


@router.get("/widget.js", response_class=Response)
def widget_script() -> Response:
    """The one-line embed: `<script src=".../embed/widget.js" data-document-id="..."></script>`."""
    return Response(WIDGET_JS, media_type="text/javascript; charset=utf-8")
