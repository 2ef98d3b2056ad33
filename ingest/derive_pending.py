"""Whether derived relationships may be stale: a marker file that outlives a crash.

EXPERT_IN and RELATED_TO are recomputed at the end of a run that changed content. A run that
dies between its first write and the end of that derivation (the process killed, the store
gone) leaves them stale, and its rerun finds every record unchanged, so without a trace of
the interrupted run it would not derive again. The marker is that trace: set before the
first write, cleared once derivation is done; a run that finds it set derives even when it
changes nothing.

It lives in the data folder (COPGRAPH_DATA_DIR), beside the embedding cache: a rerun from the
same folder (the CLI's "rerun to resume", a restarted API) completes the derivation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DerivationMarker:
    """The marker file, or none at all (`path` None) for a pipeline without a data folder."""

    path: Path | None = None

    def set(self) -> None:
        """Record that content is about to change and derivation must follow."""
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.touch()

    def is_set(self) -> bool:
        """Whether a run changed content and did not finish deriving."""
        return self.path is not None and self.path.exists()

    def clear(self) -> None:
        """Record that derived relationships reflect the stored content."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)
