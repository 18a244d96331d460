"""How much of a workbook Tally will expand, checked before the workbook is read.

The spreadsheet reader (calamine) builds a dense grid from the first to the last
cell of a sheet and inflates every zipped part it reads. A 1.4 KB file with
cells A1 and XFD1048576 asks it for 17 billion cells (the process aborts); a
stray cell at CV1000000 costs a minute and gigabytes; a zip bomb inflates
without bound. So before calamine sees a zipped workbook (XLSX, ODS) its zip is
inspected here:

* every part's inflated size, in total, at most :data:`MAX_INFLATED_BYTES`, and
  no part larger than :data:`BOMB_MIN_BYTES` inflating more than
  :data:`MAX_RATIO` times (real sheets inflate 5 to 20 times, bombs a thousand);
* the sheet to be read (XLSX) is streamed once, never held in memory, to find
  its real extent from its row and cell references (the ``<dimension>`` a file
  states may lie, or be absent): at most :data:`MAX_ROWS` rows,
  :data:`MAX_COLUMNS` columns and :data:`MAX_CELLS` cells in the dense grid.

A sparse sheet with one far-away stray cell is refused, naming that cell, rather
than read in part: a list whose extent is not what it looks like is something
its sender must look at, and reading "just the dense region" would silently
leave out whatever lies in the far cells. The caps are generous for real lists
(Excel's own limit is 1,048,576 rows). An ODS table's extent comes from its
rows' and cells' repeat counts (only cells with content count: LibreOffice ends
each sheet with empty rows repeated a million times); legacy XLS files are
bounded by their format (65,536 rows by 256 columns).
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree

from tally.errors import IngestError

MAX_ROWS = 2_000_000
MAX_COLUMNS = 500
MAX_CELLS = 50_000_000
#: Inflated size of all parts of a workbook together (a million-row list is
#: about 1 GiB of sheet XML).
MAX_INFLATED_BYTES = 4 << 30
MAX_RATIO = 200
BOMB_MIN_BYTES = 16 << 20
#: Workbook metadata parts (workbook.xml and its relationships) parsed whole.
_MAX_META_BYTES = 16 << 20
_CHUNK = 4 << 20


def check_workbook(path: Path, sheet: str | None) -> None:
    """Refuse (IngestError naming file, sheet and cap) a workbook beyond the caps."""
    try:
        with zipfile.ZipFile(path) as zf:
            _check_zip(zf, path)
            part, name = _sheet_part(zf, sheet, path)
            for info in zf.infolist():  # what the reader inflates besides the sheet
                if info.filename != part and not info.filename.startswith("xl/worksheets/"):
                    for _ in _inflate(path, info):
                        pass
            if part is not None:
                _check_extent(path, zf.getinfo(part), name)
            elif "content.xml" in zf.namelist() and "xl/workbook.xml" not in zf.namelist():
                _check_ods_extent(path, zf.getinfo("content.xml"), sheet)
    except zipfile.BadZipFile as exc:
        raise IngestError(f"not a readable spreadsheet: {exc}", file=str(path)) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error, OSError,
            ValueError, RuntimeError, struct.error) as exc:  # a damaged zip fails in many ways
        raise IngestError(f"not a readable spreadsheet: {exc}", file=str(path)) from None


def _check_zip(zf: zipfile.ZipFile, path: Path) -> None:
    total = 0
    for info in zf.infolist():
        total += info.file_size
        if info.file_size > BOMB_MIN_BYTES and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise IngestError(
                f"part {info.filename!r} inflates from {info.compress_size:,} to "
                f"{info.file_size:,} bytes ({info.file_size // max(info.compress_size, 1):,} "
                f"times; real sheets inflate about 5 to 20 times, at most {MAX_RATIO}): "
                "a zip bomb, not a list",
                file=str(path),
            )
    if total > MAX_INFLATED_BYTES:
        raise IngestError(
            f"the workbook inflates to {total:,} bytes, more than the "
            f"{MAX_INFLATED_BYTES:,} Tally reads",
            file=str(path),
        )


def _inflate(path: Path, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's bytes, inflated from the raw zip data in chunks.

    The sizes :func:`_check_zip` judged are the ones the zip declares; a part
    whose data inflates beyond its declared size is refused here, before the
    reader (which trusts the data, not the declaration) gets to it.
    """
    if info.flag_bits & 0x1:
        raise IngestError(f"part {info.filename!r} is encrypted", file=str(path))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise IngestError(
            f"part {info.filename!r} uses compression method {info.compress_type}, "
            "not one spreadsheets use", file=str(path))
    with open(path, "rb") as raw:
        raw.seek(info.header_offset)
        header = raw.read(30)
        if len(header) < 30 or header[:4] != b"PK\x03\x04":
            raise zipfile.BadZipFile(f"bad local header for {info.filename!r}")
        raw.seek(info.header_offset + 30 + int.from_bytes(header[26:28], "little")
                 + int.from_bytes(header[28:30], "little"))
        left = info.compress_size
        inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
        produced = 0
        while left > 0 or (inflater is not None and inflater.unconsumed_tail):
            data = b""
            if inflater is not None and inflater.unconsumed_tail:
                data = inflater.unconsumed_tail
            elif left > 0:
                data = raw.read(min(left, 1 << 20))
                if not data:
                    raise zipfile.BadZipFile(f"{info.filename!r} is cut short")
                left -= len(data)
            out = inflater.decompress(data, _CHUNK) if inflater is not None else data
            produced += len(out)
            if produced > info.file_size:
                raise IngestError(
                    f"part {info.filename!r} inflates to more than the {info.file_size:,} "
                    "bytes its zip entry declares: a zip bomb, not a list", file=str(path))
            if out:
                yield out
            if inflater is not None and inflater.eof:
                break


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(zf: zipfile.ZipFile, name: str, path: Path) -> ElementTree.Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _MAX_META_BYTES:
        raise IngestError(f"part {name!r} is {info.file_size:,} bytes: not a workbook's",
                          file=str(path))
    try:
        return ElementTree.fromstring(zf.read(name))
    except ElementTree.ParseError as exc:
        raise IngestError(f"not a readable spreadsheet: {name}: {exc}", file=str(path)) from None


