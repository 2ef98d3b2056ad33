"""Who wrote what: stable person ids per source and handle, merged only through people.yaml.

A person's id is `<source>:<handle>` unless `people.yaml` says that handle is an alias of a
canonical person. Display names never merge anyone: two people called "Somchai" stay two
people unless an alias entry says otherwise. The file also carries opt-outs and statuses
(who is away, who left).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from graph_service.errors import InvalidInput
from graph_service.models import Person
from graph_service.profiles import PersonStatus, StatusKind
from ingest.records import RawPerson

_SAFE_PUNCTUATION = frozenset("_.:@+-")
"""Kept in ids with letters, digits and combining marks; every other character is spelled
%XX (its UTF-8 bytes), `%` included, so no two handles meet."""


class PersonEntry(BaseModel):
    """One entry of people.yaml."""

    id: str
    name: str = ""
    aliases: list[str] = []
    opted_out: bool = False
    status: StatusKind | None = None
    """`active`, `away` (with `until`) or `left` (with `since`); None leaves the stored
    status as it is. A status set through the API is never replaced from here."""
    until: date | None = None
    since: date | None = None
    available_for_questions: bool = True


def person_id(raw: RawPerson) -> str:
    """The stable id of a source handle: `<source>:<handle>`, unsafe characters escaped.

    Escaped, not folded: "john smith" and "john_smith" are two people and keep two ids.
    Words of any script stay readable (Thai vowel and tone marks are combining marks).
    """
    return "".join(map(_id_character, f"{raw.source}:{raw.handle}"))


def _id_character(character: str) -> str:
    if (
        character.isalnum()
        or character in _SAFE_PUNCTUATION
        or unicodedata.category(character).startswith("M")
    ):
        return character
    return "".join(f"%{byte:02X}" for byte in character.encode("utf-8"))


class PeopleDirectory:
    """Resolves source handles to `Person`s, applying aliases and opt-outs from people.yaml."""

    def __init__(self, entries: list[PersonEntry] | None = None) -> None:
        self._entries = {entry.id: entry for entry in entries or []}
        self._alias_to_id = {
            alias: entry.id for entry in entries or [] for alias in [entry.id, *entry.aliases]
        }

    @classmethod
    def load(cls, path: Path | None) -> PeopleDirectory:
        """Read people.yaml; `None` means no aliases and no opt-outs."""
        if path is None:
            return cls()
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            return cls([PersonEntry.model_validate(item) for item in raw])
        except (OSError, yaml.YAMLError, ValidationError, TypeError) as error:
            raise InvalidInput(f"people file {path}: {error}") from error

    def statuses(self) -> list[PersonStatus]:
        """The statuses the file declares, written by every ingest (`by` people.yaml).

        Raises:
            InvalidInput: an entry's dates do not fit its status (names the entry).
        """
        found = []
        for entry in self._entries.values():
            if entry.status is None:
                continue
            try:
                found.append(
                    PersonStatus(
                        person_id=entry.id,
                        status=entry.status,
                        until=entry.until,
                        since=entry.since,
                        available_for_questions=entry.available_for_questions,
                        by="people.yaml",
                        origin="people.yaml",
                    )
                )
            except ValidationError as error:
                reasons = "; ".join(str(e["msg"]) for e in error.errors())
                raise InvalidInput(f"people file, entry {entry.id!r}: {reasons}") from error
        return found

    def resolve(self, raw: RawPerson) -> Person:
        """The Person behind a source handle."""
        own_id = person_id(raw)
        canonical = self._alias_to_id.get(f"{raw.source}:{raw.handle}") or self._alias_to_id.get(
            own_id
        )
        entry = self._entries.get(canonical) if canonical else None
        if entry is None:
            return Person(id=own_id, name=raw.name or raw.handle, source=raw.source)
        return Person(
            id=entry.id,
            name=entry.name or raw.name or raw.handle,
            source=raw.source,
            opted_out=entry.opted_out,
        )
