"""`copgraph domains suggest`: propose new domains for a KM team to review."""

from __future__ import annotations

from pathlib import Path

import yaml
from rich.table import Table

from graph_service.config import Settings
from graph_service.services import Services
from queries.emerging_topics import DomainSuggestion, suggest_domains

UNASSIGNED_LIMIT = 20_000
"""Passages clustered at most: leader clustering is linear in them, and this is plenty."""


def run_suggest(settings: Settings, min_size: int, limit: int) -> list[DomainSuggestion]:
    """Cluster the passages no domain claims; nothing is written to the taxonomy."""
    with Services(settings) as services:
        chunks = services.store.unassigned_chunks(UNASSIGNED_LIMIT)
    return suggest_domains(chunks, min_size=min_size, limit=limit)


def suggestions_table(suggestions: list[DomainSuggestion]) -> Table:
    """The proposals as a terminal table."""
    table = Table(title="suggested domains (review before adding to domains.yaml)")
    for column in ("label", "passages", "languages", "keyphrases", "examples"):
        table.add_column(column)
    for s in suggestions:
        languages = ", ".join(f"{lang}:{n}" for lang, n in sorted(s.languages.items()))
        table.add_row(s.label, str(s.size), languages, ", ".join(s.keyphrases),
                      "\n".join(s.examples))  # fmt: skip
    return table


def write_proposals(suggestions: list[DomainSuggestion], path: Path) -> None:
    """domains.yaml-shaped entries for a KM team to edit and merge by hand."""
    entries = [
        {
            "id": f"suggested-{number}",
            "labels": {"en": s.label},
            "description": "Suggested from unassigned content: " + ", ".join(s.keyphrases),
            "examples": s.examples,
        }
        for number, s in enumerate(suggestions, start=1)
    ]
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), "utf-8")
