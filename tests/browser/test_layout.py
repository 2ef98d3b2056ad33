"""Every view fits a phone and a desktop: no sideways scrolling, no text cut off, targets of
at least 24 px.

WCAG 2.2's minimum target size (2.5.8) is 24 by 24 CSS pixels; links inside a sentence or a
table cell are exempt there, so the check covers the controls a thumb aims at: buttons,
summaries, inputs, the navigation, chips and the charts' linked points.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import _artifact_name, watching

PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

VIEWS = {
    "search": ("#/", ".domain-grid"),
    "experts": (f"#/experts?q={quote('composting rice straw')}", "ol.experts > li"),
    "person": ("#/people/malee", "ul.scores"),
    "domains": ("#/domains", ".domain-grid"),
    "domain": ("#/domains/composting", "svg.graph"),
    "gaps": ("#/gaps", "svg.scatter"),
    "communities": ("#/communities", ".communities"),
    "health": ("#/communities/cop-agri/health", "article.factor"),
}
TARGETS = (
    "button, summary, input, select, nav a, a.chip, .chips a, a.brand, svg.scatter a.point,"
    " svg.graph a, a.skip:focus"
)
SMALLEST_TARGET = 24


@pytest.fixture(params=[PHONE, NARROW_PHONE, DESKTOP], ids=["390", "360", "1280"])
def sized(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page at one viewport size; fails the test on console errors or CSP violations."""
    with watching(browser, request.param, _artifact_name(request.node.name)) as seen:
        yield seen.page
    assert seen.problems == [], "the page logged errors or CSP violations"


def _open(page: Page, site: str, view: str, lang: str) -> None:
    route, ready = VIEWS[view]
    page.goto(f"{site}/?lang={lang}{route}")
    expect(page.locator(ready).first).to_be_visible()
    page.evaluate("() => document.fonts.ready")


def _sideways(page: Page) -> dict[str, float]:
    """How far the page scrolls sideways, and the widest elements that stick out."""
    measured: dict[str, float] = page.evaluate(
        """() => {
          const out = {scroll: document.documentElement.scrollWidth - innerWidth};
          for (const e of document.querySelectorAll("main *, header *")) {
            const r = e.getBoundingClientRect();
            if (r.right > innerWidth + 0.5 && r.width > 0 && !e.closest(".table-wrap")) {
              out[`${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""}`] = r.right;
            }
          }
          return out;
        }"""
    )
    return measured


def _small_targets(page: Page) -> list[str]:
    small: list[str] = page.evaluate(
        """([selector, least]) => [...document.querySelectorAll(selector)]
          .filter((e) => { const r = e.getBoundingClientRect();
            return r.width > 0 && getComputedStyle(e).visibility !== "hidden"
              && (r.width < least - 0.5 || r.height < least - 0.5); })
          .map((e) => { const r = e.getBoundingClientRect();
            const size = `${r.width.toFixed(0)}x${r.height.toFixed(0)}`;
            return `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""} `
              + `"${e.textContent.trim().slice(0, 30)}" ${size}`;
          })""",
        [TARGETS, SMALLEST_TARGET],
    )
    return small


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_view_fits_without_scrolling_sideways(sized: Page, site: str, view: str, lang: str) -> None:
    _open(sized, site, view, lang)
    measured = _sideways(sized)
    assert measured["scroll"] <= 0, f"{view} scrolls sideways: {measured}"


def _clipped_text(page: Page) -> list[str]:
    """Elements whose own text is wider than their box where the box hides or cuts it off
    (overflow other than visible, outside a scrolling table): text a reader cannot see."""
    clipped: list[str] = page.evaluate(
        """() => [...document.querySelectorAll("main *, header *")]
          .filter((e) => {
            const style = getComputedStyle(e);
            if (style.overflowX === "visible" || style.overflowX === "auto"
                || style.overflowX === "scroll" || e.closest(".table-wrap")) return false;
            if (![...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
              return false;
            return e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0;
          })
          .map((e) => `${e.tagName.toLowerCase()}.${e.getAttribute("class") || ""} `
            + `"${e.textContent.trim().slice(0, 40)}" ${e.scrollWidth}>${e.clientWidth}`)"""
    )
    return clipped


@pytest.mark.parametrize("lang", ["en", "th"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_no_text_is_cut_off(sized: Page, site: str, view: str, lang: str) -> None:
    _open(sized, site, view, lang)
    assert _clipped_text(sized) == []


@pytest.mark.parametrize("view", list(VIEWS))
def test_targets_are_at_least_24_px(sized: Page, site: str, view: str) -> None:
    _open(sized, site, view, "en")
    assert _small_targets(sized) == []


@pytest.mark.parametrize("view", ["domain", "gaps"])
def test_chart_labels_keep_a_readable_size(sized: Page, site: str, view: str) -> None:
    """Charts are drawn for the room they have, not shrunk: on a phone 7 px labels were seen."""
    _open(sized, site, view, "th")
    heights: list[float] = sized.locator("svg.chart a text, svg.chart .node text").evaluate_all(
        "texts => texts.map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 12, heights


def test_header_is_compact_on_a_phone(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport=PHONE, locale="th-TH")
    page = context.new_page()
    try:
        _open(page, site, "gaps", "th")
        height = page.locator("header.site").evaluate("e => e.getBoundingClientRect().height")
        assert height <= 110, f"the header takes {height:.0f} px of an 844 px screen"
    finally:
        context.close()


def test_api_key_is_not_offered_when_anyone_may_read(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        _open(page, site, "search", "en")
        expect(page.locator("#key-panel")).to_be_hidden()
    finally:
        context.close()
