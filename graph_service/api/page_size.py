"""`limit`, how many results a list endpoint returns: from 1 to that endpoint's cap.

One policy for every endpoint: `limit` is 1 to the endpoint's cap, and a larger one is a 422
that says the cap (never silently cut down, which a client would take for "no more"). Caps
differ because what is listed does: a page of experts can be followed by the next (`cursor`),
practices are read one by one, recommendations are a few of each kind, and the embed card
is small. The caps are here only; the OpenAPI description of each `limit` and the README's
API section list them.
"""

from __future__ import annotations

from typing import Any

from fastapi import Query

EXPERTS_CAP = 100  # a page; the next one by `cursor`
PRACTICES_CAP = 50  # practice search and related practices
RECOMMENDATIONS_CAP = 20  # of each kind: people, practices, communities
EMBED_CAP = 10  # of each kind, on the embeddable card


def limit_query(cap: int, default: int) -> Any:
    """The `limit` query parameter of an endpoint whose cap is `cap`."""
    return Query(
        ge=1,
        le=cap,
        description=f"how many results: 1 to {cap} (this endpoint's cap), {default} if not given",
    )
