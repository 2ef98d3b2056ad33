"""The embeddable recommendations card as HTML: what it says, how it looks, where it links.

Every person, practice and community on the card is a link that opens the full page in the
portal's top window (an iframe's own links would open copgraph inside the small frame). The
card fills its frame and scrolls inside it rather than cutting its end off, so a plain iframe
of any stated height shows everything; its one script (`/static/embed-card.js`, no inline
code) tells the portal page its height, so the script variant can size the frame to it.
Look: `accent` (a hex colour) and `density` (comfortable or compact), both checked here, so
nothing a portal passes ever reaches the CSS unchecked.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Literal
from urllib.parse import quote

from graph_service.api.language import Language
from graph_service.api.reason_wording import reason_in_thai
from queries.recommend import Recommendation, Recommendations

Density = Literal["comfortable", "compact"]
Kind = Literal["people", "practices", "communities"]
KINDS: tuple[Kind, ...] = ("people", "practices", "communities")
DEFAULT_ACCENT = "#0f766e"
HEX_COLOUR = re.compile(r"^#?([0-9a-fA-F]{6})$")

LABELS: dict[Language, dict[str, str]] = {
    "en": {
        "people": "People to ask",
        "practices": "Practices to read",
        "communities": "Communities to join",
        "none": "Nothing to recommend yet.",
        "title": "Recommended for you",
        "missing": "Recommendations are not available for this page yet.",
        "more": "Open copgraph",
    },
    "th": {
        "people": "ผู้รู้ที่ควรถาม",
        "practices": "แนวปฏิบัติที่ควรอ่าน",
        "communities": "ชุมชนที่น่าเข้าร่วม",
        "none": "ยังไม่มีคำแนะนำ",
        "title": "แนะนำสำหรับคุณ",
        "missing": "หน้านี้ยังไม่มีคำแนะนำ",
        "more": "เปิด copgraph",
    },
}
CSS = (
    "html,body{height:100%}"
    "body{margin:0;font:14px/1.45 system-ui,'Noto Sans Thai',sans-serif;color:#1f2933;"
    "overflow-y:auto;overflow-wrap:anywhere}"
    ".card{box-sizing:border-box;border:1px solid #d9e2ec;border-top:3px solid var(--accent);"
    "border-radius:8px;padding:12px 14px}"
    "h2{font-size:15px;margin:0 0 8px}h3{font-size:13px;margin:10px 0 4px;color:#486581}"
    "ul{margin:0;padding-left:18px}li{margin:2px 0}.why{color:#627d98;font-size:12px}"
    "a{color:var(--accent);text-decoration:underline;text-underline-offset:2px;"
    "display:inline-block;min-height:24px;line-height:24px}"
    ".missing{color:#486581;margin:0}"
    ".compact{padding:8px 10px;font-size:13px}.compact h2{font-size:14px;margin-bottom:4px}"
    ".compact h3{margin-top:6px}.compact .why{display:none}"
)


def accent_colour(asked: str | None) -> str:
    """The card's accent: the asked hex colour (`#` optional), else the house green."""
    match = HEX_COLOUR.match(asked or "")
    return f"#{match.group(1).lower()}" if match else DEFAULT_ACCENT


def told_apart(person: Recommendation, distinguished_by: str | None) -> Recommendation:
    """A person to ask, named with what tells them apart from a namesake, if they have one."""
    if not distinguished_by:
        return person
    return replace(person, title=f"{person.title} ({distinguished_by})")


def link(kind: Kind, item: Recommendation, language: Language) -> str:
    """Where an item opens on the full page: a person's profile, a community's health, the
    domain page that lists a practice (else a search for its title)."""
    page = f"/?lang={language}#"
    if kind == "people":
        return f"{page}/people/{quote(item.id, safe='')}"
    if kind == "communities":
        return f"{page}/communities/{quote(item.id, safe='')}/health"
    if item.domain_id:
        return f"{page}/domains/{quote(item.domain_id, safe='')}"
    return f"{page}/experts?q={quote(item.title, safe='')}"


def _section(kind: Kind, items: list[Recommendation], language: Language) -> str:
    if not items:
        return ""
    worded = reason_in_thai if language == "th" else str
    rows = "".join(
        f"<li><a href='{html.escape(link(kind, item, language))}' target='_top'>"
        f"{html.escape(item.title_in(language))}</a>"
        f"<div class='why'>{html.escape(worded(item.reason))}</div></li>"
        for item in items
    )
    return f"<h3>{html.escape(LABELS[language][kind])}</h3><ul>{rows}</ul>"


def card_body(found: Recommendations | None, language: Language) -> str:
    """The card's sections; the friendly line for an unknown seed when `found` is None."""
    labels = LABELS[language]
    if found is None:
        return f"<p class='missing'>{html.escape(labels['missing'])}</p>"
    sections = "".join(_section(kind, getattr(found, kind), language) for kind in KINDS)
    return sections or f"<p>{html.escape(labels['none'])}</p>"


def card_page(body: str, language: Language, nonce: str, accent: str, density: Density) -> str:
    """The whole card document; `body` empty leaves it blank (a portal that asked for
    nothing on unknown ids)."""
    title = html.escape(LABELS[language]["title"])
    content = f"<div class='card {density}'><h2>{title}</h2>{body}</div>" if body else "<div></div>"
    return (
        f"<!doctype html><html lang='{language}'><head><meta charset='utf-8'>"
        f"<title>{title}</title><style nonce='{nonce}'>:root{{--accent:{accent}}}{CSS}</style>"
        "<script src='/static/embed-card.js' defer></script>"
        f"</head><body>{content}</body></html>"
    )
