"""Values a person reading the sheet carries down to the rows under them.

Lists compiled by hand often write a value once for a block of rows: a family
committee writes the family name once, in a cell merged over the family's rows,
or (in a CSV export of such a sheet, or a sheet typed that way) once on the
block's first row with the cells below left blank. A reader fills it down; a
program reading cell by cell sees a name on the first row and none below — in
one family committees' list that lost the family name on 17% of rows, and with
it every link those records could make.

Two ways, one exact and automatic, one declared:

* **Merged cells (XLSX)**: a cell merged over several rows holds its value on
  every row it spans. A spreadsheet stores the value only in the range's first
  cell, so the reader (:func:`merged_fills`) gives it to the rows below, in the
  range's own column. Only rows under the header are filled (a merged header is
  a header), and only down, not across: a cell merged across columns (a title,
  a block heading) is one value of one field, not a value for every column.
* **``fill_down`` (any list)**: ``[options] fill_down = ["Family"]`` in the
  mapping names columns whose empty cells take the last value written above
  them (:func:`fill_down`). For a CSV exported from a merged sheet, or a sheet
  that leaves the cells blank instead of merging them. It is declared, not
  guessed: a blank can also mean "not known", and only whoever knows the list
  can say which it is. A blank line in the file does not stop it (readers skip
  blank lines); the next written value does.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Sequence

from tally.errors import IngestError
from tally.ingest.mapping import column_finder

#: a merged range as calamine gives it: ((first row, first col), (last row, last col)),
#: 0-based, rows counted from the sheet's top, columns from the sheet's first column
MergedRange = tuple[tuple[int, int], tuple[int, int]]


def merged_fills(ranges: Iterable[MergedRange] | None, first_col: int,
                 header_index: int) -> list[tuple[int, int, int]]:
    """The (first row, last row, column) of each range to fill down, by first row.

    ``first_col`` is the sheet's first column (calamine's rows start there);
    ``header_index`` the header's row: ranges starting at or above it are left
    alone. A range spanning one row fills nothing (it only spans columns).
    """
    spans = []
    for (top, left), (bottom, _right) in ranges or ():
        column = left - first_col
        if bottom > top > header_index and column >= 0:
            spans.append((top, bottom, column))
    spans.sort()
    return spans


class MergedFiller:
    """Streams sheet rows, giving a merged range's value to every row it spans.

    One range per column is open at a time (merged ranges cannot overlap; in a
    file where they do, the later one wins), so a row costs at most one step
    per column however many ranges the file declares or however far they reach.
    """

    def __init__(self, spans: list[tuple[int, int, int]]) -> None:
        self._spans = spans
        self._next = 0
        self._open: dict[int, tuple[int, str | None]] = {}  # column -> (last row, value)

    @property
    def active(self) -> bool:
        """Whether the sheet has any cell merged over rows under its header."""
        return bool(self._spans)

    def __call__(self, sheet_row: int, texts: list[str | None]) -> list[str | None]:
        spans = self._spans
        while self._next < len(spans) and spans[self._next][0] <= sheet_row:
            top, bottom, column = spans[self._next]
            self._next += 1
            if top == sheet_row:
                value = texts[column] if column < len(texts) else None
                self._open[column] = (bottom, value if value and value.strip() else None)
        if not self._open or not any(t is not None and t.strip() for t in texts):
            return texts  # a blank row under a merged cell stays blank (no record of a name alone)
        out = texts
        for column, (bottom, value) in list(self._open.items()):
            if bottom < sheet_row:
                del self._open[column]
                continue
            if value is None:
                continue
            current = out[column] if column < len(out) else None
            if current is None or not current.strip():
                if out is texts:
                    out = list(texts)
                if column >= len(out):
                    out += [None] * (column + 1 - len(out))
                out[column] = value
        return out


def fill_down(rows: Iterator[list], columns: Sequence[int]) -> Iterator[list]:
    """Batches of :class:`~tally.ingest.readers.Row` with ``columns`` filled down.

    A row that cannot be read (no values) neither takes nor gives a value.
    """
    last: dict[int, str] = {}
    for batch in rows:
        for row in batch:
            values = row.values
            if values is None:
                continue
            for i in columns:
                value = values[i] if i < len(values) else None
                if value is not None and value.strip():
                    last[i] = value
                elif i in last:
                    values[i] = last[i]
        yield batch


def apply_fill_down(table, options: dict, filename: str) -> None:
    """Wrap ``table``'s batches so the mapping's ``fill_down`` columns are filled down.

    Columns are matched as the mapping's fields are (exactly, then ignoring case
    and surrounding spaces); a column the file lacks is refused, naming it.
    """
    names = options.get("fill_down") or ()
    if not names:
        return
    find = column_finder(table.columns)
    indexes = []
    for name in names:
        i = find(name)
        if i is None:
            raise IngestError("[options] fill_down names a column the file does not have",
                              file=filename, column=name)
        indexes.append(i)
    table.batches = fill_down(table.batches, indexes)
    table.details["fill_down"] = ", ".join(table.columns[i] for i in indexes)
