"""Portals pushing content over HTTP: write scope, idempotence, size limits, deletion."""

from __future__ import annotations

import pytest

from tests.api.conftest import LiveApi, settled

pytestmark = pytest.mark.model

DISCUSSION = {
    "type": "discussion",
    "id": "portal-1",
    "title": "Beekeeping next to organic rice fields",
    "body": "Has anyone kept bees beside organic rice? How far should hives be from the paddy?",
    "author": {"id": "portal:ann", "name": "Ann Baker"},
    "community": "cop-agri",
    "posts": [
        {
            "id": "portal-1-a1",
            "kind": "answer",
            "author": {"id": "portal:bo", "name": "Bo"},
            "body": "Keep hives fifty metres from the paddy and never spray near flowering time.",
            "accepted": True,
            "score": 3,
        },
        {"id": "portal-1-c1", "kind": "comment", "author": {"id": "portal:ann"}, "body": "  "},
    ],
}


def test_writes_need_a_key_with_write_scope(live_api: LiveApi) -> None:
    with live_api.client() as anonymous:
        assert anonymous.post("/v1/discussions", json=DISCUSSION).status_code == 401
    with live_api.client("reader") as reader:
        assert reader.post("/v1/discussions", json=DISCUSSION).status_code == 403


def test_posted_discussion_is_searchable_and_reposting_changes_nothing(live_api: LiveApi) -> None:
    with live_api.client("writer") as writer:
        first = writer.post("/v1/discussions", json=DISCUSSION)
        assert first.status_code == 200, first.text
        assert first.json()["status"] == "ingested"
        assert [r["position"] for r in first.json()["rejected_posts"]] == [
            "request portal-1 post portal-1-c1"
        ]
        settled(writer)
        stats = writer.get("/v1/stats").json()
        again = writer.post("/v1/discussions", json=DISCUSSION).json()
        assert again["status"] == "unchanged"
        settled(writer)
        assert writer.get("/v1/stats").json() == stats
        found = writer.get("/v1/experts", params={"q": "beehives near rice paddies"}).json()
        bo = next(r for r in found["results"] if r["id"] == "jsonl:portal:bo")
        assert found["results"].index(bo) < 3
        assert [item["content_id"] for item in bo["evidence"]] == ["portal-1-a1"]


def test_bad_bodies_are_refused_with_details(live_api: LiveApi) -> None:
    with live_api.client("writer") as writer:
        missing = writer.post("/v1/documents", json={"type": "document", "id": "x"})
        assert missing.status_code == 422
        assert {tuple(e["loc"])[-1] for e in missing.json()["errors"]} >= {"body"}
        huge = writer.post(
            "/v1/documents",
            content=b'{"type": "document", "id": "big", "body": "' + b"x" * 3_000_000 + b'"}',
            headers={"content-type": "application/json"},
        )
        assert huge.status_code == 413 and huge.json()["code"] == "too_large"


def test_delete_removes_a_document_and_its_evidence(live_api: LiveApi) -> None:
    with live_api.client("writer") as writer:
        writer.post("/v1/discussions", json=DISCUSSION)
        assert writer.delete("/v1/documents/portal-1").status_code == 204
        settled(writer)
        assert writer.get("/v1/documents/portal-1").status_code == 404
        assert writer.delete("/v1/documents/portal-1").status_code == 404
        found = writer.get("/v1/experts", params={"q": "beehives near rice paddies"}).json()
        assert "jsonl:portal:bo" not in [r["id"] for r in found["results"]]
