"""What the web page needs from the API, over HTTP on every backend: its own files under a
strict policy, a domain's practices and people's names, and health scores month by month."""

from __future__ import annotations

from tests.api.conftest import LiveApi


def test_page_and_its_files_are_served_under_a_strict_policy(live_api: LiveApi) -> None:
    with live_api.client() as client:
        page = client.get("/")
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        policy = page.headers["content-security-policy"]
        assert "script-src 'self'" in policy and "default-src 'none'" in policy
        assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
        assert '<script type="module" src="/static/app.js">' in page.text
        script = client.get("/static/app.js")
        assert script.headers["content-type"].startswith("text/javascript")
        missing = client.get("/static/../routers/web.py")
        assert missing.status_code == 404
        assert client.get("/static/nothing.js").headers["content-type"] == (
            "application/problem+json"
        )
        paths = client.get("/openapi.json").json()["paths"]
        assert "/" not in paths and not any(path.startswith("/static") for path in paths)


def test_domain_detail_names_its_experts_and_lists_their_practices(live_api: LiveApi) -> None:
    with live_api.client() as client:
        detail = client.get("/v1/domains/composting").json()
    malee = next(e for e in detail["experts"] if e["person_id"] == "malee")
    assert malee["name"] == "มาลี สุวรรณรัตน์"
    experts = {e["person_id"] for e in detail["experts"]}
    practices = detail["practices"]
    assert "practice:agri-003" in {p["id"] for p in practices}, "malee's Mae Jo composting"
    for practice in practices:
        assert "composting" in practice["domain_ids"]
        assert experts & set(practice["author_ids"]), "written by an expert shown"


def test_health_scores_for_every_month_from_the_first_activity_to_the_last(
    live_api: LiveApi,
) -> None:
    with live_api.client() as client:
        health = client.get("/v1/communities/cop-agri/health").json()
    months = list(health["monthly_scores"])
    active = sorted(set(health["monthly"]) - {"undated"})
    assert months[0] == active[0] and months[-1] == active[-1] and set(active) <= set(months)
    numbers = [int(y) * 12 + int(m) for y, m in (month.split("-") for month in months)]
    assert numbers == list(range(numbers[0], numbers[-1] + 1)), "quiet months are there too"
    for scores in health["monthly_scores"].values():
        assert set(scores) == {"head", "heart", "hand"}
        assert all(0.0 <= value <= 1.0 for value in scores.values())


def test_api_docs_are_served_from_this_origin_without_inline_script(live_api: LiveApi) -> None:
    with live_api.client() as client:
        page = client.get("/docs")
        assert page.status_code == 200
        assert "script-src 'self'" in page.headers["content-security-policy"]
        assert "<script>" not in page.text and "cdn" not in page.text.lower()
        bundle = client.get("/docs/assets/swagger-ui-bundle.js")
        assert bundle.status_code == 200 and "SwaggerUIBundle" in bundle.text[:2000]
        assert client.get("/static/docs.js").status_code == 200
        assert client.get("/docs/assets/core.py").status_code == 404
        assert client.get("/redoc").status_code == 404, "no page that needs a CDN"
