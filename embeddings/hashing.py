"""A deterministic bag-of-words embedder for tests that exercise plumbing, not meaning.

It needs no model, loads instantly and gives the same vector for the same text in every
process, so ingest, store and API tests can run with real vectors in milliseconds. Texts
sharing words get closer vectors, which is enough to check that ranking code ranks; it knows
nothing about synonyms or translation, so never use it to judge search quality.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from embeddings.base import Vectors

NAME = "hash"

# Thai is written without spaces between words, so a run of Thai script is cut into
# overlapping character trigrams instead; any other run of word characters is one token.
_THAI_RUN = r"[\u0e00-\u0e7f]+"
_TOKEN = re.compile(rf"{_THAI_RUN}|[^\W\u0e00-\u0e7f]+")
_THAI = re.compile(_THAI_RUN)
_TRIGRAM = 3


def tokens(text: str) -> list[str]:
    """Splits `text` into the tokens that get hashed.

    Args:
        text: Any text.

    Returns:
        Lower-cased words, plus character trigrams of each Thai run (a run shorter than three
        characters is kept whole).
    """
    result: list[str] = []
    for token in _TOKEN.findall(text.lower()):
        if _THAI.fullmatch(token) and len(token) > _TRIGRAM:
            result.extend(token[i : i + _TRIGRAM] for i in range(len(token) - _TRIGRAM + 1))
        else:
            result.append(token)
    return result


class HashingEmbedder:
    """Embeds a text as the hashed counts of its tokens, L2-normalised.

    Each token adds 1 to one of `dimension` buckets. Counts are never negative, so no row can
    cancel out to zero; a text without tokens embeds as the empty token. Every row therefore
    has norm 1, as the `Embedder` contract says.
    """

    def __init__(self, dimension: int = 64) -> None:
        """Creates the embedder.

        Args:
            dimension: Number of hash buckets, the length of every vector.

        Raises:
            ValueError: `dimension` is not positive.
        """
        if dimension < 1:
            raise ValueError(f"dimension must be positive, got {dimension}")
        self._dimension = dimension

    @property
    def name(self) -> str:
        """Always `hash`."""
        return NAME

    @property
    def dimension(self) -> int:
        """The number of hash buckets."""
        return self._dimension

    def embed_documents(self, texts: Sequence[str]) -> Vectors:
        """Embeds each text; see the class docstring for how.

        Args:
            texts: The texts.

        Returns:
            A float32 array of shape (len(texts), dimension) with L2-normalised rows.
        """
        vectors = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in tokens(text) or [""]:
                vectors[row, self._bucket(token)] += 1.0
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors

    def embed_query(self, text: str) -> Vectors:
        """Embeds one text exactly as `embed_documents` would.

        Args:
            text: The text.

        Returns:
            A float32 array of shape (dimension,) with L2 norm 1.
        """
        return self.embed_documents([text]).reshape(-1)

    def _bucket(self, token: str) -> int:
        """Maps a token to a bucket; blake2b, unlike `hash()`, agrees across processes."""
        digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
        return int.from_bytes(digest, "big") % self._dimension
