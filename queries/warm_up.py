"""The views the first expert search and gap map of a process would build, built at start.

Expert search and the gap map answer from views over the whole graph (EXPERT_IN, every
person's activity, namesakes, the relevance floor, supply and demand), built by the first
request that needs them and then changed by each write's delta. That first request paid
for all of it: 0.4 s at 10,000 items on the embedded store, 23 s at 100,000 on a cold
Neo4j, 51 s at 1,000,000 (benchmarks/results). A portal's first user after a deploy, or a
load balancer's first request to a new replica, should not wait for that, so the API
builds them while it starts, before it reports ready: one expert search and one gap map
for the public scope (anonymous callers and every key without private communities).
Before them it readies the store's search indexes (`GraphStore.prepare_search`: on the
embedded store, restoring the neighbour graph an ingest saved), so the first searches, the
views' included, read them rather than searching exactly beside their build.
Callers who see private communities have views of their own, built at their first request.
"""

from __future__ import annotations

import logging
import time

from graph_service.store.base import GraphStore, SearchScope
from queries.experts import ExpertFinder, ExpertQuery
from queries.gaps import GapMap
from queries.namesakes import Namesakes

log = logging.getLogger(__name__)

PUBLIC = SearchScope()
"""The scope the views are built for: public content only."""


def warm_query(store: GraphStore) -> str | None:
    """A query that finds something: the name of the taxonomy's first domain (None for a
    store without a taxonomy, which has no expertise to build views of)."""
    domains = store.list_domains()
    return domains[0].name if domains else None


def warm_views(
    store: GraphStore, finder: ExpertFinder, namesakes: Namesakes, gap_map: GapMap
) -> float:
    """Build what an expert search and a gap map of the public scope read, as the API's
    endpoints do; returns the seconds it took."""
    started = time.perf_counter()
    store.prepare_search()
    text = warm_query(store)
    if text is not None:
        finder.find(ExpertQuery(text=text, scope=PUBLIC))
    namesakes.of(PUBLIC)
    gap_map.report(PUBLIC)
    seconds = time.perf_counter() - started
    log.info("views of the public scope built at start in %.2f s", seconds)
    return seconds
