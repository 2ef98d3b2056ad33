"""`GET /v1/communities`: what the `community` filters take, private ones only where allowed."""

from __future__ import annotations

import pytest

from tests.api.conftest import LiveApi

pytestmark = pytest.mark.model


def test_each_key_lists_the_communities_it_may_see(live_api: LiveApi) -> None:
    listed = {}
    for key in (None, "reader", "health-reader", "admin"):
        with live_api.client(key) as client:
            response = client.get("/v1/communities")
            assert response.status_code == 200, response.text
            listed[key] = [community["id"] for community in response.json()]
    assert listed[None] == listed["reader"] == ["cop-agri", "cop-km"]
    assert listed["health-reader"] == listed["admin"] == ["cop-agri", "cop-health", "cop-km"]
    with live_api.client("admin") as admin:
        health = next(c for c in admin.get("/v1/communities").json() if c["id"] == "cop-health")
    assert health["private"] is True and health["name"] == "Nursing and Patient Safety CoP"


def test_a_thai_reader_gets_thai_names_and_descriptions_with_both_beside(
    live_api: LiveApi,
) -> None:
    with live_api.client() as client:
        by_header = client.get("/v1/communities", headers={"Accept-Language": "th-TH,th;q=0.9"})
        by_lang = client.get("/v1/communities", params={"lang": "th"})
        english = client.get("/v1/communities")
    assert by_header.json() == by_lang.json()
    assert by_header.headers["content-language"] == "th"
    agri = next(c for c in by_header.json() if c["id"] == "cop-agri")
    assert agri["name"] == "ชุมชนนักปฏิบัติเกษตรอินทรีย์และการจัดการน้ำ"
    assert agri["description"].startswith("เกษตรกร เจ้าหน้าที่ส่งเสริมการเกษตร")
    assert agri["names"] == {"en": "Organic Farming and Water CoP", "th": agri["name"]}
    assert agri["descriptions"]["th"] == agri["description"]
    assert english.headers["content-language"] == "en"
    agri_en = next(c for c in english.json() if c["id"] == "cop-agri")
    assert agri_en["name"] == "Organic Farming and Water CoP"
    assert agri_en["description"].startswith("Farmers, extension workers")


def test_domains_are_described_in_the_readers_language(live_api: LiveApi) -> None:
    thai = {"Accept-Language": "th"}
    with live_api.client() as client:
        listed = {d["id"]: d for d in client.get("/v1/domains", headers=thai).json()}
        detail = client.get("/v1/domains/composting", headers=thai)
        english = client.get("/v1/domains/composting").json()
    assert detail.headers["content-language"] == "th"
    assert detail.json()["description"].startswith("การทำปุ๋ยหมักจากฟางข้าว")
    assert listed["composting"]["description"] == detail.json()["description"]
    assert english["description"].startswith("Turning crop residues")
    assert english["descriptions"] == {
        "en": english["description"],
        "th": listed["composting"]["description"],
    }


def test_the_embed_card_names_communities_in_its_language(live_api: LiveApi) -> None:
    params = {"q": "composting rice straw", "limit": "3"}
    with live_api.client() as client:
        thai = client.get("/embed/recommendations", params={**params, "lang": "th"}).text
        english = client.get("/embed/recommendations", params={**params, "lang": "en"}).text
    assert "ชุมชนนักปฏิบัติเกษตรอินทรีย์และการจัดการน้ำ</a>" in thai
    assert "Organic Farming and Water CoP</a>" in english
