"""A result computed from the graph is kept per version and key, and computed once at a time."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from queries.versioned import KEPT, VersionedCache


class Computations:
    """A computation that records its keys and can be slow."""

    def __init__(self, seconds: float = 0.0) -> None:
        self.keys: list[str] = []
        self.seconds = seconds
        self._lock = threading.Lock()

    def __call__(self, key: str) -> str:
        with self._lock:
            self.keys.append(key)
            count = len(self.keys)
        time.sleep(self.seconds)
        return f"{key}#{count}"


def test_a_value_is_kept_until_the_version_changes() -> None:
    compute = Computations()
    cache: VersionedCache[str, str] = VersionedCache(compute)
    assert cache.get("public", "v1") == "public#1"
    assert cache.get("public", "v1") == "public#1"
    assert cache.get("nurses", "v1") == "nurses#2"
    assert cache.get("public", "v2") == "public#3", "a new version forgets every key"
    assert cache.get("nurses", "v2") == "nurses#4"
    assert compute.keys == ["public", "nurses", "public", "nurses"]


def test_a_value_computed_while_the_version_moved_on_is_not_kept() -> None:
    compute = Computations(seconds=0.3)
    cache: VersionedCache[str, str] = VersionedCache(compute)
    with ThreadPoolExecutor(max_workers=2) as pool:
        slow = pool.submit(cache.get, "public", "v1")
        time.sleep(0.1)
        pool.submit(cache.get, "other", "v2").result()
        slow.result()
    cache.get("public", "v2")
    assert compute.keys.count("public") == 2, "v1's result was not kept as v2's"


def test_requests_that_miss_together_compute_once() -> None:
    compute = Computations(seconds=0.2)
    cache: VersionedCache[str, str] = VersionedCache(compute)
    with ThreadPoolExecutor(max_workers=4) as pool:
        found = list(pool.map(lambda _: cache.get("public", "v1"), range(4)))
    assert found == ["public#1"] * 4
    assert compute.keys == ["public"]


def test_at_most_kept_keys_are_remembered() -> None:
    compute = Computations()
    cache: VersionedCache[str, str] = VersionedCache(compute)
    for number in range(KEPT + 1):
        cache.get(f"scope-{number}", "v1")
    cache.get(f"scope-{KEPT}", "v1")
    cache.get("scope-0", "v1")
    assert compute.keys.count("scope-0") == 2, "the oldest key made room"
    assert compute.keys.count(f"scope-{KEPT}") == 1
