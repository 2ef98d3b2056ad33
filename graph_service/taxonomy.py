"""The taxonomy and community files a KM team curates: domains.yaml and communities.yaml.

Domains carry labels in several languages, a description and `broader` parents; `tags`
map a source's tags onto a domain. Nothing is added to the taxonomy by the pipeline: new
domains are only ever suggested (`copgraph domains suggest`).
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from graph_service.errors import InvalidInput
from graph_service.models import Community, Domain


class DomainEntry(BaseModel):
    """One entry of domains.yaml."""

    id: str
    labels: dict[str, str]
    description: str = ""
    description_th: str = ""
    broader: list[str] = []
    tags: list[str] = []


class Taxonomy(BaseModel):
    """The domains with their tag mapping."""

    entries: list[DomainEntry]

    @property
    def domains(self) -> list[Domain]:
        """The domains as graph nodes."""
        return [
            Domain(id=e.id, labels=e.labels, description=e.description, broader=e.broader)
            for e in self.entries
        ]

    def domains_for_tags(self, tags: list[str]) -> set[str]:
        """Ids of the domains whose tag list names any of `tags` (case-insensitive)."""
        wanted = {tag.lower() for tag in tags}
        return {e.id for e in self.entries if wanted & {t.lower() for t in e.tags}}

    def prototype_texts(self) -> dict[str, list[str]]:
        """Per domain, the texts whose embeddings describe it: labels and descriptions."""
        return {
            e.id: [
                text
                for text in [*e.labels.values(), e.description, e.description_th]
                if text.strip()
            ]
            for e in self.entries
        }


def _load_list(path: Path, what: str) -> list[object]:
    try:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InvalidInput(f"{what} file {path}: {error}") from error
    if isinstance(loaded, dict):
        loaded = loaded.get("domains") or loaded.get("communities") or []
    if not isinstance(loaded, list):
        raise InvalidInput(f"{what} file {path}: expected a list of entries")
    return loaded


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check domains.yaml: unique ids, `broader` naming known domains."""
    try:
        entries = [DomainEntry.model_validate(item) for item in _load_list(path, "domains")]
    except ValidationError as error:
        raise InvalidInput(f"domains file {path}: {error}") from error
    ids = [entry.id for entry in entries]
    if len(ids) != len(set(ids)):
        raise InvalidInput(f"domains file {path}: duplicate domain ids")
    unknown = {parent for entry in entries for parent in entry.broader} - set(ids)
    if unknown:
        raise InvalidInput(f"domains file {path}: broader names unknown domains {sorted(unknown)}")
    return Taxonomy(entries=entries)


def load_communities(path: Path | None) -> dict[str, Community]:
    """Read communities.yaml (id, name, private, description); `None` means none declared."""
    if path is None:
        return {}
    try:
        communities = [Community.model_validate(item) for item in _load_list(path, "communities")]
    except ValidationError as error:
        raise InvalidInput(f"communities file {path}: {error}") from error
    return {community.id: community for community in communities}
