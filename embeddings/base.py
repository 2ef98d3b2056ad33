"""The `Embedder` protocol every provider meets, and its adapter over sentence-transformers.

Every embedder returns float32, L2-normalised vectors, so downstream code (the stores' vector
search, the ranking in `queries/`) can use a dot product as cosine similarity and never has to
know which model produced a vector.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

Vectors = npt.NDArray[np.float32]
"""Float32 embeddings: shape (n, dimension) for documents, (dimension,) for one query."""

DEFAULT_BATCH_SIZE = 256
"""Texts per forward pass; the best of 64/256/1024 for USE on 2 CPU cores (see the report)."""


class Embedder(Protocol):
    """Turns text into unit-length vectors in one fixed space.

    Queries and documents are embedded by separate methods because some models (e5, for
    example) expect a different prompt for each; for models without one both are the same.
    """

    @property
    def name(self) -> str:
        """Identifies the model; stored with the vectors so a changed model is detected."""
        ...

    @property
    def dimension(self) -> int:
        """Length of every vector this embedder returns."""
        ...

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Embeds passages to be searched.

        Args:
            texts: The passages, in any language the model supports.

        Returns:
            A float32 array of shape (len(texts), dimension) with L2-normalised rows.
        """
        ...

    def embed_query(self, text: str) -> Vectors:
        """Embeds one search query.

        Args:
            text: The query.

        Returns:
            A float32 array of shape (dimension,) with L2 norm 1.
        """
        ...


class PendingVectors(Protocol):
    """Embeddings being computed elsewhere; `result` waits for them."""

    def result(self) -> Vectors:
        """The rows, once computed (raises what computing them raised)."""
        ...


@runtime_checkable
class EmbedsAhead(Protocol):
    """An embedder that can compute document embeddings in other processes while its caller
    goes on (embeddings.parallel): the ingest pipeline prepares the next batch meanwhile."""

    def embed_documents_ahead(self, texts: Sequence[str]) -> PendingVectors:
        """Start embedding `texts`; the rows `embed_documents(texts)` gives, when asked."""
        ...


class Computed:
    """Embeddings computed already, as a `PendingVectors`."""

    def __init__(self, vectors: Vectors) -> None:
        self._vectors = vectors

    def result(self) -> Vectors:
        return self._vectors


def embed_ahead(embedder: Embedder, texts: Sequence[str]) -> PendingVectors:
    """`texts` embedded in other processes while the caller goes on, where `embedder` can
    (`EmbedsAhead`); otherwise now, in this process.

    An embedder in this process is never run in a thread beside the caller's work: its
    tokenizer is Python, and beside a busy Python thread it waits for the interpreter lock
    at every turn (2,048 passages took 150 s instead of 7 here).
    """
    if isinstance(embedder, EmbedsAhead):
        return embedder.embed_documents_ahead(texts)
    return Computed(embedder.embed_documents(texts))


class SentenceTransformerEmbedder:
    """An `Embedder` over any loaded `SentenceTransformer`.

    Holding an already-built model keeps this class free of loading policy (offline mode,
    caching, error wording), which lives in `embeddings.factory`.
    """

    def __init__(
        self, model: SentenceTransformer, name: str, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> None:
        """Wraps `model`.

        Args:
            model: The loaded model.
            name: The name to report, normally the configured model id.
            batch_size: Texts per forward pass.

        """
        self._model = model
        self._name = name
        self._batch_size = batch_size
        declared = model.get_embedding_dimension()
        # A model whose modules do not declare their output size is measured instead.
        self._dimension = declared if declared is not None else len(self.embed_query(name))

    @property
    def name(self) -> str:
        """The configured model id."""
        return self._name

    @property
    def dimension(self) -> int:
        """The model's output dimension."""
        return self._dimension

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Embeds passages with the model's document prompt, if it has one.

        Args:
            texts: The passages.

        Returns:
            A float32 array of shape (len(texts), dimension) with L2-normalised rows.
        """
        if not texts:
            return np.zeros((0, self._dimension), dtype=np.float32)
        vectors = self._model.encode_document(
            list(texts),
            batch_size=self._batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)

    def embed_query(self, text: str) -> Vectors:
        """Embeds one query with the model's query prompt, if it has one.

        Args:
            text: The query.

        Returns:
            A float32 array of shape (dimension,) with L2 norm 1.
        """
        vectors = self._model.encode_query(
            [text], normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        return np.asarray(vectors, dtype=np.float32).reshape(-1)
