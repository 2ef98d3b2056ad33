"""API keys: scopes (`read`, `write`, `admin`, `profile`), private communities, hashed at rest.

The keys file (`COPGRAPH_API_KEYS_FILE`, YAML) holds only SHA-256 hashes of keys, never the
keys: `copgraph keys create NAME --scope read` prints a new key once and the entry to add.
Reads may be opened to anonymous callers (`COPGRAPH_ANONYMOUS_READ`); writes never are.
An anonymous or plain key sees no private community unless the key lists it. A `profile`
key acts only for the members its portal signs in (`acts_for`): their profiles it may
write and read privately, nobody else's.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ValidationError, model_validator

from graph_service.errors import ConfigurationError
from graph_service.store.base import SearchScope
from queries.members import Members

Scope = Literal["read", "write", "admin", "profile"]
"""`profile`: a portal acting for its signed-in members, writing their own profiles and
reading their status, declarations and routing history."""


class ApiKeyEntry(BaseModel):
    """One key of the keys file."""

    name: str
    sha256: str
    scopes: list[Scope]
    communities: list[str] = []
    acts_for: list[str] = []
    """Whom a `profile` key acts for, as its portal signs them in: person ids,
    `community:<id>` (everyone who wrote in that community) or `*` (everyone: a portal of
    the whole organisation). Required with `profile`, so that a key sees and edits no
    profile by accident."""

    @model_validator(mode="after")
    def _profile_keys_say_for_whom(self) -> ApiKeyEntry:
        if "profile" in self.scopes and "admin" not in self.scopes and not self.acts_for:
            raise ValueError(
                f"key {self.name!r} has scope 'profile' but no acts_for: list the person ids "
                "its portal signs in, community:<id> for a community's members, or '*'"
            )
        return self


class Caller(BaseModel):
    """Who is asking: the key's name (or `anonymous`), scopes and private communities."""

    name: str
    scopes: frozenset[Scope]
    communities: frozenset[str] = frozenset()
    acts_for: frozenset[str] = frozenset()
    """A `profile` key's members (see `ApiKeyEntry.acts_for`); admins act for everyone."""

    @property
    def search_scope(self) -> SearchScope:
        """What this caller may see: admins everything, others their private communities."""
        if "admin" in self.scopes:
            return SearchScope(private_allowed=None)
        return SearchScope(private_allowed=self.communities)

    def can(self, scope: Scope) -> bool:
        """Whether the caller holds `scope` (admin holds every scope)."""
        return scope in self.scopes or "admin" in self.scopes

    @property
    def members(self) -> Members | None:
        """Whose profiles the caller acts for: None when it acts for nobody's (no `profile`
        scope), `Members.everyone()` for admins."""
        if "admin" in self.scopes:
            return Members.everyone()
        if "profile" not in self.scopes:
            return None
        return Members.of(self.acts_for)


ANONYMOUS = Caller(name="anonymous", scopes=frozenset({"read"}))


def hash_key(key: str) -> str:
    """The at-rest form of a key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A fresh random key."""
    return "cg_" + secrets.token_urlsafe(32)


class KeyRing:
    """The configured keys, looked up by hash in constant time per entry."""

    def __init__(self, entries: list[ApiKeyEntry]) -> None:
        self._entries = entries

    @classmethod
    def load(cls, path: Path | None) -> KeyRing:
        """Read the keys file; `None` means no keys (anonymous reads only, if enabled)."""
        if path is None:
            return cls([])
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
            return cls([ApiKeyEntry.model_validate(item) for item in raw])
        except (OSError, yaml.YAMLError, ValidationError, TypeError) as error:
            raise ConfigurationError(
                f"COPGRAPH_API_KEYS_FILE={path} cannot be read: {error}"
            ) from error

    def caller(self, key: str) -> Caller | None:
        """The caller a presented key belongs to, or None."""
        digest = hash_key(key)
        for entry in self._entries:
            if hmac.compare_digest(entry.sha256, digest):
                return Caller(
                    name=entry.name,
                    scopes=frozenset(entry.scopes),
                    communities=frozenset(entry.communities),
                    acts_for=frozenset(entry.acts_for),
                )
        return None
