"""Scoped reads: searches, profiles, thread summaries and domain demand, all through one
scope filter; and a community's activity, which needs none.

A search needs a safe Lucene query, the scope parameters and growing fetch sizes.

A profile's content and practices are filtered by the same scope, with the same Cypher
clause, as a search's hits, so a profile never shows what a search would hide.


Neo4j's vector and full-text procedures rank the whole index and know nothing of scopes, so
the store asks them for more candidates than it needs and filters those in Cypher. A
narrow scope can leave fewer than `k` after filtering, so the store then asks again for
four times more, up to `MAX_FETCH`. Measured on 20,000 clustered 512-dimensional chunks
with a community holding 1% of them: a fixed 100 candidates found 7% of its true top 10,
widening found all of them in about 100 ms; a scope that matches nothing costs 0.3-0.6 s.
Recall stays exact unless the scope holds fewer than `k` of the best `MAX_FETCH`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Literal

from graph_service.models import Practice, SearchTarget
from graph_service.store.base import (
    ContentSummary,
    DomainDemand,
    Hit,
    Interaction,
    SearchScope,
    ThreadSummary,
)
from graph_service.store.neo4j import cypher_read
from graph_service.store.neo4j.connection import Database
from graph_service.store.neo4j.convert import (
    content_summary_from,
    from_micros,
    from_neo4j,
    practice_from,
    to_neo4j_time,
)
from graph_service.store.neo4j.cypher_schema import FULLTEXT_INDEXES, VECTOR_INDEXES
from graph_service.store.words import query_words

OVERFETCH = 10
"""Candidates asked for per wanted hit on the first try."""
MIN_FETCH = 100
"""Fewest candidates asked for on the first try."""
MAX_FETCH = 16_000
"""Most candidates asked for, which bounds the cost of a scope that matches little."""


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
    statement = cypher_read.search(kind, target)
    index = (VECTOR_INDEXES if kind == "vector" else FULLTEXT_INDEXES)[target]
    parameters |= {"index": index, "k": k, **scope_parameters(scope)}
    hits: list[dict[str, Any]] = []
    for fetch in fetch_sizes(k):
        record = database.read(statement, **parameters, fetch=fetch)[0]
        hits = record["hits"]
        if len(hits) >= k or record["candidates"] < fetch:
            break
    return [Hit(id=hit["id"], score=hit["score"]) for hit in hits]


def recent_content(
    database: Database, person_id: str, limit: int, scope: SearchScope
) -> list[ContentSummary]:
    """Up to `limit` of the person's documents and posts within `scope`, newest first."""
    if limit <= 0:
        return []
    found = database.read(
        cypher_read.RECENT_CONTENT, person_id=person_id, limit=limit, **scope_parameters(scope)
    )
    return [content_summary_from(record) for record in found]


def practices_by_author(database: Database, person_id: str, scope: SearchScope) -> list[Practice]:
    """The practices listing the person as an author whose source is within `scope`, by id."""
    found = database.read(
        cypher_read.PRACTICES_BY_AUTHOR, person_id=person_id, **scope_parameters(scope)
    )
    return [practice_from(record["props"]) for record in found]


def thread_summaries(database: Database, scope: SearchScope) -> list[ThreadSummary]:
    """Every document within `scope` with how its thread went, by document id."""
    found = database.read(cypher_read.THREAD_SUMMARIES, **scope_parameters(scope))
    return [
        ThreadSummary.model_validate(from_micros(dict(record), "created_at", "first_reply_at"))
        for record in found
    ]


def domain_demand(database: Database, scope: SearchScope) -> list[DomainDemand]:
    """Per domain and UTC month, the documents within `scope` and how their threads went."""
    rows = database.read(cypher_read.DOMAIN_DEMAND, **scope_parameters(scope))[0]["rows"]
    return [DomainDemand.from_row(row) for row in rows]


def community_activity(database: Database, community_id: str) -> list[Interaction]:
    """Every document and post of the community, oldest first (undated last), then by id."""
    found = database.read(cypher_read.COMMUNITY_ACTIVITY, community_id=community_id)
    return [Interaction.model_validate(from_neo4j(dict(record))) for record in found]
