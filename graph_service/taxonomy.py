"""The taxonomy and community files a KM team curates: domains.yaml and communities.yaml.

Domains carry labels in several languages, a description and `broader` parents; `tags`
map a source's tags onto a domain. Nothing is added to the taxonomy by the pipeline: new
domains are only ever suggested (`copgraph domains suggest`).

Thai beside English, in either of two forms a KM team may find natural: flat fields
(`name_th`, `description_th`) or maps (`names: {th, en}`, `descriptions: {th, en}`; for a
domain `names` is its `labels`). Both forms read the same; mixing them for one field is an
error, since which one wins would be a guess.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from graph_service.errors import InvalidInput
from graph_service.models import Community, Domain

DESCRIBED_LANGUAGES = ("en", "th")
"""The languages a description (and a community's name) may be given in: the page's two."""


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
        return [Domain.model_validate(e, from_attributes=True) for e in self.entries]

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


def _from_map(entry: dict[str, object], key: str, english: str, thai: str) -> None:
    """Turn `entry[key]` (a {th, en} map) into the flat `english` and `thai` fields, in place."""
    given = entry.pop(key)
    if not isinstance(given, dict) or not given:
        raise InvalidInput(f"`{key}` must be a map such as {{th: ..., en: ...}}")
    unknown = set(given) - set(DESCRIBED_LANGUAGES)
    if unknown:
        raise InvalidInput(f"`{key}` takes th and en only, not {sorted(unknown)}")
    clashing = [field for field in (english, thai) if field in entry]
    if clashing:
        raise InvalidInput(f"give `{key}` or {' and '.join(clashing)}, not both")
    entry[english] = given.get("en") or given.get("th")
    if "th" in given:
        entry[thai] = given["th"]


def _bilingual(item: object, names: tuple[str, str] | None) -> object:
    """A file entry with its `descriptions` map (and `names`, given its two fields) flattened.

    `names` is None for a domain, whose `names` map is its `labels` (any language).
    """
    if not isinstance(item, dict):
        return item
    entry = dict(item)
    ident = entry.get("id", "?")
    try:
        if "descriptions" in entry:
            _from_map(entry, "descriptions", "description", "description_th")
        if "names" in entry and names is not None:
            _from_map(entry, "names", *names)
        elif "names" in entry:
            if "labels" in entry:
                raise InvalidInput("give `names` or `labels`, not both")
            entry["labels"] = entry.pop("names")
    except InvalidInput as error:
        raise InvalidInput(f"entry {ident}: {error}") from error
    return entry


def load_taxonomy(path: Path) -> Taxonomy:
    """Read and check domains.yaml: unique ids, `broader` naming known domains."""
    try:
        entries = [
            DomainEntry.model_validate(_bilingual(item, None))
            for item in _load_list(path, "domains")
        ]
    except (InvalidInput, ValidationError) as error:
        raise InvalidInput(f"domains file {path}: {error}") from error
    ids = [entry.id for entry in entries]
    if len(ids) != len(set(ids)):
        raise InvalidInput(f"domains file {path}: duplicate domain ids")
    unknown = {parent for entry in entries for parent in entry.broader} - set(ids)
    if unknown:
        raise InvalidInput(f"domains file {path}: broader names unknown domains {sorted(unknown)}")
    return Taxonomy(entries=entries)


def load_communities(path: Path | None) -> dict[str, Community]:
    """Read communities.yaml (id, name, private, description, their Thai forms); `None` means
    none declared."""
    if path is None:
        return {}
    try:
        communities = [
            Community.model_validate(_bilingual(item, ("name", "name_th")))
            for item in _load_list(path, "communities")
        ]
    except (InvalidInput, ValidationError) as error:
        raise InvalidInput(f"communities file {path}: {error}") from error
    return {community.id: community for community in communities}
