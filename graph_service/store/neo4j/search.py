"""How the Neo4j store searches: a safe Lucene query, and scoped over-fetching.

Neo4j's vector and full-text procedures rank the whole index and know nothing of scopes, so
the store asks them for more candidates than it needs and filters those in Cypher. A
narrow scope can leave fewer than `k` after filtering, so the store then asks again, for as
many as the rate of survivors needs (at least four times more), up to `MAX_FETCH`.
Measured on 20,000 clustered 512-dimensional chunks with a community holding 1% of them: a
fixed 100 candidates found 7% of its true top 10, widening found all of them in about
100 ms; a scope that matches nothing costs 0.3-0.6 s.
Recall stays exact unless the scope holds fewer than `k` of the best `MAX_FETCH`.

Most searches need none of that (`plan`): a public search of chunks asks the index of the
public chunks alone, and a search that may see everything the whole index; unless the
scope names communities or a date, the index's first `k` are the answer (a language is
checked on the listed node), with no join to content and no second try.

Where the scope does filter, the first try asks for twice `k`, few candidates falling to
it for most scopes. An expert query asks for 400 chunks; at 100,000 chunks on this machine
the vector index took 70 ms for 4,000 candidates and 40 ms for 800, and kept 99.95% of the top 400
that 16,000 candidates give (99.99% at 4,000; an HNSW graph searched for more candidates
finds the nearest ones a little more surely); full-text search took 20-24 ms against 16 ms,
with the same hits (40 benchmark queries each). Asked for `k` alone, the vector search took
61 ms: the public scope hides a few candidates, so some searches had to ask again.

The scope is the same Cypher clause (`statements._SCOPE_TEST`) that filters profiles, thread
summaries and domain demand (see reads.py), so a profile never shows what a search would
hide.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from graph_service.models import SearchTarget
from graph_service.store.base import Hit, SearchScope
from graph_service.store.neo4j import statements as cypher
from graph_service.store.neo4j.connection import Database
from graph_service.store.neo4j.convert import scope_parameters
from graph_service.store.words import query_words

OVERFETCH = 2
"""Candidates asked for per wanted hit on the first try."""
MIN_FETCH = 100
"""Fewest candidates asked for on the first try."""
MAX_FETCH = 16_000
"""Most candidates asked for, which bounds the cost of a scope that matches little."""
SURVIVAL_MARGIN = 1.5
"""How many more candidates than the first try's rate of survivors asks for: nearer the
query the scope's share is seldom what it is farther out."""


def lucene_query(terms: Sequence[str]) -> str | None:
    """A Lucene query matching any of `terms`, or None when no term has a word character.

    Each term becomes a quoted phrase with `\\` and `"` escaped, the only characters that
    keep a meaning inside quotes, so user input is never read as Lucene syntax: `*:*`,
    `OR`, `(`, `~` or a stray quote are text to look up, not operators. The terms are
    `words.query_words`, the same the embedded store looks up, since the indexes match
    whole pre-segmented, lowercased words only.
    """
    phrases = [
        '"' + term.replace("\\", "\\\\").replace('"', '\\"') + '"' for term in query_words(terms)
    ]
    return " OR ".join(phrases) or None


@dataclass(frozen=True)
class Plan:
    """How a scoped search runs: which index it asks, whether each candidate is joined to
    its content and community (`statements.search`), and whether anything can be dropped."""

    index: str
    joined: bool
    filtered: bool


def plan(kind: Literal["vector", "keyword"], target: SearchTarget, scope: SearchScope) -> Plan:
    """The cheapest way to search `target` within `scope`.

    A caller who may see no private community searches the index of public chunks
    (`statements.PUBLIC_CHUNK`), and one who may see them all the whole index: either way
    privacy is settled by the index, and unless the scope names communities or a date the
    candidates need no join. Only a caller allowed some private communities, or a scope by
    community or date, has each candidate joined to its content.
    """
    public = cypher.PUBLIC_VECTOR_INDEXES if kind == "vector" else cypher.PUBLIC_FULLTEXT_INDEXES
    whole = cypher.VECTOR_INDEXES if kind == "vector" else cypher.FULLTEXT_INDEXES
    sees_public_only = scope.private_allowed is not None and not scope.private_allowed
    if sees_public_only and target in public:
        index, privacy_settled = public[target], True
    else:
        index, privacy_settled = whole[target], scope.private_allowed is None
    joined = not privacy_settled or scope.communities is not None or scope.since is not None
    return Plan(index, joined, filtered=joined or scope.language is not None)


def first_fetch(k: int, filtered: bool = True) -> int:
    """Candidates asked for on the first try: `OVERFETCH * k` within the bounds, or when
    nothing can be dropped `k`, at least `MIN_FETCH`.

    An HNSW graph asked for few candidates finds the nearest ones less surely: asked for
    10, recall@10 against exact search was 0.91 at 100,000 chunks (0.995 asked for 100).
    The top 400 of 400 candidates were 99.94% of those of 4,000 (60 queries).
    """
    if not filtered:
        return max(k, MIN_FETCH)
    return max(min(k * OVERFETCH, max(MAX_FETCH, k)), MIN_FETCH)


def next_fetch(k: int, fetch: int, kept: int) -> int | None:
    """Candidates to ask for after `fetch` gave `kept` (< `k`) within the scope: as many as
    that rate of survivors needs for `k`, with `SURVIVAL_MARGIN` to spare, at least four
    times more (eight when none survived), at most `MAX_FETCH`; None once that was asked.

    Around a topic that lives mostly in private communities, a public search keeps a few
    of its first candidates; asked four times more each try, it took three tries at 1M
    chunks (1.5-1.9 s for a Thai question on medication errors). The rate of the first
    try says how far to go in one.
    """
    ceiling = max(MAX_FETCH, k)
    if fetch >= ceiling:
        return None
    wanted = math.ceil(fetch * k / kept * SURVIVAL_MARGIN) if kept else fetch * 8
    return min(max(wanted, fetch * 4), ceiling)


def scoped(
    database: Database,
    kind: Literal["vector", "keyword"],
    target: SearchTarget,
    k: int,
    scope: SearchScope,
    **parameters: Any,
) -> list[Hit]:
    """The best `k` hits within `scope`, asking the index for more candidates until `k`
    survive the scope or it has no more (`$vector` or `$query` given in `parameters`)."""
    how = plan(kind, target, scope)
    statement = cypher.search(kind, target, how.joined)
    parameters |= {"index": how.index, "k": k, **scope_parameters(scope)}
    fetch: int | None = first_fetch(k, how.filtered)
    while fetch is not None:
        record = database.read(statement, **parameters, fetch=fetch)[0]
        hits = record["hits"]
        if len(hits) >= k or record["candidates"] < fetch:
            break
        fetch = next_fetch(k, fetch, len(hits))
    return [Hit(id=hit["id"], score=hit["score"]) for hit in hits]
