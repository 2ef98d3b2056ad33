"""Question routing through HTTP on both stores, with a real webhook receiver on loopback:
questions go to people who can be asked, close when answered, go to the next people after
the timeout; webhooks are signed, retried, dead-lettered, and never delivered twice."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from embeddings.base import Embedder
from graph_service.config import Settings
from tests.api.conftest import LiveApi, _keys_file, empty_store, serve
from tests.live_server import free_port
from tests.sample import ingest_sample

pytestmark = pytest.mark.model

SECRET = "test-webhook-secret"
COMPOST = "how do I make compost from rice straw"
TIMEOUT_SECONDS = 3.0


@dataclass
class Receiver:
    """A portal's webhook endpoint: records every request; fails the first `failures`
    deliveries of each event with HTTP 500."""

    url: str
    failures: int = 0
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)

    def delivered(self, event_type: str | None = None) -> list[dict[str, Any]]:
        """The bodies accepted (2xx), of `event_type` if given."""
        found = []
        for _, body in self.received:
            payload = json.loads(body)
            if event_type in (None, payload["type"]):
                found.append(payload)
        return found


def _receiver() -> Iterator[Receiver]:
    port = free_port()
    receiver = Receiver(url=f"http://127.0.0.1:{port}/hook")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            event_id = self.headers["X-Copgraph-Event-Id"]
            with lock:
                receiver.attempts[event_id] = receiver.attempts.get(event_id, 0) + 1
                fail = receiver.attempts[event_id] <= receiver.failures
                if not fail:
                    receiver.received.append((dict(self.headers), body))
            self.send_response(500 if fail else 204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield receiver
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def receiver() -> Iterator[Receiver]:
    """The portal's webhook endpoint on loopback."""
    yield from _receiver()


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def routing_api(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    embedder: Embedder,
    sample_vectors: Path,
    receiver: Receiver,
) -> Iterator[LiveApi]:
    """The API over the sample with fast routing: 1 person a round, a 3 s timeout, sweeps
    every 0.1 s, webhooks to `receiver` (and to a closed port for community cop-agri)."""
    folder = tmp_path_factory.mktemp(f"routing-{request.param}")
    keys = _keys_file(folder / "keys.yaml")
    settings = Settings(
        data_dir=folder / "data",
        api_keys_file=folder / "keys.yaml",
        routing_people=1,
        routing_timeout_seconds=TIMEOUT_SECONDS,
        routing_sweep_seconds=0.1,
        webhook_urls={
            "portal": receiver.url,
            "community:cop-agri": f"http://127.0.0.1:{free_port()}/nobody-listens",
        },
        webhook_secret=SECRET,
        webhook_attempts=3,
        webhook_backoff_seconds=0.1,
    )
    store = empty_store(request, folder, embedder.dimension)
    ingest_sample(store, settings, embedder, sample_vectors)
    with serve(settings, store, embedder) as url:
        yield LiveApi(url=url, keys=keys, backend=request.param, store=store)
    store.close()


def _eventually(check: Callable[[], Any], seconds: float = 20.0) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _top_expert(client: httpx.Client) -> str:
    """Expert search's best person for the question: whom routing asks first, load aside."""
    results = client.get("/v1/experts", params={"q": COMPOST}).json()["results"]
    return str(results[0]["id"])


def _ask(client: httpx.Client, **body: Any) -> dict[str, Any]:
    response = client.post("/v1/questions", json={"text": COMPOST, **body})
    assert response.status_code == 201, response.text
    routed: dict[str, Any] = response.json()
    return routed


def test_a_question_goes_to_who_can_answer_with_reasons_and_is_recorded(
    routing_api: LiveApi,
) -> None:
    with routing_api.client("portal") as portal:
        top = _top_expert(portal)
        routed = _ask(portal)
        assert [p["id"] for p in routed["people"]] == [top]
        assert routed["people"][0]["reasons"][0].endswith("”")
        assert "composting" in routed["domain_ids"] and routed["status"] == "open"
        assert portal.get(f"/v1/questions/{routed['id']}").json() == routed
        history = portal.get(f"/v1/people/{top}").json()["private"]["routed_questions"]
        assert routed["id"] in [q["routing_id"] for q in history]
    with routing_api.client("reader") as reader:
        assert reader.post("/v1/questions", json={"text": COMPOST}).status_code == 403
        assert reader.get(f"/v1/questions/{routed['id']}").status_code == 403
        assert reader.get(f"/v1/people/{top}").json()["private"] is None
    with routing_api.client("admin") as admin:
        gap = next(
            g for g in admin.get("/v1/gaps").json()["gaps"] if g["domain_id"] == "composting"
        )
        assert gap["routed_unanswered"] >= 1
        assert any("routed question still unanswered" in r for r in gap["reasons"])


