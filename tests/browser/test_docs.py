"""The interactive API docs at `/docs` work on a machine with no internet, under our policy."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Route, expect

from tests.browser.conftest import Watched


def test_docs_render_the_operations_with_every_request_kept_on_this_machine(
    watched: Watched, site: str
) -> None:
    page = watched.page
    blocked: list[str] = []

    def loopback_only(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", loopback_only)
    page.goto(f"{site}/docs")
    experts = page.locator(".opblock-summary-path[data-path='/v1/experts']")
    expect(experts).to_be_visible()
    expect(page.locator(".info .title")).to_contain_text("copgraph")
    experts.click()
    expect(page.locator(".opblock.is-open .parameters").first).to_contain_text("limit")
    assert blocked == [], "the docs asked for something off this machine"
