"""`copgraph ingest`, `delete` and `derive`: run the pipeline over files with a progress display."""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Iterator
from pathlib import Path

from rich.console import Console
from rich.table import Table

from graph_service.config import Settings
from graph_service.errors import StoreUnavailable
from graph_service.services import Services
from ingest.records import Reject, Skipped, SourceRecord
from ingest.report import COLUMNS, IngestReport
from ingest.sources.detect import read_source

log = logging.getLogger("copgraph.ingest")


def summary_table(report: IngestReport, seconds: float) -> Table:
    """The end-of-run table: read / ingested / unchanged / rejected per content type."""
    table = Table(title=f"ingest summary ({seconds:.1f} s)")
    table.add_column("type")
    for column in COLUMNS:
        table.add_column(column, justify="right")
    for row in report.rows():
        table.add_row(*(str(cell) for cell in row))
    return table


def _records(
    paths: list[Path], format: str, community: str | None, default_author: str | None
) -> Iterator[SourceRecord | Reject | Skipped]:
    for path in paths:
        yield from read_source(path, format, community=community, default_author=default_author)


def run_ingest(
    settings: Settings,
    paths: list[Path],
    format: str,
    community: str | None,
    taxonomy: Path | None,
    default_author: str | None,
    rejects: Path | None,
    console: Console,
) -> int:
    """Ingest `paths`; returns the exit code (non-zero only if nothing went in)."""
    services = Services(settings)
    pipeline = services.pipeline_for(taxonomy)
    report = IngestReport(rejects_path=rejects or settings.data_dir / "rejects.jsonl")
    started = time.perf_counter()
    records = _records(paths, format, community, default_author)
    try:
        if console.is_terminal:
            with console.status("ingesting…") as status:
                pipeline.run(
                    records,
                    report,
                    lambda r: status.update(_progress_line(r, time.perf_counter() - started)),
                )
        else:
            batches = itertools.count(1)

            def log_every_tenth_batch(r: IngestReport) -> None:
                if next(batches) % 10 == 0:
                    log.info(_progress_line(r, time.perf_counter() - started))

            pipeline.run(records, report, log_every_tenth_batch)
    except StoreUnavailable as error:
        console.print(summary_table(report, time.perf_counter() - started))
        console.print(f"[red]store failed:[/red] {error}; rerun to resume (unchanged is skipped)")
        return 3
    finally:
        report.close()
        services.close()
    console.print(summary_table(report, time.perf_counter() - started))
    if report.total("rejected"):
        console.print(f"rejects written to {report.rejects_path}")
    nothing = report.total("ingested") + report.total("unchanged") == 0
    return 1 if nothing else 0


def _progress_line(report: IngestReport, seconds: float) -> str:
    read = report.total("read")
    return (
        f"read {read} · ingested {report.total('ingested')} · unchanged "
        f"{report.total('unchanged')} · rejected {report.total('rejected')} · "
        f"{read / max(seconds, 1e-9):.0f} items/s"
    )


def run_delete(settings: Settings, document_ids: list[str]) -> int:
    """Delete documents and re-derive; returns how many were deleted."""
    with Services(settings) as services:
        return services.pipeline.delete(document_ids)


def run_derive(settings: Settings, full: bool) -> bool:
    """Derive whole if `full` or an interrupted run left the derivation marker set; returns
    whether it derived."""
    with Services(settings) as services:
        pipeline = services.pipeline
        if not (full or pipeline.derivation.is_set()):
            return False
        pipeline.derive(None)
        return True
