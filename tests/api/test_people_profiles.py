"""People own their profile, through HTTP on both stores: hidden skills never rank,
confirmed ones count a little more, declared ones rank after evidence and show in the gap
map, people who left are never suggested but their knowledge is counted as at risk, and
only the person's portal sees status, declarations and the change log."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.api.conftest import LiveApi

COMPOST = "how do I make compost from rice straw"


@pytest.fixture
def portal(live_api: LiveApi) -> Iterator[httpx.Client]:
    """A `profile` key's client; every profile it touched is reset afterwards."""
    with live_api.client("portal") as client:
        yield client
        for person in ("malee", "somchai.k", "sunee", "kittipong"):
            client.put(f"/v1/people/{person}/skills", json={"skills": []}).raise_for_status()
            client.put(f"/v1/people/{person}/status", json={"status": "active"}).raise_for_status()


def _experts(client: httpx.Client, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/experts", params=params)
    response.raise_for_status()
    results: list[dict[str, Any]] = response.json()["results"]
    return results


def _gap(client: httpx.Client, domain_id: str) -> dict[str, Any]:
    gaps = client.get("/v1/gaps").json()["gaps"]
    found: dict[str, Any] = next(g for g in gaps if g["domain_id"] == domain_id)
    return found


def test_a_hidden_skill_is_never_shown_nor_ranked(live_api: LiveApi, portal: httpx.Client) -> None:
    with live_api.client("reader") as reader:
        assert "malee" in [e["id"] for e in _experts(reader, q=COMPOST)]
        hidden = {"actor": "malee", "skills": [{"domain_id": "composting", "kind": "hidden"}]}
        portal.put("/v1/people/malee/skills", json=hidden).raise_for_status()
        assert "malee" not in [e["id"] for e in _experts(reader, q=COMPOST)]
        assert "malee" not in [e["id"] for e in _experts(reader, q="compost", domain="composting")]
        profile = reader.get("/v1/people/malee").json()
        assert "composting" not in [d["domain_id"] for d in profile["domains"]]
        assert "composting" not in [s["domain_id"] for s in profile["skills"]]
        page = reader.get("/v1/domains/composting").json()
        assert "malee" not in [e["person_id"] for e in page["experts"]]
        portal.put("/v1/people/malee/skills", json={"skills": []}).raise_for_status()
        assert "malee" in [e["id"] for e in _experts(reader, q=COMPOST)]


def test_a_confirmed_skill_counts_a_little_more(live_api: LiveApi, portal: httpx.Client) -> None:
    query = {"q": "organic farming without chemical fertiliser"}
    with live_api.client("reader") as reader:
        before = next(e for e in _experts(reader, **query) if e["id"] == "somchai.k")
        assert "confirmed" not in before["signals"]
        body = {"skills": [{"domain_id": "organic-farming", "kind": "confirmed"}]}
        portal.put("/v1/people/somchai.k/skills", json=body).raise_for_status()
        after = next(e for e in _experts(reader, **query) if e["id"] == "somchai.k")
        assert 0 < after["signals"]["confirmed"] <= 0.1 * before["score"]
        assert after["score"] > before["score"]
        skills = reader.get("/v1/people/somchai.k").json()["skills"]
        confirmed = next(s for s in skills if s["domain_id"] == "organic-farming")
        assert confirmed["kind"] == "confirmed" and "confirmed by portal" in confirmed["why"]


def test_a_declaration_without_evidence_ranks_after_evidence_and_is_flagged(
    live_api: LiveApi, portal: httpx.Client
) -> None:
    with live_api.client("reader") as reader:
        before = _experts(reader, q="telling stories", domain="storytelling")
        assert before and "sunee" not in [e["id"] for e in before]
        body = {
            "actor": "sunee",
            "skills": [{"domain_id": "storytelling", "kind": "declared", "level": "advanced"}],
        }
        portal.put("/v1/people/sunee/skills", json=body).raise_for_status()
        after = _experts(reader, q="telling stories", domain="storytelling")
        assert [e["id"] for e in after] == [e["id"] for e in before] + ["sunee"]
        assert after[-1]["basis"] == "declared" and after[-1]["score"] == 0
        assert all(e["basis"] == "evidence" and e["score"] > 0 for e in after[:-1])
        gap = _gap(reader, "storytelling")
        assert gap["declared_only"] == 1
        assert "declared, no evidence yet: 1 person" in gap["reasons"]
        skills = portal.get("/v1/people/sunee").json()["skills"]
        declared = next(s for s in skills if s["domain_id"] == "storytelling")
        assert (declared["kind"], declared["level"], declared["score"]) == (
            "declared",
            "advanced",
            None,
        )
        assert declared["why"].startswith("says they know it")


def test_who_left_is_never_suggested_and_their_knowledge_is_at_risk(
    live_api: LiveApi, portal: httpx.Client
) -> None:
    with live_api.client("reader") as reader:
        gap_before = _gap(reader, "composting")
        people = reader.get("/v1/recommendations", params={"q": COMPOST}).json()["people"]
        assert "malee" in [p["id"] for p in people]
        body = {"status": "left", "since": "2026-01-31", "actor": "hr"}
        portal.put("/v1/people/malee/status", json=body).raise_for_status()
        people = reader.get("/v1/recommendations", params={"q": COMPOST}).json()["people"]
        assert people and "malee" not in [p["id"] for p in people]
        assert "malee" not in [e["id"] for e in _experts(reader, q=COMPOST)]
        card = reader.get("/embed/recommendations", params={"q": COMPOST, "limit": 5}).text
        assert "มาลี" not in card
        gap = _gap(reader, "composting")
        assert gap["left_experts"] == 1 and "at risk: the expert left" in gap["reasons"]
        assert gap["experts"] == gap_before["experts"], "their knowledge still counts"
        assert gap["bus_factor"] == gap_before["bus_factor"] - 1


def test_only_the_persons_portal_sees_status_declarations_and_changes(
    live_api: LiveApi, portal: httpx.Client
) -> None:
    body = {"status": "away", "until": "2099-01-31", "available_for_questions": False}
    portal.put("/v1/people/kittipong/status", json={**body, "actor": "kittipong"})
    declared = {"skills": [{"domain_id": "nursing", "kind": "declared", "note": "ward nurse"}]}
    portal.put("/v1/people/kittipong/skills", json=declared).raise_for_status()
    own = portal.get("/v1/people/kittipong").json()
    assert own["private"]["status"]["status"] == "away"
    assert own["private"]["status"]["available_for_questions"] is False
    mine = own["private"]["changes"][-2:]  # earlier tests' resets to active are logged too
    assert [(c["subject"], c["after"]) for c in mine] == [
        ("status", "away until 2099-01-31, not available for questions"),
        ("skill:nursing", "declared"),
    ]
    assert mine[0]["by"] == "portal for kittipong"
    assert mine[0]["at"]
    assert "nursing" in [s["domain_id"] for s in own["skills"]]
    for key in ("reader", "writer", None):
        with live_api.client(key) as client:
            seen = client.get("/v1/people/kittipong")
            assert seen.status_code == 200
            assert seen.json()["private"] is None
            assert "nursing" not in [s["domain_id"] for s in seen.json()["skills"]]
            assert "away" not in seen.text and "ward nurse" not in seen.text
            refused = client.put("/v1/people/kittipong/skills", json={"skills": []})
            assert refused.status_code in (401, 403)
    with live_api.client("admin") as admin:
        assert admin.get("/v1/people/kittipong").json()["private"]["status"]["status"] == "away"


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ({"skills": [{"domain_id": "no-such-domain", "kind": "declared"}]}, "no-such-domain"),
        ({"skills": [{"domain_id": "nursing", "kind": "confirmed"}]}, "declare it instead"),
        (
            {"skills": [{"domain_id": "composting", "kind": "hidden"}] * 2},
            "listed twice",
        ),
        ({"skills": [{"domain_id": "composting", "kind": "famous"}]}, "kind"),
    ],
)
def test_bad_skills_are_refused_naming_the_problem(
    portal: httpx.Client, body: dict[str, Any], names: str
) -> None:
    before = portal.get("/v1/people/malee").json()["private"]["changes"]
    response = portal.put("/v1/people/malee/skills", json=body)
    assert response.status_code == 422
    assert names in response.text
    assert portal.get("/v1/people/malee").json()["private"]["changes"] == before


