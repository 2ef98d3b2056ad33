"""Two members called สมชาย ใจดี are told apart by community and main domain (issue 17)."""

from __future__ import annotations

import pytest

from tests.api.conftest import LiveApi

pytestmark = pytest.mark.model

SOMCHAI = ("somchai.k", "somchai.p")


def test_namesakes_profiles_say_what_tells_them_apart(live_api: LiveApi) -> None:
    with live_api.client("admin") as client:
        english = [client.get(f"/v1/people/{person}").json() for person in SOMCHAI]
        thai = [
            client.get(f"/v1/people/{person}", headers={"Accept-Language": "th"}).json()
            for person in SOMCHAI
        ]
        malee = client.get("/v1/people/malee").json()
    assert english[0]["name"] == english[1]["name"] == "สมชาย ใจดี"
    told = [profile["distinguished_by"] for profile in english]
    assert all(told) and told[0] != told[1], told
    assert all(" · " in line for line in told)
    assert [p["distinguished_by"] for p in thai] != told, "Thai names of the community and domain"
    assert malee["distinguished_by"] is None, "a name nobody else has needs nothing"


def test_namesakes_in_expert_lists_and_domain_pages_carry_the_same_line(
    live_api: LiveApi,
) -> None:
    with live_api.client("admin") as client:
        lines = {p: client.get(f"/v1/people/{p}").json()["distinguished_by"] for p in SOMCHAI}
        listed = {}
        for query in ("organic rice", "SBAR handover", "composting", "after action review"):
            for expert in client.get("/v1/experts", params={"q": query, "limit": 50}).json()[
                "results"
            ]:
                listed[expert["id"]] = expert["distinguished_by"]
        domains = [d["id"] for d in client.get("/v1/domains").json()]
        on_pages = {
            e["person_id"]: e["distinguished_by"]
            for d in domains
            for e in client.get(f"/v1/domains/{d}").json()["experts"]
        }
    found = [p for p in SOMCHAI if p in listed]
    assert found, "a namesake is listed for one of the queries"
    assert all(listed[p] == lines[p] for p in found)
    assert all(on_pages[p] == lines[p] for p in SOMCHAI if p in on_pages)
    assert all(line is None for person, line in listed.items() if person not in SOMCHAI)


def test_the_embed_card_names_a_namesake_with_their_community_and_domain(
    live_api: LiveApi,
) -> None:
    params = {"q": "organic rice", "limit": "10"}
    with live_api.client() as client:
        thai = client.get("/embed/recommendations", params={**params, "lang": "th"}).text
        english = client.get("/embed/recommendations", params={**params, "lang": "en"}).text
    assert "สมชาย ใจดี (Organic Farming and Water CoP · Organic farming)</a>" in english
    assert "สมชาย ใจดี (ชุมชนนักปฏิบัติเกษตรอินทรีย์และการจัดการน้ำ · เกษตรอินทรีย์)</a>" in thai
