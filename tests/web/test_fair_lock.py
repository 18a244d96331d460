"""The writer lock is taken in the order it was asked for, and a waiter that gives
up leaves the line (tally.web.jobs.FairLock)."""

from __future__ import annotations

import threading
import time

from tally.web.jobs import FairLock


def test_waiters_get_the_lock_in_the_order_they_asked():
    lock, order = FairLock(), []
    lock.acquire()

    def wait(i):
        with lock:
            order.append(i)

    threads = []
    for i in range(8):
        threads.append(threading.Thread(target=wait, args=(i,)))
        threads[-1].start()
        time.sleep(0.02)  # each in line before the next
    lock.release()
    for t in threads:
        t.join(5)
    assert order == list(range(8))
    assert not lock.locked()


def test_a_waiter_that_times_out_leaves_the_line():
    lock = FairLock()
    assert lock.acquire()
    assert lock.acquire(timeout=0.05) is False
    assert lock.acquire(blocking=False) is False
    lock.release()
    assert lock.acquire(timeout=0.05) is True
    lock.release()
    assert not lock.locked()
