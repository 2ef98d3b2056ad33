"""The `copgraph` command end to end on the embedded store (hashing model: fast plumbing)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from graph_service.cli import app
from graph_service.config import get_settings
from ingest import SAMPLE_DIR
from tests.conftest import SHARED

QUANTUM_DUMP = SHARED / "data" / "stackexchange-quantumcomputing"


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
    code, out = run("ingest", "--format", "stackexchange", str(QUANTUM_DUMP))
    assert code == 0, out
    code, out = run("train-ranker", "--questions", "200")
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
