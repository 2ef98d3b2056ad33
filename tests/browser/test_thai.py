"""The page in Thai says everything in Thai: walking every view, no text in Latin letters is
left outside what is marked as names, ids and content (`translate="no"`, or `lang` other
than Thai). Names and content stay as their authors wrote them, in any script.

Domain and community descriptions (`.description`) are checked apart: they are the KM team's
words, in Thai where the taxonomy and communities files give them (`description_th`, or a
`descriptions: {th, en}` map); the sample gives them all.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Watched
from tests.browser.test_layout import VIEWS

LATIN_OUTSIDE = """(skip) => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    if (!/[A-Za-z]/.test(text)) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    if (parent.closest(".visually-hidden, [hidden]") || !parent.getClientRects().length) continue;
    found.push(`${parent.tagName.toLowerCase()}.${parent.className}: ${text.slice(0, 60)}`);
  }
  return found;
}"""


CONTENT = "[translate=no], [lang]:not([lang=th]), script, style, title"
"""What is names, ids and content, not labels: marked so by the page."""


@pytest.mark.parametrize("view", list(VIEWS))
def test_no_latin_label_in_the_thai_page(watched: Watched, site: str, view: str) -> None:
    route, ready = VIEWS[view]
    page = watched.page
    page.goto(f"{site}/?lang=th{route}")
    expect(page.locator(ready).first).to_be_visible()
    page.locator("main details:not([open]) > summary").evaluate_all(
        "summaries => summaries.forEach(s => s.click())"
    )
    found: list[str] = page.evaluate(LATIN_OUTSIDE, f"{CONTENT}, .description")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("view", ["domains", "communities"])
def test_descriptions_are_thai_in_the_thai_page(watched: Watched, site: str, view: str) -> None:
    route, ready = VIEWS[view]
    page = watched.page
    page.goto(f"{site}/?lang=th{route}")
    expect(page.locator(ready).first).to_be_visible()
    found: list[str] = page.evaluate(LATIN_OUTSIDE, CONTENT)
    assert not found, "\n".join(found)


def test_related_practices_are_said_in_thai(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(f"{site}/?lang=th#/domains/composting")
    page.locator("ul.practices button").first.click()
    related = page.locator("ul.practices .related li").first
    expect(related).to_be_visible()
    found: list[str] = page.evaluate(LATIN_OUTSIDE, CONTENT)
    assert not found, "\n".join(found)
