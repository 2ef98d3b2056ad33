"""Which reader a path needs, so `copgraph ingest PATH` works without naming the format.

The checks go from the most specific evidence to the least: a folder with `Posts.xml` is a
StackExchange dump whatever it is called; a file whose first line is an mbox `From ` line is a
mail archive even when named `.txt` (list archivers such as Pipermail serve them that way);
then the file name decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from graph_service.errors import InvalidInput
from ingest.sources import Records
from ingest.sources.files import FORMATS as FILE_FORMATS
from ingest.sources.files import read_files
from ingest.sources.jsonl import read_jsonl
from ingest.sources.line_chat import is_line_export, read_line_chat
from ingest.sources.mattermost import is_mattermost_export, read_mattermost
from ingest.sources.mbox import read_mbox
from ingest.sources.slack import is_slack_export, read_slack
from ingest.sources.stackexchange import read_stackexchange
from ingest.sources.teams import is_teams_export, read_teams

Format = Literal["jsonl", "files", "stackexchange", "mbox", "slack", "teams", "mattermost", "line"]
FORMATS: tuple[Format, ...] = (
    "jsonl",
    "files",
    "stackexchange",
    "mbox",
    "slack",
    "teams",
    "mattermost",
    "line",
)
CHAT_READERS: dict[Format, tuple[Callable[[Path], bool], Callable[[Path, str | None], Records]]] = {
    "slack": (is_slack_export, read_slack),
    "teams": (is_teams_export, read_teams),
    "mattermost": (is_mattermost_export, read_mattermost),
    "line": (is_line_export, read_line_chat),
}
"""Chat exports, each recognised by its own structure (before file names are looked at)."""

_FROM_LINE = re.compile(
    rb"From .+ (?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    rb" +\d{1,2} \d{1,2}:\d{2}"
)
"""The separator line opening an mbox, `From sender Mon Feb  5 09:00:00 2024` (an asctime
date), strict enough that a text file starting "From the meeting at 10:30" is not taken."""


def detect_format(path: Path) -> Format:
    """The format of a file or folder.

    Raises:
        InvalidInput: The path does not exist or looks like none of the formats.
    """
    if not path.exists():
        raise InvalidInput(f"{path}: no such file or folder")
    for name, (recognises, _) in CHAT_READERS.items():
        if recognises(path):
            return name
    if path.is_dir():
        return "stackexchange" if (path / "Posts.xml").is_file() else "files"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    with path.open("rb") as file:
        first_line = file.readline(1024)
    if suffix == ".mbox" or _FROM_LINE.match(first_line):
        return "mbox"
    if suffix in FILE_FORMATS:
        return "files"
    raise InvalidInput(
        f"{path}: cannot tell its format from its name or first line; "
        f"name one of {', '.join(FORMATS)}"
    )


def read_source(
    path: Path,
    format: str = "auto",
    community: str | None = None,
    default_author: str | None = None,
) -> Records:
    """Read any supported input, streaming records and rejects.

    Args:
        path: A file or folder.
        format: "auto" (ask `detect_format`) or one of `FORMATS`; a plain string, since it
            usually comes from a command line.
        community: Community of records that name none.
        default_author: Author of files that name none (the `files` format only).

    Raises:
        InvalidInput: The path does not exist, the format is unknown or cannot be detected,
            or `default_author` is given for a format whose records always name their authors.
    """
    if not path.exists():
        raise InvalidInput(f"{path}: no such file or folder")
    if format != "auto" and format not in FORMATS:
        raise InvalidInput(f"unknown format {format!r}: use auto, {', '.join(FORMATS)}")
    chosen = detect_format(path) if format == "auto" else format
    if default_author is not None and chosen != "files":
        raise InvalidInput(f"default_author applies to files only, not to {chosen}")
    if chosen == "jsonl":
        return read_jsonl(path, community)
    if chosen == "stackexchange":
        return read_stackexchange(path, community)
    if chosen == "mbox":
        return read_mbox(path, community)
    if chosen in CHAT_READERS:
        return CHAT_READERS[chosen][1](path, community)
    return read_files(path, community, default_author)
