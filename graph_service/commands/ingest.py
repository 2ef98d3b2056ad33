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
from graph_service.models import DOCUMENT_KINDS
from graph_service.services import Services
from ingest.pipeline import Pipeline
from ingest.records import ReadItem
from ingest.report import COLUMNS, IngestReport
from ingest.sources.detect import read_source
from ingest.sources.inputs import Plan, plan_inputs
from ingest.sync import SyncScope

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
    inputs: list[tuple[Path, str]], community: str | None, default_author: str | None
) -> Iterator[ReadItem]:
    for path, format in inputs:
        yield from read_source(path, format, community=community, default_author=default_author)


def nothing_ingested(report: IngestReport, plan: Plan) -> str:
    """Why a run stored nothing, for a summary that would otherwise end at `total 0`."""
    read = report.total("read")
    if not plan.inputs:
        return "nothing ingested: no input was recognised (see skipped above)"
    if read == 0:
        named = ", ".join(str(path) for path, _ in plan.inputs)
        skipped = " (see skipped above)" if plan.skipped else ""
        return f"nothing ingested: {named} held no records to read{skipped}"
    reasons = ", ".join(f"{reason} ({n})" for reason, n in report.reject_reasons.most_common(3))
    return f"nothing ingested: all {read} records read were rejected; most often: {reasons}"


def _sync(pipeline: Pipeline, scope: SyncScope, report: IngestReport, console: Console) -> None:
    """Delete what the synced sources no longer hold, and say what the sync did."""
    prune = scope.prune(pipeline.store)
    deleted = pipeline.delete(prune.document_ids) if prune.document_ids else 0
    documents = sorted(DOCUMENT_KINDS)
    ingested = sum(report.counts[("ingested", kind)] for kind in documents)
    updated = sum(report.counts[("updated", kind)] for kind in documents)
    unchanged = sum(report.counts[("unchanged", kind)] for kind in documents)
    console.print(
        f"sync of {', '.join(sorted(scope.present)) or 'no source'}: {ingested - updated} "
        f"added, {updated} updated, {deleted} deleted, {unchanged} unchanged (documents)"
    )
    for source, why in prune.held_back.items():
        console.print(f"[yellow]{source}:[/yellow] {why}")


def run_ingest(
    settings: Settings,
    paths: list[Path],
    format: str,
    community: str | None,
    taxonomy: Path | None,
    default_author: str | None,
    rejects: Path | None,
    console: Console,
    sync: bool = False,
) -> int:
    """Ingest `paths`, naming what no reader takes; with `sync`, also delete what their
    sources no longer hold. Returns the exit code (non-zero only if nothing went in)."""
    plan = plan_inputs(paths, format)
    for skipped in plan.skipped:
        console.print(f"[yellow]skipped[/yellow] {skipped.path}: {skipped.reason}", soft_wrap=True)
    services = Services(settings)
    pipeline = services.pipeline_for(taxonomy)
    report = IngestReport(rejects_path=rejects or settings.data_dir / "rejects.jsonl")
    started = time.perf_counter()
    scope = SyncScope()
    records = scope.watch(_records(plan.inputs, community, default_author))
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
        if sync:
            _sync(pipeline, scope, report, console)
    except StoreUnavailable as error:
        console.print(summary_table(report, time.perf_counter() - started))
        console.print(f"[red]store failed:[/red] {error}; rerun to resume (unchanged is skipped)")
        return 3
    finally:
        report.close()
        services.close()
    console.print(summary_table(report, time.perf_counter() - started))
    for kind, examples in report.skip_examples.items():
        for item in examples:
            console.print(
                f"[yellow]skipped[/yellow] {kind}, {item.position}: {item.detail}", soft_wrap=True
            )
    if report.statuses_written or report.statuses_kept:
        console.print(
            f"accounts in the sources: {report.statuses_written} status(es) written (left, or "
            f"active again), {report.statuses_kept} kept as people.yaml or the API set them"
        )
    if report.total("rejected"):
        console.print(f"rejects written to {report.rejects_path}")
    if report.total("ingested") + report.total("unchanged") == 0:
        console.print(nothing_ingested(report, plan), soft_wrap=True)
        return 1
    return 0


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
