"""`copgraph serve` for the query benchmark, with one more switch: `--no-rust-ext`.

The API is configured from the environment exactly as in production (`NEO4J_URI` or
`COPGRAPH_DATA_DIR`, `COPGRAPH_EMBEDDING_MODEL`, ...); the only difference from the CLI is
that the Neo4j driver's Rust extension can be switched off before anything imports the
driver, so the same venv measures the API with and without it.

    python -m benchmarks.serve --port 8123 [--no-rust-ext | --workers N]

With `--workers` the API runs as `copgraph serve --workers N` does; each worker imports
the driver afresh, so the switch cannot reach them and the two do not combine.
"""

from __future__ import annotations

import argparse

from benchmarks import rust_ext


def main() -> None:
    """Serve the API on loopback until SIGTERM."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--no-rust-ext", action="store_true")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.no_rust_ext and args.workers > 1:
        parser.error("--no-rust-ext cannot reach the processes of --workers")
    if args.no_rust_ext:
        rust_ext.block()
    from graph_service.api.app import create_app
    from graph_service.serving import serve, serve_workers

    if args.workers > 1:
        serve_workers("127.0.0.1", args.port, args.workers, log_level="warning")
    else:
        serve(create_app(), "127.0.0.1", args.port, log_level="warning")


if __name__ == "__main__":
    main()
