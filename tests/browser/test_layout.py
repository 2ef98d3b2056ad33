"""Every view fits a phone and a desktop: no sideways scrolling, no text cut off, targets of
at least 24 px.

WCAG 2.2's minimum target size (2.5.8) is 24 by 24 CSS pixels; links inside a sentence or a
table cell are exempt there, so the check covers the controls a thumb aims at: buttons,
summaries, inputs, the navigation, chips and the charts' linked points.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser.conftest import Watched, watching

PHONE: ViewportSize = {"width": 390, "height": 844}
SIZES: dict[str, ViewportSize] = {
    "390": PHONE,
    "360": {"width": 360, "height": 740},
    "1280": {"width": 1280, "height": 800},
}
"""A phone, a narrow phone and a desktop, by the width the test ids name them with."""

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

Show = Callable[[str, str, str], Page]
"""Shows a view (of `VIEWS`) in a language at a size (of `SIZES`); the page, ready."""


def _open(page: Page, site: str, view: str, lang: str) -> None:
    route, ready = VIEWS[view]
    page.goto(f"{site}/?lang={lang}{route}")
    expect(page.locator(ready).first).to_be_visible()
    page.evaluate("() => document.fonts.ready")


class _Pages:
    """The page of one size, view and language, loaded once for every test that measures it.

    The checks only read the page (boxes, styles, scroll widths), so the tests of one page
    can measure the same load: tests/browser/conftest.py runs them one after another, and a
    page is closed, leaving its screenshot, when a test asks for another. Each load was most
    of a test's time (126 loads for 48 pages, 157 s of the suite on two busy cores).
    """

    def __init__(self, browser: Browser, site: str) -> None:
        self._browser = browser
        self._site = site
        self._key: tuple[str, str, str] | None = None
        self._seen: Watched | None = None
        self._open = ExitStack()

    def show(self, size: str, view: str, lang: str) -> Watched:
        """The watched page of `view` in `lang` at `SIZES[size]`, loaded and ready."""
        if self._seen is None or self._key != (size, view, lang):
            self.close()
            name = f"test_layout-{size}-{view}-{lang}"
            seen = self._open.enter_context(watching(self._browser, SIZES[size], name))
            _open(seen.page, self._site, view, lang)
            self._seen, self._key = seen, (size, view, lang)
        return self._seen

    def close(self) -> None:
        """Close the page shown last, leaving its screenshot."""
        self._seen = self._key = None
        self._open.close()


@pytest.fixture(scope="module")
def pages(browser: Browser, site: str) -> Iterator[_Pages]:
    """The layout tests' pages."""
    shown = _Pages(browser, site)
    yield shown
    shown.close()


@pytest.fixture
def show(pages: _Pages) -> Iterator[Show]:
    """Shows a page (see `Show`); fails the test on console errors or CSP violations there,
    whichever test's load or check they came from."""
    seen: list[Watched] = []

    def show_page(size: str, view: str, lang: str) -> Page:
        seen.append(pages.show(size, view, lang))
        expect(seen[-1].page.locator(VIEWS[view][1]).first).to_be_visible()
        return seen[-1].page

    yield show_page
    for watched in seen:
        assert watched.problems == [], "the page logged errors or CSP violations"


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
@pytest.mark.parametrize("size", list(SIZES))
def test_view_fits_without_scrolling_sideways(show: Show, size: str, view: str, lang: str) -> None:
    measured = _sideways(show(size, view, lang))
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
@pytest.mark.parametrize("size", list(SIZES))
def test_no_text_is_cut_off(show: Show, size: str, view: str, lang: str) -> None:
    assert _clipped_text(show(size, view, lang)) == []


@pytest.mark.parametrize("lang", ["en"])
@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("size", list(SIZES))
def test_targets_are_at_least_24_px(show: Show, size: str, view: str, lang: str) -> None:
    assert _small_targets(show(size, view, lang)) == []


@pytest.mark.parametrize("lang", ["th"])
@pytest.mark.parametrize("view", ["domain", "gaps"])
@pytest.mark.parametrize("size", list(SIZES))
def test_chart_labels_keep_a_readable_size(show: Show, size: str, view: str, lang: str) -> None:
    """Charts are drawn for the room they have, not shrunk: on a phone 7 px labels were seen."""
    labels = show(size, view, lang).locator("svg.chart a text, svg.chart .node text")
    heights: list[float] = labels.evaluate_all(
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
