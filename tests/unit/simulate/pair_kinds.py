"""The kinds of true pairs benchmarks/linkage_kinds.py reads from a simulation's truth.

Every profile with a generator of its own checks that the benchmark reads all its
records with no note of a skipped kind; one reading here, so the profiles' tests check
the same thing the same way.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def linkage_kinds_module():
    """benchmarks/linkage_kinds.py as a module (only its truth-reading part is used)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import linkage_kinds
    finally:
        sys.path.pop(0)
    return linkage_kinds


def true_pair_kinds(sim_dir: Path, records: int) -> Counter:
    """How many true pairs of each kind the benchmark reads in ``sim_dir``, having
    checked that it annotates all ``records`` records and skips no kind."""
    linkage_kinds = linkage_kinds_module()
    ann, notes = linkage_kinds.load_annotations(sim_dir)
    assert notes == []
    assert len(ann) == records
    kinds: Counter = Counter()
    by_person = defaultdict(list)
    for a in ann.values():
        by_person[a["person"]].append(a)
    for rs in by_person.values():
        for i in range(len(rs)):
            for j in range(i):
                kinds.update(linkage_kinds.pair_kinds(rs[i], rs[j]))
    return kinds
