# One entry point for every gate: the README and .ci/run call these targets and nothing else.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
TORCH_VERSION ?= 2.13.0
export PYTHAINLP_OFFLINE := 1
export HF_HUB_OFFLINE := 1

.PHONY: demo test lint unit bench bench-scale bench-push bench-live bench-live-neo4j bench-routing soak neo4j-start neo4j-stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Torch first: a local CPU-only wheel is used where the machine has one (pip.conf find-links),
# else the registry's build. Then everything else at the versions pinned in constraints.txt.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q "torch==$(TORCH_VERSION)"
	$(BIN)/pip install -q -c constraints.txt -e '.[dev,e5]'
	touch $@

install: $(VENV)/.installed

demo: install
	$(BIN)/copgraph demo

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

# Starts a real Neo4j unless NEO4J_URI points at one, runs the whole suite, stops what it started.
test: lint
	scripts/with-neo4j $(BIN)/pytest -q

unit: install
	$(BIN)/pytest -q tests/unit

# The benchmarks (benchmarks/plan.py) against a Neo4j of their own, not the suite's:
# make bench BENCH_ARGS="--only ingest,queries --scales 10000" runs a part of the plan.
bench: install
	NEO4J_LOCAL_DIR=$${NEO4J_LOCAL_DIR:-$(CURDIR)/build/neo4j-bench} scripts/with-neo4j $(BIN)/python -m benchmarks $(BENCH_ARGS)

# The plan at 1M items on Neo4j alone (ingest, queries, recall, live with the peer query), in
# its own work folder, server and results folder, so `make bench`'s are untouched. From nothing
# the bare model fills the embedding cache first (1.01M texts: 65 min on 2 shared cores), then
# Neo4j loads (48.5 min); a rerun reuses the corpus and the cache. SCALE_ITEMS and SCALE_ARGS
# size it down or pick phases.
SCALE_ITEMS ?= 1000000
bench-scale: install
	NEO4J_LOCAL_DIR=$(CURDIR)/build/neo4j-scale \
	NEO4J_LOCAL_JAVA_OPTS="$${NEO4J_LOCAL_JAVA_OPTS:--Xmx4g -Dcopgraph.pagecache.mib=8192}" \
	scripts/with-neo4j $(BIN)/python -m benchmarks --stores neo4j --scales $(SCALE_ITEMS) \
		--messages 0 --only ingest,queries,recall,live --work build/bench-scale \
		--results benchmarks/results/scale $(SCALE_ARGS)

# What one pushed and deleted document costs on a full embedded store, incremental against full
# derivation: make bench-push PUSH_ARGS="--scales 10000,100000" (the store is kept for reruns).
bench-push: install
	$(BIN)/python -m benchmarks.push_cost $(PUSH_ARGS)

# The live service on the store bench-push keeps: steady queries, one push, a stream of one push a
# second, and the hand-written peer query: make bench-live LIVE_ITEMS=100000 [LIVE_ARGS="--seconds 60"].
LIVE_ITEMS ?= 10000
bench-live: install
	$(BIN)/python -m benchmarks.push_cost --scales $(LIVE_ITEMS) --repeat 1
	$(BIN)/python -m benchmarks.live --data-dir build/bench/push-$(LIVE_ITEMS)-seed7-use-multilingual-v3 \
		--corpus build/bench/synthetic-$(LIVE_ITEMS)-seed7.jsonl $(LIVE_ARGS)

# The same live phase on Neo4j: a server of its own in build/neo4j-live-N, kept between runs
# and loaded once, with a copy of the embedding cache of the embedded store bench-push builds
# (so the corpus is embedded once for both stores): make bench-live-neo4j LIVE_ITEMS=100000.
bench-live-neo4j: install
	$(BIN)/python -m benchmarks.push_cost --scales $(LIVE_ITEMS) --repeat 1
	NEO4J_LOCAL_DIR=$(CURDIR)/build/neo4j-live-$(LIVE_ITEMS) NEO4J_LOCAL_KEEP_DATA=1 scripts/with-neo4j \
		$(BIN)/python -m benchmarks.live --store neo4j \
		--data-dir build/bench/push-$(LIVE_ITEMS)-seed7-use-multilingual-v3 \
		--corpus build/bench/synthetic-$(LIVE_ITEMS)-seed7.jsonl $(LIVE_ARGS)

# How concentrated question routing is with and without fair load, on the synthetic corpus.
bench-routing: install
	$(BIN)/python -m benchmarks.routing_load $(ROUTING_ARGS)

# The soak test for longer than the suite's 8 s per store (SOAK_SECONDS, SOAK_CLIENTS).
soak: install
	SOAK_SECONDS=$${SOAK_SECONDS:-600} scripts/with-neo4j $(BIN)/pytest -q -s tests/reliability/test_soak.py

neo4j-start:
	scripts/neo4j-local start

neo4j-stop:
	scripts/neo4j-local stop

clean:
	rm -rf $(VENV) build .copgraph tools/neo4j-launcher/target
