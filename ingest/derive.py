"""EXPERT_IN, derived from contributions: for everyone, or for the people a write touched.

EXPERT_IN aggregates every author-content-domain contribution with the shared association
weights (graph_service.association), a recency half-life and log damping, and passes half
of each contribution up to the broader domain. Evidence from each private community is
aggregated apart from public evidence (one row per person, domain and private community),
so that what a caller sees of EXPERT_IN derives only from content they may see.

A person's rows depend on their own contributions, the taxonomy and the time recency is
measured at, and on nothing of anyone else's. So a write re-derives only the people whose
contributions it changed (`rederive_expertise_for`), and the result equals a full
recompute (`recompute_expertise`) provided both measure recency at the same time.

That time is the *decay epoch*, kept in the store (`DerivationState.decay_epoch`): a full
recompute sets it to its own "now"; incremental derivations reuse it, however much later
they run. Every stored score is therefore log1p of the contributions decayed to the
epoch, whichever derivation wrote the row, and no row needs rewriting as days pass.
Content dated after the epoch counts as fresh (age clipped to 0, as future-dated content
always was); undated content counts 0.5. The readers (expert search's EXPERT_IN signal,
gap maps, profiles) only compare scores with each other (order, ratios to the best,
medians), so one shared epoch keeps their answers meaning what they did: "decayed to
when the store was last fully derived". Decaying everything to today instead would be a
uniform factor on every pre-log total dated before the epoch, which changes no order; a
full derivation (`copgraph derive --full`) moves the epoch to now when the drift should go.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from graph_service.association import association_weight, author_role_weight, recency_decay
from graph_service.models import Expertise
from graph_service.store.base import Contribution, GraphStore

BROADER_SHARE = 0.5

ExpertiseKey = tuple[str, str, str | None]
"""Person id, domain id, and the private community of the evidence (None: public)."""


def expertise_rows(
    contributions: Iterable[Contribution],
    broader: dict[str, list[str]],
    epoch: datetime,
    half_life_days: float,
) -> list[Expertise]:
    """The EXPERT_IN rows of `contributions`, recency decayed to `epoch`, in key order."""
    totals: dict[ExpertiseKey, float] = defaultdict(float)
    counts: dict[ExpertiseKey, int] = defaultdict(int)
    last: dict[ExpertiseKey, datetime] = {}
    for item in contributions:
        credit = (
            association_weight(item.content_kind, item.accepted, item.score)
            * author_role_weight(item.role)
            * item.weight
            * recency_decay(item.created_at, epoch, half_life_days)
        )
        targets = [(item.domain_id, 1.0)] + [
            (parent, BROADER_SHARE) for parent in broader.get(item.domain_id, [])
        ]
        for domain_id, share in targets:
            key = (item.person_id, domain_id, item.private_community)
            totals[key] += credit * share
            counts[key] += 1
            if item.created_at and (key not in last or item.created_at > last[key]):
                last[key] = item.created_at
    method = f"assoc-weighted,recency-half-life={half_life_days:g}d,log1p,broader={BROADER_SHARE}"
    return [
        Expertise(
            person_id=key[0],
            domain_id=key[1],
            score=round(math.log1p(total), 6),
            evidence_count=counts[key],
            last_activity=last.get(key),
            method=method,
            private_community=key[2],
        )
        for key, total in sorted(totals.items(), key=lambda pair: (*pair[0][:2], pair[0][2] or ""))
    ]


def _broader(store: GraphStore) -> dict[str, list[str]]:
    return {domain.id: domain.broader for domain in store.list_domains()}


def recompute_expertise(store: GraphStore, epoch: datetime, half_life_days: float) -> int:
    """Replace all of EXPERT_IN from the store's contributions, recency decayed to `epoch`;
    returns the number of rows."""
    rows = expertise_rows(store.contributions(), _broader(store), epoch, half_life_days)
    store.replace_expertise(rows)
    return len(rows)


def rederive_expertise_for(
    store: GraphStore,
    person_ids: Sequence[str],
    epoch: datetime,
    half_life_days: float,
    domain_ids: Collection[str] | None = None,
) -> int:
    """Replace the EXPERT_IN rows of `person_ids` only (everyone whose contributions a write
    changed: its authors before and after it); returns the number of rows written.

    With `domain_ids` (the domains of the only content of theirs a write changed: new
    content), only their rows in those domains and the broader ones they feed are replaced,
    from their contributions there and in the narrower domains that feed those. Rows hold
    nothing but sums over their own key's contributions, so those rows come out as a full
    recompute writes them, and a prolific member's push reads what they wrote in its
    domains, not everything they ever wrote.
    """
    if not person_ids:
        return 0
    broader = _broader(store)
    if domain_ids is None:
        contributions = store.contributions(person_ids=person_ids)
        rows = expertise_rows(contributions, broader, epoch, half_life_days)
        store.replace_expertise_for(person_ids, rows)
        return len(rows)
    changed = affected_domains(domain_ids, broader)
    feeding = sorted(feeding_domains(changed, broader))
    contributions = store.contributions(person_ids=person_ids, domain_ids=feeding)
    rows = expertise_rows(contributions, broader, epoch, half_life_days)
    kept = [row for row in rows if row.domain_id in changed]
    store.replace_expertise_for(person_ids, kept, sorted(changed))
    return len(kept)


def affected_domains(domain_ids: Iterable[str], broader: dict[str, list[str]]) -> set[str]:
    """The domains whose EXPERT_IN rows content in `domain_ids` counts in: those, and the
    broader ones each passes `BROADER_SHARE` up to."""
    found = set(domain_ids)
    return found.union(*(broader.get(domain, []) for domain in found))


def feeding_domains(domain_ids: Iterable[str], broader: dict[str, list[str]]) -> set[str]:
    """The domains whose contributions count in `domain_ids`' rows: those, and every
    narrower domain that names one of them broader."""
    wanted = set(domain_ids)
    return wanted | {domain for domain, parents in broader.items() if wanted & set(parents)}
