"""Bad bodies pushed over HTTP: each gets a clear error naming the problem, nothing stored moves.

What test_ingest_api.py already covers is not repeated here (a missing body field, a declared
body over the limit on POST /v1/documents, an empty comment among good posts). This adds
the limit on both write routes and on a streamed (chunked) body, malformed JSON, a wrong
encoding, a wrong content type, values no store can hold, a record refused only once its
markup is gone, and a discussion with several bad posts among good ones. Every refusal is
checked to leave the graph exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from tests.api.conftest import LiveApi, settled

pytestmark = pytest.mark.model

LIMIT = 2_000_000
"""The default `max_body_bytes`, which the live API runs with."""
JSON = {"content-type": "application/json"}


def _document(**fields: Any) -> dict[str, Any]:
    return {
        "type": "document",
        "id": "bad-input-doc",
        "title": "Crème brûlée compost",
        "body": "Café grounds and straw make a warm compost pile.",
        "author": {"id": "portal:chloe", "name": "Chloé"},
        "community": "cop-agri",
        **fields,
    }


@contextmanager
def nothing_changes(client: httpx.Client) -> Iterator[None]:
    """Asserts that the graph's counts and a stored document are the same afterwards (once
    no derivation is owed, as one of an earlier write may still run)."""
    settled(client)
    before = client.get("/v1/stats").json(), client.get("/v1/documents/agri-002").json()
    yield
    settled(client)
    after = client.get("/v1/stats").json(), client.get("/v1/documents/agri-002").json()
    assert after == before


def _problem(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["code"] == code
    return body


@pytest.mark.parametrize("route", ["/v1/documents", "/v1/discussions"])
def test_bodies_over_the_limit_are_refused_naming_it_declared_or_streamed(
    live_api: LiveApi, route: str
) -> None:
    oversized = json.dumps(_document(type=route[4:-1], body="x" * LIMIT)).encode()

    def streamed() -> Iterator[bytes]:
        for start in range(0, len(oversized), 65_536):
            yield oversized[start : start + 65_536]

    with live_api.client("writer") as writer, nothing_changes(writer):
        declared = writer.post(route, content=oversized, headers=JSON)
        assert f"{LIMIT} bytes" in _problem(declared, 413, "too_large")["detail"]
        chunked = writer.post(route, content=streamed(), headers=JSON)
        assert f"{LIMIT} bytes" in _problem(chunked, 413, "too_large")["detail"]


def test_malformed_json_is_refused_with_the_position_of_the_error(live_api: LiveApi) -> None:
    whole = json.dumps(_document())
    cut = whole[: whole.index('"title"')] + '"title": "Cr'
    two_records = (whole + "\n" + json.dumps(_document(id="b"))).encode()
    with live_api.client("writer") as writer, nothing_changes(writer):
        for body, at in ((cut.encode(), cut.index('"Cr')), (two_records, len(whole) + 1)):
            error = _problem(
                writer.post("/v1/documents", content=body, headers=JSON), 422, "validation_error"
            )
            assert [(e["type"], e["loc"]) for e in error["errors"]] == [
                ("json_invalid", ["body", at])
            ]
        empty = _problem(writer.post("/v1/documents", headers=JSON), 422, "validation_error")
        assert [(e["type"], e["loc"]) for e in empty["errors"]] == [("missing", ["body"])]


def test_a_latin1_body_is_refused_naming_the_byte_and_utf16_is_read_exactly(
    live_api: LiveApi,
) -> None:
    text = json.dumps(_document(), ensure_ascii=False)
    latin1 = text.encode("latin-1")
    offset = text.index("è")
    with live_api.client("writer") as writer:
        with nothing_changes(writer):
            refused = writer.post("/v1/documents", content=latin1, headers=JSON)
            detail = _problem(refused, 422, "invalid_body")["detail"]
            assert detail == f"request body is not UTF-8: byte 0xe8 at offset {offset}"
        utf16 = writer.post("/v1/documents", content=text.encode("utf-16"), headers=JSON)
        assert utf16.status_code == 200, utf16.text
        stored = writer.get("/v1/documents/bad-input-doc").json()
        assert stored["title"] == "Crème brûlée compost"
        assert stored["text"] == "Café grounds and straw make a warm compost pile."
        assert writer.delete("/v1/documents/bad-input-doc").status_code == 204


@pytest.mark.parametrize(
    "headers",
    [{"content-type": "text/plain"}, {"content-type": "application/x-www-form-urlencoded"}, {}],
    ids=["text", "form", "none"],
)
def test_a_body_not_sent_as_json_says_it_must_be(
    live_api: LiveApi, headers: dict[str, str]
) -> None:
    with live_api.client("writer") as writer, nothing_changes(writer):
        response = writer.post(
            "/v1/documents", content=json.dumps(_document()).encode(), headers=headers
        )
        detail = _problem(response, 422, "validation_error")["detail"]
        assert "must be JSON (Content-Type: application/json)" in detail
        assert repr(headers.get("content-type", "")) in detail


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"score": 2**63}, "score"),
        ({"auther": {"id": "x"}}, "auther"),
        ({"created_at": "yesterday"}, "created_at"),
        ({"type": "wiki"}, "type"),
        ({"id": ""}, "id"),
    ],
    ids=["score-over-64-bits", "unknown-field", "bad-date", "unknown-type", "empty-id"],
)
def test_a_record_with_a_bad_value_is_refused_naming_the_field(
    live_api: LiveApi, fields: dict[str, Any], named: str
) -> None:
    with live_api.client("writer") as writer, nothing_changes(writer):
        response = writer.post("/v1/documents", json=_document(**fields))
        errors = _problem(response, 422, "validation_error")["errors"]
        assert any(named in map(str, error["loc"]) for error in errors), errors


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        (
            {"title": "", "body": "<p> </p><script>alert(1)</script>", "format": "html"},
            "empty body",
        ),
        ({"title": "\u200b", "body": "\u200b\u200b\u00ad"}, "empty body"),
        ({"created_at": "0001-01-01T00:00:00+14:00"}, "out of range in UTC"),
        ({"created_at": "9999-12-31T23:59:59-14:00"}, "out of range in UTC"),
    ],
    ids=["markup-only", "invisible-only", "before-year-1-in-utc", "after-9999-in-utc"],
)
def test_a_record_refused_once_normalised_is_a_422_not_unchanged(
    live_api: LiveApi, fields: dict[str, Any], reason: str
) -> None:
    with live_api.client("writer") as writer, nothing_changes(writer):
        response = writer.post("/v1/documents", json=_document(**fields))
        detail = _problem(response, 422, "invalid_input")["detail"]
        assert detail.startswith("record bad-input-doc: ") and reason in detail
        assert writer.get("/v1/documents/bad-input-doc").status_code == 404


def test_bad_posts_are_reported_one_by_one_and_the_good_ones_stored(live_api: LiveApi) -> None:
    good = {"author": {"id": "portal:dao"}, "body": "Turn the pile every week."}
    posts = [
        {"id": "ok-1", **good},
        {"id": "no-author", "body": "Who wrote me?"},
        {"id": "markup-only", **good, "body": "<br><br>", "format": "html"},
        {"id": "too-early", **good, "created_at": "0001-01-01T00:00:00+14:00"},
        {"id": "ok-2", **good, "reply_to": "no-author", "body": "Keep it moist, too."},
    ]
    thread = _document(type="discussion", id="bad-input-thread", posts=posts)
    with live_api.client("writer") as writer:
        nodes_before = writer.get("/v1/stats").json()["nodes"]
        response = writer.post("/v1/discussions", json=thread)
        assert response.status_code == 200, response.text
        assert response.json()["status"] == "ingested"
        reported = {r["position"]: r["reason"] for r in response.json()["rejected_posts"]}
        assert reported == {
            "request bad-input-thread post no-author": "missing author",
            "request bad-input-thread post markup-only": "empty body",
            "request bad-input-thread post too-early": (
                "created_at 0001-01-01T00:00:00+14:00 is out of range in UTC"
            ),
        }
        stored = writer.get("/v1/documents/bad-input-thread").json()
        assert [(p["id"], p["reply_to"]) for p in stored["posts"]] == [
            ("ok-1", "bad-input-thread"),
            ("ok-2", "bad-input-thread"),
        ], "a reply to a rejected post hangs from the thread"
        nodes = writer.get("/v1/stats").json()["nodes"]
        assert nodes["Document"] == nodes_before["Document"] + 1
        assert nodes["Post"] == nodes_before["Post"] + 2
        assert writer.delete("/v1/documents/bad-input-thread").status_code == 204
        nodes = writer.get("/v1/stats").json()["nodes"]
        assert (nodes["Document"], nodes["Post"]) == (
            nodes_before["Document"],
            nodes_before["Post"],
        )


def test_time_filters_past_either_end_of_utc_mean_everything_or_nothing(
    live_api: LiveApi,
) -> None:
    with live_api.client("admin") as admin, nothing_changes(admin):
        unfiltered = admin.get("/v1/experts", params={"q": "compost"}).json()["results"]
        earliest = admin.get(
            "/v1/experts", params={"q": "compost", "since": "0001-01-01T00:00:00+14:00"}
        )
        latest = admin.get(
            "/v1/experts", params={"q": "compost", "since": "9999-12-31T23:59:59-14:00"}
        )
        assert earliest.status_code == 200 and latest.status_code == 200
        ids = [expert["id"] for expert in earliest.json()["results"]]
        assert ids == [expert["id"] for expert in unfiltered] and ids
        assert latest.json()["results"] == []
        searches = admin.get("/v1/searches", params={"since": "0001-01-01T00:00:00+14:00"})
        assert searches.status_code == 200 and searches.json()
        future = admin.get("/v1/searches", params={"since": "9999-12-31T23:59:59-14:00"})
        assert future.status_code == 200 and future.json() == []
