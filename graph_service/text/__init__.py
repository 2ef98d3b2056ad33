"""Text processing for Thai and English, shared by every layer that reads words.

Ingestion cleans, splits and segments with it; both stores index its `search_text`; queries
segment and detect the language of what a user typed with the same functions, so a query's
words are the words the indexes hold. It imports nothing of the service but itself.

Order of use in the pipeline::

    normalize_text / html_to_text   one clean spelling, paragraphs kept
    detect_language                 "th", "en" or "other", from letters per script
    split_sentences                 sentences with exact offsets (Thai: spaces and lines)
    chunk_text                      sentence-packed chunks with exact offsets
    search_text / query_terms       segmented words for the full-text indexes and queries
    keyphrases                      YAKE phrases, Thai rejoined

PyThaiNLP, nlpo3 and YAKE are imported on first use, offline, and their dictionaries are
loaded once per process; importing this package costs nothing.
"""

from graph_service.text.chunk import TextChunk, chunk_text
from graph_service.text.keyphrases import keyphrases
from graph_service.text.language import Language, detect_language
from graph_service.text.normalize import html_to_text, normalize_text
from graph_service.text.segment import query_terms, search_text, segment_words, token_spans
from graph_service.text.sentences import split_sentences

__all__ = [
    "Language",
    "TextChunk",
    "chunk_text",
    "detect_language",
    "html_to_text",
    "keyphrases",
    "normalize_text",
    "query_terms",
    "search_text",
    "segment_words",
    "split_sentences",
    "token_spans",
]
