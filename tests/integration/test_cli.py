"""The `copgraph` command end to end on the embedded store (hashing model: fast plumbing)."""

from __future__ import annotations

import gzip
import json
import shutil
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.config import get_settings
from ingest import SAMPLE_DIR
from tests.conftest import SHARED
from tests.reliability.corpus import stackexchange_slice

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


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def _row(out: str, name: str) -> list[str]:
    """The cells of the summary row `name`, however wide the table is drawn."""
    line = next(line for line in out.splitlines() if line.strip("│ ").startswith(f"{name} "))
    return [cell.strip() for cell in line.strip("│ ").split("│")]


def test_ingest_twice_then_query_suggest_and_delete(env: Path) -> None:
    code, out = run("ingest", str(SAMPLE_DIR / "cop-sample.jsonl"))
    assert code == 0, out
    assert "ingest summary" in out and "total" in out
    code, out = run("ingest", str(SAMPLE_DIR / "cop-sample.jsonl"))
    total = next(line for line in out.splitlines() if "total" in line)
    cells = [cell.strip() for cell in total.strip("│ ").split("│")]
    assert code == 0 and cells == ["total", "79", "0", "79", "0", "0"]
    code, out = run("experts", "composting")
    assert code == 0 and "who knows about: composting" in out
    code, out = run("domains", "suggest", "--min-size", "2", "--output", str(env / "s.yaml"))
    assert code == 0 and "suggested domains" in out
    assert isinstance(yaml.safe_load((env / "s.yaml").read_text(encoding="utf-8")), list)
    code, out = run("delete", "agri-001")
    assert code == 0 and "deleted 1 document" in out
    code, out = run("derive")
    assert code == 0 and "nothing to derive" in out
    code, out = run("derive", "--full")
    assert code == 0 and "derived everything again" in out
    code, out = run("stats")
    assert code == 0 and "Document" in out


def test_rejects_are_reported_and_exit_code_says_nothing_went_in(env: Path) -> None:
    bad = env / "bad.jsonl"
    bad.write_text('{"type": "document"}\nnot json\n', encoding="utf-8")
    code, out = run("ingest", str(bad), "--rejects", str(env / "rejects.jsonl"))
    assert code == 1, out
    rejects = [json.loads(line) for line in (env / "rejects.jsonl").read_text("utf-8").splitlines()]
    assert [r["position"] for r in rejects] == ["line 1", "line 2"]


