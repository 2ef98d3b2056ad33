"""The `community` and `domain` filters of a read, checked before it runs.

An unknown id in a filter used to answer an empty list, which reads as "nobody knows about
this here" when the truth is a typo. A filter must name a community the caller may see (a
private one they may not see is answered exactly like an unknown one, so its id is not
confirmed) and a domain of the taxonomy.
"""

from __future__ import annotations

from graph_service.errors import NotFound
from graph_service.store.base import GraphStore, SearchScope
from queries.visibility import visible_community


def check_filters(
    store: GraphStore, scope: SearchScope, community: str | None = None, domain: str | None = None
) -> None:
    """Refuse a filter the caller cannot use.

    Raises:
        NotFound: no such community, or a private one `scope` is not allowed; no such domain.
    """
    if community:
        visible_community(store, scope, community)
    if domain and all(known.id != domain for known in store.list_domains()):
        raise NotFound("domain", domain)
