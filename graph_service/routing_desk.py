"""The routing desk: routes questions, tells portals by webhook, and keeps routings moving.

`ask` routes a new question and stores the event that tells the portal whom to notify.
`sweep`, run every `routing_sweep_seconds` by a background thread of the API (and woken
at once after `ask`), closes routings whose question was answered, routes to the next
people those unanswered past the timeout, and delivers the due webhook events. Sweeps
never overlap: one runs at a time per process.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from graph_service.config import Settings
from graph_service.errors import CopgraphError
from graph_service.routing import QuestionRouting, RoutedPerson
from graph_service.store.base import GraphStore
from graph_service.webhooks import Post, WebhookSender, http_post
from queries.experts import ExpertFinder
from queries.fair_load import FairLoad
from queries.question_routing import Question, QuestionRouter, RoutingPolicy

log = logging.getLogger("copgraph.routing")


def policy_of(settings: Settings) -> RoutingPolicy:
    """The routing policy the settings describe."""
    return RoutingPolicy(
        people_per_round=settings.routing_people,
        timeout=timedelta(seconds=settings.routing_timeout_seconds),
        max_rounds=settings.routing_max_rounds,
        fair_load=FairLoad(
            window_days=settings.fair_load_window_days,
            penalty=settings.fair_load_penalty,
            bound=settings.fair_load_bound,
        ),
    )


class RoutingDesk:
    """Question routing with its webhooks, over one store."""

    def __init__(
        self,
        settings: Settings,
        store: GraphStore,
        finder: ExpertFinder,
        post: Post = http_post,
    ) -> None:
        self._settings = settings
        self.router = QuestionRouter(store, finder, policy_of(settings))
        self.sender = WebhookSender(
            store,
            settings.webhook_secret.get_secret_value(),
            settings.webhook_attempts,
            timedelta(seconds=settings.webhook_backoff_seconds),
            post,
        )
        self._sweeping = threading.Lock()
        self.wake = threading.Event()

    def ask(self, question: Question, key_name: str) -> QuestionRouting:
        """Route a new question, store its webhook event, wake the sweeper to send it."""
        now = datetime.now(UTC)
        routing = self.router.route(question, key_name, now)
        self._notify(routing, "round-1", "question.routed", now)
        self.wake.set()
        return routing

    def sweep(self) -> None:
        """Send the due webhooks, close the answered, re-route the overdue, send again
        (what is due first goes out before the slow part: re-routing searches)."""
        with self._sweeping:
            self.sender.deliver_due(datetime.now(UTC))
            now = datetime.now(UTC)
            for routing in self.router.close_answered(now):
                self._notify(routing, "answered", "question.answered", now)
            for routing in self.router.reroute_due(now):
                last = max(r.round for r in routing.routed)
                self._notify(routing, f"round-{last}", "question.routed", now)
            self.sender.deliver_due(datetime.now(UTC))

    def _notify(self, routing: QuestionRouting, what: str, kind: str, now: datetime) -> None:
        """Store the event `kind` of `routing` for its portal, if it has a webhook."""
        url = self._url(routing)
        last = max((r.round for r in routing.routed), default=0)
        if url is None or not last or not self._settings.webhook_secret.get_secret_value():
            return
        payload: dict[str, Any] = {
            "type": kind,
            "routing_id": routing.id,
            "question_id": routing.document_id,
            "community_id": routing.community_id,
            "question": routing.text,
            "at": now.isoformat(),
        }
        if kind == "question.routed":
            payload["round"] = last
            payload["people"] = [_person(r) for r in routing.routed if r.round == last]
        else:
            payload["answered_by"] = routing.answered_by
        self.sender.enqueue(f"{routing.id}:{what}", url, payload, now)

    def _url(self, routing: QuestionRouting) -> str | None:
        urls = self._settings.webhook_urls
        if routing.community_id and f"community:{routing.community_id}" in urls:
            return urls[f"community:{routing.community_id}"]
        return urls.get(routing.key_name)


def _person(routed: RoutedPerson) -> dict[str, Any]:
    return {"id": routed.person_id, "name": routed.name, "reasons": routed.reasons}


class Sweeper:
    """The background thread that sweeps the desk every `interval` seconds (or when woken)."""

    def __init__(self, desk: RoutingDesk, interval: float) -> None:
        self._desk = desk
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="copgraph-routing", daemon=True)

    def start(self) -> Sweeper:
        """Start sweeping."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop after the sweep under way."""
        self._stop.set()
        self._desk.wake.set()
        self._thread.join(timeout=30)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._desk.sweep()
            except CopgraphError as error:  # the store is down: try again next time
                log.warning("routing sweep failed: %s", error)
            self._desk.wake.wait(self._interval)
            self._desk.wake.clear()
