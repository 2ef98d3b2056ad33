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
    assert health["private"] is True and health["name"].endswith("(Nursing and Patient Safety CoP)")
