"""What a scoped search sends to Neo4j: a safe Lucene query, scope parameters, fetch sizes.

Neo4j's vector and full-text procedures rank the whole index and know nothing of scopes, so
the store asks them for more candidates than it needs and filters those in Cypher. A
narrow scope can leave fewer than `k` after filtering, so the store then asks again for
four times more, up to `MAX_FETCH`. Measured on 20,000 clustered 512-dimensional chunks
with a community holding 1% of them: a fixed 100 candidates found 7% of its true top 10,
widening found all of them in about 100 ms; a scope that matches nothing costs 0.3-0.6 s.
Recall stays exact unless the scope holds fewer than `k` of the best `MAX_FETCH`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from typing import Any

from graph_service.store.base import SearchScope
from graph_service.store.neo4j.convert import to_neo4j_time

OVERFETCH = 10
"""Candidates asked for per wanted hit on the first try."""
MIN_FETCH = 100
"""Fewest candidates asked for on the first try."""
MAX_FETCH = 16_000
"""Most candidates asked for, which bounds the cost of a scope that matches little."""
MAX_TERMS = 512
"""Lucene refuses a query of more than 1,024 clauses; longer term lists are cut here."""


def _bare(term: str) -> str:
    """`term` as the segmenter would have written it: lowercased, spaces collapsed, without
    the punctuation and symbols around it (`-straw`, `(straw)`, `straw*` become `straw`)."""
    words = " ".join(term.lower().split())
    start, end = 0, len(words)
    while start < end and unicodedata.category(words[start])[0] in "PSZ":
        start += 1
    while end > start and unicodedata.category(words[end - 1])[0] in "PSZ":
        end -= 1
    return words[start:end]


def lucene_query(terms: Sequence[str]) -> str | None:
    """A Lucene query matching any of `terms`, or None when no term has a word character.

    Each term becomes a quoted phrase with `\\` and `"` escaped, the only characters that
    keep a meaning inside quotes, so user input is never read as Lucene syntax: `*:*`,
    `OR`, `(`, `~` or a stray quote are text to look up, not operators. Terms are first
    put in the form of the indexed words (see `_bare`), since the chunk index matches
    whole pre-segmented, lowercased words only.
    """
    phrases = [
        '"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"'
        for term in dict.fromkeys(map(_bare, terms))
        if term
    ]
    return " OR ".join(phrases[:MAX_TERMS]) or None


def scope_parameters(scope: SearchScope) -> dict[str, Any]:
    """The scope as the `$communities`, `$private_allowed`, `$language`, `$since` of a search.

    `None` switches a filter off, as in `SearchScope`.
    """
    return {
        "communities": None if scope.communities is None else sorted(scope.communities),
        "private_allowed": (
            None if scope.private_allowed is None else sorted(scope.private_allowed)
        ),
        "language": scope.language,
        "since": to_neo4j_time(scope.since),
    }


def fetch_sizes(k: int) -> Iterator[int]:
    """Candidate counts to ask for in turn: `OVERFETCH * k`, then four times more each try."""
    ceiling = max(MAX_FETCH, k)
    fetch = max(min(k * OVERFETCH, ceiling), MIN_FETCH)
    while True:
        yield fetch
        if fetch >= ceiling:
            return
        fetch = min(fetch * 4, ceiling)
