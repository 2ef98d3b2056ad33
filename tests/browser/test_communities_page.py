"""The communities page lists what the key may see and links each to its health."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import Watched


def test_communities_page_lists_visible_communities_and_opens_their_health(
    watched: Watched, site: str
) -> None:
    page = watched.page
    page.goto(f"{site}/#/communities")
    links = page.locator("ul.communities li h2 a")
    expect(links).to_have_count(2)  # the sample's cop-health is private: anonymous sees two
    expect(links.first).to_contain_text("Organic Farming and Water CoP")
    links.first.click()
    expect(page).to_have_url(f"{site}/#/communities/cop-agri/health")
    expect(page.locator("article.factor")).to_have_count(3)
