"""Embedding in worker processes, one per core: the ingest pipeline's model calls on every core.

The models here run one BLAS thread per process (see `embeddings.use_multilingual`: a second
thread in one process gains ~20%, a second process ~100%), so an ingest that embeds in its
own thread uses one core of the machine's. `ParallelEmbedder` splits each large
`embed_documents` call into one contiguous slice per worker process, each process holding
its own copy of the model (loaded once, by name, through `embeddings.factory`), and joins
the rows back in order: same vectors, same order, as the model in-process gives.

Small calls (a portal's push, a query) stay in-process: handing a few texts to another
process costs more than embedding them. The pool starts on the first large call, without
waiting for it: until every worker has loaded the model, calls are embedded in-process,
and a process that never ingests much never starts workers. The workers' start still
takes CPU from the ingest (torch and the model, in each): on 2 loaded cores a 5,000-message
ingest took 19.7 s with 2 workers against 8.4 s in-process, hence the default of 1
(`COPGRAPH_EMBEDDING_WORKERS`).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait

import numpy as np

from embeddings.base import Embedder, Vectors

MIN_TEXTS = 256
"""Texts from which a call is split over the workers; fewer are embedded in-process."""

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
        workers: Processes; 1 embeds everything in-process.
    """

    def __init__(self, local: Embedder, model: str, batch_size: int, workers: int) -> None:
        self._local = local
        self._model = model
        self._batch_size = batch_size
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._loading: list[Future[bool]] = []

    @property
    def name(self) -> str:
        return self._local.name

    @property
    def dimension(self) -> int:
        return self._local.dimension

    def embed_query(self, text: str) -> Vectors:
        return self._local.embed_query(text)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """The rows `local.embed_documents(texts)` gives, split over the workers when there
        are at least `MIN_TEXTS`."""
        if self.workers <= 1 or len(texts) < MIN_TEXTS or not self.ready():
            return self._local.embed_documents(texts)
        assert self._pool is not None
        size = -(-len(texts) // self.workers)
        slices = [list(texts[start : start + size]) for start in range(0, len(texts), size)]
        return np.concatenate(list(self._pool.map(_embed, slices)))

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
