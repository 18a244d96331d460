"""Does a capture-history table hold any information on how many were missed?

Multiple systems estimation learns about the unseen from how lists overlap: people
recorded by two lists tell how often a list misses someone the other recorded. Where
nobody is on two lists, or only one list recorded anyone, or one list shares nobody
with any other, the table says nothing about how many that list (or every list)
missed. A Bayesian model then returns its prior dressed as a posterior (LCMCR gave
1,056 (421-4,458) for three lists that never overlap, and 8 (7-24) for a single
list), and a log-linear model an unbounded or arbitrary number. Such tables are
refused, with the reason in words a reader of the report can follow.

    >>> information_problems(CaptureTable.from_counts(["A", "B"], [5, 7, 0]))
    ['no one appears on more than one list: the lists never overlap, so nothing in them tells how many people all of them missed']
"""

from __future__ import annotations

import numpy as np

from tally.errors import EstimationError
from tally.estimate.tables import CaptureTable, history_matrix


def information_problems(table: CaptureTable) -> list[str]:
    """Plain sentences, one per reason the table cannot inform an estimate of N."""
    hist = history_matrix(table.t).astype(bool)
    counts = table.counts
    seen = counts > 0
    on_list = hist[seen].any(axis=0) if seen.any() else np.zeros(table.t, dtype=bool)
    if table.n == 0:
        return ["nobody was observed"]
    if on_list.sum() < 2:
        who = [name for name, used in zip(table.lists, on_list) if used]
        return [
            f"only one list ({who[0]}) recorded anyone: with nothing to compare it with, "
            "nothing tells how many people it missed"
        ]
    shared = hist.sum(axis=1) >= 2
    if not (seen & shared).any():
        return [
            "no one appears on more than one list: the lists never overlap, so nothing in "
            "them tells how many people all of them missed"
        ]
    problems = []
    for j, name in enumerate(table.lists):
        if on_list[j] and not (seen & shared & hist[:, j]).any():
            problems.append(
                f"list {name} shares no one with any other list: nothing tells how many "
                f"people it missed (leave it out, or merge it with a list it resembles)"
            )
    return problems


def require_information(table: CaptureTable, method: str) -> None:
    """Refuse (``EstimationError``) a table that holds no information on N."""
    problems = information_problems(table)
    if problems:
        raise EstimationError(
            f"{method} refused: " + "; ".join(problems)
            + ". A group of victims that no list reaches well cannot be seen by any "
            "multiple systems estimate."
        )
