"""Embeddable recommendations for portals: an HTML card for an iframe, and a one-line script.

The card is self-contained (inline CSS under a per-response nonce, no external assets, no
script at all) and served with a strict Content-Security-Policy, so a portal can frame it
without trusting it with anything. Labels are Thai or English (`lang`, else the browser's
Accept-Language; any other language gets English, and `Content-Language` says which).
`widget.js` lets a portal write one `<script>` tag instead of an iframe.
"""

from __future__ import annotations

import html
import secrets
from typing import Annotated

from fastapi import APIRouter, Header, Query
from fastapi.responses import HTMLResponse, Response

from graph_service.api.deps import Reader, RecommenderDep
from graph_service.api.language import pick_language
from graph_service.api.page_size import EMBED_CAP, limit_query
from graph_service.api.problems import COMMON_ERRORS, problem_responses
from graph_service.api.routers.recommend import recommend
from queries.recommend import Recommendation

router = APIRouter(
    prefix="/embed", tags=["embed"], responses=problem_responses(*COMMON_ERRORS, 404)
)

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "people": "People to ask",
        "practices": "Practices to read",
        "communities": "Communities to join",
        "none": "Nothing to recommend yet.",
        "title": "Recommended for you",
    },
    "th": {
        "people": "ผู้รู้ที่ควรถาม",
        "practices": "แนวปฏิบัติที่ควรอ่าน",
        "communities": "ชุมชนที่น่าเข้าร่วม",
        "none": "ยังไม่มีคำแนะนำ",
        "title": "แนะนำสำหรับคุณ",
    },
}
CSS = (
    "body{margin:0;font:14px/1.45 system-ui,'Noto Sans Thai',sans-serif;color:#1f2933}"
    ".card{border:1px solid #d9e2ec;border-radius:8px;padding:12px 14px;max-width:420px}"
    "h2{font-size:15px;margin:0 0 8px}h3{font-size:13px;margin:10px 0 4px;color:#486581}"
    "ul{margin:0;padding-left:18px}li{margin:2px 0}.why{color:#627d98;font-size:12px}"
)
WIDGET_JS = """(function () {
  var script = document.currentScript, data = script.dataset;
  var base = script.src.replace(/\\/embed\\/widget\\.js.*$/, "");
  var names = {documentId: "document_id", personId: "person_id", q: "q", lang: "lang",
               limit: "limit"};
  var params = new URLSearchParams();
  Object.keys(names).forEach(function (key) {
    if (data[key]) { params.set(names[key], data[key]); }
  });
  var frame = document.createElement("iframe");
  frame.src = base + "/embed/recommendations?" + params.toString();
  frame.title = "copgraph recommendations";
  var height = (data.height || "440") + "px";
  frame.style.cssText = "border:0;width:100%;max-width:440px;height:" + height;
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
"""


def _section(label: str, items: list[Recommendation]) -> str:
    if not items:
        return ""
    rows = "".join(
        f"<li>{html.escape(item.title)}<div class='why'>{html.escape(item.reason)}</div></li>"
        for item in items
    )
    return f"<h3>{html.escape(label)}</h3><ul>{rows}</ul>"


@router.get("/recommendations", response_class=HTMLResponse)
def recommendations_card(
    caller: Reader,
    recommender: RecommenderDep,
    document_id: Annotated[str | None, Query(max_length=512)] = None,
    person_id: Annotated[str | None, Query(max_length=512)] = None,
    q: Annotated[str | None, Query(max_length=1000)] = None,
    limit: Annotated[int, limit_query(EMBED_CAP, 3)] = 3,
    lang: Annotated[
        str | None,
        Query(max_length=35, description="th or en; any other is English (see Content-Language)"),
    ] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> HTMLResponse:
    """A small HTML card of recommendations, to frame in a portal page."""
    language = pick_language(lang, accept_language)
    labels = LABELS[language]
    found = recommend(recommender, caller, document_id, person_id, q, limit)
    body = (
        "".join(
            _section(labels[kind], getattr(found, kind))
            for kind in ("people", "practices", "communities")
        )
        or f"<p>{html.escape(labels['none'])}</p>"
    )
    nonce = secrets.token_urlsafe(16)
    page = (
        f"<!doctype html><html lang='{language}'><head><meta charset='utf-8'>"
        f"<title>{html.escape(labels['title'])}</title><style nonce='{nonce}'>{CSS}</style>"
        f"</head><body><div class='card'><h2>{html.escape(labels['title'])}</h2>{body}"
        "</div></body></html>"
    )
    policy = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors *"
    )
    return HTMLResponse(
        page,
        headers={
            "Content-Security-Policy": policy,
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Content-Language": language,
        },
    )


@router.get("/widget.js", response_class=Response)
def widget_script() -> Response:
    """The one-line embed: `<script src=".../embed/widget.js" data-document-id="..."></script>`."""
    return Response(WIDGET_JS, media_type="text/javascript; charset=utf-8")
