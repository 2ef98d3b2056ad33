"""`copgraph experts "..."`: the API's expert ranking as a terminal table."""

from __future__ import annotations

from rich.table import Table

from graph_service.config import Settings
from graph_service.services import Services
from graph_service.store.base import SearchScope
from queries.experts import ExpertQuery


def run_experts(settings: Settings, query: str, limit: int) -> Table:
    """Rank experts for `query` (offline tools see every community) and tabulate them."""
    with Services(settings) as services:
        finder = services.expert_finder
        everything = SearchScope(private_allowed=None)
        ranked = finder.find(ExpertQuery(text=query, scope=everything))
        page = ranked[:limit]
        finder.describe(page, everything)
    table = Table(title=f"who knows about: {query}")
    for column in ("#", "person", "score", "domains", "evidence (role, title)"):
        table.add_column(column)
    for rank, expert in enumerate(page, start=1):
        evidence = "\n".join(f"{item.role}: {item.title[:60]}" for item in expert.evidence)
        domains = ", ".join(d.domain_id for d in expert.domains[:3])
        table.add_row(
            str(rank),
            f"{expert.name} ({expert.person_id})",
            f"{expert.score:.4f}",
            domains,
            evidence,
        )
    return table