def test_who_cannot_be_asked_is_never_routed_to(routing_api: LiveApi) -> None:
    statuses = [
        {"status": "active", "available_for_questions": False},
        {"status": "away", "until": "2099-01-01"},
        {"status": "left", "since": "2020-01-01"},
    ]
    with routing_api.client("portal") as portal:
        top = _top_expert(portal)
        for status in statuses:
            portal.put(f"/v1/people/{top}/status", json=status).raise_for_status()
            routed = _ask(portal)
            assert routed["people"] and routed["people"][0]["id"] != top, status
        portal.put(f"/v1/people/{top}/status", json={"status": "active"}).raise_for_status()
        assert _ask(portal, asker_id=top)["people"][0]["id"] != top, "not the asker"


def test_an_answered_question_closes_and_the_portal_is_told(
    routing_api: LiveApi, receiver: Receiver
) -> None:
    with routing_api.client("portal") as portal:
        routed = _ask(portal, question_id="portal-q-1", asker_id="jsonl:portal:ann")
    discussion = {
        "type": "discussion",
        "id": "portal-q-1",
        "title": "Composting rice straw",
        "body": COMPOST,
        "author": {"id": "portal:ann", "name": "Ann"},
        "posts": [
            {
                "id": "portal-q-1-a1",
                "kind": "answer",
                "author": {"id": "portal:bo", "name": "Bo"},
                "body": "Pile the straw with manure, keep it moist and turn it every week.",
            }
        ],
    }
    with routing_api.client("writer") as writer:
        assert writer.post("/v1/discussions", json=discussion).status_code == 200
    with routing_api.client("portal") as portal:
        closed = _eventually(
            lambda: portal.get(f"/v1/questions/{routed['id']}").json()["status"] == "answered"
        )
        assert closed, "the routing was not closed by the answer"
        body = portal.get(f"/v1/questions/{routed['id']}").json()
        assert body["answered_by"] == ["jsonl:portal:bo"] and body["closed_at"]
    told = _eventually(
        lambda: [
            e for e in receiver.delivered("question.answered") if e["routing_id"] == routed["id"]
        ]
    )
    assert told and told[0]["answered_by"] == ["jsonl:portal:bo"]


def test_an_unanswered_question_goes_to_the_next_people_after_the_timeout(
    routing_api: LiveApi, receiver: Receiver
) -> None:
    with routing_api.client("portal") as portal:
        routed = _ask(portal)
        first = routed["people"][0]["id"]
        time.sleep(TIMEOUT_SECONDS / 2)
        assert len(portal.get(f"/v1/questions/{routed['id']}").json()["people"]) == 1

        def second_round() -> list[dict[str, Any]]:
            people: list[dict[str, Any]] = portal.get(f"/v1/questions/{routed['id']}").json()[
                "people"
            ]
            return people if len(people) > 1 else []

        people = _eventually(second_round, TIMEOUT_SECONDS * 4)
        assert people, "the question was not re-routed"
        assert people[1]["round"] == 2 and people[1]["id"] != first
    rounds = _eventually(
        lambda: (
            sorted(
                e["round"]
                for e in receiver.delivered("question.routed")
                if e["routing_id"] == routed["id"]
            )
            == [1, 2]
        )
    )
    assert rounds


def test_webhooks_are_signed_retried_and_never_delivered_twice(
    routing_api: LiveApi, receiver: Receiver
) -> None:
    receiver.failures = 2
    try:
        with routing_api.client("portal") as portal:
            routed = _ask(portal)
        event_id = f"{routed['id']}:round-1"
        assert _eventually(lambda: event_id in [e["event_id"] for e in receiver.delivered()])
        assert receiver.attempts[event_id] == 3, "two failures, then delivered"
        time.sleep(1.0)  # sweeps go on: a delivered event is not sent again
        assert receiver.attempts[event_id] == 3
        headers, body = next(
            (h, b) for h, b in receiver.received if h["X-Copgraph-Event-Id"] == event_id
        )
        expected = hmac.new(
            SECRET.encode(), headers["X-Copgraph-Timestamp"].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        assert headers["X-Copgraph-Signature"] == f"sha256={expected}"
    finally:
        receiver.failures = 0
    ids = [e["event_id"] for e in receiver.delivered()]
    assert len(ids) == len(set(ids)), "an event was delivered twice"


def test_an_event_nobody_accepts_is_dead_lettered(routing_api: LiveApi) -> None:
    with routing_api.client("portal") as portal:
        routed = _ask(portal, community_id="cop-agri")
    with routing_api.client("admin") as admin:

        def dead() -> list[dict[str, Any]]:
            found: list[dict[str, Any]] = admin.get("/v1/webhooks/dead").json()
            return [e for e in found if e["id"].startswith(routed["id"])]

        letters = _eventually(dead)
        assert letters and letters[0]["attempts"] == 3
        assert letters[0]["last_error"] and "nobody-listens" in letters[0]["url"]
    with routing_api.client("portal") as portal:
        assert portal.get("/v1/webhooks/dead").status_code == 403
