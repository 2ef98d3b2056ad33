"""Derivation off the request path: a worker that drains the store's own queue of jobs.

A pushed post must be acknowledged once its content is committed, not after EXPERT_IN and
RELATED_TO are derived again. So a deferring pipeline commits, with each write and in the
same transaction, the `DerivationJob` that write owes (what it touched), and a worker in
every API process derives what the queued jobs touched, then removes them:

- **durable**: the queue is in the store, so a crash loses no job; one that dies mid-way
  leaves its jobs queued, and the next round (after a restart, or in another process)
  derives them again. Deriving is idempotent: it rewrites the touched rows from the stored
  content, so deriving twice gives what deriving once gives.
- **one at a time across processes**: several API processes on one Neo4j each run a
  worker, and a lease in the store lets one derive at a time (two at once could write rows
  read before the other's write). A worker renews its lease while it derives; a dead
  holder's lease runs out after `LEASE_SECONDS`.
- **in order, batched**: a round takes the oldest jobs (up to `ROUND_JOBS`) and derives the
  union of what they touched, from content read after all of them were committed; a burst
  of pushes is one round, not one derivation each.

Staleness bound: a write is visible in derived results (`/v1/experts`) one round after its
acknowledgement. The writing process wakes its worker at once; others poll every
`POLL_SECONDS`. With an incremental round of well under a second at 100,000 items, that is
within 2 s of the acknowledgement unless a holder died (then up to `LEASE_SECONDS` more).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Sequence

from graph_service.errors import CopgraphError
from graph_service.store.base import DerivationJob, GraphStore
from ingest.derivation import Extent, Touched

POLL_SECONDS = 0.5
LEASE_SECONDS = 10.0
"""How long a holder that stopped renewing (killed) blocks the others; renewed every
fifth of it while deriving."""
ROUND_JOBS = 500
DRAIN_SECONDS = 20.0
"""How long a stopping worker keeps deriving what is queued (waiting out a dead holder's
lease if need be) before it leaves the rest to the next process that starts."""

log = logging.getLogger(__name__)


def job_of(touched: Touched) -> DerivationJob:
    """A new job owing the derivation of what `touched` names."""
    return DerivationJob(
        id=uuid.uuid4().hex,
        people=tuple(sorted(touched.people)),
        practices=tuple(sorted(touched.practices)),
        linking=tuple(sorted(touched.linking)),
        writers=tuple(sorted(touched.writers)),
        domains=tuple(sorted(touched.domains)),
    )


def touched_by(jobs: Sequence[DerivationJob]) -> Touched:
    """Everything the jobs touched, to derive in one go."""
    touched = Touched()
    for job in jobs:
        touched.people.update(job.people)
        touched.practices.update(job.practices)
        touched.linking.update(job.linking)
        touched.writers.update(job.writers)
        touched.domains.update(job.domains)
    return touched


class DerivationWorker:
    """Derives queued jobs in a background thread of its own (see the module docstring)."""

    def __init__(
        self,
        store: GraphStore,
        derive: Callable[[Touched], Extent],
        poll_seconds: float = POLL_SECONDS,
        lease_seconds: float = LEASE_SECONDS,
    ) -> None:
        self._store = store
        self._derive = derive
        self._poll_seconds = poll_seconds
        self._lease_seconds = lease_seconds
        self._holder = uuid.uuid4().hex
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._drain_seconds = DRAIN_SECONDS
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Derive in the background from now on; a first round finishes what a dead
        process left queued."""
        self._thread = threading.Thread(target=self._loop, name="derivation", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """A write was just queued: derive now rather than at the next poll."""
        self._wake.set()

    def stop(self, drain_seconds: float = DRAIN_SECONDS) -> None:
        """Stop after deriving what is queued (for about `drain_seconds` at most)."""
        if self._thread is None:
            return
        self._drain_seconds = drain_seconds
        self._stopping.set()
        self._wake.set()
        self._thread.join(timeout=drain_seconds + self._lease_seconds)
        self._thread = None

    def run_once(self) -> int:
        """One round: if this worker holds the lease, derive the oldest queued jobs and
        remove them. Returns how many jobs it derived (0 if none, or another has the lease).

        An empty queue is seen with one read, without taking the lease: an idle worker
        polls every `poll_seconds` in every API process, and taking and releasing the lease
        are two write transactions (on Neo4j, CPU the queries running beside it need).

        Raises:
            CopgraphError: the store failed; the jobs stay queued for the next round.
        """
        if not self._store.derivation_jobs(1):
            return 0
        if not self._store.take_derivation_lease(self._holder, self._lease_seconds):
            return 0
        renewing = _Renewal(self._store, self._holder, self._lease_seconds)
        try:
            jobs = self._store.derivation_jobs(ROUND_JOBS)
            if not jobs:
                return 0
            with renewing:
                self._derive(touched_by(jobs))
            self._store.finish_derivation_jobs([job.id for job in jobs])
            return len(jobs)
        finally:
            self._store.release_derivation_lease(self._holder)

    def _loop(self) -> None:
        self._read_practices()
        draining_until: float | None = None
        while True:
            derived = self._round()
            if self._stopping.is_set():
                draining_until = draining_until or time.monotonic() + self._drain_seconds
                if time.monotonic() >= draining_until or not self._owed():
                    return
            if not derived:
                self._wake.wait(self._poll_seconds)
                self._wake.clear()

    def _read_practices(self) -> None:
        """Read the practices' embeddings before the first round: a store that keeps them
        in the process (Neo4j's practice_vectors.py, the embedded store's vector index)
        reads them whole the first time, seconds at 100,000 items on Neo4j, which the first
        push would otherwise wait for."""
        try:
            self._store.practice_embeddings()
        except CopgraphError as error:
            log.warning("could not read the practices' embeddings ahead: %s", error)

    def _round(self) -> int:
        """`run_once`, logging a failure instead of raising it: a dead worker would stop
        derivation for good, and the failed round's jobs stay queued for the next."""
        try:
            return self.run_once()
        except Exception:  # noqa: BLE001  # logged whole; the loop must go on
            log.exception("derivation failed; its jobs stay queued for the next round")
            return 0

    def _owed(self) -> bool:
        """Whether any job is queued (False when the store cannot say: nothing to drain)."""
        try:
            return bool(self._store.derivation_jobs(1))
        except CopgraphError:
            return False


class _Renewal:
    """Renews the lease every fifth of its length while a derivation runs, so a long one
    (a full recompute) is not taken over by another process mid-way."""

    def __init__(self, store: GraphStore, holder: str, seconds: float) -> None:
        self._store = store
        self._holder = holder
        self._seconds = seconds
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._renew, name="lease", daemon=True)

    def __enter__(self) -> None:
        self._thread.start()

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _renew(self) -> None:
        while not self._done.wait(self._seconds / 5):
            try:
                self._store.take_derivation_lease(self._holder, self._seconds)
            except CopgraphError as error:
                log.warning("could not renew the derivation lease: %s", error)
