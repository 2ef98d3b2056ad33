"""A `profile` key says whom it acts for: the keys file and `copgraph keys create` refuse one
that does not, and `acts_for` reads as people, communities' members or everyone."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from graph_service.api.security import KeyRing, hash_key
from graph_service.cli import app
from graph_service.errors import ConfigurationError
from queries.members import Members


def test_a_profile_key_without_acts_for_is_refused_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    entry = {"name": "portal", "sha256": hash_key("k"), "scopes": ["read", "profile"]}
    path.write_text(yaml.safe_dump([entry]), encoding="utf-8")
    with pytest.raises(ConfigurationError, match="key 'portal' has scope 'profile' but no acts"):
        KeyRing.load(path)
    path.write_text(yaml.safe_dump([{**entry, "scopes": ["admin", "profile"]}]), "utf-8")
    caller = KeyRing.load(path).caller("k")
    assert caller is not None and caller.members == Members.everyone(), "admins act for all"


def test_acts_for_reads_people_communities_and_everyone(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    acts_for = ["malee", "community:cop-health", "community:cop-km"]
    entry = {"name": "p", "sha256": hash_key("k"), "scopes": ["profile"], "acts_for": acts_for}
    path.write_text(yaml.safe_dump([entry]), encoding="utf-8")
    caller = KeyRing.load(path).caller("k")
    assert caller is not None
    assert caller.members == Members(
        people=frozenset({"malee"}), communities=frozenset({"cop-health", "cop-km"})
    )
    assert Members.of(["*"]).everybody and not Members.of(["malee"]).everybody
    reader = caller.model_copy(update={"scopes": frozenset({"read"})})
    assert reader.members is None, "a key without the profile scope acts for nobody"


def test_keys_create_needs_acts_for_with_the_profile_scope() -> None:
    refused = CliRunner().invoke(app, ["keys", "create", "portal", "--scope", "profile"])
    assert refused.exit_code == 2 and "no key created" in refused.output
    assert "shown once" not in refused.output
    made = CliRunner().invoke(
        app,
        ["keys", "create", "portal", "--scope", "profile", "--acts-for", "community:cop-health"],
    )
    assert made.exit_code == 0, made.output
    (entry,) = yaml.safe_load(made.output[made.output.index("- acts_for") :])
    assert entry["acts_for"] == ["community:cop-health"]
