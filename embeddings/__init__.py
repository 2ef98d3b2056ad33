"""Text embeddings: the `Embedder` protocol, one module per provider, and the loader.

Importing this package is cheap: torch and the model weights are loaded by `load_embedder`,
only when a real model is asked for.
"""

from embeddings.base import DEFAULT_BATCH_SIZE, Embedder, SentenceTransformerEmbedder, Vectors
from embeddings.factory import DEFAULT_MODEL, SETTING, load_embedder
from embeddings.hashing import HashingEmbedder

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_MODEL",
    "SETTING",
    "Embedder",
    "HashingEmbedder",
    "SentenceTransformerEmbedder",
    "Vectors",
    "load_embedder",
]
