"""Neo4j dies in the middle of `copgraph ingest`: the run fails fast and clearly, and once
Neo4j is back a rerun leaves exactly the graph a clean run builds.

The kill is real (SIGKILL of the JVM, so Neo4j recovers from its transaction log at restart)
and lands once the first batch is committed, while later batches are on their way. The
clean run goes into the session's Neo4j, the interrupted one into a Neo4j of its own; the
clean run goes on meanwhile, since it needs nothing of the other.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.models import Expertise
from graph_service.store.base import GraphStore, SearchScope
from graph_service.store.neo4j.store import Neo4jStore
from ingest import SAMPLE_DIR
from tests.reliability.api_process import COPGRAPH, child_environment
from tests.reliability.corpus import stackexchange_slice
from tests.reliability.neo4j_process import KillableNeo4j

pytestmark = pytest.mark.neo4j

QUESTIONS = 130
"""Batches of 64, 64 and 2 threads: the kill waits for the first to commit, and lands while
the second is on its way (about 2.5 s of work on two busy cores; the kill takes 0.3 s)."""
FAIL_WITHIN_S = 60
"""Managed transactions retry for 10 s; anything much longer is a hang."""
EVERYTHING = SearchScope(private_allowed=None)


Ingest = Callable[[Settings, Path], subprocess.Popen[str]]


def _ingest(dump: Path, settings: Settings, data_dir: Path) -> subprocess.Popen[str]:
    environment = child_environment(
        {
            "NEO4J_URI": settings.neo4j_uri or "",
            "NEO4J_USER": settings.neo4j_user,
            "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
            "COPGRAPH_EMBEDDING_MODEL": "hash",
            "COPGRAPH_DATA_DIR": str(data_dir),
        }
    )
    return subprocess.Popen(
        [str(COPGRAPH), "ingest", str(dump), "--format", "stackexchange"]
        + ["--taxonomy", str(SAMPLE_DIR / "domains-quantum.yaml")],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture
def ingest(tmp_path: Path) -> Iterator[Ingest]:
    """Starts `copgraph ingest` of the slice into a Neo4j; kills any run still going when the
    test ends, so that a failed test leaves nothing writing into the session's Neo4j."""
    dump = stackexchange_slice(tmp_path / "dump", QUESTIONS)
    runs: list[subprocess.Popen[str]] = []

    def start(settings: Settings, data_dir: Path) -> subprocess.Popen[str]:
        runs.append(_ingest(dump, settings, data_dir))
        return runs[-1]

    yield start
    for run in runs:
        if run.poll() is None:
            run.kill()
            run.wait()


def _finish(run: subprocess.Popen[str], timeout: float = 300) -> tuple[int, str]:
    output, _ = run.communicate(timeout=timeout)
    return run.returncode, output


def _wait_for_documents(store: GraphStore, run: subprocess.Popen[str], at_least: int) -> int:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert run.poll() is None, f"ingest ended before the kill: {_finish(run)[1]}"
        documents = store.stats().nodes["Document"]
        if documents >= at_least:
            return documents
        time.sleep(0.1)
    raise AssertionError("the first batch never committed")


def _answers(store: GraphStore) -> dict[str, object]:
    """What the comparison looks at besides counts and EXPERT_IN: a few searches' results."""
    query = HashingEmbedder().embed_query("error correction with surface codes").tolist()
    return {
        "vector": [h.id for h in store.vector_search(query, 10, "chunk", EVERYTHING)],
        "keyword": sorted(h.id for h in store.keyword_search(["qubit"], 10, "chunk", EVERYTHING)),
        "domains": store.list_domains(),
        "practices": sorted(h.id for h in store.vector_search(query, 5, "practice", EVERYTHING)),
    }


def _by_key(store: GraphStore) -> list[Expertise]:
    return sorted(store.expertise(), key=lambda row: (row.person_id, row.domain_id))


def test_rerun_after_neo4j_is_killed_mid_ingest_equals_a_clean_run(
    killable_neo4j: KillableNeo4j, neo4j_settings: Settings, ingest: Ingest, tmp_path: Path
) -> None:
    clean = Neo4jStore.connect(neo4j_settings)
    clean.clear()
    clean_run = ingest(neo4j_settings, tmp_path / "clean-data")

    store = Neo4jStore.connect(killable_neo4j.settings())
    store.clear()
    run = ingest(killable_neo4j.settings(), tmp_path / "data")
    _wait_for_documents(store, run, at_least=64)
    killable_neo4j.kill()
    killed = time.monotonic()
    code, output = _finish(run, timeout=FAIL_WITHIN_S + 30)
    failed_after = time.monotonic() - killed
    assert code == 3, output
    assert "store failed" in output and "is unavailable" in output and "rerun to resume" in output
    assert failed_after < FAIL_WITHIN_S

    restarted_in = killable_neo4j.restart()
    committed = store.stats().nodes["Document"]
    assert 64 <= committed < QUESTIONS, "the kill did not land mid-run"
    code, output = _finish(ingest(killable_neo4j.settings(), tmp_path / "data"))
    assert code == 0, output
    code, output = _finish(clean_run)
    assert code == 0, output
    print(
        f"\nkilled with {committed}/{QUESTIONS} threads committed; ingest failed "
        f"{failed_after:.1f} s after the kill; Neo4j restarted in {restarted_in:.1f} s"
    )

    assert store.stats() == clean.stats()
    resumed, expected = _by_key(store), _by_key(clean)
    assert [(r.person_id, r.domain_id, r.evidence_count) for r in resumed] == [
        (r.person_id, r.domain_id, r.evidence_count) for r in expected
    ]
    # Scores decay with the time of derivation, which differs between the runs by seconds.
    assert [r.score for r in resumed] == pytest.approx([r.score for r in expected], abs=1e-5)
    assert _answers(store) == _answers(clean)
    store.close()
    clean.close()
