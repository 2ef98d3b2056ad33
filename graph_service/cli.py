"""The `copgraph` command: ingest, serve, demo, experts, train-ranker, delete, derive, keys,
stats.

Each command builds what it needs from `get_settings()` (environment) and fails with a
one-line message naming the setting when the configuration is wrong.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from graph_service.config import get_settings
from graph_service.errors import CopgraphError

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
console = Console()
err = Console(stderr=True)


def fail(error: CopgraphError) -> typer.Exit:
    """Print a one-line error and return the exit to raise."""
    err.print(f"[red]error:[/red] {error}")
    return typer.Exit(code=2)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="files or folders to ingest")],
    format: Annotated[
        str,
        typer.Option(
            help="auto|jsonl|files|stackexchange|mbox|discourse|mediawiki"
            "|slack|teams|mattermost|line"
        ),
    ] = "auto",
    community: Annotated[
        str | None, typer.Option(help="community of records that name none")
    ] = None,
    taxonomy: Annotated[
        Path | None, typer.Option(help="domains.yaml to assign domains from")
    ] = None,
    default_author: Annotated[
        str | None, typer.Option(help="author of files that name none")
    ] = None,
    rejects: Annotated[Path | None, typer.Option(help="where rejects go (JSONL)")] = None,
    sync: Annotated[
        bool,
        typer.Option(
            "--sync",
            help="PATHS are the whole of their sources: also delete stored documents of "
            "those sources that PATHS no longer hold (other sources are never touched)",
        ),
    ] = False,
) -> None:
    """Ingest discussions and documents; prints a summary table, rejects go to a JSONL file."""
    from graph_service.commands.ingest import run_ingest

    try:
        code = run_ingest(
            get_settings(),
            paths,
            format,
            community,
            taxonomy,
            default_author,
            rejects,
            console,
            sync=sync,
        )
    except CopgraphError as error:
        raise fail(error) from error
    raise typer.Exit(code=code)


@app.command()
def delete(document_ids: Annotated[list[str], typer.Argument(help="document ids")]) -> None:
    """Delete documents with their posts, chunks and practices; re-derive expertise."""
    from graph_service.commands.ingest import run_delete

    try:
        deleted = run_delete(get_settings(), document_ids)
    except CopgraphError as error:
        raise fail(error) from error
    console.print(f"deleted {deleted} document(s)")


@app.command()
def derive(
    full: Annotated[
        bool, typer.Option("--full", help="recompute everything, moving the decay epoch to now")
    ] = False,
) -> None:
    """Finish a derivation an ingest left unfinished (it died), or with --full recompute
    EXPERT_IN and RELATED_TO whole; ingests and deletes derive what they touch by themselves."""
    from graph_service.commands.ingest import run_derive

    try:
        done = run_derive(get_settings(), full)
    except CopgraphError as error:
        raise fail(error) from error
    console.print("derived everything again" if done else "nothing to derive")


@app.command()
def serve(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, max=64, help="processes answering on the port (one per core)")
    ] = 1,
) -> None:
    """Serve the HTTP API with uvicorn."""
    from graph_service.api.app import create_app
    from graph_service.serving import serve as serve_app
    from graph_service.serving import serve_workers

    try:
        application = create_app(get_settings())
    except CopgraphError as error:
        raise fail(error) from error
    if workers > 1:
        serve_workers(host, port, workers)
    else:
        serve_app(application, host, port)


@app.command()
def experts(
    query: Annotated[str, typer.Argument(help="what to know about, in any language")],
    limit: Annotated[int, typer.Option(min=1, max=100)] = 10,
) -> None:
    """Who knows about QUERY: a table of people with their best evidence."""
    from graph_service.commands.experts import run_experts

    try:
        table = run_experts(get_settings(), query, limit)
    except CopgraphError as error:
        raise fail(error) from error
    console.print(table)


@app.command("train-ranker")
def train_ranker(
    questions: Annotated[
        int, typer.Option(min=1, help="learn from the newest N answered questions")
    ] = 3000,
) -> None:
    """Learn the expert ranking from the community's answered questions (who answered what),
    each seen as of when it was asked; kept only if it beats the unsupervised ranking on
    the newest ones."""
    from graph_service.commands.ranker import run_train_ranker

    try:
        table = run_train_ranker(get_settings(), questions)
    except CopgraphError as error:
        raise fail(error) from error
    console.print(table)


@app.command()
def stats() -> None:
    """Counts of nodes and relationships in the configured store."""
    from graph_service.services import Services

    try:
        with Services(get_settings()) as services:
            counts = services.store.stats()
    except CopgraphError as error:
        raise fail(error) from error
    table = Table("kind", "name", "count")
    for name, count in sorted(counts.nodes.items()):
        table.add_row("node", name, str(count))
    for name, count in sorted(counts.relationships.items()):
        table.add_row("relationship", name, str(count))
    console.print(table)


@app.command()
def demo(
    port: Annotated[int, typer.Option()] = 8000,
    serve_api: Annotated[bool, typer.Option("--serve/--no-serve")] = True,
) -> None:
    """Ingest the bundled sample into the embedded store, then serve the API on PORT."""
    from graph_service.commands.demo import run_demo

    try:
        run_demo(get_settings(), port, serve_api, console)
    except CopgraphError as error:
        raise fail(error) from error


domains = typer.Typer(help="The taxonomy: suggestions for the KM team.")
app.add_typer(domains, name="domains")


@domains.command("suggest")
def suggest(
    min_size: Annotated[int, typer.Option(min=2, help="smallest cluster to propose")] = 3,
    limit: Annotated[int, typer.Option(min=1, help="proposals at most")] = 10,
    output: Annotated[Path | None, typer.Option(help="write proposals as YAML")] = None,
) -> None:
    """Propose domains from content no domain claims; the taxonomy is never changed."""
    from graph_service.commands.domains import run_suggest, suggestions_table, write_proposals

    try:
        suggestions = run_suggest(get_settings(), min_size, limit)
    except CopgraphError as error:
        raise fail(error) from error
    console.print(suggestions_table(suggestions))
    if output is not None:
        write_proposals(suggestions, output)
        console.print(f"proposals written to {output}")


keys = typer.Typer(help="API keys (stored hashed).")
app.add_typer(keys, name="keys")


@keys.command("create")
def create_key(
    name: Annotated[str, typer.Argument()],
    scope: Annotated[list[str], typer.Option(help="read, write, profile or admin")],
    community: Annotated[list[str] | None, typer.Option(help="private communities")] = None,
    acts_for: Annotated[
        list[str] | None,
        typer.Option(help="profile keys: a person id, community:<id> or '*' (repeat)"),
    ] = None,
) -> None:
    """Print a new key (shown once) and the entry to add to COPGRAPH_API_KEYS_FILE."""
    import yaml
    from pydantic import ValidationError

    from graph_service.api.security import ApiKeyEntry, hash_key, new_key

    key = new_key()
    entry: dict[str, object] = {
        "name": name,
        "sha256": hash_key(key),
        "scopes": scope,
        "communities": community or [],
    }
    if acts_for:
        entry["acts_for"] = acts_for
    try:
        ApiKeyEntry.model_validate(entry)
    except ValidationError as error:
        console.print(f"[red]no key created:[/red] {error.errors()[0]['msg']}", soft_wrap=True)
        raise typer.Exit(2) from error
    console.print(f"key (shown once): {key}")
    sys.stdout.write(yaml.safe_dump([entry], allow_unicode=True))


def main() -> None:
    """Entry point with logging set up for a terminal."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    app()
