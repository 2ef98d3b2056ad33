"""List parameters reach the driver whole, with a repr that does not spell them out."""

from __future__ import annotations

from graph_service.store.neo4j.parameters import Unlogged, unlogged


def test_list_parameters_keep_their_values_and_get_a_short_repr() -> None:
    rows = [{"id": f"c{i}", "embedding": [0.25] * 512} for i in range(1000)]
    quiet = unlogged({"rows": rows, "k": 10, "name": "x", "scope": {"a": [1]}})
    assert quiet["rows"] == rows and isinstance(quiet["rows"], list)
    assert repr(quiet["rows"]) == "<1000 values>"
    assert len(repr(quiet)) < 100  # what the driver formats on every RUN
    assert (quiet["k"], quiet["name"], quiet["scope"]) == (10, "x", {"a": [1]})
    assert not isinstance(quiet["scope"], Unlogged)
