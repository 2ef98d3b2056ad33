"""Deriving after a write: only what the write touched, or everything when that is not enough.

A pushed post should cost what the post costs. So the pipeline records what each write
touched (`Touched`: the authors, domains and practices it wrote, and, read before it
replaced or deleted content, that content's authors and the practices linking to its
practices) and `derive` re-derives EXPERT_IN for those people (ingest/derive.py: the
authors of new content in its domains only) and RELATED_TO for those practices
(ingest/related.py), against the decay epoch and the bar kept in the store
(`DerivationState`), so the result equals a full recompute with that epoch and bar.

A full recompute runs instead when the touched set is unknown (the caller passes None: a
run that found the derivation marker of a crashed one, `copgraph derive --full`), when the
store has no derivation state (first ingest into an empty store, or a store from before
it was kept), or when what the state was derived against no longer holds (another
half-life, other association weights, a changed taxonomy or community privacy:
`derivation_basis`). It moves the decay epoch to `now` and calibrates the bar again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from graph_service import association
from graph_service.models import GraphBatch
from graph_service.store.base import DerivationState, Footprint, GraphStore
from ingest.content import NormalizedRecord
from ingest.derive import recompute_expertise, rederive_expertise_for
from ingest.related import (
    CALIBRATION_SAMPLE,
    SHOWN_SIGMAS,
    calibrate_bar,
    recompute_related_practices,
    rederive_related,
)

Extent = Literal["full", "incremental"]


@dataclass
class Touched:
    """What one or more writes changed that derived relationships depend on.

    `people` are re-derived whole: the authors of content replaced or deleted, whose old
    contributions are gone. `writers`, the authors of the content written, are re-derived
    in `domains` only (that content's domains: nothing else of theirs changed), unless
    they are among `people` too.
    """

    people: set[str] = field(default_factory=set)
    practices: set[str] = field(default_factory=set)
    linking: set[str] = field(default_factory=set)
    writers: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)

    def add_footprint(self, footprint: Footprint) -> None:
        """Content about to be replaced or deleted: its authors and the practices linking
        to its practices."""
        self.people.update(footprint.authors)
        self.linking.update(footprint.linking_practices)

    def merge(self, other: Touched) -> None:
        """Add what `other` touched."""
        self.people.update(other.people)
        self.practices.update(other.practices)
        self.linking.update(other.linking)
        self.writers.update(other.writers)
        self.domains.update(other.domains)

    def add_batch(self, batch: GraphBatch, unchanged: Collection[str] = ()) -> None:
        """Content written: its authors and domains (but those of the `unchanged` content,
        written again as it was) and its practices."""
        for content in [*batch.documents, *batch.posts]:
            if content.id not in unchanged:
                self.writers.update(content.author_ids)
        self.domains.update(
            link.domain_id for link in batch.domain_links if link.content_id not in unchanged
        )
        self.practices.update(practice.id for practice in batch.practices)


def touched_by_write(
    store: GraphStore,
    records: Sequence[NormalizedRecord],
    stored: dict[str, str],
    batch: GraphBatch,
) -> Touched:
    """What writing `batch`, the changed `records`, touches (read before it is written);
    `stored` holds the stored hashes of their contents.

    A reply pushed to a thread rewrites the whole thread, but the thread's other posts come
    back as they were: the same hash (text, authors, roles, dates, score, acceptance, links,
    community) in an unchanged document gives the same contributions. Their authors are not
    re-derived for them, so a reply costs its author, not everyone who ever posted in the
    thread. Content that changed, and posts the record no longer holds, name their authors
    as before; a changed document names every post's (its footprint holds its posts),
    since its title and tags, which the posts' domains are assigned from, may have moved.
    """
    touched = Touched()
    rewritten = [c.id for r in records for c in r.contents if c.id in stored]
    unchanged = {c.id for r in records for c in r.contents if stored.get(c.id) == c.content_hash}
    if rewritten:
        whole = store.footprint(rewritten)
        touched.linking.update(whole.linking_practices)
        revised = [id_ for id_ in rewritten if id_ not in unchanged]
        for record in records:
            if record.document.id in unchanged:
                held = {content.id for content in record.contents}
                revised += [p.id for p in store.get_posts(record.document.id) if p.id not in held]
        if revised == rewritten:  # nothing came back as it was: the whole footprint's authors
            touched.people.update(whole.authors)
        elif revised:
            touched.people.update(store.footprint(revised).authors)
    touched.add_batch(batch, unchanged)
    return touched


def derivation_basis(store: GraphStore, half_life_days: float) -> str:
    """A fingerprint of what derived rows depend on besides the content: the half-life, the
    association weights, the taxonomy's broader domains and which communities are private."""
    facts = {
        "half_life_days": half_life_days,
        "weights": association.fingerprint(),
        "broader": sorted((domain.id, domain.broader) for domain in store.list_domains()),
        "private": sorted(c.id for c in store.list_communities() if c.private),
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def derive(
    store: GraphStore,
    touched: Touched | None,
    now: datetime,
    half_life_days: float,
    related_whole_below: int = CALIBRATION_SAMPLE,
) -> Extent:
    """Bring EXPERT_IN and RELATED_TO up to date with the stored content; returns whether it
    took a full recompute or an incremental one (see the module docstring)."""
    state = incremental_state(store, half_life_days)
    if touched is None or state is None:
        basis = derivation_basis(store, half_life_days)
        recompute_expertise(store, now, half_life_days)
        bar = recompute_related_practices(store)
        store.save_derivation_state(
            DerivationState(
                decay_epoch=now, basis=basis, related_bar=bar, related_floor=_floor(store)
            )
        )
        return "full"
    epoch = state.decay_epoch
    rederive_expertise_for(store, sorted(touched.people), epoch, half_life_days)
    if touched.domains:
        writers = sorted(touched.writers - touched.people)
        rederive_expertise_for(store, writers, epoch, half_life_days, touched.domains)
    bar = rederive_related(
        store, touched.practices, touched.linking, state.related_bar, related_whole_below
    )
    if bar != state.related_bar:
        update = {"related_bar": bar, "related_floor": _floor(store)}
        store.save_derivation_state(state.model_copy(update=update))
    return "incremental"


def incremental_state(store: GraphStore, half_life_days: float) -> DerivationState | None:
    """The state an incremental derivation builds on; None when the next one must be full:
    nothing derived yet, or derived on another basis (half-life, taxonomy)."""
    state = store.derivation_state()
    if state is None or state.basis != derivation_basis(store, half_life_days):
        return None
    return state


def _floor(store: GraphStore) -> float | None:
    """The related-practice search floor, calibrated whenever RELATED_TO's bar is."""
    return calibrate_bar(store.practice_embeddings()[1], SHOWN_SIGMAS)
