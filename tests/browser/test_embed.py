"""The embeddable recommendations card in a real browser, on a portal of another origin, at
a phone's width and a desktop's."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Watched, watching
from tests.browser.live import portal
from tests.live_server import serve

WIDTHS = [{"width": 390, "height": 844}, {"width": 1280, "height": 800}]


@pytest.fixture(scope="module")
def host(site: str) -> Iterator[str]:
    """A portal page served from its own port (its own origin) that embeds the card."""
    with serve(portal(site)) as url:
        assert url != site
        yield url


@pytest.fixture(params=WIDTHS, ids=["390", "1280"])
def portal_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page at one width that fails the test on console errors or CSP violations (a
    portal's own 404s aside)."""
    with watching(browser, request.param) as seen:
        yield seen.page
    assert [p for p in seen.problems if "404" not in p] == [], seen.problems


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


def test_a_plain_iframe_shows_all_of_the_card_within_its_stated_height(
    portal_page: Page, host: str
) -> None:
    """The card scrolls inside a frame shorter than it: its last item can still be reached."""
    portal_page.goto(f"{host}/iframe")
    card = portal_page.frame_locator("#card")
    last = card.locator("li a").last
    expect(last).to_be_attached()
    overflow = card.locator("body").evaluate("b => getComputedStyle(b).overflowY")
    assert overflow == "auto"
    last.scroll_into_view_if_needed()
    expect(last).to_be_in_viewport()


def test_widget_script_sizes_its_frame_to_the_card(portal_page: Page, site: str, host: str) -> None:
    page = portal_page
    page.goto(f"{host}/script")
    frame_element = page.locator("script + iframe")
    expect(frame_element).to_have_attribute(
        "src", f"{site}/embed/recommendations?document_id=agri-005&lang=th"
    )
    expect(frame_element).to_have_attribute("title", "copgraph recommendations")
    expect(page.locator("iframe + p#after")).to_have_text("after the widget")
    card = page.frame_locator("script + iframe")
    expect(card.locator("h2")).to_have_text("แนะนำสำหรับคุณ")
    expect(card.locator("h3")).to_have_text(["ผู้รู้ที่ควรถาม", "แนวปฏิบัติที่ควรอ่าน", "ชุมชนที่น่าเข้าร่วม"])
    content = card.locator(".card").evaluate("c => c.getBoundingClientRect().height")
    expect(frame_element).not_to_have_css("height", "360px")
    framed = frame_element.evaluate("e => e.getBoundingClientRect().height")
    assert abs(framed - content) <= 2, (framed, content)
    assert card.locator("body").evaluate("b => b.scrollHeight <= b.clientHeight")


def test_every_item_on_the_card_opens_the_full_page_in_the_top_window(
    portal_page: Page, site: str, host: str
) -> None:
    page = portal_page
    page.goto(f"{host}/script")
    card = page.frame_locator("script + iframe")
    links = card.locator("li a")
    expect(links.first).to_be_visible()
    assert links.count() == card.locator("li").count(), "every item is a link"
    for target in links.evaluate_all("links => links.map(a => a.target)"):
        assert target == "_top"
    person = card.locator("h3:text('ผู้รู้ที่ควรถาม') + ul a").first
    name = person.inner_text()
    person.click()
    expect(page).to_have_url(re.compile(rf"^{re.escape(site)}/\?lang=th#/people/"))
    expect(page.locator("main h1")).to_have_text(name)


def test_a_thai_card_gives_its_reasons_in_thai(portal_page: Page, host: str) -> None:
    """Latin letters only inside the quoted titles and names the reasons carry."""
    portal_page.goto(f"{host}/script")
    card = portal_page.frame_locator("script + iframe")
    expect(card.locator(".why").first).to_be_visible()
    reasons = card.locator(".why").all_inner_texts()
    assert reasons
    for reason in reasons:
        unquoted = re.sub(r"“[^”]*”|สาขาเดียวกัน: .*", "", reason)
        assert not re.search(r"[A-Za-z]", unquoted), reason


def test_colour_and_density_come_from_data_attributes(portal_page: Page, host: str) -> None:
    page = portal_page
    page.goto(f"{host}/styled")
    card = page.frame_locator("script + iframe")
    expect(card.locator("h2")).to_have_text("Recommended for you")
    expect(card.locator(".card")).to_have_class(re.compile(r"\bcompact\b"))
    expect(card.locator("li a").first).to_have_css("color", "rgb(170, 51, 0)")
    expect(card.locator(".why").first).to_be_hidden()


def test_an_unknown_document_gets_a_friendly_line_or_nothing(portal_page: Page, host: str) -> None:
    page = portal_page
    page.goto(f"{host}/missing")
    card = page.frame_locator("script + iframe")
    expect(card.locator("p.missing")).to_have_text("หน้านี้ยังไม่มีคำแนะนำ")
    assert "{" not in card.locator("body").inner_text(), "no JSON in the portal's page"
    page.goto(f"{host}/missing-hidden")
    expect(page.locator("p#after")).to_be_visible()
    expect(page.locator("script + iframe")).to_be_hidden()
