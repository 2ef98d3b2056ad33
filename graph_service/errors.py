"""One root error for copgraph, split into what may succeed on retry and what never will.

    CopgraphError
    ├── TransientError            retry may help: the store is down or busy
    │   └── StoreUnavailable
    └── TerminalError             retrying the same call fails the same way
        ├── ConfigurationError    a setting is wrong (names the setting)
        ├── NotFound              an id that is not stored
        ├── InvalidInput          a record or a request that cannot be used as it is
        └── EmbeddingModelError   the embedding model cannot be loaded

The HTTP layer maps these to status codes; nothing below it knows about HTTP.
"""

from __future__ import annotations


class CopgraphError(Exception):
    """Root of every error copgraph raises on purpose."""


class TransientError(CopgraphError):
    """The operation may succeed if retried later."""


class StoreUnavailable(TransientError):
    """The graph store cannot be reached right now."""


class TerminalError(CopgraphError):
    """Retrying the same operation will fail the same way."""


class ConfigurationError(TerminalError):
    """A setting is wrong; the message names the setting and what to do."""


class NotFound(TerminalError):
    """An id that is not in the store."""

    def __init__(self, kind: str, item_id: str) -> None:
        super().__init__(f"{kind} {item_id!r} not found")
        self.kind = kind
        self.item_id = item_id


class InvalidInput(TerminalError):
    """A record or request that cannot be used as it is."""


class EmbeddingModelError(TerminalError):
    """The configured embedding model cannot be loaded."""
