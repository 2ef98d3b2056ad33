"""plan_inputs: each path gets its reader, and what no reader takes is named with why."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph_service.errors import InvalidInput
from ingest.sources.inputs import plan_inputs
from tests.conftest import SHARED

CONNECTORS = SHARED / "data" / "connectors"


def test_real_exports_get_their_readers_and_an_unknown_file_is_named(tmp_path: Path) -> None:
    unknown = tmp_path / "answers.csv"
    unknown.write_text("q,a\n", encoding="utf-8")
    plan = plan_inputs(
        [CONNECTORS / "discourse", CONNECTORS / "mediawiki" / "pair-0.10.xml", unknown]
    )
    assert plan.inputs == [
        (CONNECTORS / "discourse", "discourse"),
        (CONNECTORS / "mediawiki" / "pair-0.10.xml", "mediawiki"),
    ]
    (skipped,) = plan.skipped
    assert skipped.path == unknown
    assert skipped.reason.startswith("no reader recognises it. Supported formats: jsonl:")
    assert "mediawiki: a MediaWiki XML dump" in skipped.reason
    assert skipped.reason.endswith("Choose one with --format NAME.")


def test_files_a_folder_reader_leaves_alone_are_named(tmp_path: Path) -> None:
    forum = tmp_path / "forum"
    forum.mkdir()
    shutil.copy(CONNECTORS / "discourse" / "topic.json", forum / "57.json")
    (forum / "notes.md").write_text("# Notes", encoding="utf-8")
    (forum / ".cache").mkdir()
    (forum / ".cache" / "state.bin").write_bytes(b"\0")
    (skipped,) = plan_inputs([forum]).skipped
    assert skipped.reason.startswith("read as discourse, whose reader leaves 1 file(s) alone")
    assert "(notes.md)" in skipped.reason, "hidden tool state is not named"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.md").write_text("# A", encoding="utf-8")
    for n in range(7):
        (pages / f"table{n}.csv").write_text("x", encoding="utf-8")
    (skipped,) = plan_inputs([pages]).skipped
    assert "leaves 7 file(s) alone (table0.csv, table1.csv, table2.csv" in skipped.reason
    assert "and 2 more" in skipped.reason


def test_a_forced_format_is_used_and_typos_are_errors(tmp_path: Path) -> None:
    pear = CONNECTORS / "mediawiki" / "article-pear.xml"
    assert plan_inputs([pear], "mediawiki").inputs == [(pear, "mediawiki")]
    with pytest.raises(InvalidInput, match="unknown format 'wiki'"):
        plan_inputs([pear], "wiki")
    with pytest.raises(InvalidInput, match="no such file or folder"):
        plan_inputs([tmp_path / "missing.xml"])
