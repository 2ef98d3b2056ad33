"""How fast the Discourse and MediaWiki readers read, alone (no normalising, no embedding),
on synthetic exports shaped like the real ones in shared/data/connectors/, with the peak
memory Python allocated while streaming them (tracemalloc, a second read).

Discourse: topics of 20 posts, one `/t/{id}.json` file each. MediaWiki: pages whose every
revision appends a paragraph to the one before (each revision a full copy, as in a dump),
so the line diff that credits contributors sees real histories.

    python -m benchmarks.source_readers [--topics 2000] [--pages 500] [--revisions 40]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from benchmarks.tables import Column, markdown
from ingest.records import Reject, SourceRecord
from ingest.sources.discourse import read_discourse
from ingest.sources.mediawiki import read_mediawiki

COLUMNS: list[Column] = [
    ("reader", "reader", ""),
    ("input MB", "megabytes", ".1f"),
    ("records", "records", ","),
    ("posts or revisions", "parts", ","),
    ("rejects", "rejects", ","),
    ("seconds", "seconds", ".2f"),
    ("MB/s", "rate", ".1f"),
    ("peak MB (traced)", "peak", ".1f"),
]
PARAGRAPH = (
    "Composting rice straw with a fungal starter takes six weeks; turn the pile every ten "
    "days and keep it as moist as a wrung sponge. การทำปุ๋ยหมักจากฟางข้าวต้องพลิกกองทุกสิบวัน "
)


def _discourse(folder: Path, topics: int) -> None:
    for topic in range(topics):
        posts = [
            {
                "id": topic * 100 + number,
                "post_number": number,
                "username": f"member{(topic + number) % 300}",
                "created_at": "2024-01-01T00:00:00+07:00",
                "cooked": f"<p>{PARAGRAPH * 3}</p>",
                "post_type": 1,
                "reply_to_post_number": number - 1 if number > 2 else None,
                "actions_summary": [{"id": 2, "count": number % 4}],
            }
            for number in range(1, 21)
        ]
        data = {"id": topic, "title": f"Topic {topic}", "category_id": topic % 7,
                "post_stream": {"posts": posts, "stream": [p["id"] for p in posts]}}  # fmt: skip
        (folder / f"{topic}.json").write_text(json.dumps(data), encoding="utf-8")


def _mediawiki(path: Path, pages: int, revisions: int) -> None:
    with path.open("w", encoding="utf-8") as dump:
        dump.write("<mediawiki><siteinfo><base>https://wiki.example.org/wiki/M</base></siteinfo>")
        for page in range(pages):
            dump.write(f"<page><title>Page {page}</title><ns>0</ns><id>{page}</id>")
            text = ""
            for revision in range(revisions):
                text += f"\n== Part {revision} ==\n{PARAGRAPH} [[Link {revision}]]"
                dump.write(
                    f"<revision><timestamp>2024-01-01T00:00:00Z</timestamp><contributor>"
                    f"<username>editor{(page + revision) % 50}</username></contributor>"
                    f"<text>{escape(text)}</text></revision>"
                )
            dump.write("</page>")
        dump.write("</mediawiki>")


def _measure(name: str, size: int, parts: int, read: Callable[[], Iterable[Any]]) -> dict[str, Any]:
    """Time one streaming read, then trace the memory of another: tracing slows Python
    several times, so the time is taken untraced. Items are counted, not kept, as the
    pipeline keeps one batch."""
    started = time.perf_counter()
    records = rejects = 0
    for item in read():
        records += isinstance(item, SourceRecord)
        rejects += isinstance(item, Reject)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    for _ in read():
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "reader": name,
        "megabytes": size / 1e6,
        "records": records,
        "parts": parts,
        "rejects": rejects,
        "seconds": seconds,
        "rate": size / 1e6 / seconds,
        "peak": peak / 1e6,
    }


def main() -> None:
    """Write the synthetic exports into a temporary folder, read each, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--topics", type=int, default=2000)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--revisions", type=int, default=40)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        forum, dump = Path(name) / "forum", Path(name) / "wiki.xml"
        forum.mkdir()
        _discourse(forum, options.topics)
        _mediawiki(dump, options.pages, options.revisions)
        forum_size = sum(file.stat().st_size for file in forum.iterdir())
        rows = [
            _measure("discourse", forum_size, options.topics * 19, lambda: read_discourse(forum)),
            _measure(
                "mediawiki",
                dump.stat().st_size,
                options.pages * options.revisions,
                lambda: read_mediawiki(dump),
            ),
        ]
    print(markdown(rows, COLUMNS))


if __name__ == "__main__":
    main()
