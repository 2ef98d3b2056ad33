"""How a store's change log becomes `ViewChanges`: a bulk write of chunks says only that
chunks changed, without making every view build again."""

from __future__ import annotations

from graph_service.store.base import VIEW_DELTA_MOST, ViewChanges


def test_many_chunks_say_only_that_chunks_changed() -> None:
    rows = [("vectors", f"doc:{n}#0") for n in range(VIEW_DELTA_MOST + 1)]
    changes = ViewChanges.from_log(9, [*rows, ("activity", "p:ann")])
    assert not changes.everything
    assert changes.of("vectors") == {""}
    assert changes.of("activity") == {"p:ann"}


def test_a_few_chunks_are_named() -> None:
    changes = ViewChanges.from_log(9, [("vectors", "doc:a#0"), ("vectors", "doc:a#1")])
    assert changes.of("vectors") == {"doc:a#0", "doc:a#1"} and not changes.everything


def test_many_other_changes_or_a_privacy_change_say_everything() -> None:
    people = [("activity", f"p:{n}") for n in range(VIEW_DELTA_MOST + 1)]
    assert ViewChanges.from_log(9, people).everything
    assert ViewChanges.from_log(9, [("*", "c:x")]).everything