def test_bad_configuration_fails_with_one_line_naming_the_setting(
    env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPGRAPH_EMBEDDING_MODEL", "no-such-model-anywhere")
    get_settings.cache_clear()
    code, out = run("experts", "x")
    assert code == 2 and "COPGRAPH_EMBEDDING_MODEL" in out
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    get_settings.cache_clear()
    code, out = run("stats")
    assert code == 2 and "NEO4J_URI" in out


def test_train_ranker_learns_from_answered_questions_or_says_why_not(env: Path) -> None:
    run("ingest", str(SAMPLE_DIR / "cop-sample.jsonl"))
    code, out = run("train-ranker")
    assert code == 2 and "learning a ranking needs at least 40" in " ".join(out.split())
    # The dump's first 150 questions, 70 of them learned from, give about 60 examples: over
    # the 40 a ranking needs. The whole dump and 200 questions (test_pipeline ingests it all)
    # proved nothing more here and made this one of the suite's slowest tests.
    dump = stackexchange_slice(env / "dump", 150)
    code, out = run("ingest", "--format", "stackexchange", str(dump))
    assert code == 0, out
    code, out = run("train-ranker", "--questions", "70")
    assert code == 0, out
    assert "learned ranking v1" in out and "questions learned from" in out
    code, out = run("experts", "quantum error correction")
    assert code == 0 and "who knows about" in out


def test_demo_prints_the_page_address_and_an_answer_for_every_example(env: Path) -> None:
    code, output = run("demo", "--no-serve", "--port", "8123")
    assert code == 0, output
    assert "open http://127.0.0.1:8123/ in your browser" in output
    lines = output.splitlines()
    requests = [n for n, line in enumerate(lines) if line.strip().startswith("curl ")]
    assert len(requests) == 3
    for n in requests:
        answer = lines[n + 1].strip()
        assert answer.startswith("-> top "), (lines[n], answer)
    assert "-> top practice now: " in output, "the practices example answers too"


def test_an_input_no_reader_takes_is_named_with_the_formats_and_the_rest_goes_in(
    env: Path,
) -> None:
    unknown = env / "a folder with a long name of a team's exported survey answers" / "data.csv"
    unknown.parent.mkdir()
    unknown.write_text("question,answer\n", encoding="utf-8")
    code, out = run("ingest", str(unknown), str(CONNECTORS / "mediawiki" / "article-pear.xml"))
    flat = " ".join(out.split())
    assert code == 0, out
    assert f"skipped {unknown}: no reader recognises it" in out, "the path is never wrapped"
    assert "discourse: Discourse topic JSON" in flat and "Choose one with --format NAME" in flat
    assert "│ article │ 1 │ 1 │" in flat


def test_a_run_that_stores_nothing_says_why(env: Path) -> None:
    survey = env / "survey"
    survey.mkdir()
    for name in ("answers.json", "questions.json"):
        (survey / name).write_text('{"rows": []}', encoding="utf-8")
    code, out = run("ingest", str(survey))
    flat = " ".join(out.split())
    assert code == 1, out
    assert "read as files, whose reader leaves 2 file(s) alone (answers.json, questions" in flat
    assert "held no records to read (see skipped above)" in flat
    bad = env / "bad.jsonl"
    bad.write_text("not json\n{}\n", encoding="utf-8")
    code, out = run("ingest", str(bad))
    assert code == 1 and "nothing ingested: all 2 records read were rejected" in out


def test_real_exports_are_detected_and_a_sync_of_the_same_export_changes_nothing(
    env: Path,
) -> None:
    forum = CONNECTORS / "discourse"
    code, out = run("ingest", str(forum), str(CONNECTORS / "mediawiki" / "pair-0.10.xml"))
    assert code == 0 and _row(out, "thread")[:3] == ["thread", "1", "1"] and "│ article" in out
    assert _row(out, "moderator notice") == ["moderator notice", "0", "0", "0", "0", "1"]
    code, out = run("ingest", "--sync", str(forum))
    assert code == 0, out
    assert "sync of discourse:discourse: 0 added, 0 updated, 0 deleted, 1 unchanged" in out


# `copgraph ingest` on each real chat export, format detected: it goes in, and the summary
# says what was skipped (the first complaint about chat exports: `total 0`, exit 1, not a
# word why).
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
    code, out = run("ingest", str(path))
    assert code == 0, out
    assert _row(out, "total")[2] == ingested
    assert _row(out, skipped_row[0]) == skipped_row


def test_ingest_says_how_many_closed_accounts_it_marked_left(env: Path) -> None:
    export = shutil.copytree(CONNECTORS / "slack" / "hfaran-testarchive", env / "slack")
    users = json.loads((export / "users.json").read_text(encoding="utf-8"))
    for user in users:
        user["deleted"] = user["id"] in ("U0BMQB6JE", "U0BMS113R")
    (export / "users.json").write_text(json.dumps(users), encoding="utf-8")
    code, out = run("ingest", str(export))
    assert code == 0, out
    assert "accounts in the sources: 2 status(es) written (left, or active again), 0 kept" in out


def test_a_discourse_backup_read_as_discourse_says_how_to_export_instead(env: Path) -> None:
    dump = env / "dump.sql.gz"
    dump.write_bytes(gzip.compress(b"-- PostgreSQL database dump\n"))
    backup = env / "forum-2026-01-05-033000-v20251201.tar.gz"
    with tarfile.open(backup, "w:gz") as archive:
        archive.add(dump, arcname="dump.sql.gz")
    for format in ("auto", "discourse"):
        code, out = run("ingest", "--format", format, str(backup))
        assert code == 1, out
        assert "Discourse admin backup" in out, format
        assert "/c/{slug}/{id}.json" in " ".join(out.split()), format


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
    code, out = run("ingest", str(dump))
    assert code == 0, out
    assert 'skipped redirect page, page 2 "Compost": redirect to Composting' in out
