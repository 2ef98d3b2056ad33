"""Contract: a webhook event is claimed before it is sent, so that two processes on one store
never both send it; the same on every backend, through two handles on one store.

A claim holds only the event as it was read (still pending, unchanged since), only while no
other claim runs, and ends when the event's new state is saved. Two senders, each over a
handle of its own, delivering at once: every event reaches the portal exactly once.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from graph_service.routing import WebhookEvent
from graph_service.store.base import GraphStore
from graph_service.webhooks import WebhookSender

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
EVENTS = 12


@pytest.fixture
def twin(another_handle: Callable[[], GraphStore]) -> GraphStore:
    """A second handle on the store of `store`, as a second API process holds one."""
    return another_handle()


def _event(name: str) -> WebhookEvent:
    return WebhookEvent(
        id=name, url="http://portal/hook", body="{}", created_at=AT, next_attempt_at=AT
    )


def test_a_claim_holds_the_event_as_read_until_its_state_is_saved(
    store: GraphStore, twin: GraphStore
) -> None:
    store.ensure_schema(8)
    event = _event("r1:round-1")
    assert store.add_webhook_event(event)
    version = store.data_version()
    assert store.claim_webhook_event(event, "a", 60)
    assert not twin.claim_webhook_event(event, "b", 60), "a's claim runs"
    assert not store.claim_webhook_event(event, "a", 60), "one claim per sending"
    retry = event.model_copy(update={"attempts": 1, "last_error": "HTTP 500"})
    store.save_webhook_event(retry)
    assert not twin.claim_webhook_event(event, "b", 60), "b read it before a's attempt"
    assert twin.claim_webhook_event(retry, "b", 60), "saving ended a's claim"
    delivered = retry.model_copy(update={"status": "delivered", "attempts": 2})
    twin.save_webhook_event(delivered)
    assert not store.claim_webhook_event(delivered, "a", 60), "a delivered event is not sent"
    assert not store.claim_webhook_event(_event("unknown"), "a", 60)
    assert store.data_version() == version, "claims are no change of the graph"


def test_a_claim_whose_sender_died_runs_out(store: GraphStore, twin: GraphStore) -> None:
    store.ensure_schema(8)
    event = _event("r2:round-1")
    assert store.add_webhook_event(event)
    assert store.claim_webhook_event(event, "died", 1)
    assert not twin.claim_webhook_event(event, "b", 60)
    time.sleep(1.5)
    assert twin.claim_webhook_event(event, "b", 60)


def test_two_senders_on_one_store_deliver_each_event_once(
    store: GraphStore, twin: GraphStore
) -> None:
    store.ensure_schema(8)
    for n in range(EVENTS):
        assert store.add_webhook_event(_event(f"r{n}:round-1"))
    sent: Counter[str] = Counter()
    lock = threading.Lock()

    def post(url: str, body: str, headers: dict[str, str]) -> int:
        with lock:
            sent[headers["X-Copgraph-Event-Id"]] += 1
        time.sleep(0.02)  # a portal that takes a moment: the other sender catches up
        return 200

    senders = [
        WebhookSender(handle, "secret", 3, timedelta(seconds=1), post) for handle in (store, twin)
    ]
    start = threading.Barrier(2)

    def deliver(sender: WebhookSender) -> None:
        start.wait()
        sender.deliver_due(AT + timedelta(minutes=1))

    threads = [threading.Thread(target=deliver, args=(sender,)) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sent == Counter({f"r{n}:round-1": 1 for n in range(EVENTS)})
    assert [e.status for e in twin.webhook_events()] == ["delivered"] * EVENTS
