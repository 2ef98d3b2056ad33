"""`copgraph demo` (what `make demo` runs): ingest the sample, show it works, serve the API.

Always the embedded store, offline: the bundled Thai/English sample corpus plus the Thai
seed article from `../shared/seeds/` when it is there (it is CC BY-NC-ND, so it is read in
place, never copied into the repo).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from rich.console import Console

from graph_service.config import Settings
from graph_service.services import Services
from graph_service.store.base import SearchScope
from ingest import SAMPLE_DIR
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from queries.experts import ExpertQuery

SEED = (
    Path(__file__).resolve().parents[2]
    / ".."
    / "shared"
    / "seeds"
    / "gotoknow-581184-community-of-practice.th.txt"
)
EXAMPLES = (
    ("who knows about composting rice straw?", "/v1/experts?q=", "composting rice straw"),
    ("ใครรู้เรื่องการทำปุ๋ยหมักจากฟางข้าว (Thai)", "/v1/experts?q=", "การทำปุ๋ยหมักจากฟางข้าว"),
    ("practices about after-action reviews", "/v1/practices?q=", "after action review"),
)


def ingest_demo_corpus(settings: Settings, console: Console) -> IngestReport:
    """Ingest the sample (and the seed article, if present) into the embedded store."""
    from graph_service.commands.ingest import summary_table

    report = IngestReport(rejects_path=settings.data_dir / "rejects.jsonl")
    with Services(settings) as services:
        pipeline = services.pipeline
        try:
            pipeline.run(read_source(SAMPLE_DIR / "cop-sample.jsonl", "jsonl"), report)
            if SEED.is_file():
                seed = read_source(
                    SEED, "files", community="cop-km", default_author="gotoknow-581184"
                )
                pipeline.run(seed, report)
        finally:
            report.close()
    console.print(summary_table(report, sum(pipeline.timer.seconds.values())))
    return report


def top_answer(services: Services, path: str, text: str) -> str:
    """What an example request answers first right now, in one line."""
    if path.startswith("/v1/experts"):
        experts = services.expert_finder.find(ExpertQuery(text=text, scope=SearchScope()))
        if experts:
            return f"top expert now: {experts[0].name} ({experts[0].person_id})"
    else:
        practices = services.practice_search.search(text, SearchScope(), 1)
        if practices:
            return f"top practice now: {practices[0].practice.title} ({practices[0].practice.id})"
    return "nothing found yet"


def show_examples(settings: Settings, port: int, console: Console) -> None:
    """Print where the web page is, and the example requests, each with its top answer."""
    base = f"http://127.0.0.1:{port}"
    with Services(settings) as services:
        console.print("\n[bold]Try these (the API starts below; Ctrl-C stops it):[/bold]")
        # print(), not the console, for addresses and answers: rich would wrap long lines.
        print(f"  open {base}/ in your browser (API docs: {base}/docs)", flush=True)
        for label, path, text in EXAMPLES:
            console.print(f"  # {label}")
            print(f"  curl '{base}{path}{quote(text)}'", flush=True)
            print(f"    -> {top_answer(services, path, text)}", flush=True)


def run_demo(settings: Settings, port: int, serve_api: bool, console: Console) -> None:
    """Ingest, print examples, then serve until Ctrl-C."""
    settings = settings.model_copy(update={"neo4j_uri": None})
    console.print(f"[bold]copgraph demo[/bold]: embedded store in {settings.data_dir.resolve()}")
    ingest_demo_corpus(settings, console)
    show_examples(settings, port, console)
    if serve_api:
        from graph_service.api.app import create_app
        from graph_service.serving import serve

        serve(create_app(settings), "127.0.0.1", port, log_level="warning")
        console.print("stopped")
