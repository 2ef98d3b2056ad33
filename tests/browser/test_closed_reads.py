"""When anonymous reads are off, the page asks for an API key and sends it."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import READ_KEY, Watched


def test_page_asks_for_a_key_keeps_it_in_the_tab_and_sends_it(
    watched: Watched, closed_site: str
) -> None:
    page = watched.page
    page.goto(f"{closed_site}/#/gaps")
    expect(page.locator("main [role=alert]")).to_have_text("Enter an API key to continue.")
    expect(page.locator("#key-panel")).to_have_attribute("open", "")
    expect(page.locator("#api-key")).to_be_focused()
    assert watched.problems and all("401" in problem for problem in watched.problems)
    watched.problems.clear()  # the refused reads the page handled, logged as failed loads
    page.locator("#api-key").fill(READ_KEY)
    with page.expect_request("**/v1/gaps?*") as sent:
        page.locator("#api-key").press("Enter")
    assert sent.value.headers.get("x-api-key") == READ_KEY
    expect(page.locator("main h1")).to_have_text("Expertise gap map")
    assert page.evaluate("() => sessionStorage.getItem('copgraph.apiKey')") == READ_KEY
    assert page.evaluate("() => localStorage.getItem('copgraph.apiKey')") is None
