"""A Discourse admin backup, recognised so that it is named and refused, not misread.

A backup (Admin > Backups, `<site>-<date>-v<version>.tar.gz`, or `.sql.gz` without
uploads) is the forum's whole PostgreSQL database as `dump.sql.gz`: private messages,
staff-only categories, e-mail and IP addresses and API key hashes included, in tables whose
columns change between Discourse versions. copgraph does not read it: taking a database
apart to keep only what members may read is a privacy risk a reader should not carry, and
the forum's JSON gives the same content with its permissions applied. The message says how
to export that instead.
"""

from __future__ import annotations

import gzip
import tarfile
import zlib
from itertools import islice
from pathlib import Path

BACKUP_HELP = (
    "a Discourse admin backup (the forum's whole database as dump.sql.gz: private messages, "
    "e-mail and IP addresses included) is not read. Export what members may read instead: "
    "save each category's /c/{slug}/{id}.json, each of its topics' /t/{id}.json (with "
    "/t/{id}/posts.json?post_ids[]=... for long topics) and /categories.json into one "
    "folder, and ingest that folder (docs/sources.md, Discourse)"
)
_MEMBERS_LOOKED_AT = 50
"""A backup's dump comes first in its archive (uploads follow): no need to list them all."""
_DUMP_NAMES = {"dump.sql.gz", "dump.sql"}


def is_discourse_backup(path: Path) -> bool:
    """Whether `path` is a backup archive holding a dump, or a bare PostgreSQL dump `.sql.gz`."""
    name = path.name.lower()
    if not path.is_file() or not name.endswith((".tar.gz", ".tgz", ".sql.gz")):
        return False
    try:
        if name.endswith(".sql.gz"):
            with gzip.open(path, "rb") as dump:
                return b"PostgreSQL database dump" in dump.read(4096)
        with tarfile.open(path, "r:gz") as archive:
            members = islice(archive, _MEMBERS_LOOKED_AT)
            return any(Path(member.name).name in _DUMP_NAMES for member in members)
    except (OSError, EOFError, tarfile.TarError, zlib.error):
        return False
