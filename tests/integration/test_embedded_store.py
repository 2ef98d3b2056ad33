"""Embedded-only behaviour the backend-neutral contract cannot state: files, processes, threads."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from graph_service.errors import ConfigurationError, InvalidInput, StoreUnavailable
from graph_service.models import Chunk, GraphBatch
from graph_service.store.base import SearchScope
from graph_service.store.embedded import EmbeddedStore
from tests.contract import fixtures as f

EVERYONE = SearchScope(private_allowed=None)
REPO = Path(__file__).resolve().parents[2]


def test_a_data_dir_that_cannot_be_created_names_the_setting(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigurationError, match="COPGRAPH_DATA_DIR"):
        EmbeddedStore.open(blocker / "store")


def test_a_dimension_mismatch_names_the_fresh_data_dir(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path)
    store.ensure_schema(8)
    with pytest.raises(ConfigurationError, match="COPGRAPH_DATA_DIR"):
        store.ensure_schema(16)
    store.close()


def test_an_embedding_of_the_wrong_dimension_is_refused_whole(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path)
    store.ensure_schema(f.DIMENSION)
    bad = Chunk(id="x#0", parent_id="x", text="t", search_text="t", embedding=[1.0, 0.0])
    with pytest.raises(InvalidInput, match="x#0"):
        store.upsert(GraphBatch(persons=f.PERSONS, chunks=[bad]))
    assert store.stats().nodes["Person"] == 0
    with pytest.raises(InvalidInput):
        store.vector_search([1.0, 0.0], 3, "chunk", EVERYONE)
    store.close()


def test_a_closed_store_is_unavailable(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path)
    store.close()
    with pytest.raises(StoreUnavailable):
        store.ping()


def test_a_second_process_sees_writes_made_after_it_loaded_vectors(tmp_path: Path) -> None:
    reader = EmbeddedStore.open(tmp_path)
    reader.ensure_schema(f.DIMENSION)
    assert reader.vector_search(f.E0, 3, "chunk", EVERYONE) == []
    writer = (
        "from pathlib import Path; from graph_service.store.embedded import EmbeddedStore;"
        "from tests.contract import fixtures as f;"
        f"s = EmbeddedStore.open(Path({str(tmp_path)!r})); s.upsert(f.graph_batch()); s.close()"
    )
    subprocess.run([sys.executable, "-c", writer], cwd=REPO, check=True)
    hits = reader.vector_search(f.E0, 3, "chunk", EVERYONE)
    assert [hit.id for hit in hits] == list(f.CHUNK_COSINE)[:3]
    reader.close()


def test_threads_share_one_store(tmp_path: Path) -> None:
    store = EmbeddedStore.open(tmp_path)
    store.ensure_schema(f.DIMENSION)
    store.upsert(f.graph_batch())

    def work(i: int) -> int:
        if i % 4 == 0:
            store.upsert(f.graph_batch())
        return len(store.vector_search(f.E0, 3, "chunk", EVERYONE)) + len(
            store.keyword_search(["straw"], 3, "chunk", EVERYONE)
        )

    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(work, range(64))) == {5}
    store.close()


def test_reads_go_on_while_a_write_is_open_and_see_it_once_committed(tmp_path: Path) -> None:
    """A long write (a derivation round) used to hold the store's one connection, and every
    request queued behind it; readers now have connections of their own."""
    store = EmbeddedStore.open(tmp_path)
    store.ensure_schema(f.DIMENSION)
    store.upsert(f.graph_batch())
    before = store.stats().nodes
    writing, release = threading.Event(), threading.Event()

    def hold_a_write() -> None:
        with store._db.write(moves_vectors=False) as connection:
            connection.execute("DELETE FROM chunks")
            writing.set()
            release.wait(30)

    with ThreadPoolExecutor(1) as pool:
        held = pool.submit(hold_a_write)
        assert writing.wait(30)
        read = ThreadPoolExecutor(1).submit(store.stats)
        assert read.result(timeout=30).nodes == before, "the read waited or saw the open write"
        release.set()
        held.result(timeout=30)
    assert store.stats().nodes["Chunk"] == 0
    store.close()
    with pytest.raises(StoreUnavailable):
        store.stats()
