"""Headless Chromium (Debian's, driven by Playwright) against a live API with the sample corpus.

Playwright never downloads a browser here: it launches `/usr/bin/chromium`. Where that is
missing the tests skip, except under CI or NEO4J_REQUIRED, where they fail. Every page is
watched for console errors, uncaught exceptions and Content-Security-Policy violations, and
every page the tests looked at leaves a screenshot in build/artifacts/browser/.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

from embeddings.base import Embedder
from graph_service.api.app import create_app
from graph_service.api.security import hash_key
from graph_service.config import Settings
from graph_service.store.base import GraphStore
from graph_service.store.embedded.store import EmbeddedStore
from tests.live_server import serve
from tests.sample import ingest_sample

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "artifacts" / "browser"
# Chromium logs CSP violations itself; this makes sure they surface even if it stops doing so.
REPORT_CSP = """document.addEventListener("securitypolicyviolation", (event) =>
  console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI}`));"""

READ_KEY = "browser-test-read-key"
expect.set_options(timeout=20_000)  # a shared 2-core machine can be slow to answer


@dataclass
class Watched:
    """A page and what went wrong on it: console errors, uncaught errors, CSP violations."""

    page: Page
    problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium, once per session."""
    if not CHROMIUM.exists():
        message = f"no Chromium at {CHROMIUM}: apt-get install chromium chromium-driver"
        if os.environ.get("CI") or os.environ.get("NEO4J_REQUIRED"):
            pytest.fail(f"{message} (CI runs the browser tests, it never skips them)")
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def sample(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, sample_vectors: Path
) -> Iterator[GraphStore]:
    """An embedded store holding the sample corpus, shared by the servers below."""
    folder = tmp_path_factory.mktemp("browser-sample")
    store = EmbeddedStore.open(folder / "store")
    ingest_sample(store, Settings(data_dir=folder / "data"), embedder, sample_vectors)
    yield store
    store.close()


@pytest.fixture(scope="session")
def site(
    tmp_path_factory: pytest.TempPathFactory, sample: GraphStore, embedder: Embedder
) -> Iterator[str]:
    """The API with anonymous reads (the default), serving the page; yields its base URL."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("browser-open"))
    with serve(create_app(settings, store=sample, embedder=embedder)) as url:
        yield url


@pytest.fixture(scope="session")
def closed_site(
    tmp_path_factory: pytest.TempPathFactory, sample: GraphStore, embedder: Embedder
) -> Iterator[str]:
    """The same data behind closed reads: only the key READ_KEY may read."""
    folder = tmp_path_factory.mktemp("browser-closed")
    entry = {"name": "reader", "sha256": hash_key(READ_KEY), "scopes": ["read"]}
    (folder / "keys.yaml").write_text(yaml.safe_dump([entry]), encoding="utf-8")
    settings = Settings(
        data_dir=folder / "data", api_keys_file=folder / "keys.yaml", anonymous_read=False
    )
    with serve(create_app(settings, store=sample, embedder=embedder)) as url:
        yield url


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The layout tests that measure the same page (the same `size`, `view` and `lang`) run
    one after another, in their order otherwise, so that each page is loaded once for all of
    them (tests/browser/test_layout.py, `_Pages`); nothing else moves."""
    slots = [
        index
        for index, item in enumerate(items)
        if isinstance(item, pytest.Function) and "show" in item.fixturenames
    ]
    first_seen: dict[tuple[object, ...], int] = {}

    def page_of(item: pytest.Item) -> int:
        params = item.callspec.params if isinstance(item, pytest.Function) else {}
        key = tuple(params.get(name) for name in ("size", "view", "lang"))
        return first_seen.setdefault(key, len(first_seen))

    grouped = sorted((items[index] for index in slots), key=page_of)
    for index, item in zip(slots, grouped, strict=True):
        items[index] = item


def _artifact_name(node_name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", node_name).strip("-")


@contextmanager
def watching(
    browser: Browser, viewport: ViewportSize, screenshot: str | None = None
) -> Iterator[Watched]:
    """A fresh English-language browser context at `viewport` that records what goes wrong
    on its page; with `screenshot`, leaves ARTIFACTS/<screenshot>.png of the page at the end.
    The fixtures of every browser test open their pages here, so all are watched alike."""
    context = browser.new_context(viewport=viewport, locale="en-GB")
    context.add_init_script(REPORT_CSP)
    page = context.new_page()
    seen = Watched(page)
    page.on("console", lambda m: seen.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: seen.problems.append(f"uncaught: {error}"))
    yield seen
    if screenshot is not None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{screenshot}.png", full_page=True)
    context.close()


@pytest.fixture
def watched(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Watched]:
    """A page at desktop size; fails the test on any problem it logged."""
    viewport: ViewportSize = {"width": 1280, "height": 900}
    with watching(browser, viewport, _artifact_name(request.node.name)) as seen:
        yield seen
    assert seen.problems == [], "the page logged errors or CSP violations"
