"""Error details follow Accept-Language: Thai for a Thai caller, codes unchanged (HTTP through
the real handlers, on a two-route app: no store needed to raise these)."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, HTTPException, Query
from fastapi.testclient import TestClient

from graph_service.api.problems import install_problem_handlers
from graph_service.errors import NotFound


def _client() -> TestClient:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/community/{community_id}")
    def community(community_id: str) -> None:
        raise NotFound("community", community_id)

    @app.get("/page")
    def page(limit: Annotated[int, Query(ge=1, le=100)] = 10) -> int:
        return limit

    @app.get("/closed")
    def closed() -> None:
        raise HTTPException(401, "unknown API key")

    return TestClient(app)


THAI = {"Accept-Language": "th-TH,th;q=0.9,en;q=0.5"}


def test_a_thai_caller_reads_the_detail_in_thai_with_the_same_code() -> None:
    client = _client()
    missing = client.get("/community/cop-agro", headers=THAI)
    too_many = client.get("/page", params={"limit": 1000}, headers=THAI)
    refused = client.get("/closed", headers=THAI)
    assert missing.status_code == 404 and missing.headers["content-language"] == "th"
    assert missing.json()["detail"] == "ไม่พบชุมชน 'cop-agro'"
    assert missing.json()["code"] == "not_found"
    assert too_many.json()["detail"] == "พารามิเตอร์ของคำขอไม่ถูกต้อง: limit ต้องไม่เกิน 100"
    assert too_many.json()["code"] == "validation_error"
    assert refused.json()["detail"].startswith("ต้องใช้คีย์ API")


def test_anyone_else_reads_english() -> None:
    client = _client()
    missing = client.get("/community/cop-agro", headers={"Accept-Language": "fr-FR"})
    too_many = client.get("/page", params={"limit": 1000})
    assert missing.json()["detail"] == "community 'cop-agro' not found"
    assert missing.headers["content-language"] == "en"
    assert too_many.json()["detail"] == "invalid request parameters: limit must be at most 100"