def _sheet_part(zf: zipfile.ZipFile, sheet: str | None, path: Path) -> tuple[str | None, str]:
    """(zip part of the sheet to read, its name); (None, "") when not an XLSX."""
    workbook = _parse(zf, "xl/workbook.xml", path)
    if workbook is None:
        return None, ""
    rels = _parse(zf, "xl/_rels/workbook.xml.rels", path)
    targets = {}
    for rel in rels.iter() if rels is not None else ():
        if _local(rel.tag) == "Relationship":
            targets[rel.get("Id")] = rel.get("Target") or ""
    sheets = []
    for element in workbook.iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), None)
            sheets.append((element.get("name") or "", targets.get(rid)))
    if not sheets:
        return None, ""
    chosen = next((s for s in sheets if s[0] == sheet), None) if sheet else sheets[0]
    if chosen is None or not chosen[1]:
        return None, ""  # the reader names the missing sheet
    target = chosen[1]
    part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
        posixpath.join("xl", target))
    return (part if part in zf.namelist() else None), chosen[0]


def _number(digits: bytes) -> int:
    """A row number; absurdly long ones count as huge (int() refuses 4,300 digits)."""
    return int(digits) if len(digits) <= 15 else 10**15


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters[:8]:  # eight letters are already far beyond any cap
        n = n * 26 + (ch - 64)
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _greater(value: str, alphabet: str) -> str:
    """A regex matching strings over ``alphabet`` (in order) that are greater
    than ``value`` when compared as numbers in that alphabet: longer ones, or as
    long and greater at the first place they differ."""
    low, high = alphabet[0], alphabet[-1]
    one = f"[{low}-{high}]"
    options = [f"{one}{{{len(value) + 1},}}"]
    for i, ch in enumerate(value):
        if ch != high:
            nxt = alphabet[alphabet.index(ch) + 1]
            rest = len(value) - i - 1
            options.append(re.escape(value[:i]) + f"[{nxt}-{high}]" + f"{one}{{{rest}}}")
    return "(?:" + "|".join(options) + ")"


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\s[^>]*?(?<=\s)r=[\"'](\d+)[\"']")
_CELL_REF = re.compile(rb"\sr=[\"']([A-Z]+)(\d+)[\"']")
_CELL_NO_REF = re.compile(rb"<(?:\w+:)?c(?=[\s/>])(?![^>]*\sr=)")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")


@dataclass
class _Extent:
    rows: int = 0
    columns: int = 0
    row_cell: str = ""
    column_cell: str = ""
    cells: int = 0


