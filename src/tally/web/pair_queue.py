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
"""

from __future__ import annotations

import threading
import time

from tally.link.review import (QueueItem, current_verdicts, ordered, review_queue,
                               review_queue_size)
from tally.store.runs import latest_run

FILL = 500
REFRESH_S = 60.0


class PairQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._run: str | None = None
        self._items: list[QueueItem] = []
        self._total = 0
        self._decided_at_fill: set[tuple[str, str]] = set()
        self._filled = 0.0

    def page(self, project, limit: int = 10) -> tuple[list[QueueItem], int]:
        """The ``limit`` most doubtful undecided pairs and how many are undecided.
        Raises what ``review_queue`` raises when there is no linkage yet."""
        with project.connect(read_only=True) as con:
            run = latest_run(con, "link_run")
            decided = set(current_verdicts(con))
        with self._lock:
            head = self._head(decided)
            stale = (run is None or run["run_id"] != self._run
                     or time.monotonic() - self._filled > REFRESH_S
                     or (len(head) < limit and len(self._items) >= FILL))
            if stale:
                self._items = review_queue(project, limit=FILL)
                self._total = review_queue_size(project)
                self._run = run["run_id"] if run else None
                self._decided_at_fill = decided
                self._filled = time.monotonic()
                head = self._head(decided)
            since = decided - self._decided_at_fill
            gone = sum(1 for i in self._items if ordered(i.record_id_l, i.record_id_r) in since)
            return head[:limit], max(self._total - gone, len(head))

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
