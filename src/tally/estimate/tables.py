"""Capture-history tables: which lists recorded how many people.

A table over ``t`` lists holds the ``2**t - 1`` observable cells (the all-zero
history is the unknown we estimate), in a fixed order: the first list is the
most significant bit, so for three lists the cells are ``001, 010, 011, 100,
101, 110, 111`` (as Rcapture's ``histpos.t`` and the files in
``shared/data/mse``).

    >>> table = CaptureTable.from_counts(["A", "B", "C"], [20, 30, 0, 40, 0, 6, 0])
    >>> table.n
    96

Tables come from a capture-history CSV (:func:`read_capture_csv`) or from one
row per person (:func:`capture_histories`); stratified inputs give one table
per stratum, and :func:`pool_strata` merges the sparse ones.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from tally.errors import EstimationError

COUNT_COLUMN = "count"
_STRATUM_PREFIX = "stratum"
_INTEGER = re.compile(r"^\s*\+?\d+\s*$")


def history_matrix(t: int) -> np.ndarray:
    """The ``(2**t - 1, t)`` 0/1 matrix of observable histories in canonical order."""
    if t < 1:
        raise EstimationError("a capture-history table needs at least one list")
    codes = np.arange(1, 2**t)
    shifts = np.arange(t - 1, -1, -1)
    return ((codes[:, None] >> shifts[None, :]) & 1).astype(np.int8)


@dataclass(frozen=True)
class CaptureTable:
    """Counts of people by capture history over named lists (one stratum).

    ``counts[i]`` is the number of people whose history is row ``i`` of
    :func:`history_matrix` (``len(lists)``).
    """

    lists: tuple[str, ...]
    counts: np.ndarray
    stratum: tuple[tuple[str, str], ...] = ()
    source: str | None = None
    notes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        counts = np.asarray(self.counts)
        t = len(self.lists)
        if t < 1:
            raise EstimationError("a capture-history table needs at least one list")
        if len(set(self.lists)) != t:
            raise EstimationError(f"list names repeat: {list(self.lists)}")
        if counts.shape != (2**t - 1,):
            raise EstimationError(
                f"{t} lists need {2**t - 1} cell counts, got shape {counts.shape}"
            )
        if not np.all(np.isfinite(counts)) or np.any(counts < 0):
            raise EstimationError("cell counts must be finite and non-negative")
        if np.any(counts != np.round(counts)):
            raise EstimationError("cell counts must be whole numbers")
        object.__setattr__(self, "counts", counts.astype(np.int64))
        object.__setattr__(self, "lists", tuple(self.lists))

    @classmethod
    def from_counts(
        cls, lists: Sequence[str], counts: Sequence[int], **kwargs: object
    ) -> CaptureTable:
        """A table from its ``2**t - 1`` counts in canonical order."""
        return cls(tuple(lists), np.asarray(counts), **kwargs)  # type: ignore[arg-type]

    @classmethod
    def from_histories(
        cls,
        lists: Sequence[str],
        histories: np.ndarray | Sequence[Sequence[int]],
        counts: Sequence[int] | None = None,
        **kwargs: object,
    ) -> CaptureTable:
        """A table from 0/1 history rows (one per person, or with ``counts``).

        Rows may come in any order and repeat (their counts add up); the
        all-zero history is refused because nobody can be seen on no list.
        """
        h = np.asarray(histories)
        t = len(lists)
        if h.ndim != 2 or h.shape[1] != t:
            raise EstimationError(f"histories must be a (rows, {t}) 0/1 matrix")
        if h.size and not np.isin(h, (0, 1)).all():
            raise EstimationError("histories may contain only 0 and 1")
        w = np.ones(len(h), dtype=np.int64) if counts is None else np.asarray(counts)
        if len(w) != len(h):
            raise EstimationError("one count per history row is needed")
        code = h.astype(np.int64) @ (1 << np.arange(t - 1, -1, -1))
        if np.any((code == 0) & (w > 0)):
            raise EstimationError("a history with no list (all zeros) cannot be observed")
        out = np.bincount(code, weights=w, minlength=2**t)[1:]
        return cls(tuple(lists), np.rint(out).astype(np.int64), **kwargs)  # type: ignore[arg-type]

    @property
    def t(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def n(self) -> int:
        """Number of people observed on at least one list."""
        return int(self.counts.sum())

    @property
    def histories(self) -> np.ndarray:
        return history_matrix(self.t)

    def list_totals(self) -> dict[str, int]:
        """How many people each list recorded."""
        tot = self.histories.T.astype(np.int64) @ self.counts
        return dict(zip(self.lists, (int(x) for x in tot)))

    def stratum_label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.stratum) or "all"

    def to_rows(self) -> list[dict[str, object]]:
        """Rows in the capture-history CSV shape (all cells, zeros included)."""
        rows = []
        for hist, c in zip(self.histories, self.counts):
            row: dict[str, object] = dict(self.stratum)
            row.update({name: int(v) for name, v in zip(self.lists, hist)})
            row[COUNT_COLUMN] = int(c)
            rows.append(row)
        return rows


def _where(file: str, row: int | None = None, column: str | None = None) -> str:
    parts = [file]
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f"column {column!r}")
    return ", ".join(parts)


#: the largest count a cell may hold: far above any population, and low enough
#: that the sums and products of the fit stay exact in 64-bit integers and floats
MAX_COUNT = 10**12


def read_capture_csv(
    path: str | Path, strata: Sequence[str] | None = None
) -> list[CaptureTable]:
    """Read a capture-history CSV into one :class:`CaptureTable` per stratum.

    Columns: one 0/1 column per list, ``count``, and optional stratum columns:
    those named in ``strata`` and any whose name starts with ``stratum``.
    Every other column is a list, so a stray value such as ``2`` or ``yes`` in
    a list column is an error rather than a silently invented stratum. Missing
    histories count as zero; a repeated history (within a stratum), the
    all-zero history, and negative or non-integer counts are refused. Rows
    are numbered from 1 after the header, as in :class:`tally.errors.IngestError`.
    """
    path = Path(path)
    name = str(path)
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.reader(fh)
            try:
                header = [h.strip() for h in next(reader)]
            except StopIteration:
                raise EstimationError(f"{name}: the file is empty") from None
            body = list(reader)
    except FileNotFoundError:
        raise EstimationError(f"{name}: no such file") from None
    except UnicodeDecodeError as exc:
        raise EstimationError(f"{name}: not UTF-8 text ({exc.reason})") from None

    if COUNT_COLUMN not in header:
        raise EstimationError(f"{name}: no {COUNT_COLUMN!r} column (header: {header})")
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise EstimationError(f"{name}: repeated column name(s) {dup}")
    if any(h == "" for h in header):
        raise EstimationError(f"{name}: a column has no name")
    strata = list(strata or [])
    for s in strata:
        if s not in header:
            raise EstimationError(f"{name}: stratum column {s!r} is not in the header")
    stratum_cols = [h for h in header if h in strata or (
        h.lower().startswith(_STRATUM_PREFIX) and h != COUNT_COLUMN)]
    list_cols = [h for h in header if h != COUNT_COLUMN and h not in stratum_cols]
    if not list_cols:
        raise EstimationError(f"{name}: no list columns (one 0/1 column per list)")
    if len(list_cols) > 16:
        raise EstimationError(f"{name}: {len(list_cols)} lists; at most 16 are supported")
    idx = {h: i for i, h in enumerate(header)}

    groups: dict[tuple[str, ...], dict[int, tuple[int, int]]] = {}
    t = len(list_cols)
    weights = 1 << np.arange(t - 1, -1, -1)
    for r, raw in enumerate(body, start=1):
        if not raw or all(not cell.strip() for cell in raw):
            continue  # blank line
        if len(raw) != len(header):
            raise EstimationError(
                f"{_where(name, r)}: {len(raw)} fields but the header has {len(header)}"
            )
        bits = []
        for col in list_cols:
            v = raw[idx[col]].strip()
            if v not in ("0", "1"):
                raise EstimationError(
                    f"{_where(name, r, col)}: list membership must be 0 or 1, got {v!r}"
                )
            bits.append(int(v))
        cv = raw[idx[COUNT_COLUMN]].strip()
        if not _INTEGER.match(cv):
            kind = "negative" if cv.startswith("-") else "not a whole number"
            raise EstimationError(
                f"{_where(name, r, COUNT_COLUMN)}: count must be a non-negative integer, "
                f"got {cv!r} ({kind})"
            )
        count = int(cv)
        if count > MAX_COUNT:
            raise EstimationError(
                f"{_where(name, r, COUNT_COLUMN)}: count {cv} is above {MAX_COUNT:,}; "
                "no list of people is that long (a column of ids read as counts?)"
            )
        code = int(np.dot(bits, weights))
        if code == 0:
            raise EstimationError(
                f"{_where(name, r)}: the all-zero history (on no list) cannot be "
                "observed; remove this row"
            )
        key = tuple(raw[idx[s]].strip() for s in stratum_cols)
        cells = groups.setdefault(key, {})
        if code in cells:
            raise EstimationError(
                f"{_where(name, r)}: this capture history already appears on row "
                f"{cells[code][1]}" + (f" for stratum {key}" if key else "")
            )
        cells[code] = (count, r)
    if not groups:
        raise EstimationError(f"{name}: no data rows")

    tables = []
    for key, cells in groups.items():
        counts = np.zeros(2**t - 1, dtype=np.int64)
        for code, (c, _) in cells.items():
            counts[code - 1] = c
        stratum = tuple(zip(stratum_cols, key))
        tables.append(CaptureTable(tuple(list_cols), counts, stratum=stratum, source=name))
    return tables


def read_capture_table(path: str | Path) -> CaptureTable:
    """Read an unstratified capture-history CSV (see :func:`read_capture_csv`)."""
    tables = read_capture_csv(path)
    if len(tables) != 1:
        raise EstimationError(f"{path}: has {len(tables)} strata; read it with read_capture_csv")
    return tables[0]


def capture_histories(
    persons: Iterable[Mapping[str, object]],
    lists: Sequence[str],
    strata: Sequence[str] = (),
) -> list[CaptureTable]:
    """Tabulate one row per person into one capture-history table per stratum.

    Each person is a mapping with a truthy/falsy membership value for every
    name in ``lists`` (1/0, True/False) and a value for every stratum column,
    e.g. ``{"SNHR": 1, "VDC": 0, "SOHR": 1, "governorate": "Latakia"}``: what
    linkage yields for a cluster of records. A person on no list is refused.
    Strata are returned sorted by their values.
    """
    lists = list(lists)
    strata = list(strata)
    if len(set(lists) | set(strata)) != len(lists) + len(strata):
        raise EstimationError("a column is named twice among lists and strata")
    t = len(lists)
    weights = 1 << np.arange(t - 1, -1, -1)
    groups: dict[tuple[str, ...], np.ndarray] = {}
    for i, person in enumerate(persons, start=1):
        try:
            bits = []
            for col in lists:
                v = person[col]
                if v in (0, 1, True, False):
                    bits.append(int(bool(v)))
                else:
                    raise EstimationError(
                        f"person {i}, list {col!r}: membership must be 0/1, got {v!r}"
                    )
            key = tuple("" if person[s] is None else str(person[s]) for s in strata)
        except KeyError as exc:
            raise EstimationError(f"person {i}: missing column {exc.args[0]!r}") from None
        code = int(np.dot(bits, weights))
        if code == 0:
            raise EstimationError(f"person {i}: on none of the lists {lists}")
        counts = groups.setdefault(key, np.zeros(2**t - 1, dtype=np.int64))
        counts[code - 1] += 1
    return [
        CaptureTable(tuple(lists), groups[key], stratum=tuple(zip(strata, key)))
        for key in sorted(groups)
    ]


#: Order of the values a stratum may take where order means nearness (the months of
#: ``period`` order themselves). Values of other keys are equally near each other.
ORDERED_VALUES: dict[str, tuple[str, ...]] = {
    "age_group": ("child", "adult", "elderly"),
}
UNKNOWN = "(unknown)"
_FAR = 1e6  # the distance of an unknown value: joined last, and to a known value only when alone


def value_distance(key: str, a: str, b: str) -> float:
    """How far apart two values of one stratum key are: months apart for ``period``
    (``YYYY-MM``), steps apart for ordered keys, 1 between any two other values."""
    if a == b:
        return 0.0
    if UNKNOWN in (a, b):
        return _FAR
    name = key.removeprefix(f"{_STRATUM_PREFIX}:")
    if name == "period":
        try:
            ya, ma = (int(x) for x in a.split("-")[:2])
            yb, mb = (int(x) for x in b.split("-")[:2])
            return float(abs((ya * 12 + ma) - (yb * 12 + mb)))
        except ValueError:
            return 1.0
    order = ORDERED_VALUES.get(name)
    if order and a in order and b in order:
        return float(abs(order.index(a) - order.index(b)))
    return 1.0


def join_values(key: str, values: Sequence[str]) -> str:
    """The label of a pooled stratum's values: ``a+b``, with runs of adjacent months
    written as a range (``2025-03..2025-07``)."""
    values = sorted(values)
    runs: list[list[str]] = []
    for v in values:
        if runs and value_distance(key, runs[-1][-1], v) == 1 and key.endswith("period"):
            runs[-1].append(v)
        else:
            runs.append([v])
    return "+".join(r[0] if len(r) == 1 else f"{r[0]}..{r[-1]}" for r in runs)


def pool_strata(
    tables: Sequence[CaptureTable],
    min_observed: int = 50,
    min_per_list: int = 1,
    distance: Callable[[str, str, str], float] = value_distance,
) -> list[CaptureTable]:
    """Merge each sparse stratum into its nearest neighbour until none is sparse.

    A stratum is sparse when it has fewer than ``min_observed`` people or a list
    recorded fewer than ``min_per_list`` of them. The sparsest stratum joins the
    nearest other stratum: one that differs in as few keys as possible, and in that
    key by the smallest ``distance(key, a, b)`` (adjacent months; for governorates a
    caller passes the distance between them), the smaller of equally near ones. The
    joined stratum's values read ``a+b`` and its notes name what was pooled, so no
    person is dropped and no stratum is lumped with far-away ones (the pool of every
    sparse stratum into one "(pooled)" row held 54% of the demo's persons by
    governorate x period). Tables must share their lists.
    """
    if not tables:
        return []
    lists = tables[0].lists
    for tb in tables:
        if tb.lists != lists:
            raise EstimationError(f"strata have different lists: {lists} vs {tb.lists}")

    groups = [
        {"values": [[v] for _, v in tb.stratum], "counts": tb.counts.copy(),
         "notes": list(tb.notes), "members": [tb.stratum_label()]}
        for tb in tables
    ]
    keys = [k for k, _ in tables[0].stratum]

    on_list = history_matrix(len(lists)).T.astype(np.int64)

    def sparse(g: dict) -> bool:
        totals = on_list @ g["counts"]
        return int(g["counts"].sum()) < min_observed or int(totals.min()) < min_per_list

    def nearness(g: dict, h: dict) -> tuple[int, float, int]:
        differ, far = 0, 0.0
        for k, a, b in zip(keys, g["values"], h["values"]):
            d = min(distance(k, x, y) for x in a for y in b)
            if d > 0:
                differ += 1
                far += d
        return differ, far, int(h["counts"].sum())

    while len(groups) > 1:
        weak = [g for g in groups if sparse(g)]
        if not weak:
            break
        g = min(weak, key=lambda x: (int(x["counts"].sum()), x["members"][0]))
        h = min((x for x in groups if x is not g), key=lambda x: (nearness(g, x), x["members"][0]))
        h["counts"] = h["counts"] + g["counts"]
        h["values"] = [sorted(set(a) | set(b)) for a, b in zip(h["values"], g["values"])]
        h["members"] += g["members"]
        h["notes"] += g["notes"]
        groups.remove(g)

    out = []
    for g in groups:
        notes = tuple(n for n in g["notes"] if not n.startswith("pooled strata: "))
        if len(g["members"]) > 1:
            notes += (f"pooled strata: {'; '.join(sorted(g['members']))}",)
        out.append(CaptureTable(
            lists, g["counts"],
            stratum=tuple((k, join_values(k, v)) for k, v in zip(keys, g["values"])),
            notes=notes,
        ))
    return out