class _Scanner:
    """Running extent of a sheet's XML, fed piece by piece (tags never split).

    Rows come from the row elements (their ``r``, or their count where rows are
    placed by position). A cell whose own reference lies beyond the rows or
    columns seen so far is looked for with one regex search per piece; only
    when one exists is every reference of that piece read. A real list meets
    its widest column in its first rows and its cells agree with their rows,
    so it is read at the speed of a few C searches.
    """

    def __init__(self) -> None:
        self.extent = _Extent()
        self._beyond: dict[tuple[str, int, int], re.Pattern] = {}
        self.prefixed: bool | None = None

    def _pattern(self, kind: str, rows: int, columns: int) -> re.Pattern:
        """A search for a reference beyond ``rows`` or ``columns`` (cached)."""
        key = (kind, rows, columns)
        if key not in self._beyond:
            if len(self._beyond) > 64:
                self._beyond.clear()
            column = _greater(_column_letters(columns), _LETTERS) if columns else "[A-Z]+"
            row = _greater(str(rows), _DIGITS)
            ref = f'r="(?:[A-Z]*{row}|{column}[0-9]+)"'
            self._beyond[key] = re.compile(ref.encode())
        return self._beyond[key]

    def feed(self, piece: bytes) -> None:
        if self.prefixed is None:  # elements written with a namespace prefix (<x:c ...)
            self.prefixed = b"<worksheet" not in piece
        cells = piece.count(b"<c")
        if self._regular(piece, cells):
            self._feed_fast(piece)
        else:
            self._feed_thorough(piece)
        self.extent.cells += cells + (piece.count(b":c ") if self.prefixed else 0)

    def _regular(self, piece: bytes, cells: int) -> bool:
        """True when every row and cell tag opens ``<row r="`` / ``<c r="`` (as
        Excel, LibreOffice and openpyxl write them), so counts and one search say
        all; anything else (prefixes, other quoting or spacing, the reference
        not first, tags without one) is read thoroughly."""
        return (
            not self.prefixed
            and cells == piece.count(b'<c r="')
            and piece.count(b"<row") == piece.count(b'<row r="')
        )

    def _feed_fast(self, piece: bytes) -> None:
        ext = self.extent
        last = piece.rfind(b'<row r="')
        if last >= 0:
            digits = piece[last + 8: piece.find(b'"', last + 8)]
            if digits.isdigit() and _number(digits) > ext.rows:
                ext.rows = _number(digits)
                ext.row_cell = f"row {ext.rows}"
        if self._pattern("any", ext.rows, ext.columns).search(piece):
            self._read_references(piece)  # a row out of order, or a cell beyond the rest

    def _feed_thorough(self, piece: bytes) -> None:
        ext = self.extent
        refs = _ROW_REF.findall(piece)
        if refs:
            top = max(map(_number, refs))
            if top > ext.rows:
                ext.rows, ext.row_cell = top, f"row {top}"
        unnumbered = len(_ROW_TAG.findall(piece)) - len(refs)
        if unnumbered > 0:  # rows placed by position follow the last one
            ext.rows += unnumbered
            ext.row_cell = f"row {ext.rows}"
        self._read_references(piece)
        if _CELL_NO_REF.search(piece):  # cells placed by position: count them per row
            for row in _ROW_TAG.split(piece):
                width = len(_CELL_TAG.findall(row))
                if width > ext.columns:
                    ext.columns, ext.column_cell = width, f"a row of {width:,} cells"

    def _read_references(self, piece: bytes) -> None:
        ext = self.extent
        for letters, digits in _CELL_REF.findall(piece):
            row, column = _number(digits), _column_number(letters)
            if row > ext.rows:
                ext.rows, ext.row_cell = row, (letters + digits).decode()
            if column > ext.columns:
                ext.columns, ext.column_cell = column, (letters + digits).decode()


def _check_extent(path: Path, info: zipfile.ZipInfo, sheet: str) -> None:
    """Stream the sheet's XML once, refusing as soon as its extent passes a cap."""
    scanner = _Scanner()
    carry = b""
    for chunk in _inflate(path, info):
        data = carry + chunk
        cut = data.rfind(b">") + 1  # tags are never split between pieces
        if cut == 0 and len(data) < 4 * _CHUNK:
            carry = data
            continue
        piece, carry = (data[:cut], data[cut:]) if cut else (data, b"")
        scanner.feed(piece)
        _within_caps(scanner.extent, sheet, path)
    if carry:
        scanner.feed(carry)
        _within_caps(scanner.extent, sheet, path)


