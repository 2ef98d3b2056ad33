"""A stub store for the CoP health tests: the formulas are the subject, so the store hands
HealthCheck crafted activity and threads and nothing else."""

from __future__ import annotations

from datetime import datetime

from graph_service.store.base import Interaction, ThreadSummary


class StubStore:
    """Only what HealthCheck reads."""

    def __init__(self, activity: list[Interaction], threads: list[ThreadSummary]) -> None:
        self.activity, self.threads = activity, threads

    def community_activity(self, community_id: str) -> list[Interaction]:
        return self.activity

    def thread_summaries(self, scope: object) -> list[ThreadSummary]:
        return self.threads

    def practices_by_author(self, person_id: str, scope: object) -> list[object]:
        return []


def interaction(cid: str, kind: str, at: datetime, author: str, parent: str | None) -> Interaction:
    """One piece of content in domain d1; its document is the id before the first `-`."""
    return Interaction(
        content_id=cid, content_kind=kind, document_id=cid.split("-")[0],  # type: ignore[arg-type]
        created_at=at, author_ids=[author], parent_author_ids=[parent] if parent else [],
        domain_ids=["d1"],
    )  # fmt: skip
