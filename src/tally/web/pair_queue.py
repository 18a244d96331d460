"""The review page's queue of doubtful pairs, kept between requests.

``tally.link.review.review_queue`` reads the latest run's pairs joined with both
records and their normalized values, ordered by doubt: about 1 s on a
100,000-record project (48,000 pairs in the band) whatever the limit, and as
long again for ``review_queue_size``. A page that ran both for every reviewer at
every verdict spent its time there (measured by benchmarks/web_load.py: review
page p50 19 s under 50 users).

Verdicts only ever remove pairs from the queue, and a run's pairs do not change
until the next run, so the first :data:`FILL` pairs of the queue, read once per
link run, stay the queue's head: each page takes them minus the pairs decided
since (``current_verdicts``, a read of the small decision table), which is what
``review_queue(limit=10)`` returns, in the same order. The queue is read again
when the link run changes, when fewer than a page's worth are left, and at least
every :data:`REFRESH_S` seconds (verdicts made elsewhere, on pairs outside the
head, then show in the count).

Reviewers working at once are not offered the same pair: the pairs a page shows
to one reviewer are leased to them for :data:`LEASE_S` seconds (:meth:`PairQueue.lease`;
their next page replaces their leases), and another reviewer's page leaves leased
pairs out. A lease is an offer, not a lock: a verdict on a leased pair is still
stored (the newest verdict on a pair wins, as always).
"""

from __future__ import annotations

import threading
import time

from tally.link.review import (QueueItem, current_verdicts, ordered, review_queue,
                               review_queue_size)
from tally.store.runs import latest_run

FILL = 2000
REFRESH_S = 60.0
#: the kept head is read again when fewer undecided pairs than this are left in it
REFILL_BELOW = 50
#: how long the pairs shown to a reviewer are kept from the others' pages
LEASE_S = 300.0


class PairQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._run: str | None = None
        self._items: list[QueueItem] = []
        self._total = 0
        self._decided_at_fill: set[tuple[str, str]] = set()
        self._filled = 0.0
        self._filling = threading.Lock()
        self._leases: dict[tuple[str, str], tuple[str, float]] = {}  # pair -> (user, until)

    def page(self, project, limit: int = 10, user: str | None = None
             ) -> tuple[list[QueueItem], int]:
        """The ``limit`` most doubtful undecided pairs and how many are undecided;
        with ``user``, without the pairs leased to other reviewers (lease the ones
        shown with :meth:`lease`). Raises what ``review_queue`` raises when there is
        no linkage yet."""
        with project.connect(read_only=True) as con:
            run = latest_run(con, "link_run")
            decided = set(current_verdicts(con))
        run_id = run["run_id"] if run else None
        with self._lock:
            head = self._head(decided)
            must = (run is None or run_id != self._run
                    or (len(head) < min(limit, REFILL_BELOW) and len(self._items) >= FILL))
            due = time.monotonic() - self._filled > REFRESH_S
        if must:  # this page cannot be answered from what is kept: wait for the read
            self._fill(project, run_id, decided)
        elif due and self._filling.acquire(blocking=False):
            # only the count may have drifted: read again behind the pages' backs
            self._filling.release()
            threading.Thread(target=self._fill, args=(project, run_id, decided),
                             daemon=True).start()
        with self._lock:
            head = self._head(decided)
            since = decided - self._decided_at_fill
            gone = sum(1 for i in self._items if ordered(i.record_id_l, i.record_id_r) in since)
            total = max(self._total - gone, len(head))
            if user is not None:
                now = time.monotonic()
                head = [i for i in head if self._free(i, user, now)]
            return head[:limit], total

    def _fill(self, project, run_id: str | None, decided: set) -> None:
        """Read the queue's head and size again (about 1 s each at 100k), one reader
        at a time; the pages keep being answered from the old head meanwhile."""
        with self._filling:
            with self._lock:
                if self._run == run_id and time.monotonic() - self._filled < 1.0:
                    return  # another page just read it
            items = review_queue(project, limit=FILL)
            total = review_queue_size(project)
            with self._lock:
                self._items, self._total, self._run = items, total, run_id
                self._decided_at_fill = decided
                self._filled = time.monotonic()

    def _free(self, item: QueueItem, user: str, now: float) -> bool:
        held = self._leases.get(ordered(item.record_id_l, item.record_id_r))
        return held is None or held[0] == user or held[1] <= now

    def lease(self, user: str, items: list[QueueItem]) -> list[QueueItem]:
        """Lease ``items`` (the pairs a page shows ``user``) to ``user`` for LEASE_S
        seconds, replacing their earlier leases; return the items."""
        now = time.monotonic()
        with self._lock:
            self._leases = {pair: held for pair, held in self._leases.items()
                            if held[0] != user and held[1] > now}
            for i in items:
                self._leases[ordered(i.record_id_l, i.record_id_r)] = (user, now + LEASE_S)
        return items

    def _head(self, decided: set[tuple[str, str]]) -> list[QueueItem]:
        return [i for i in self._items if ordered(i.record_id_l, i.record_id_r) not in decided]


_MAKE = threading.Lock()


def pair_queue(app) -> PairQueue:
    queue = getattr(app.state, "pair_queue", None)
    if queue is None:
        with _MAKE:
            queue = getattr(app.state, "pair_queue", None)
            if queue is None:
                queue = app.state.pair_queue = PairQueue()
    return queue
