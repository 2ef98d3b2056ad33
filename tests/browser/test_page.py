"""The web page at `/`, end to end in headless Chromium, over the sample corpus.

Planted facts (ingest/sample/README.md): malee is the composting expert, in Thai and in
English; water-management is the gap; cop-agri is a community with dated activity.
"""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path
from urllib.parse import quote

import httpx
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS, Watched

MALEE = "มาลี สุวรรณรัตน์"


def _search(page: Page, site: str, query: str, lang: str = "") -> None:
    prefix = f"/?lang={lang}" if lang else "/"
    page.goto(f"{site}{prefix}#/experts?q={quote(query)}")
    expect(page.locator("ol.experts > li").first).to_be_visible()


def _focused(page: Page) -> str:
    """The focused element as `tag#id.class` (enough to tell where Tab went)."""
    described: str = page.evaluate(
        "() => { const e = document.activeElement;"
        " return `${e.tagName.toLowerCase()}#${e.id}.${e.className}`; }"
    )
    return described


def test_english_query_shows_the_composting_expert_with_evidence(
    watched: Watched, site: str
) -> None:
    page = watched.page
    # "composting rice straw" is also the title of david.chen's English how-to, which ranks
    # him beside malee there (tests/api/test_api.py); the field is malee's.
    _search(page, site, "composting")
    top = page.locator("ol.experts > li").first
    expect(top.locator("a.person-link")).to_have_text(MALEE)
    expect(top.locator("a.person-link")).to_have_attribute("href", "#/people/malee")
    evidence = top.locator("details.evidence")
    expect(evidence).to_have_attribute("open", "")
    items = evidence.locator("li.evidence-item")
    assert items.count() >= 2
    expect(items.first.locator(".role")).to_have_text("answered")
    expect(items.first.locator(".contribution")).to_contain_text("to the score")
    api = httpx.get(f"{site}/v1/experts", params={"q": "composting"}).json()
    shown = [item["url"] for item in api["results"][0]["evidence"]]
    assert items.locator("h4 a").evaluate_all("links => links.map(a => a.href)") == shown
    second = page.locator("ol.experts > li").nth(1).locator("details.evidence")
    expect(second).not_to_have_attribute("open", "")
    second.locator("summary").click()
    expect(second.locator("li.evidence-item").first).to_be_visible()
    expect(page.locator("#status")).to_contain_text("know about “composting”")


def test_thai_query_typed_in_the_thai_page_finds_the_expert(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(f"{site}/?lang=th")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("h1 label")).to_have_text("ใครรู้เรื่อง…")
    page.locator("#q").fill("การทำปุ๋ยหมัก")
    page.locator("#q").press("Enter")
    top = page.locator("ol.experts > li").first
    expect(top.locator("a.person-link")).to_have_text(MALEE)
    expect(top.locator("summary")).to_contain_text("หลักฐาน")
    expect(top.locator(".role").first).to_have_text("ผู้ตอบ")
    assert "#/experts?q=" in page.url and "lang=th" in page.url


