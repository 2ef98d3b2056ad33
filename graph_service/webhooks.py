"""Webhooks: telling a portal whom to notify, signed, retried, and never twice for one event.

Every event is stored first under an id that names what happened (`<routing>:round-2`,
`<routing>:answered`), so one event is created once however often it is noticed; a sender
delivers each stored event until the portal answers 2xx, then marks it delivered, and never
sends a delivered one again. A failure is retried with exponential backoff; after
`attempts` failures the event is dead: kept with its last error as the dead-letter log
(`GET /v1/webhooks/dead`). The sender runs in one thread per process, under a lock; across
processes (several API replicas on one store) a sender claims each event in the store
before it sends it (`claim_webhook_event`: only the event as it was read, only while nobody
else's claim runs), so two processes never both send one. One case remains: a process
killed between the portal's 2xx and the store write sends nothing more, and after
`CLAIM_SECONDS` another process sends the event again: receivers de-duplicate on
`X-Copgraph-Event-Id`.

The request: `POST` to the configured URL, the event's JSON as the body, and

    X-Copgraph-Event-Id: <event id>          (the receiver's de-duplication key)
    X-Copgraph-Timestamp: <unix seconds>
    X-Copgraph-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>

Signing the timestamp with the body lets a receiver refuse old, replayed requests.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import httpx

from graph_service.routing import WebhookEvent
from graph_service.store.base import GraphStore

TIMEOUT_SECONDS = 10.0
CLAIM_SECONDS = 6 * TIMEOUT_SECONDS
"""How long a claim on an event keeps other processes from sending it: far longer than one
attempt takes, so only a sender that died lets it run out."""
ERROR_CHARS = 300


def signature(secret: str, timestamp: str, body: str) -> str:
    """The `X-Copgraph-Signature` value of a body sent at `timestamp`."""
    message = f"{timestamp}.{body}".encode()
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


Post = Callable[[str, str, dict[str, str]], int]
"""Sends a body with headers to a URL; the HTTP status (raises on a network failure)."""


def http_post(url: str, body: str, headers: dict[str, str]) -> int:
    """`Post` over httpx, without following redirects (a signed body goes where it is sent)."""
    response = httpx.post(url, content=body.encode(), headers=headers, timeout=TIMEOUT_SECONDS)
    return response.status_code


class WebhookSender:
    """Stores events and delivers the due ones."""

    def __init__(
        self,
        store: GraphStore,
        secret: str,
        attempts: int,
        backoff: timedelta,
        post: Post = http_post,
    ) -> None:
        self._store = store
        self._secret = secret
        self._attempts = attempts
        self._backoff = backoff
        self._post = post
        self._lock = threading.Lock()
        self._holder = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        """Who claims events: this sender, in this process on this host."""

    def enqueue(self, event_id: str, url: str, payload: dict[str, Any], now: datetime) -> bool:
        """Store an event to deliver (False: one of this id exists, nothing changes)."""
        body = json.dumps({"event_id": event_id, **payload}, ensure_ascii=False, sort_keys=True)
        event = WebhookEvent(id=event_id, url=url, body=body, created_at=now, next_attempt_at=now)
        return self._store.add_webhook_event(event)

    def deliver_due(self, now: datetime) -> None:
        """Send every pending event that is due; record each outcome."""
        with self._lock:
            for event in self._store.webhook_events("pending"):
                due = event.next_attempt_at is None or event.next_attempt_at <= now
                if due and self._store.claim_webhook_event(event, self._holder, CLAIM_SECONDS):
                    self._store.save_webhook_event(self._attempt(event, now))

    def _attempt(self, event: WebhookEvent, now: datetime) -> WebhookEvent:
        timestamp = str(int(now.timestamp()))
        headers = {
            "Content-Type": "application/json; charset=utf-8",
            "X-Copgraph-Event-Id": event.id,
            "X-Copgraph-Timestamp": timestamp,
            "X-Copgraph-Signature": signature(self._secret, timestamp, event.body),
        }
        try:
            status = self._post(event.url, event.body, headers)
            error = None if 200 <= status < 300 else f"HTTP {status}"
        except httpx.HTTPError as failure:
            error = f"{type(failure).__name__}: {failure}"[:ERROR_CHARS]
        attempts = event.attempts + 1
        if error is None:
            return event.model_copy(
                update={"status": "delivered", "attempts": attempts, "delivered_at": now}
            )
        if attempts >= self._attempts:
            return event.model_copy(
                update={"status": "dead", "attempts": attempts, "last_error": error}
            )
        delay = self._backoff * 2 ** (attempts - 1)
        return event.model_copy(
            update={"attempts": attempts, "last_error": error, "next_attempt_at": now + delay}
        )
