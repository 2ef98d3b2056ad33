"""Whether a caller's scope lets them see content of a community (private ones need a grant)."""

from __future__ import annotations

from graph_service.store.base import GraphStore, SearchScope


def community_visible(store: GraphStore, scope: SearchScope, community_id: str | None) -> bool:
    """Content outside communities and in public ones is visible; private needs the grant."""
    allowed = scope.private_allowed
    if community_id is None or allowed is None or community_id in allowed:
        return True
    community = store.get_community(community_id)
    return community is None or not community.private
