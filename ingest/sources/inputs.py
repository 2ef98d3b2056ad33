"""Which reader each input of a run gets, and which inputs no reader takes, named with why.

A KM team's first run is on whatever export they have. An input nobody reads must not vanish:
a file no format recognises, or the files of a folder that the folder's reader leaves alone
(the `.json` tables of a survey export read as a folder of pages), are returned as `Skipped`, with
the supported formats and how to choose one, for the command to print; the other inputs
still go in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from graph_service.errors import InvalidInput
from ingest.sources.detect import FORMATS, detect_format, supported_formats
from ingest.sources.files import FORMATS as FILE_FORMATS
from ingest.sources.files import unread_files

_NAMED = 5
"""Skipped files of a folder named in the message; the others are counted."""
FOLDER_SUFFIXES: dict[str, frozenset[str]] = {
    "files": frozenset(FILE_FORMATS),
    "discourse": frozenset({".json"}),
}
"""The files a folder reader reads, by suffix: the others in its folder are named as
skipped. (A StackExchange dump's other files are dump tables the reader needs not.)"""


@dataclass(frozen=True)
class Skipped:
    """An input, or files inside one, that nothing reads."""

    path: Path
    reason: str


@dataclass(frozen=True)
class Plan:
    """The inputs to read, each with its format, and what is skipped."""

    inputs: list[tuple[Path, str]]
    skipped: list[Skipped]


def plan_inputs(paths: Sequence[Path], format: str = "auto") -> Plan:
    """Choose a format per path (`format` unless "auto") and list what no reader takes.

    Raises:
        InvalidInput: `format` is not a known format, or a path does not exist (a typo is
            not something to skip past).
    """
    if format != "auto" and format not in FORMATS:
        raise InvalidInput(f"unknown format {format!r}: use auto, {', '.join(FORMATS)}")
    inputs: list[tuple[Path, str]] = []
    skipped: list[Skipped] = []
    for path in paths:
        if not path.exists():
            raise InvalidInput(f"{path}: no such file or folder")
        try:
            chosen = detect_format(path) if format == "auto" else format
        except InvalidInput as error:
            skipped.append(Skipped(path, str(error).removeprefix(f"{path}: ")))
            continue
        inputs.append((path, chosen))
        suffixes = FOLDER_SUFFIXES.get(chosen)
        if suffixes and path.is_dir() and (unread := unread_files(path, suffixes)):
            skipped.append(Skipped(path, _unread_message(path, chosen, unread)))
    return Plan(inputs, skipped)


def _unread_message(folder: Path, format: str, unread: list[Path]) -> str:
    names = ", ".join(file.relative_to(folder).as_posix() for file in unread[:_NAMED])
    more = f" and {len(unread) - _NAMED} more" if len(unread) > _NAMED else ""
    return (
        f"read as {format}, whose reader leaves {len(unread)} file(s) alone "
        f"({names}{more}). {supported_formats()}"
    )