def test_keyboard_only_search_and_open_a_profile(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(f"{site}/")
    expect(page.locator(".domain-grid")).to_be_visible()
    page.keyboard.press("Tab")
    assert _focused(page).startswith("a#skip"), "the skip link comes first"
    page.keyboard.press("Enter")
    assert _focused(page).startswith("main#main"), "the skip link skips to the content"
    page.keyboard.press("Tab")
    assert _focused(page).startswith("input#q"), "the search box is the first thing in it"
    page.keyboard.type("composting")
    page.keyboard.press("Enter")
    expect(page.locator("ol.experts > li").first).to_be_visible()
    for _ in range(12):
        if "person-link" in _focused(page):
            break
        page.keyboard.press("Tab")
    assert "person-link" in _focused(page), "Tab reaches the first result"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "keyboard focus is visible"
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{site}/#/people/malee")
    expect(page.locator("main h1")).to_have_text(MALEE)
    expect(page.locator("main h1")).to_be_focused()


def test_profile_lists_domains_contributions_and_links_to_community_health(
    watched: Watched, site: str
) -> None:
    page = watched.page
    page.goto(f"{site}/#/people/malee")
    expect(page.locator("main h1")).to_have_text(MALEE)
    expect(page.locator("ul.scores a").first).to_have_text("Composting")
    expect(page.locator("ol.contributions .badge").first).to_have_text("accepted answer")
    assert page.locator("ul.practices > li").count() >= 1
    page.locator("ol.contributions a[href='#/communities/cop-agri/health']").first.click()
    expect(page.locator("main h1")).to_contain_text("Health of Organic Farming and Water CoP")


def test_domain_page_draws_people_and_practices_around_the_domain(
    watched: Watched, site: str
) -> None:
    page = watched.page
    page.goto(f"{site}/#/domains/composting")
    graph = page.locator("svg.graph")
    expect(graph).to_be_visible()
    expect(graph.locator(".node-domain text")).to_have_text("Composting")
    people = graph.locator("a.node-person")
    assert people.count() >= 3
    expect(graph.locator("a.node-person[href='#/people/malee']")).to_have_attribute(
        "aria-label", MALEE
    )
    assert graph.locator(".node-practice").count() >= 1
    assert graph.locator("line.edge-expert").count() == people.count()
    assert graph.locator("line.edge-practice").count() >= 1
    rows = page.locator("table.data tbody tr")
    assert rows.count() == people.count(), "the table lists the same experts as the graph"
    page.locator("ul.practices button").first.click()
    related = page.locator("ul.practices .related").first
    links = related.locator("li a")
    expect(links.first).to_be_visible()  # waits out the loading line the list replaces
    assert links.count() == related.locator("li").count(), "every related practice is a link"
    assert all(
        href.startswith(("#/domains/", "#/experts?q="))
        for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    )


def test_gap_map_highlights_the_biggest_gap(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(f"{site}/#/gaps")
    chart = page.locator("svg.scatter")
    expect(chart).to_be_visible()
    top = chart.locator("a.point-top")
    expect(top).to_have_count(1)
    expect(top).to_have_attribute("href", "#/domains/water-management")
    expect(top.locator("text")).to_have_text("Community water management")
    expect(chart.locator("title").first).to_contain_text("biggest: Community water management")
    gaps = page.locator("table.gaps-table tbody tr.is-gap")
    expect(gaps.first.locator("th")).to_have_text("Community water management")
    assert chart.locator("a.point-top, a.point-gap").count() == gaps.count()
    expect(gaps.first.locator("td[data-label='Why']")).to_contain_text("nobody answered")
    expect(gaps.first.locator("td.action strong")).not_to_be_empty()
    expect(gaps.first.locator("td.action .because")).to_contain_text("Because: ")
    expect(page.locator("p.as-of")).to_contain_text("The 12 months up to 11 Jun 2025.")
    expect(page.locator("p.as-of")).to_contain_text("ends at its newest content")


def test_health_page_shows_head_heart_and_hand_over_time(watched: Watched, site: str) -> None:
    page = watched.page
    health = httpx.get(f"{site}/v1/communities/cop-agri/health").json()
    name = next(
        c["name"] for c in httpx.get(f"{site}/v1/communities").json() if c["id"] == "cop-agri"
    )
    page.goto(f"{site}/#/communities/cop-agri/health")
    expect(page.locator("main h1")).to_have_text(f"Health of {name}")
    months = sorted(health["monthly_scores"])
    expect(page.locator("p.as-of")).to_contain_text("As of ")
    cards = page.locator("article.factor")
    expect(cards).to_have_count(3)
    expect(cards.locator("h2")).to_have_text(["Head", "Heart", "Hand"])
    latest = health["monthly_scores"][months[-1]]["head"]
    expect(cards.first.locator(".big")).to_contain_text(f"{round(latest * 100)}%")
    for card in cards.all():
        points = card.locator("polyline").get_attribute("points") or ""
        assert len(points.split()) >= 2, "a line over at least two months"
        expect(card.locator(".level")).to_have_text(re.compile("^(strong|fair|weak)$"))
        expect(card.locator("p.reading")).not_to_be_empty()
    expect(page.locator("article.factor-heart")).to_contain_text("Gini: 0 when everyone")
    page.locator("main details summary").click()
    rows = page.locator("main details table tbody tr")
    expect(rows).to_have_count(len(months)), "every month, quiet ones too"


def test_language_toggle_switches_labels_and_remembers(watched: Watched, site: str) -> None:
    page = watched.page
    page.goto(f"{site}/#/gaps")
    expect(page.locator("main h1")).to_have_text("Expertise gap map")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#lang-toggle").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.locator("main h1")).to_have_text("แผนที่ช่องว่างความเชี่ยวชาญ")
    expect(page.locator("nav a[data-nav='search']")).to_have_text("ค้นหาผู้รู้")
    expect(page.locator("table.gaps-table tbody tr").first.locator("th")).to_have_text(
        "การจัดการน้ำชุมชน"
    )
    expect(page.locator("#lang-toggle")).to_have_text("English")
    page.reload()
    expect(page.locator("main h1")).to_have_text("แผนที่ช่องว่างความเชี่ยวชาญ")
    page.locator("#lang-toggle").click()
    expect(page.locator("main h1")).to_have_text("Expertise gap map")


def test_page_is_served_under_a_strict_policy_that_chromium_enforces(
    watched: Watched, site: str
) -> None:
    page = watched.page
    response = page.goto(f"{site}/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "connect-src 'self'" in policy
    expect(page.locator(".domain-grid")).to_be_visible()
    page.evaluate(
        """() => { const script = document.createElement("script");
        script.textContent = "window.injected = true"; document.body.append(script); }"""
    )
    expect(page.locator("body")).to_be_visible()
    assert page.evaluate("() => window.injected") is None, "an inline script ran"
    assert any("CSP violation: script-src" in problem for problem in watched.problems)
    watched.problems.clear()


def test_readme_screenshot_a_thai_question_answered_with_thai_and_english_evidence(
    watched: Watched, site: str
) -> None:
    """Also the README's picture: `scripts/screenshot` sets COPGRAPH_SCREENSHOT_TO."""
    page = watched.page
    _search(page, site, "การทำปุ๋ยหมักจากฟางข้าว")
    top = page.locator("ol.experts > li").first
    expect(top.locator("a.person-link")).to_have_text(MALEE)
    titles = top.locator("li.evidence-item h4").all_inner_texts()
    assert any("Compost pile" in title for title in titles), "English evidence for a Thai query"
    assert any("ปุ๋ยหมัก" in title for title in titles)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    picture = ARTIFACTS / "readme.png"
    page.screenshot(path=picture)
    if target := os.environ.get("COPGRAPH_SCREENSHOT_TO"):
        shutil.copyfile(picture, Path(target))


def test_a_query_nobody_can_answer_says_so_and_points_to_the_communities(
    watched: Watched, site: str
) -> None:
    page = watched.page
    page.goto(f"{site}/?lang=en#/experts?q={quote('zzxqv')}")
    expect(page.locator("h2.results-title")).to_have_text(
        "Nobody here has written about “zzxqv” yet."
    )
    card = page.locator(".nobody-yet")
    expect(card.locator("blockquote")).to_have_text("zzxqv")
    expect(card.locator("a")).to_have_attribute("href", "#/communities")
    expect(page.locator("ol.experts > li")).to_have_count(0)


def test_a_card_s_numbers_add_up_to_its_score(watched: Watched, site: str) -> None:
    page = watched.page
    _search(page, site, "drip irrigation", lang="en")
    top = page.locator("ol.experts > li").first
    api = httpx.get(f"{site}/v1/experts", params={"q": "drip irrigation"}).json()["results"][0]
    lines = top.locator("ul.score-rest li").all_inner_texts()
    expected = (1 if api["more_evidence"] else 0) + len(api["signals"])
    assert len(lines) == expected, lines
    if api["more_evidence"]:
        more = api["more_evidence"]
        assert lines[0].startswith(f"and {more} more {'item' if more == 1 else 'items'}:")


def test_gap_map_period_form_and_downloads_in_thai(watched: Watched, site: str) -> None:
    """A KM lead picks a period, reads the date it is as of, and downloads both files."""
    from openpyxl import load_workbook

    page = watched.page
    page.goto(f"{site}/?lang=th#/gaps")
    expect(page.locator("p.as-of")).to_contain_text("ข้อมูล 12 เดือนจนถึงวันที่")
    page.locator("#months").select_option("6")
    page.locator("#as_of").fill("2024-06-30")
    page.locator("form.period button[type=submit]").click()
    expect(page).to_have_url(f"{site}/?lang=th#/gaps?months=6&as_of=2024-06-30")
    expect(page.locator("p.as-of")).to_have_text("ข้อมูล 6 เดือนจนถึงวันที่ 30 มิ.ย. 2567")
    with page.expect_download() as csv_file:
        page.locator(".exports button[data-format=csv]").click()
    text = Path(csv_file.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeff") and "การทำปุ๋ยหมัก" in text
    assert csv_file.value.suggested_filename == "copgraph-gaps-2024-06-30.csv"
    with page.expect_download() as xlsx_file:
        page.locator(".exports button[data-format=xlsx]").click()
    assert xlsx_file.value.suggested_filename == "copgraph-gaps-2024-06-30.xlsx"
    book = load_workbook(io.BytesIO(Path(xlsx_file.value.path()).read_bytes()))
    sheet = book.worksheets[0]
    assert sheet["B1"].value == "สาขาความรู้"
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "การทำปุ๋ยหมัก" in names


def test_health_downloads_in_thai_read_back(watched: Watched, site: str) -> None:
    from openpyxl import load_workbook

    page = watched.page
    page.goto(f"{site}/?lang=th#/communities/cop-agri/health")
    expect(page.locator("article.factor")).to_have_count(3)
    months = sorted(httpx.get(f"{site}/v1/communities/cop-agri/health").json()["monthly_scores"])
    with page.expect_download() as csv_file:
        page.locator(".exports button[data-format=csv]").click()
    assert csv_file.value.suggested_filename == "copgraph-health-cop-agri.csv"
    text = Path(csv_file.value.path()).read_bytes().decode("utf-8")
    assert text.startswith("\ufeffเดือน,การเรียนรู้ร่วมกัน,")
    assert len(text.strip().splitlines()) == 1 + len(months)
    with page.expect_download() as xlsx_file:
        page.locator(".exports button[data-format=xlsx]").click()
    sheet = load_workbook(io.BytesIO(Path(xlsx_file.value.path()).read_bytes())).worksheets[0]
    assert str(sheet["A1"].value).startswith("ชุมชนนักปฏิบัติเกษตรอินทรีย์")
    assert sheet["A2"].value == "เดือน" and sheet["A3"].value == months[0]


def test_back_after_switching_language_shows_the_page_of_the_address(
    watched: Watched, site: str
) -> None:
    page = watched.page
    page.goto(f"{site}/#/people/malee")
    expect(page.locator("main h1")).to_have_text(MALEE)
    page.locator("ul.scores a").first.click()
    expect(page.locator("main h1")).to_have_text("Composting")
    page.locator("#lang-toggle").click()
    expect(page.locator("main h1")).to_have_text("การทำปุ๋ยหมัก")
    page.go_back()
    expect(page).to_have_url(re.compile(r"#/people/malee$"))
    expect(page.locator("main h1")).to_have_text(MALEE)
    expect(page.locator("ul.scores a").first).to_have_text("การทำปุ๋ยหมัก")
    page.go_forward()
    expect(page.locator("main h1")).to_have_text("การทำปุ๋ยหมัก")


def test_english_counts_take_the_singular_for_one(watched: Watched, site: str) -> None:
    """ "1 item", not "1 items": a profile's counts, checked against the API's numbers."""
    page = watched.page
    seen = []
    for person in ("malee", "david.chen", "somchai.k", "wichai"):
        counts = [
            d["evidence_count"] for d in httpx.get(f"{site}/v1/people/{person}").json()["domains"]
        ]
        page.goto(f"{site}/?lang=en#/people/{person}")
        shown = page.locator("ul.scores li .muted")
        expect(shown).to_have_count(len(counts))
        expect(shown).to_have_text([f"{n} item" if n == 1 else f"{n} items" for n in counts])
        seen += counts
    assert 1 in seen, "the sample has a one-item domain to check the singular on"


def test_namesakes_are_told_apart_on_their_profiles(watched: Watched, site: str) -> None:
    page = watched.page
    lines = []
    for person in ("somchai.k", "somchai.p"):
        page.goto(f"{site}/#/people/{person}")
        expect(page.locator("main h1")).to_have_text("สมชาย ใจดี")
        line = page.locator("header .namesake")
        expect(line).to_be_visible()
        lines.append(line.inner_text())
    assert lines[0] != lines[1] and all(" · " in line for line in lines)
    page.goto(f"{site}/#/people/malee")
    expect(page.locator("main h1")).to_have_text(MALEE)
    expect(page.locator("header .namesake")).to_have_count(0)
