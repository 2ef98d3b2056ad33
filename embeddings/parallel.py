"""Embedding in worker processes: the ingest pipeline's model on cores of its own.

The models here run one BLAS thread per process (see `embeddings.use_multilingual`: a second
thread in one process gains ~20%, a second process ~100%). `ParallelEmbedder` hands each
large `embed_documents` call to its worker processes, one contiguous slice per worker, each
process holding its own copy of the model (loaded once, by name, through
`embeddings.factory`), and joins the rows back in order: same vectors, same order, as the
model in-process gives. `embed_documents_ahead` returns at once, so the ingest pipeline
reads, normalizes, chunks and writes its other batches while the workers embed one: with
one worker, the model has a core and the pipeline's other stages the other.

Small calls (a portal's push, a query) stay in-process: handing a few texts to another
process costs more than embedding them. So does an ingest's first large call: the pool
starts on the second, without waiting for it (calls are embedded in-process until every
worker has loaded the model), so a one-batch ingest (the demo's sample, a large push) never
starts a worker. A worker's start takes a few seconds of CPU (it spawns, imports torch and
loads the model): on 2 loaded cores a 5,000-message ingest took 19.7 s with 2 workers
against 8.4 s in-process (`COPGRAPH_EMBEDDING_WORKERS`; 0 embeds in-process).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait

import numpy as np

from embeddings.base import Computed, Embedder, PendingVectors, Vectors

MIN_TEXTS = 256
"""Texts from which a call goes to the workers; fewer are embedded in-process."""
START_AT = 2
"""The large call that starts the workers: the first is embedded in-process."""

_worker: Embedder | None = None


def _load_worker(model: str, batch_size: int) -> None:
    """A worker's initializer: its own copy of the model."""
    global _worker
    from embeddings.factory import load_embedder

    _worker = load_embedder(model, batch_size)


def _loaded() -> bool:
    """A task that ends once its worker's initializer has loaded the model."""
    return _worker is not None


def _embed(texts: Sequence[str]) -> Vectors:
    assert _worker is not None, "the pool's initializer loads the model"
    return _worker.embed_documents(texts)


class ParallelEmbedder:
    """`local`'s embeddings, large document batches computed by `workers` processes.

    Args:
        local: The model in this process: queries and small batches, name and dimension.
        model: The model's name for `load_embedder` in each worker (same as `local`'s).
        batch_size: Texts per forward pass in each worker.
        workers: Processes; 0 embeds everything in-process.
    """

    def __init__(self, local: Embedder, model: str, batch_size: int, workers: int) -> None:
        self._local = local
        self._model = model
        self._batch_size = batch_size
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._loading: list[Future[bool]] = []
        self._large_calls = 0

    @property
    def name(self) -> str:
        return self._local.name

    @property
    def dimension(self) -> int:
        return self._local.dimension

    def embed_query(self, text: str) -> Vectors:
        return self._local.embed_query(text)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """The rows `local.embed_documents(texts)` gives."""
        return self.embed_documents_ahead(texts).result()

    def embed_documents_ahead(self, texts: Sequence[str]) -> PendingVectors:
        """The rows `local.embed_documents(texts)` gives, computed by the workers while the
        caller goes on when the call is large and they are ready; in-process now otherwise."""
        if not self._to_workers(texts):
            return Computed(self._local.embed_documents(texts))
        assert self._pool is not None
        size = -(-len(texts) // self.workers)
        slices = [list(texts[start : start + size]) for start in range(0, len(texts), size)]
        return _Joined([self._pool.submit(_embed, part) for part in slices])

    def _to_workers(self, texts: Sequence[str]) -> bool:
        """Whether `texts` go to the workers (starting them at the `START_AT`-th large call)."""
        if self.workers < 1 or len(texts) < MIN_TEXTS:
            return False
        self._large_calls += 1
        return self._large_calls >= START_AT and self.ready()

    def ready(self, timeout: float | None = 0) -> bool:
        """Whether the workers have the model, waiting up to `timeout` seconds (None: until
        they do); starts them if they are not started. Spawned, not forked: a fork of a
        process whose model or BLAS threads already run can deadlock."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_load_worker,
                initargs=(self._model, self._batch_size),
            )
            self._loading = [self._pool.submit(_loaded) for _ in range(self.workers)]
        _, loading = wait(self._loading, timeout)
        return not loading

    def close(self) -> None:
        """Stop the workers (started again by the next large call)."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
            self._loading = []


class _Joined:
    """The workers' slices of one call, joined in order once all are done."""

    def __init__(self, parts: list[Future[Vectors]]) -> None:
        self._parts = parts

    def result(self) -> Vectors:
        return np.concatenate([part.result() for part in self._parts])
