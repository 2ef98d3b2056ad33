"""Query parameters that the driver does not format for a debug line nobody reads.

The driver (neo4j 6.x) builds the text of its debug log line for every RUN whether or not
anything logs at that level: `" ".join(map(repr, (query, parameters, extra)))` in
`neo4j/_sync/io/_bolt/_bolt5.py`. For a batch of chunks with 512-float embeddings that
text is most of the write: an UNWIND of 1,000 such rows took 424 ms, 51 ms with the rows
passed as `Unlogged` (measured here against Neo4j 5.26). The driver packs an `Unlogged`
as the list it is; only its repr is short.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Unlogged(list[Any]):
    """A list parameter whose repr names its length instead of spelling out every value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} values>"


def unlogged(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """`parameters` with every list value passed as an `Unlogged` (a shallow copy)."""
    return {
        name: Unlogged(value) if isinstance(value, list) else value
        for name, value in parameters.items()
    }
