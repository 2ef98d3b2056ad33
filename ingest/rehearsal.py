"""A push rehearsed at start and rolled back, so that the first real push costs what the
others do.

Neo4j plans each statement the first time it sees it, 100-650 ms apiece on a restarted
server: a push runs some 20 statements and its derivation some 25 more, so the first push
an API process took after a Neo4j restart was acknowledged in 4.9 s at 10k items (0.3 s
for the next). Running one made-up discussion through the real pipeline and derivation,
with every write transaction rolled back (`GraphStore.rehearsal`), leaves the plans those
pushes need; nothing of it is stored. A store with nothing to warm (the embedded one) has
no rehearsal, and nothing runs.

The record is a question in a community with an accepted answer and a reply, in English and
Thai, with a link and a word no vocabulary knows, so that every kind of write a push makes
(content, posts, chunks, practices, authors, community, links, new vocabulary words, the
derivation job) is planned.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from graph_service.errors import CopgraphError
from ingest.derivation import Extent, Touched, incremental_state
from ingest.pipeline import Pipeline
from ingest.report import IngestReport
from ingest.sources.jsonl import Discussion, records_of

log = logging.getLogger(__name__)

REHEARSAL_ID = "copgraph-rehearsal"
"""The id of the rehearsed discussion (rolled back: never stored)."""
_AUTHORS = ({"id": "copgraph-rehearsal-asker"}, {"id": "copgraph-rehearsal-answerer"})


def rehearsal_record() -> Discussion:
    """The made-up discussion a rehearsal pushes."""
    asker, answerer = _AUTHORS
    return Discussion.model_validate(
        {
            "type": "discussion",
            "id": REHEARSAL_ID,
            "title": "How do we run an after action review? ทบทวนหลังการปฏิบัติงานอย่างไร",
            "body": "Our team wants a short review after each project. Where do we start?",
            "author": asker,
            "community": REHEARSAL_ID,
            "created_at": "2026-01-05T09:00:00+07:00",
            "tags": ["rehearsal"],
            "posts": [
                {
                    "id": f"{REHEARSAL_ID}-answer",
                    "kind": "answer",
                    "accepted": True,
                    "author": answerer,
                    "body": "Tip: always ask what was planned, what happened and why. "
                    "I recommend you write the lessons down the same day (copgraphzyqx). "
                    "ควรจดบทเรียนภายในวันเดียวกัน",
                    "created_at": "2026-01-05T10:00:00+07:00",
                    "links": [{"target": f"{REHEARSAL_ID}-elsewhere"}],
                },
                {
                    "id": f"{REHEARSAL_ID}-reply",
                    "reply_to": f"{REHEARSAL_ID}-answer",
                    "author": asker,
                    "body": "Thanks, we will try it next week.",
                    "created_at": "2026-01-05T11:00:00+07:00",
                },
            ],
        }
    )


def rehearse_push(pipeline: Pipeline, derive: Callable[[Touched], Extent]) -> float | None:
    """Push `rehearsal_record` through `pipeline`, then `derive` what it touched, all
    rolled back; the seconds it took, or None when the store has nothing to rehearse.

    The derivation is rehearsed only where the next one will be incremental: a full one
    (a graph never derived, or on another basis) is the worker's to run, once.

    A failure is logged, not raised: the rehearsal only saves time, and a store that fails
    here fails the first real push with the error the caller should see.
    """
    rehearsal = pipeline.store.rehearsal()
    if rehearsal is None:
        return None
    started = time.perf_counter()
    items = list(records_of(rehearsal_record(), source="rehearsal", position="rehearsal"))
    try:
        with rehearsal:
            pipeline.run(items, IngestReport())
            if incremental_state(pipeline.store, pipeline.half_life_days) is not None:
                derive(pipeline.touched)
    except CopgraphError as error:
        log.warning("the push rehearsal failed, the first push will be slower: %s", error)
    took = time.perf_counter() - started
    log.info("rehearsed a push in %.2f s, rolled back", took)
    return took
