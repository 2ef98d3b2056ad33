"""Keyphrases that name what a person writes about, in Thai and English, with no model.

The phrases become the candidate names of practices and domains, so they must read as
the author wrote them: ``การจัดการความรู้``, not ``การ จัดการ ความรู้``. YAKE scores
candidate n-grams from statistics of one document (position, frequency, spread, case), so
it needs no training data and works offline. It splits text on spaces and does not know
Thai, so each sentence is handed over as segmented words joined by spaces, with a full
stop after it; YAKE never builds an n-gram across punctuation, so candidates stay inside
one sentence. In the phrases it returns, the spaces between Thai words are removed again.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from graph_service.text.language import THAI_CHARS, Language, detect_language
from graph_service.text.segment import ENGLISH_STOPWORDS, stopwords, token_spans
from graph_service.text.sentences import split_sentences

_IS_WORD = re.compile(r"[^\W_]")
_THAI_GAP = re.compile(f"(?<=[{THAI_CHARS}]) (?=[{THAI_CHARS}])")
_MAX_WORDS = 3
# Prefixes that make agent nouns (นักปฏิบัติ, practitioner) start a phrase but never end
# one. PyThaiNLP lists the others (การ, ความ, ผู้) as stopwords, which YAKE already keeps
# off phrase ends; นัก is allowed as a CoP word in the segmenter's stopwords.
_BOUND_PREFIXES = frozenset({"นัก"})
# YAKE drops near-duplicates itself; asking for a few more leaves room for the phrases
# that only differ once the Thai spaces are gone or in case.
_SPARE = 3


def keyphrases(texts: list[str], top: int = 5, language: Language | None = None) -> list[str]:
    """Return the ``top`` keyphrases of a set of texts, best first.

    The texts are treated as one document (a person's posts, a practice's chunks).
    Stopwords are PyThaiNLP's Thai list minus the CoP vocabulary, and English function
    words, so a phrase never starts or ends with one.

    Args:
        texts: The texts, normalised.
        top: How many phrases to return at most.
        language: The texts' language if known; detected from the texts otherwise. Thai
            stopwords are used only for "th", so English corpora never load PyThaiNLP.

    Returns:
        Distinct phrases, Thai ones without spaces between Thai words.
    """
    document = "\n".join(_segmented_sentences(texts))
    if not document or top < 1:
        return []
    language = language or detect_language(" ".join(texts))
    found = _extractor(language, top * _SPARE).extract_keywords(document)
    phrases: dict[str, str] = {}
    for phrase, _score in found:
        if phrase.rsplit(" ", 1)[-1] in _BOUND_PREFIXES:
            continue
        joined = _THAI_GAP.sub("", phrase)
        phrases.setdefault(joined.lower(), joined)
    return list(phrases.values())[:top]


def _segmented_sentences(texts: list[str]) -> list[str]:
    """One line per sentence: words joined by spaces, other tokens turned into block breaks.

    Punctuation, emoji and brackets inside a sentence become a spaced `` . ``, which ends
    a YAKE block without ending YAKE's sentence, so ``ความรู้ ( Knowledge Management )``
    cannot yield the candidate ``ความรู้ Knowledge``. The sentence itself ends with a full
    stop glued to its last word, the one form YAKE's sentence splitter (segtok) reliably
    cuts at when the next sentence starts with a Thai or lowercase letter; YAKE's scores
    use how many sentences a word occurs in, so the cut matters.
    """
    lines: list[str] = []
    for text in texts:
        for _, sentence in split_sentences(text):
            words: list[str] = []
            for start, end in token_spans(sentence):
                if _IS_WORD.search(sentence, start, end):
                    words.append(sentence[start:end])
                elif words and words[-1] != ".":
                    words.append(".")
            while words and words[-1] == ".":
                words.pop()
            if words:
                lines.append(" ".join(words) + ".")
    return lines


@cache
def _extractor(language: Language, top: int) -> Any:
    """One YAKE extractor per language and size; building one copies the stopword set."""
    try:
        import yake
    except ImportError as e:
        raise ImportError("keyphrases need YAKE: pip install 'yake>=0.4.8'") from e
    words = stopwords() if language == "th" else ENGLISH_STOPWORDS
    return yake.KeywordExtractor(n=_MAX_WORDS, top=top, stopwords=set(words))
