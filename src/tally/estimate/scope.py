"""What the records say of scope, which the capture table cannot.

Multiple systems estimation counts every linked person as one death in the population
estimated. A list that also names people outside it — fighters its sources announce,
deaths never confirmed (the missing, the detained, rumours) — adds people no other list
names, and they land in that list's "only on this list" cell, which reads as many victims
the others missed: every estimate goes up, and no statistic of the table can tell
(benchmarks/RESULTS.md, E5: the best table-only sign fires on 46% of clean tables).

The records can: each carries the ``status`` its list wrote. So, per list, this counts the
records read as each status (``civilian``, ``combatant``, ``unknown``), those whose status
was written but is not one Tally reads ("Missing", "Not confirmed": kept as written), and
those with none; and the same among the people that list alone names. A list whose
"only on this list" people carry a status far more often than its people the others also
name (twice the share, five points more, and beyond chance) is warned of in words: those
people are where an out-of-scope group would sit. A list that never writes a status (under
half its records) is counted but not judged.

``exclude`` is the remedy when the recorder agrees: a person whose every record that
writes a status writes an excluded one (a model status — ``combatant`` — or a word as the
list wrote it — ``Missing``) leaves the tables. A person no record gives a status stays:
nothing says they are out of scope, and dropping them would drop whoever only the lists
without a status column name.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tally.model import STATUS_VALUES
from tally.normalize import normalize_status
from tally.store.crypto import TEXT_PREFIX

#: Categories a record's status falls in: a model status, or written but not one Tally
#: reads, or not written at all.
UNREAD, NONE = "not a status Tally reads", "no status"
JUDGED = ("combatant", UNREAD, NONE)
#: The warning's thresholds: the "only on this list" people's share of a category at least
#: RATIO times (and MIN_GAP above) the share among the list's people others also name,
#: with at least MIN_COUNT such records and a one-sided z of at least MIN_Z (raised from 3 to 4
#: after a clean simulated project (seed 11, 2,000 records) fired at z 3.4 on combatants: its
#: lists capture fighters unequally, and there fighters are in scope).
RATIO, MIN_GAP, MIN_COUNT, MIN_Z = 2.0, 0.05, 10, 4.0


def _fold(text: str | None) -> str:
    return " ".join(str(text or "").split()).casefold()


def category(written: str | None, read: str | None) -> str:
    """The category of one record's status: as read, or UNREAD / NONE."""
    if not _fold(written):
        return NONE
    if read in ("civilian", "combatant"):
        return read
    if str(written).startswith(TEXT_PREFIX):  # sealed where a mapping marked it sensitive:
        return "unknown"                      # never shown, read as the normalizer read it
    return "unknown" if normalize_status(written).problem in (None, "empty") else UNREAD


@dataclass
class ListScope:
    """One list's statuses, over its records and over those of people only it names."""

    list: str
    records: int
    alone_records: int
    by_status: dict[str, int]
    alone_by_status: dict[str, int]
    unread_words: dict[str, int]  # written statuses Tally does not read, as written

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ScopeCheck:
    lists: list[ListScope] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: With ``exclude``: the values excluded and the persons they took out of the tables.
    excluded: dict | None = None

    def to_dict(self) -> dict:
        return {"lists": [s.to_dict() for s in self.lists], "warnings": self.warnings,
                "excluded": self.excluded}


def _rows(con):
    """(person, list, status as written, status as read) for every record in a person."""
    return con.execute(
        """SELECT p.person_id, v.source_id, v.status, n.status
           FROM person_record p JOIN victim_record v USING (record_id)
           JOIN record_norm n USING (record_id)""").fetchall()


def check_scope(con, exclude: list[str] | None = None) -> tuple[ScopeCheck, set]:
    """The per-list status counts, the warnings, and the persons ``exclude`` leaves out."""
    rows = _rows(con)
    sources: dict = defaultdict(set)
    for person, src, _, _ in rows:
        sources[person].add(src)
    rec, alone, words = (defaultdict(Counter) for _ in range(3))
    for person, src, written, read in rows:
        c = category(written, read)
        rec[src][c] += 1
        if sources[person] == {src}:
            alone[src][c] += 1
        if c == UNREAD:
            words[src][" ".join(str(written).split())] += 1
    out = ScopeCheck()
    for src in sorted(rec):
        out.lists.append(ListScope(
            src, sum(rec[src].values()), sum(alone[src].values()),
            dict(sorted(rec[src].items())), dict(sorted(alone[src].items())),
            dict(words[src].most_common(5))))
    for s in out.lists:
        out.warnings.extend(_warnings(s))
    gone: set = set()
    if exclude:
        gone = _excluded(rows, exclude)
        out.excluded = {"statuses": list(exclude), "persons": len(gone)}
    return out, gone


def _warnings(s: ListScope) -> list[str]:
    if s.by_status.get(NONE, 0) > 0.5 * s.records or s.alone_records < MIN_COUNT:
        return []  # a list that mostly writes no status is not judged by it
    shared = {c: s.by_status.get(c, 0) - s.alone_by_status.get(c, 0) for c in s.by_status}
    n_shared = s.records - s.alone_records
    said = []
    for c in JUDGED:
        a, b = s.alone_by_status.get(c, 0), shared.get(c, 0)
        pa = a / s.alone_records
        pb = b / n_shared if n_shared else 0.0
        if a < MIN_COUNT or pa < RATIO * pb or pa < pb + MIN_GAP:
            continue
        p = (a + b) / s.records
        z = (pa - pb) / math.sqrt(p * (1 - p) * (1 / s.alone_records + 1 / max(n_shared, 1)))
        if z < MIN_Z:
            continue
        what = {"combatant": "marked combatant", NONE: "with no status",
                UNREAD: "with a status Tally does not read ("
                + ", ".join(f"'{w}' {n}" for w, n in s.unread_words.items()) + ")"}[c]
        said.append(
            f"MSE counts every linked person as a death in scope; list {s.list} holds "
            f"{s.by_status.get(c, 0):,} records {what}, {a:,} of them of people no other list "
            f"names ({pa:.0%} of those people's records against {pb:.0%} of its records the "
            "others also hold). People only one list names are the ones that raise the "
            "estimate: if they are outside what you count (fighters, deaths not confirmed), "
            "leave them out with `tally estimate --exclude-status VALUES`, or the list with "
            "`--leave-out`")
    return said


def _excluded(rows, exclude: list[str]) -> set:
    """Persons every status-bearing record of whom writes an excluded value."""
    models = {v for v in exclude if v in STATUS_VALUES}
    written = {_fold(v) for v in exclude if v not in STATUS_VALUES}
    bearing, matched = Counter(), Counter()
    for person, _, w, read in rows:
        if not _fold(w):
            continue
        bearing[person] += 1
        if read in models or _fold(w) in written:
            matched[person] += 1
    return {p for p, n in bearing.items() if matched[p] == n}
