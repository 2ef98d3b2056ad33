"""A push is acknowledged once its content is committed, before EXPERT_IN follows it, and
its derived results show once the server's worker has derived it.

The test holds the store's derivation lease, as a busy deriving process would, so the
server's worker cannot derive: the push must still be acknowledged, with its content
readable and its derivation queued. Once the lease is given up, the worker derives it
unprompted and the push's author shows with a domain; a delete is derived the same way.
How soon is the benchmark's to measure (`benchmarks.live`, "derived s").
"""

from __future__ import annotations

import time

import httpx
import pytest

from graph_service.store.base import GraphStore
from tests.api.conftest import LiveApi, settled

pytestmark = pytest.mark.model

HOLDER = "a-test-holding-derivation"
AUTHOR = "jsonl:portal:dara"
DISCUSSION = {
    "type": "discussion",
    "id": "live-1",
    "title": "Composting rice straw in the field",
    "body": "How do you compost rice straw without burning it after harvest?",
    "author": {"id": "portal:eve", "name": "Eve"},
    "community": "cop-agri",
    "posts": [
        {
            "id": "live-1-a1",
            "kind": "answer",
            "author": {"id": "portal:dara", "name": "Dara"},
            "body": "Chop the rice straw, wet it, add manure and turn the compost pile weekly.",
            "accepted": True,
        }
    ],
}


def _hold_derivation(store: GraphStore) -> None:
    """Take the derivation lease as soon as the server's worker lets go of it (it takes it
    for each of its rounds, every half second)."""
    deadline = time.monotonic() + 30
    while not store.take_derivation_lease(HOLDER, 60):
        assert time.monotonic() < deadline, "the server's worker never let go of the lease"
        time.sleep(0.05)


def _expert_in(client: httpx.Client) -> int:
    count: int = client.get("/v1/stats").json()["relationships"]["EXPERT_IN"]
    return count


def test_a_push_is_acknowledged_before_it_is_derived_and_shows_after(live_api: LiveApi) -> None:
    with live_api.client("writer") as writer:
        settled(writer)
        before = _expert_in(writer)
        _hold_derivation(live_api.store)
        try:
            pushed = writer.post("/v1/discussions", json=DISCUSSION)
            assert pushed.status_code == 200, pushed.text
            assert pushed.json()["status"] == "ingested"
            assert writer.get("/v1/documents/live-1").status_code == 200
            time.sleep(1.0)
            assert writer.get("/v1/derivation").json()["queued"] >= 1
            assert writer.get(f"/v1/people/{AUTHOR}").json()["domains"] == []
        finally:
            live_api.store.release_derivation_lease(HOLDER)
        settled(writer)
        domains = writer.get(f"/v1/people/{AUTHOR}").json()["domains"]
        assert domains, "the push's author has no domain once derived"
        assert writer.delete("/v1/documents/live-1").status_code == 204
        settled(writer)
        assert _expert_in(writer) == before, "the delete's derivation did not follow it"
