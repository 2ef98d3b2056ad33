"""The words a full-text index holds and a keyword query looks up, the same in every backend.

Both stores index the pipeline's pre-segmented text as whitespace-separated words: Neo4j with
Lucene's `whitespace` analyzer, the embedded store with an FTS5 tokenizer for which every
visible character belongs to a word. A word is then exactly what the segmenter wrote, in
both: `grover's`, `x-trail` and `0.5` are one term each, and `grover` matches neither
`grover's` nor `x-grover`. When FTS5 still split at inner punctuation, `don't` also
indexed a `t` and `grover` matched `grover's`, and on the StackExchange evaluation the two
stores' top 10 chunks for the same question shared only 83%.

Terms from outside the segmenter are first made `bare`, and each store looks up the same
distinct terms (`query_words`), so a repeated term weighs once in either.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from graph_service.models import Practice

MAX_TERMS = 512
"""Lucene refuses a query of more than 1,024 clauses; longer term lists are cut here, in
every store, so that all of them look up the same words."""


def bare(term: str) -> str:
    """`term` as the segmenter would have written it: lowercased, spaces collapsed, without
    the punctuation and symbols around it (`-straw`, `(straw)`, `straw*` become `straw`)."""
    words = " ".join(term.lower().split())
    start, end = 0, len(words)
    while start < end and unicodedata.category(words[start])[0] in "PSZ":
        start += 1
    while end > start and unicodedata.category(words[end - 1])[0] in "PSZ":
        end -= 1
    return words[start:end]


def query_words(terms: Iterable[str]) -> list[str]:
    """The distinct non-empty `bare` forms of `terms`, in order, at most `MAX_TERMS`."""
    return [word for word in dict.fromkeys(map(bare, terms)) if word][:MAX_TERMS]


def index_text(practice: Practice) -> str:
    """The words a practice is found by: its `search_text`, else its raw words made `bare`.

    A practice written without segmented text stays findable by each space-separated word
    of its title, summary and passage, as keyword queries are made `bare` too; unspaced
    Thai is then found only as a whole run.
    """
    if practice.search_text:
        return practice.search_text
    raw = f"{practice.title} {practice.summary} {practice.passage}".split()
    return " ".join(word for word in map(bare, raw) if word)
