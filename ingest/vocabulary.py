"""The vocabulary step of ingestion: new words of the written passages, embedded once each.

A query in one script is translated into the words the community wrote in the other
(queries.term_bridge); those words and their embeddings are stored as content arrives, so
no query ever embeds the community's vocabulary. Only words the store does not hold yet are
embedded: after the first few thousand items a batch brings few new words.
"""

from __future__ import annotations

from collections.abc import Iterable

from embeddings.base import Embedder
from graph_service.models import VocabularyWord
from graph_service.store.base import GraphStore
from graph_service.text.vocabulary import vocabulary_words
from ingest.embedding_cache import EmbeddingCache, embed_cached


def learn_vocabulary(
    store: GraphStore, embedder: Embedder, cache: EmbeddingCache, texts: Iterable[str]
) -> int:
    """Store the words of `texts` the vocabulary lacks, with their embeddings.

    Returns:
        How many words were new.
    """
    words: set[str] = set()
    for text in texts:
        words |= vocabulary_words(text)
    fresh = sorted(words - store.known_vocabulary(sorted(words)))
    if not fresh:
        return 0
    vectors = embed_cached(embedder, fresh, cache)
    store.add_vocabulary(
        [VocabularyWord(word=w, vector=v.tolist()) for w, v in zip(fresh, vectors, strict=True)]
    )
    return len(fresh)
