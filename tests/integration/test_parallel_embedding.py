"""Embedding in worker processes gives the rows the model gives in-process, in order; small
calls never start the workers; the ingest pipeline of `Services` embeds through them."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from embeddings.hashing import NAME as HASH_MODEL
from embeddings.hashing import HashingEmbedder
from embeddings.parallel import MIN_TEXTS, ParallelEmbedder
from graph_service.config import Settings
from graph_service.services import Services

TEXTS = [f"text {n} about composting rice straw, การทำปุ๋ยหมัก {n % 7}" for n in range(601)]


def test_the_workers_give_the_models_rows_in_order() -> None:
    local = HashingEmbedder()
    parallel = ParallelEmbedder(local, HASH_MODEL, 64, workers=2)
    try:
        few = parallel.embed_documents(TEXTS[: MIN_TEXTS - 1])
        assert parallel._pool is None, "a small call started the workers"
        np.testing.assert_array_equal(few, local.embed_documents(TEXTS[: MIN_TEXTS - 1]))
        np.testing.assert_array_equal(parallel.embed_documents(TEXTS), local.embed_documents(TEXTS))
        assert parallel._pool is not None, "a large call did not start the workers"
        assert parallel.ready(60)
        many = parallel.embed_documents(TEXTS)
        np.testing.assert_array_equal(many, local.embed_documents(TEXTS))
    finally:
        parallel.close()


def test_the_pipeline_embeds_in_the_configured_workers(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, embedding_model=HASH_MODEL, embedding_workers=3)
    with Services(settings) as services:
        embedder = services.pipeline.embedder
        assert isinstance(embedder, ParallelEmbedder) and embedder.workers == 3
    single = Settings(data_dir=tmp_path, embedding_model=HASH_MODEL, embedding_workers=1)
    with Services(single) as services:
        assert services.pipeline.embedder is services.embedder
