"""Embedding in worker processes gives the rows the model gives in-process, in order, also
while the caller goes on; only a caller embedding ahead starts the workers, after
`START_TEXTS`; the ingest pipeline of `Services` embeds through them unless told not to."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from embeddings.base import Computed
from embeddings.hashing import NAME as HASH_MODEL
from embeddings.hashing import HashingEmbedder
from embeddings.parallel import MIN_TEXTS, START_TEXTS, ParallelEmbedder
from graph_service.config import Settings
from graph_service.services import Services

TEXTS = [f"text {n} about composting rice straw, การทำปุ๋ยหมัก {n % 7}" for n in range(601)]


def test_the_workers_give_the_models_rows_in_order() -> None:
    local = HashingEmbedder()
    parallel = ParallelEmbedder(local, HASH_MODEL, 64, workers=2)
    expected = local.embed_documents(TEXTS)
    try:
        np.testing.assert_array_equal(parallel.embed_documents(TEXTS), expected)
        assert parallel._pool is None, "a call waited for started the workers"
        handed = 0
        while handed + len(TEXTS) < START_TEXTS:
            pending = parallel.embed_documents_ahead(TEXTS)
            np.testing.assert_array_equal(pending.result(), expected)
            handed += len(TEXTS)
        assert parallel._pool is None, "the workers started before START_TEXTS"
        np.testing.assert_array_equal(parallel.embed_documents_ahead(TEXTS).result(), expected)
        assert parallel._pool is not None, "embedding ahead did not start the workers"
        assert parallel.ready(60)
        pending = parallel.embed_documents_ahead(TEXTS)
        assert not isinstance(pending, Computed), "the ready workers were not asked"
        np.testing.assert_array_equal(pending.result(), expected)
        few = TEXTS[: MIN_TEXTS - 1]
        np.testing.assert_array_equal(parallel.embed_documents(few), local.embed_documents(few))
        np.testing.assert_array_equal(parallel.embed_documents(TEXTS), expected)
    finally:
        parallel.close()


def test_the_pipeline_embeds_in_the_configured_workers(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, embedding_model=HASH_MODEL, embedding_workers=3)
    with Services(settings) as services:
        embedder = services.pipeline.embedder
        assert isinstance(embedder, ParallelEmbedder) and embedder.workers == 3
    one = Settings(data_dir=tmp_path, embedding_model=HASH_MODEL)
    with Services(one) as services:
        embedder = services.pipeline.embedder
        assert isinstance(embedder, ParallelEmbedder) and embedder.workers == 1
    in_process = Settings(data_dir=tmp_path, embedding_model=HASH_MODEL, embedding_workers=0)
    with Services(in_process) as services:
        assert services.pipeline.embedder is services.embedder


def ahead_until_started(parallel: ParallelEmbedder) -> None:
    """Hand texts over ahead until the workers are asked to start."""
    while parallel._pool is None:
        parallel.embed_documents_ahead(TEXTS).result()


def test_workers_that_cannot_load_the_model_leave_everything_in_process() -> None:
    local = HashingEmbedder()
    parallel = ParallelEmbedder(local, "no-such-model", 64, workers=1)
    try:
        ahead_until_started(parallel)
        assert not parallel.ready(120) and parallel.broken
        pending = parallel.embed_documents_ahead(TEXTS)
        assert isinstance(pending, Computed)
        np.testing.assert_array_equal(pending.result(), local.embed_documents(TEXTS))
    finally:
        parallel.close()


def test_a_worker_killed_mid_call_leaves_the_rows_to_this_process() -> None:
    local = HashingEmbedder()
    parallel = ParallelEmbedder(local, HASH_MODEL, 64, workers=1)
    try:
        ahead_until_started(parallel)
        assert parallel.ready(120)
        pool = parallel._pool
        assert pool is not None
        for process in list(pool._processes.values()):  # type: ignore[attr-defined]
            process.kill()
        rows = parallel.embed_documents_ahead(TEXTS * 20).result()
        np.testing.assert_array_equal(rows, local.embed_documents(TEXTS * 20))
        assert parallel.broken and parallel._pool is None
    finally:
        parallel.close()
