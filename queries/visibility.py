"""What of the graph a caller may see: content of private communities needs a grant.

Content is filtered where it is read (each store applies a `SearchScope`). EXPERT_IN is
derived content, kept per visibility (public evidence, and each private community's apart),
so a caller's view of it is the merge of the rows they may see: a member known only from a
private community is not listed for callers outside it, and nobody's score is raised by
evidence the caller cannot see.
"""

from __future__ import annotations

import math
from collections import defaultdict

from graph_service.errors import NotFound
from graph_service.models import Community, Expertise
from graph_service.profiles import SkillClaim
from graph_service.store.base import GraphStore, SearchScope


def community_visible(store: GraphStore, scope: SearchScope, community_id: str | None) -> bool:
    """Content outside communities and in public ones is visible; private needs the grant."""
    allowed = scope.private_allowed
    if community_id is None or allowed is None or community_id in allowed:
        return True
    community = store.get_community(community_id)
    return community is None or not community.private


def sees_private(scope: SearchScope, private_community: str | None) -> bool:
    """Whether `scope` may see what is in `private_community` (None: public content)."""
    allowed = scope.private_allowed
    return private_community is None or allowed is None or private_community in allowed


def visible_communities(store: GraphStore, scope: SearchScope) -> list[Community]:
    """Every public community, and the private ones `scope` is allowed."""
    allowed = scope.private_allowed
    return [
        community
        for community in store.list_communities()
        if not community.private or allowed is None or community.id in allowed
    ]


def visible_community(store: GraphStore, scope: SearchScope, community_id: str) -> Community:
    """The community, if `scope` may see it.

    Raises:
        NotFound: no such community, or a private one `scope` is not allowed (the two are
            told apart by nobody, so a private community's id is not confirmed).
    """
    community = store.get_community(community_id)
    allowed = scope.private_allowed
    if community is None or (
        community.private and allowed is not None and community_id not in allowed
    ):
        raise NotFound("community", community_id)
    return community


def visible_expertise(
    store: GraphStore,
    scope: SearchScope,
    person_id: str | None = None,
    domain_id: str | None = None,
) -> list[Expertise]:
    """The EXPERT_IN rows `scope` may see, one per person and domain; best score first.

    A domain its person hid is seen by nobody: hiding is the person's word, above any
    evidence.
    """
    claims = store.skill_claims([person_id] if person_id else None)
    return visible_rows(store.expertise(person_id=person_id, domain_id=domain_id), claims, scope)


def visible_rows(
    rows: list[Expertise], claims: list[SkillClaim], scope: SearchScope
) -> list[Expertise]:
    """Of stored EXPERT_IN `rows`, what `scope` may see with the persons' `claims` applied,
    merged (see `visible_expertise`)."""
    hidden = {(c.person_id, c.domain_id) for c in claims if c.kind == "hidden"}
    visible = [
        row
        for row in rows
        if sees_private(scope, row.private_community)
        and (row.person_id, row.domain_id) not in hidden
    ]
    return merge_expertise(visible)


def merge_expertise(rows: list[Expertise]) -> list[Expertise]:
    """One row per person and domain from rows derived from disjoint evidence.

    A score is `log1p` of the summed credit of its evidence, so the merged score is `log1p`
    of the parts' summed `expm1`: the same as deriving from all of that evidence at once.
    """
    parts: dict[tuple[str, str], list[Expertise]] = defaultdict(list)
    for row in rows:
        parts[(row.person_id, row.domain_id)].append(row)
    merged = [group[0] if len(group) == 1 else _merged(group) for group in parts.values()]
    return sorted(merged, key=lambda row: (-row.score, row.person_id, row.domain_id))


def _merged(group: list[Expertise]) -> Expertise:
    dates = [row.last_activity for row in group if row.last_activity is not None]
    return Expertise(
        person_id=group[0].person_id,
        domain_id=group[0].domain_id,
        score=round(math.log1p(sum(math.expm1(row.score) for row in group)), 6),
        evidence_count=sum(row.evidence_count for row in group),
        last_activity=max(dates, default=None),
        method=group[0].method,
    )
