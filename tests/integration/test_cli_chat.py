"""`copgraph ingest` on each real chat export, format detected: it goes in, and the summary
says what was skipped (the issue's first complaint: `total 0`, exit 1, not a word why)."""

from __future__ import annotations

import gzip
import json
import shutil
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.config import get_settings
from tests.conftest import SHARED

CONNECTORS = SHARED / "data" / "connectors"
LINE = Path(__file__).parents[1] / "unit" / "data" / "line" / "rice-farmers.en.txt"


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty embedded store in a temporary folder, with the hashing embedder."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("COPGRAPH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("COPGRAPH_EMBEDDING_MODEL", "hash")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def _row(out: str, name: str) -> list[str]:
    line = next(line for line in out.splitlines() if line.strip("│ ").startswith(name))
    return [cell.strip() for cell in line.strip("│ ").split("│")]


@pytest.mark.parametrize(
    ("path", "ingested", "skipped_row"),
    [
        (
            CONNECTORS / "slack" / "hfaran-testarchive",
            "52",
            ["bot message", "0", "0", "0", "0", "94"],
        ),
        (
            CONNECTORS / "teams" / "zulip-TeamsData_ZulipChat",
            "4",
            ["system message", "0", "0", "0", "0", "3"],
        ),
        (
            CONNECTORS / "mattermost" / "export.json",
            "12",
            ["join/leave message", "0", "0", "0", "0", "8"],
        ),
        (LINE, "3", ["sticker", "0", "0", "0", "0", "1"]),
    ],
)
def test_ingest_detects_the_export_and_counts_what_it_skipped(
    env: Path, path: Path, ingested: str, skipped_row: list[str]
) -> None:
    result = CliRunner().invoke(app, ["ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert _row(result.output, "total")[2] == ingested
    assert _row(result.output, skipped_row[0]) == skipped_row


def test_ingest_says_how_many_closed_accounts_it_marked_left(env: Path) -> None:
    export = shutil.copytree(CONNECTORS / "slack" / "hfaran-testarchive", env / "slack")
    users = json.loads((export / "users.json").read_text(encoding="utf-8"))
    for user in users:
        user["deleted"] = user["id"] in ("U0BMQB6JE", "U0BMS113R")
    (export / "users.json").write_text(json.dumps(users), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(export)])
    assert result.exit_code == 0, result.output
    assert "accounts in the sources: 2 status(es) written (left, or active again), 0 kept" in (
        result.output
    )


def test_a_discourse_backup_read_as_discourse_says_how_to_export_instead(env: Path) -> None:
    dump = env / "dump.sql.gz"
    dump.write_bytes(gzip.compress(b"-- PostgreSQL database dump\n"))
    backup = env / "forum-2026-01-05-033000-v20251201.tar.gz"
    with tarfile.open(backup, "w:gz") as archive:
        archive.add(dump, arcname="dump.sql.gz")
    for format in ("auto", "discourse"):
        result = CliRunner().invoke(app, ["ingest", "--format", format, str(backup)])
        assert result.exit_code == 1, result.output
        assert "Discourse admin backup" in result.output, format
        assert "/c/{slug}/{id}.json" in " ".join(result.output.split()), format


def test_a_wiki_redirect_is_shown_with_its_target(env: Path) -> None:
    page = (
        "<page><title>{}</title><ns>0</ns><id>{}</id><revision><timestamp>2024-05-01T00:00:00Z"
        "</timestamp><contributor><username>Malee</username></contributor><text>{}</text>"
        "</revision></page>"
    )
    dump = env / "wiki.xml"
    dump.write_text(
        "<mediawiki>"
        + page.format("Composting", 1, "Rice straw composts with manure in two months.")
        + page.format("Compost", 2, "#REDIRECT [[Composting]]")
        + "</mediawiki>",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["ingest", str(dump)])
    assert result.exit_code == 0, result.output
    assert 'skipped redirect page, page 2 "Compost": redirect to Composting' in result.output
