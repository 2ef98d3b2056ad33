"""The embeddable recommendations card in a real browser, on a portal of another origin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Watched
from tests.browser.live import portal, serve


@pytest.fixture(scope="module")
def host(site: str) -> Iterator[str]:
    """A portal page served from its own port (its own origin) that embeds the card."""
    with serve(portal(site)) as url:
        assert url != site
        yield url


def test_card_in_an_iframe_renders_thai_labels(watched: Watched, site: str, host: str) -> None:
    page = watched.page
    page.goto(f"{host}/iframe")
    card = page.frame_locator("#card")
    expect(card.locator("html")).to_have_attribute("lang", "th")
    expect(card.locator("h2")).to_have_text("แนะนำสำหรับคุณ")
    expect(card.locator("h3").first).to_have_text("ผู้รู้ที่ควรถาม")
    assert card.locator("li").count() >= 1
    frame = page.frame(url=lambda url: url.startswith(f"{site}/embed/recommendations"))
    assert frame is not None and frame.url.startswith(site) and not frame.url.startswith(host)


def test_widget_script_inserts_the_card_after_itself(
    watched: Watched, site: str, host: str
) -> None:
    page = watched.page
    page.goto(f"{host}/script")
    frame_element = page.locator("script + iframe")
    expect(frame_element).to_have_attribute(
        "src", f"{site}/embed/recommendations?document_id=agri-005&lang=th"
    )
    expect(frame_element).to_have_attribute("title", "copgraph recommendations")
    assert frame_element.evaluate("e => e.style.height") == "360px"
    expect(page.locator("iframe + p#after")).to_have_text("after the widget")
    card = page.frame_locator("script + iframe")
    expect(card.locator("h2")).to_have_text("แนะนำสำหรับคุณ")
    expect(card.locator("h3").first).to_have_text("ผู้รู้ที่ควรถาม")
