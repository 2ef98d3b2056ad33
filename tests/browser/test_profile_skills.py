"""The profile view in headless Chromium: skills shown as confirmed, inferred and declared,
and, with a `profile` key, the status and the controls to confirm, hide and declare."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from playwright.sync_api import Page, expect

from embeddings.base import Embedder
from graph_service.api.app import create_app
from graph_service.api.security import hash_key
from graph_service.config import Settings
from graph_service.store.embedded.store import EmbeddedStore
from tests.browser.conftest import Watched
from tests.live_server import serve
from tests.sample import ingest_sample

PROFILE_KEY = "browser-test-profile-key"


@pytest.fixture(scope="module")
def profile_site(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, sample_vectors: Path
) -> Iterator[str]:
    """The page over a store of its own (these tests change profiles), anonymous reads
    open, and a portal key with the `profile` scope."""
    folder = tmp_path_factory.mktemp("browser-profiles")
    entry = {
        "name": "portal",
        "sha256": hash_key(PROFILE_KEY),
        "scopes": ["read", "profile"],
        "acts_for": ["*"],
    }
    (folder / "keys.yaml").write_text(yaml.safe_dump([entry]), encoding="utf-8")
    settings = Settings(data_dir=folder / "data", api_keys_file=folder / "keys.yaml")
    store = EmbeddedStore.open(folder / "store")
    ingest_sample(store, settings, embedder, sample_vectors)
    with serve(create_app(settings, store=store, embedder=embedder)) as url:
        yield url
    store.close()


def _open_profile(page: Page, site: str, person: str, key: str | None = None) -> None:
    page.goto(f"{site}/")
    if key:
        page.evaluate("(key) => sessionStorage.setItem('copgraph.apiKey', key)", key)
    page.goto(f"{site}/#/people/{person}")
    expect(page.locator("main h1")).to_be_visible()


def test_a_reader_sees_skills_by_kind_without_controls_or_status(
    watched: Watched, profile_site: str
) -> None:
    page = watched.page
    _open_profile(page, profile_site, "malee")
    skills = page.locator("section", has=page.locator("h2", has_text="Skills"))
    expect(skills.locator("h3", has_text="Inferred from their writing")).to_be_visible()
    expect(skills.locator("li[data-domain=composting]")).to_contain_text("items about it")
    expect(skills.locator("button")).to_have_count(0)
    expect(skills.locator(".profile-status")).to_have_count(0)


def test_the_persons_portal_confirms_hides_and_declares(
    watched: Watched, profile_site: str
) -> None:
    page = watched.page
    _open_profile(page, profile_site, "malee", PROFILE_KEY)
    skills = page.locator("section", has=page.locator("h2", has_text="Skills"))
    expect(skills.locator(".profile-status")).to_have_text("Status: active")

    skills.locator("li[data-domain=composting]").get_by_role("button", name="Confirm").click()
    confirmed = skills.locator("ul.skills").first
    expect(skills.locator("h3").first).to_have_text("Confirmed")
    expect(confirmed.locator("li[data-domain=composting]")).to_contain_text("confirmed by portal")

    skills.locator("li[data-domain=agriculture]").get_by_role("button", name="Hide").click()
    hidden = skills.locator("ul.skills", has=page.locator("button", has_text="Show again"))
    expect(hidden.locator("li[data-domain=agriculture]")).to_be_visible()

    page.locator("#declare-domain").select_option("nursing")
    page.locator("#declare-level").select_option("advanced")
    page.get_by_role("button", name="Declare", exact=True).click()
    declared = skills.locator("li[data-domain=nursing]")
    expect(declared).to_contain_text("advanced")
    expect(declared).to_contain_text("says they know it")

    public = httpx.get(f"{profile_site}/v1/people/malee").json()
    assert "agriculture" not in [s["domain_id"] for s in public["skills"]]
    assert "nursing" not in [s["domain_id"] for s in public["skills"]]
    assert public["private"] is None
    own = httpx.get(f"{profile_site}/v1/people/malee", headers={"X-API-Key": PROFILE_KEY})
    claims = {(c["domain_id"], c["kind"]) for c in own.json()["private"]["claims"]}
    assert claims == {
        ("composting", "confirmed"),
        ("agriculture", "hidden"),
        ("nursing", "declared"),
    }
