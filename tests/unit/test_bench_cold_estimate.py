"""The benchmark's estimate of a cold ingest from a cached one: the model and the other
stages overlap until the last batch (the slower sets the pace); derivation and indexing add."""

from __future__ import annotations

from typing import Any

import pytest

from benchmarks.ingest_throughput import compare_to_bare

BARE = {"corpus": "synthetic-100000 (filling the cache)", "thread s": 400.0}


def cached_row(seconds: float, embed: float) -> dict[str, Any]:
    return {
        "corpus": "synthetic-100000", "store": "embedded", "embed": "cached",
        "seconds": seconds, "embed s": embed, "derive s": 10.0, "index s": 20.0,
        "cpu s": seconds, "server cpu s": None,
    }  # fmt: skip


def test_the_model_sets_the_pace_when_it_is_the_slower() -> None:
    row = cached_row(seconds=180.0, embed=30.0)
    compare_to_bare(row, BARE)
    assert row["cold s (est.)"] == pytest.approx(400.0 + 30.0)
    assert row["vs bare"] == pytest.approx(400.0 / 430.0)


def test_the_other_stages_set_the_pace_when_they_are_the_slower() -> None:
    row = cached_row(seconds=600.0, embed=30.0)
    compare_to_bare(row, BARE)
    assert row["cold s (est.)"] == pytest.approx(600.0 - 30.0)


def test_a_cold_run_is_compared_as_it_ran() -> None:
    row = cached_row(seconds=450.0, embed=300.0) | {"embed": "cold"}
    compare_to_bare(row, BARE)
    assert "cold s (est.)" not in row and row["vs bare"] == pytest.approx(400.0 / 450.0)
