"""Mixed read and write traffic for the soak test: weighted requests from client threads.

The mix is a portal's: mostly expert searches in English and Thai, then browsing (practices,
people, documents, domains, recommendations, CoP health, gaps), and a trickle of writes:
new small discussions and re-posts of ones already in (which must change nothing).
"""

from __future__ import annotations

import random
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx

Request = Callable[[httpx.Client, random.Random], httpx.Response]

READS: dict[str, tuple[int, str]] = {
    "experts-en": (16, "/v1/experts?q=composting rice straw"),
    "experts-en-2": (6, "/v1/experts?q=how to run an after action review"),
    "experts-th": (12, "/v1/experts?q=การทำปุ๋ยหมักจากฟางข้าว"),
    "experts-th-2": (6, "/v1/experts?q=การทบทวนหลังการปฏิบัติงาน"),
    "practices": (8, "/v1/practices?q=after action review"),
    "recommend-doc": (5, "/v1/recommendations?document_id=agri-001"),
    "recommend-q": (4, "/v1/recommendations?q=hand hygiene"),
    "person": (6, "/v1/people/david.chen"),
    "document": (4, "/v1/documents/agri-001"),
    "domains": (5, "/v1/domains"),
    "gaps": (3, "/v1/gaps"),
    "cop-health": (4, "/v1/communities/cop-agri/health"),
    "stats": (3, "/v1/stats"),
    "healthz": (2, "/healthz"),
}
NEW_WEIGHT = 4
REPOST_WEIGHT = 6


def small_discussion(record_id: str) -> dict[str, object]:
    """A new discussion of two short posts, as a portal pushes one."""
    return {
        "type": "discussion",
        "id": record_id,
        "title": f"Mulching question {record_id}",
        "body": f"Does rice straw mulch keep the soil moist through April? ({record_id})",
        "author": {"id": f"soak-asker-{len(record_id) % 5}"},
        "community": "cop-agri",
        "posts": [
            {
                "id": f"{record_id}-a",
                "kind": "answer",
                "author": {"id": "soak-farmer"},
                "body": "Yes: ten centimetres of straw halves the watering. ใช้ฟางคลุมดินช่วยได้",
            }
        ],
    }


@dataclass
class Traffic:
    """What the clients did: latency per request kind, statuses, transport failures."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int) -> None:
        """Count one answered request."""
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)
            self.statuses[status] += 1
            if status != 200:
                self.failures.append(f"{kind}: HTTP {status}")

    def total(self) -> int:
        """Requests answered."""
        return sum(self.statuses.values())

    def percentiles(self) -> tuple[float, float]:
        """p50 and p95 of every request's latency, in seconds."""
        every = sorted(s for series in self.latencies.values() for s in series)
        cuts = statistics.quantiles(every, n=100)
        return cuts[49], cuts[94]


def _requests(prefix: str, written: list[str], lock: threading.Lock) -> list[tuple[str, Request]]:
    """Every kind of request with its weight repeated, for `random.choice`."""

    def get(path: str) -> Request:
        return lambda client, _: client.get(path)

    def new(client: httpx.Client, rng: random.Random) -> httpx.Response:
        record_id = f"{prefix}-{rng.getrandbits(48):x}"
        answer = client.post("/v1/discussions", json=small_discussion(record_id))
        if answer.status_code == 200:
            with lock:
                written.append(record_id)
        return answer

    def repost(client: httpx.Client, rng: random.Random) -> httpx.Response:
        with lock:
            record_id = rng.choice(written) if written else None
        if record_id is None:
            return new(client, rng)
        answer = client.post("/v1/discussions", json=small_discussion(record_id))
        assert answer.status_code != 200 or answer.json()["status"] == "unchanged", answer.text
        return answer

    weighted: list[tuple[str, Request]] = []
    for kind, (weight, path) in READS.items():
        weighted += [(kind, get(path))] * weight
    weighted += [("write-new", new)] * NEW_WEIGHT + [("write-repost", repost)] * REPOST_WEIGHT
    return weighted


def run_clients(
    make_client: Callable[[], httpx.Client], clients: int, seconds: float, prefix: str
) -> Traffic:
    """`clients` threads sending the weighted mix back to back for `seconds`."""
    traffic = Traffic()
    written: list[str] = []
    mix = _requests(prefix, written, threading.Lock())
    deadline = time.monotonic() + seconds

    def client_loop(seed: int) -> None:
        rng = random.Random(seed)
        with make_client() as client:
            while time.monotonic() < deadline:
                kind, send = rng.choice(mix)
                started = time.monotonic()
                try:
                    answer = send(client, rng)
                except (httpx.TransportError, AssertionError) as error:
                    with traffic.lock:
                        traffic.failures.append(f"{kind}: {type(error).__name__}: {error}")
                    continue
                traffic.record(kind, time.monotonic() - started, answer.status_code)

    threads = [threading.Thread(target=client_loop, args=(seed,)) for seed in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return traffic
