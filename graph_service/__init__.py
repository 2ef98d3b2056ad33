"""copgraph's graph: schema, storage backends, the HTTP API and the CLI."""
