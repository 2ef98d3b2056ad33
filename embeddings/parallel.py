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
process costs more than embedding them. The workers start only for a caller that embeds
ahead, once it has handed over `START_TEXTS` (an ingest of several batches: a one-batch
ingest, a push or the demo's sample, never starts one), without waiting for them: calls are
embedded in-process until every worker has loaded the model. A worker's start takes a few
seconds of CPU (it spawns, imports torch and loads the model): on 2 loaded cores a
5,000-message ingest took 19.7 s with 2 workers, started at its first large call, against
8.4 s in-process (`COPGRAPH_EMBEDDING_WORKERS`; 0 embeds in-process).
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

import numpy as np

from embeddings.base import Computed, Embedder, PendingVectors, Vectors

MIN_TEXTS = 256
"""Texts from which a call waited for goes to the workers; fewer are embedded in-process."""
START_TEXTS = 1024
"""Texts handed over ahead before the workers start: an ingest worth a few seconds of model."""

log = logging.getLogger(__name__)
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
        self._ahead_texts = 0
        self._ahead: list[Future[Vectors]] = []
        self.broken = False
        """Whether the workers failed (killed, or their model would not load): everything is
        embedded in-process from then on."""

    @property
    def name(self) -> str:
        return self._local.name

    @property
    def dimension(self) -> int:
        return self._local.dimension

    def embed_query(self, text: str) -> Vectors:
        return self._local.embed_query(text)

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """The rows `local.embed_documents(texts)` gives, from the workers when the call is
        large, they have started (`embed_documents_ahead` starts them) and no call handed
        over ahead is still in their queue (this call would wait behind it, and this
        process's core would idle meanwhile)."""
        busy = any(not part.done() for part in self._ahead)
        if len(texts) >= MIN_TEXTS and self._pool is not None and not busy and self.ready():
            return self._to_workers(texts).result()
        return self._local.embed_documents(texts)

    def embed_documents_ahead(self, texts: Sequence[str]) -> PendingVectors:
        """The rows `local.embed_documents(texts)` gives, computed by the workers while the
        caller goes on once they are ready (started after `START_TEXTS`); in-process now
        until then."""
        self._ahead_texts += len(texts)
        if not texts or self.workers < 1 or self._ahead_texts < START_TEXTS or not self.ready():
            return Computed(self._local.embed_documents(texts))
        return self._to_workers(texts)

    def _to_workers(self, texts: Sequence[str]) -> PendingVectors:
        """`texts` in one contiguous slice per worker (in-process, if they failed)."""
        assert self._pool is not None
        size = -(-len(texts) // self.workers)
        slices = [list(texts[start : start + size]) for start in range(0, len(texts), size)]
        try:
            parts = [self._pool.submit(_embed, part) for part in slices]
        except BrokenProcessPool as error:
            self.fail(error)
            return Computed(self._local.embed_documents(texts))
        self._ahead = parts
        return _Joined(self, texts, parts)

    def ready(self, timeout: float | None = 0) -> bool:
        """Whether the workers have the model, waiting up to `timeout` seconds (None: until
        they do); starts them if they are not started, and never again once they failed.
        Spawned, not forked: a fork of a process whose model or BLAS threads already run can
        deadlock."""
        if self.broken:
            return False
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_load_worker,
                initargs=(self._model, self._batch_size),
            )
            self._loading = [self._pool.submit(_loaded) for _ in range(self.workers)]
        done, loading = wait(self._loading, timeout)
        if any(future.exception() is not None for future in done):
            self.fail(BrokenProcessPool("an embedding worker could not load the model"))
            return False
        return not loading

    def fail(self, error: BaseException) -> None:
        """Give up on the workers after `error`: stop them, embed in-process from now on."""
        log.warning("embedding workers failed (%s); embedding in-process", error)
        self.broken = True
        self.close()

    def close(self) -> None:
        """Stop the workers (started again by a later ingest, unless they failed)."""
        if self._pool is not None:
            self._pool.shutdown(wait=not self.broken, cancel_futures=True)
            self._pool = None
            self._loading = []
            self._ahead = []


class _Joined:
    """The workers' slices of one call, joined in order once all are done; embedded
    in-process instead if the workers failed (`ParallelEmbedder.fail`)."""

    def __init__(
        self, embedder: ParallelEmbedder, texts: Sequence[str], parts: list[Future[Vectors]]
    ) -> None:
        self._embedder = embedder
        self._texts = texts
        self._parts = parts

    def result(self) -> Vectors:
        try:
            return np.concatenate([part.result() for part in self._parts])
        except BrokenProcessPool as error:
            self._embedder.fail(error)
            return self._embedder.embed_documents(self._texts)