_ODS_TAG = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(/?)>")
_ROWS_REPEATED = re.compile(rb'number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'number-columns-repeated="(\d+)"')
_TABLE_NAME = re.compile(rb'table:name="([^"]*)"')


class _OdsScanner:
    """Extent of an ODS table, from its rows and cells and their repeat counts.

    ODS writes empty stretches as one element repeated (LibreOffice ends every
    sheet with a row repeated a million times); only cells with content count,
    and a row or cell with content counts as often as it is repeated, as the
    spreadsheet reader expands it.
    """

    def __init__(self, sheet: str | None) -> None:
        self.sheet = sheet
        self.extent = _Extent()
        self.name = ""
        self.active = False
        self.seen_table = False
        self.row = 0          # rows before the current one
        self.repeat = 1       # the current row's repeat count
        self.column = 0       # columns before the current cell
        self.row_width = 0    # the current row's last column with content
        self.cell_content = False

    def feed(self, piece: bytes) -> None:
        ext = self.extent
        for match in _ODS_TAG.finditer(piece):
            closing, kind, attrs, empty = match.groups()
            if kind == b"table":
                if closing:
                    self.active = False
                elif not empty:
                    name = _TABLE_NAME.search(attrs)
                    self.name = name.group(1).decode("utf-8", "replace") if name else ""
                    self.active = (self.name == self.sheet if self.sheet is not None
                                   else not self.seen_table)
                    self.seen_table = True
                    self.row = 0
                continue
            if not self.active:
                continue
            if kind == b"table-row":
                if closing or empty:
                    if closing and self.row_width:
                        letters = _column_letters(self.row_width)
                        if self.row + self.repeat > ext.rows:
                            ext.rows = self.row + self.repeat
                            ext.row_cell = f"{letters}{ext.rows}"
                        if self.row_width > ext.columns:
                            ext.columns, ext.column_cell = self.row_width, f"{letters}{self.row + 1}"
                    self.row += self.repeat if closing else _repeat(_ROWS_REPEATED, attrs)
                    self.repeat, self.column, self.row_width = 1, 0, 0
                    continue
                self.repeat = _repeat(_ROWS_REPEATED, attrs)
                self.column, self.row_width = 0, 0
                continue
            # a cell: content when it has children or a value type
            span = _repeat(_COLUMNS_REPEATED, attrs)
            if closing:
                continue
            if not empty or b"value-type" in attrs:
                self.row_width = self.column + span
            self.column += span


def _repeat(pattern: re.Pattern, attrs: bytes) -> int:
    found = pattern.search(attrs)
    return _number(found.group(1)) if found else 1


def _check_ods_extent(path: Path, info: zipfile.ZipInfo, sheet: str | None) -> None:
    """As :func:`_check_extent`, for the table of an ODS workbook to be read."""
    scanner = _OdsScanner(sheet)
    carry = b""
    for chunk in _inflate(path, info):
        data = carry + chunk
        cut = data.rfind(b">") + 1
        if cut == 0 and len(data) < 4 * _CHUNK:
            carry = data
            continue
        piece, carry = (data[:cut], data[cut:]) if cut else (data, b"")
        scanner.feed(piece)
        _within_caps(scanner.extent, scanner.name, path)


def _within_caps(ext: _Extent, sheet: str, path: Path) -> None:
    where = f"sheet {sheet!r}: "
    if ext.columns > MAX_COLUMNS:
        raise IngestError(
            f"{where}cell {ext.column_cell} is in column {ext.columns:,}, beyond the "
            f"{MAX_COLUMNS} columns a list may have; delete that stray cell or save the "
            "list's own range as a new file",
            file=str(path))
    if ext.rows > MAX_ROWS:
        raise IngestError(
            f"{where}{ext.row_cell} is in row {ext.rows:,}, beyond the {MAX_ROWS:,} rows "
            "Tally reads from one sheet",
            file=str(path))
    dense = ext.rows * max(ext.columns, 1)
    if dense > MAX_CELLS:
        cells = [ext.row_cell, ext.column_cell]
        if ext.row_cell == f"row {ext.rows}" and ext.column_cell.endswith(str(ext.rows)):
            cells = [ext.column_cell]  # one far-away cell gives both
        elif ext.row_cell.rstrip(_DIGITS) == ext.column_cell.rstrip(_DIGITS):
            cells = [ext.row_cell]  # one repeated row holds the far-away cell
        far = " and ".join(dict.fromkeys(c for c in cells if c))
        raise IngestError(
            f"{where}the sheet reaches {far}: reading it would expand {ext.rows:,} rows by "
            f"{ext.columns:,} columns = {dense:,} cells, more than the {MAX_CELLS:,} Tally "
            "reads; delete the far-away stray cell or save the list's own range as a new file",
            file=str(path))
    if ext.cells > MAX_CELLS:
        raise IngestError(
            f"{where}the sheet holds more than {MAX_CELLS:,} cells", file=str(path))
