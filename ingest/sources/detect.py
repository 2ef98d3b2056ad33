"""Which reader a path needs, so `copgraph ingest PATH` works without naming the format.

The checks go from the most specific evidence to the least: a folder with `Posts.xml` is a
StackExchange dump whatever it is called; a folder or `.json` file holding Discourse topic
JSON is a forum export; an XML file whose root is `<mediawiki>` is a wiki dump; a chat export
is known by its own structure (Slack's `users.json` and channel list, a Mattermost version
line, LINE's header line); a file whose first line is an mbox `From ` line is a mail archive
even when named `.txt` (list archivers such as Pipermail serve them that way); then the file
name decides. Each reader recognised by its content has a check of its own
(`looks_like_<format>` or `is_<format>_export`), listed in `CONTENT_READERS`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal, get_args

from graph_service.errors import InvalidInput
from ingest.sources import Records
from ingest.sources.discourse import looks_like_discourse, read_discourse
from ingest.sources.discourse_backup import BACKUP_HELP, is_discourse_backup
from ingest.sources.files import FORMATS as FILE_FORMATS
from ingest.sources.files import read_files
from ingest.sources.jsonl import read_jsonl
from ingest.sources.line_chat import is_line_export, read_line_chat
from ingest.sources.mattermost import is_mattermost_export, read_mattermost
from ingest.sources.mbox import read_mbox
from ingest.sources.mediawiki import looks_like_mediawiki, read_mediawiki
from ingest.sources.slack import is_slack_export, read_slack
from ingest.sources.stackexchange import read_stackexchange
from ingest.sources.teams import is_teams_export, read_teams

Format = Literal[
    "jsonl",
    "files",
    "stackexchange",
    "mbox",
    "discourse",
    "mediawiki",
    "slack",
    "teams",
    "mattermost",
    "line",
]
FORMATS: tuple[Format, ...] = get_args(Format)
"""The format names in `Format`, spelled once there, for checks and messages at run time."""
FORMAT_HELP: dict[Format, str] = {
    "jsonl": "copgraph JSONL, a .jsonl file",
    "files": "a .md, .markdown, .html, .htm or .txt file, or a folder of them",
    "stackexchange": "a StackExchange dump folder, with Posts.xml",
    "mbox": "a mail archive, .mbox or a file starting with a From line",
    "discourse": "Discourse topic JSON as /t/{id}.json serves it, or a folder of it (with "
    "a category's /c/{slug}/{id}.json and /categories.json)",
    "mediawiki": "a MediaWiki XML dump, an .xml file whose root is <mediawiki>",
    "slack": "a Slack export .zip, or the folder it unpacks to (users.json, channels.json)",
    "teams": "Teams channel messages, a folder of messages_*.json or one Graph messages file",
    "mattermost": "a Mattermost bulk export, a file whose first line is its version line",
    "line": "a LINE chat history, the .txt file whose first line is LINE's header",
}
"""What each format reads, as the message naming a skipped input lists them."""
CONTENT_READERS: dict[
    Format, tuple[Callable[[Path], bool], Callable[[Path, str | None], Records]]
] = {
    "slack": (is_slack_export, read_slack),
    "teams": (is_teams_export, read_teams),
    "mattermost": (is_mattermost_export, read_mattermost),
    "line": (is_line_export, read_line_chat),
    "discourse": (looks_like_discourse, read_discourse),
    "mediawiki": (looks_like_mediawiki, read_mediawiki),
}
"""Exports recognised by what they hold, each by its reader's own check, before file names
are looked at (a forum's topics, a wiki dump and chat exports are `.json`, `.xml`, `.jsonl`
and `.txt` like much else). The chat checks come first: they look at a few names or the
first line, where the Discourse check searches a folder for a topic."""

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
    if is_discourse_backup(path):
        raise InvalidInput(f"{path}: {BACKUP_HELP}")
    if path.is_dir() and (path / "Posts.xml").is_file():
        return "stackexchange"
    for name, (recognises, _) in CONTENT_READERS.items():
        if recognises(path):
            return name
    if path.is_dir():
        return "files"
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    with path.open("rb") as file:
        first_line = file.readline(1024)
    if suffix == ".mbox" or _FROM_LINE.match(first_line):
        return "mbox"
    if suffix in FILE_FORMATS:
        return "files"
    raise InvalidInput(f"{path}: no reader recognises it. {supported_formats()}")


def supported_formats() -> str:
    """The formats read, each with what it takes, and how to choose one."""
    listed = "; ".join(f"{name}: {what}" for name, what in FORMAT_HELP.items())
    return f"Supported formats: {listed}. Choose one with --format NAME."


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
    if chosen in CONTENT_READERS:
        return CONTENT_READERS[chosen][1](path, community)
    return read_files(path, community, default_author)