def test_unknown_people_and_bad_statuses(portal: httpx.Client) -> None:
    assert portal.put("/v1/people/nobody/skills", json={"skills": []}).status_code == 404
    assert portal.put("/v1/people/nobody/status", json={"status": "left"}).status_code == 404
    away = portal.put("/v1/people/malee/status", json={"status": "away"})
    assert away.status_code == 422 and "until" in away.text


@pytest.mark.parametrize(
    ("key", "own", "other"),
    [("malee-portal", "malee", "sunee"), ("nurses-portal", "pranee", "malee")],
)
def test_a_profile_key_acts_only_for_its_portals_members(
    live_api: LiveApi, portal: httpx.Client, key: str, own: str, other: str
) -> None:
    """`acts_for` binds a key to people (malee) or a community's members (cop-health's)."""
    with live_api.client(key) as client:
        refused = client.put(f"/v1/people/{other}/status", json={"status": "left"})
        assert refused.status_code == 403
        assert f"{other!r} is not one of them" in refused.json()["detail"]
        assert "acts_for" in refused.json()["detail"]
        assert client.put(f"/v1/people/{other}/skills", json={"skills": []}).status_code == 403
        assert client.get(f"/v1/people/{other}").json()["private"] is None
        assert client.put("/v1/people/nobody/skills", json={"skills": []}).status_code == 403
        body = {"status": "away", "until": "2099-01-31", "actor": own}
        assert client.put(f"/v1/people/{own}/status", json=body).status_code == 200
        assert client.get(f"/v1/people/{own}").json()["private"]["status"]["status"] == "away"
        client.put(f"/v1/people/{own}/status", json={"status": "active"}).raise_for_status()
    changes = portal.get(f"/v1/people/{other}").json()["private"]["changes"]
    assert all(change["by"] != key for change in changes), "nothing of theirs changed"
