"""detect_format and read_source: the path decides the reader, and the reader is the right one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph_service.errors import InvalidInput
from ingest.records import SourceRecord
from ingest.sources.detect import detect_format, read_source

DATA = Path(__file__).resolve().parent / "data" / "sources"
SAMPLE = Path(__file__).resolve().parents[2] / "ingest" / "sample" / "cop-sample.jsonl"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (SAMPLE, "jsonl"),
        (DATA / "stackexchange-mini", "stackexchange"),
        (DATA / "cop-agri.mbox", "mbox"),
        (DATA / "blog", "files"),
        (DATA / "blog" / "compost.html", "files"),
    ],
)
def test_detects_the_bundled_inputs(path: Path, expected: str) -> None:
    assert detect_format(path) == expected


def test_content_beats_the_file_name(tmp_path: Path) -> None:
    archive = tmp_path / "2014-March.txt"
    shutil.copy(DATA / "cop-agri.mbox", archive)
    notes = tmp_path / "meeting.txt"
    notes.write_text("From the meeting at 10:30: read meters weekly.\n", encoding="utf-8")
    assert detect_format(archive) == "mbox", "Pipermail serves archives as .txt"
    assert detect_format(notes) == "files"


def test_unknown_inputs_are_refused(tmp_path: Path) -> None:
    (tmp_path / "data.csv").write_text("a,b\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no reader recognises it.*--format"):
        detect_format(tmp_path / "data.csv")
    with pytest.raises(InvalidInput, match="no such file"):
        detect_format(tmp_path / "missing.jsonl")


def test_read_source_dispatches_and_passes_options() -> None:
    (mbox,) = (r for r in read_source(DATA / "cop-agri.mbox") if isinstance(r, SourceRecord))
    assert mbox.source == "mbox:cop-agri"
    (page,) = read_source(DATA / "blog", community="cop-agri", default_author="unused")
    assert isinstance(page, SourceRecord) and page.community == "cop-agri"
    first = next(iter(read_source(SAMPLE, format="jsonl")))
    assert isinstance(first, SourceRecord) and first.source == "jsonl:cop-sample.jsonl"
    with pytest.raises(InvalidInput, match="default_author"):
        read_source(SAMPLE, default_author="someone")


def test_unknown_format_name_is_refused() -> None:
    with pytest.raises(InvalidInput, match="unknown format 'csv'"):
        read_source(SAMPLE, format="csv")
