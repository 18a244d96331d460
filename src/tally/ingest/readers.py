"""Readers turn a received file into a header and a stream of rows.

Every reader yields :class:`Row` objects in batches: the data row number (from
1, header excluded), the line where the row starts, and either the values or
the reason the row cannot be used (it then goes to quarantine, never away).
Readers do no mapping: they only promise "these are the fields as written".
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from tally.errors import IngestError
from tally.ingest.encodings import SAMPLE_BYTES, canonical_encoding, detect_encoding

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

BATCH_ROWS = 50_000
DELIMITERS = (",", ";", "\t", "|")

Progress = Callable[[int], None]


@dataclass
class Row:
    row_number: int
    line_number: int | None
    values: list[str | None] | None  # None when the row is broken
    problem: str | None = None
    raw_text: str | None = None


@dataclass
class TableReader:
    """A header plus an iterator of row batches, and how the file was read."""

    path: Path
    media_type: str
    parser: str
    columns: list[str]
    batches: Iterator[list[Row]]
    encoding: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    blank_lines: int = 0
    _closers: list = field(default_factory=list, repr=False)

    def close(self) -> None:
        """Release the file, whether or not every row was read."""
        while self._closers:
            self._closers.pop()()

    def __enter__(self) -> "TableReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _unique_columns(header: list[str]) -> list[str]:
    """Name empty headers and disambiguate repeated ones, keeping order."""
    seen: dict[str, int] = {}
    out = []
    for i, raw in enumerate(header, start=1):
        name = (raw or "").strip() or f"column_{i}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def sniff_media_type(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        return "application/vnd.ms-excel"
    if suffix == ".ods":
        return "application/vnd.oasis.opendocument.spreadsheet"
    if suffix == ".jsonl" or suffix == ".ndjson":
        return "application/x-ndjson"
    if suffix == ".json":
        return "application/json"
    if suffix in (".tsv", ".tab"):
        return "text/tab-separated-values"
    return "text/csv"


def open_table(
    path: str | os.PathLike,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    sheet: str | None = None,
    header_row: int | None = None,
    progress: Progress | None = None,
) -> TableReader:
    """Open a list for reading; refuse (IngestError) a file that is no table.

    ``header_row`` (1-based) says where the header is when a list opens with
    title lines; otherwise such a preamble is recognised.
    """
    path = Path(path)
    if not path.is_file():
        raise IngestError("no such file", file=str(path))
    if path.stat().st_size == 0:
        raise IngestError("the file is empty", file=str(path))
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    media_type = sniff_media_type(path, head)
    if media_type.startswith("application/vnd"):
        return _open_spreadsheet(path, media_type, sheet, header_row)
    enc = canonical_encoding(encoding) if encoding else detect_encoding(head, str(path))
    if media_type in ("application/json", "application/x-ndjson") or (
        _first_char(head, enc) in "[{" and media_type == "text/csv"
    ):
        return _open_json(path, head, enc, progress)
    return _open_csv(path, head, enc, delimiter, progress, header_row)


def _first_char(head: bytes, enc: str) -> str:
    text = codecs.getincrementaldecoder(enc)(errors="replace").decode(head[:4096])
    stripped = text.lstrip("\ufeff \t\r\n")
    return stripped[:1] or " "


# --------------------------------------------------------------------- CSV


def _find_header(lines: list[str], delimiter: str | None) -> tuple[int, str]:
    """(index of the header line, delimiter) for a text table.

    Lists often open with a title ("قائمة الضحايا - آذار 2025") or a note before
    the header. Lines before the first one that holds the delimiter are taken
    as such a preamble when later lines hold it too; the preamble stays in the
    stored document, it just does not become a header or a record.
    """
    lines = lines[:30]
    if delimiter is None:
        best, best_count = ",", 0
        for d in DELIMITERS:
            counts = sorted(ln.count(d) for ln in lines if ln.strip())
            median = counts[len(counts) // 2] if counts else 0
            if median > best_count:
                best, best_count = d, median
        delimiter = best
    for i, line in enumerate(lines):
        if line.count(delimiter) > 0:
            later = [ln for ln in lines[i + 1:] if ln.strip()]
            if i > 0 and not later:
                return 0, delimiter
            return i, delimiter
    return 0, delimiter


def _open_csv(
    path: Path, head: bytes, enc: str, delimiter: str | None, progress: Progress | None,
    header_row: int | None = None,
) -> TableReader:
    text_head = codecs.getincrementaldecoder(enc)(errors="replace").decode(head)
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    header_index, delim = _find_header(text_head.lstrip("\ufeff").split("\n"), delimiter)
    if header_row is not None:
        header_index = header_row - 1
    binary = open(path, "rb")
    text = io.TextIOWrapper(binary, encoding=enc, errors="strict", newline="")
    reader = csv.reader(text, delimiter=delim)
    try:
        for _ in range(header_index):  # preamble lines above the header
            next(reader)
        header = next(reader)
    except UnicodeDecodeError as exc:
        binary.close()
        raise IngestError(f"not valid {enc} text: {exc.reason}", file=str(path), row=0) from None
    except csv.Error as exc:
        binary.close()
        raise IngestError(f"not a readable table: {exc}", file=str(path), row=0) from None
    except StopIteration:
        binary.close()
        raise IngestError("the file has no header row", file=str(path)) from None
    if header and header[0].startswith("\ufeff"):
        header[0] = header[0][1:]
    if not any(h.strip() for h in header):
        binary.close()
        raise IngestError("the header row is empty", file=str(path), row=0)
    columns = _unique_columns(header)
    table = TableReader(
        path=path,
        media_type="text/csv" if delim != "\t" else "text/tab-separated-values",
        parser=f"csv delimiter={delim!r}",
        columns=columns,
        batches=iter(()),
        encoding=enc,
        details={"delimiter": delim, "preamble_lines": str(header_index)},
    )
    table.batches = _csv_batches(path, binary, reader, len(columns), delim, enc, table, progress)
    table._closers.append(binary.close)
    return table


def _csv_batches(
    path: Path,
    binary,
    reader,
    width: int,
    delim: str,
    enc: str,
    table: TableReader,
    progress: Progress | None,
) -> Iterator[list[Row]]:
    row_number = 0
    batch: list[Row] = []
    last_line = reader.line_num
    try:
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"not valid {enc} text near line {reader.line_num + 1}: {exc.reason}",
                    file=str(path),
                    row=row_number + 1,
                ) from None
            except csv.Error as exc:
                row_number += 1
                batch.append(
                    Row(row_number, last_line + 1, None, f"unreadable row: {exc}", None)
                )
                last_line = reader.line_num
                continue
            start_line = last_line + 1
            last_line = reader.line_num
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                table.blank_lines += 1
                continue
            row_number += 1
            if len(fields) > width and not any(f.strip() for f in fields[width:]):
                fields = fields[:width]  # trailing empty cells, as spreadsheets export them
            if len(fields) != width:
                batch.append(
                    Row(
                        row_number,
                        start_line,
                        None,
                        f"has {len(fields)} fields, the header has {width}",
                        delim.join(fields),
                    )
                )
            else:
                batch.append(Row(row_number, start_line, fields))
            if len(batch) >= BATCH_ROWS:
                if progress:
                    progress(binary.tell())
                yield batch
                batch = []
        if batch:
            yield batch
        if progress:
            progress(binary.tell())
    finally:
        binary.close()


# -------------------------------------------------------------------- JSON


def _json_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    return json.dumps(value, ensure_ascii=False)


def _open_json(path: Path, head: bytes, enc: str, progress: Progress | None) -> TableReader:
    try:
        text = path.read_bytes().decode(enc)
    except UnicodeDecodeError as exc:
        raise IngestError(f"not valid {enc} text: {exc.reason}", file=str(path)) from None
    text = text.lstrip("\ufeff")
    items: list[tuple[int, int | None, object, str | None]] = []
    stripped = text.lstrip()
    parser = "json"
    if stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise IngestError(
                f"not valid JSON: {exc.msg} at line {exc.lineno}", file=str(path)
            ) from None
        if not isinstance(data, list):
            raise IngestError("a JSON list must be an array of objects", file=str(path))
        items = [(i, None, obj, None) for i, obj in enumerate(data, start=1)]
    else:
        single = None
        try:
            single = json.loads(text)
        except json.JSONDecodeError:
            pass
        if isinstance(single, dict):
            array = next((v for v in single.values() if isinstance(v, list)), None)
            if array is None:
                raise IngestError("JSON object holds no array of records", file=str(path))
            items = [(i, None, obj, None) for i, obj in enumerate(array, start=1)]
        else:
            parser = "jsonl"
            n = 0
            for line_no, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                n += 1
                try:
                    items.append((n, line_no, json.loads(line), line))
                except json.JSONDecodeError as exc:
                    items.append((n, line_no, exc, line))
    if not items:
        raise IngestError("the file holds no records", file=str(path))
    columns: list[str] = []
    seen: set[str] = set()
    for _, _, obj, _ in items:
        if isinstance(obj, dict):
            for key in obj:
                if key not in seen:
                    seen.add(key)
                    columns.append(key)
    if not columns:
        raise IngestError("no JSON record is an object with fields", file=str(path))

    def batches() -> Iterator[list[Row]]:
        batch: list[Row] = []
        for number, line_no, obj, line in items:
            if isinstance(obj, json.JSONDecodeError):
                batch.append(Row(number, line_no, None, f"not valid JSON: {obj.msg}", line))
            elif not isinstance(obj, dict):
                batch.append(Row(number, line_no, None, "not a JSON object", json.dumps(obj)))
            else:
                batch.append(Row(number, line_no, [_json_value(obj.get(c)) for c in columns]))
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch
        if progress:
            progress(path.stat().st_size)

    return TableReader(path, "application/json" if parser == "json" else "application/x-ndjson",
                       parser, _unique_columns(columns), batches(), enc)


# ------------------------------------------------------------ spreadsheets


def _number_text(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def _cell_text(value) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return _number_text(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def _open_spreadsheet(
    path: Path, media_type: str, sheet: str | None, header_row: int | None = None
) -> TableReader:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types
        raise IngestError(f"not a readable spreadsheet: {exc}", file=str(path)) from None
    names = workbook.sheet_names
    if not names:
        raise IngestError("the workbook has no sheets", file=str(path))
    if sheet is not None and sheet not in names:
        raise IngestError(f"no sheet {sheet!r} (sheets: {', '.join(names)})", file=str(path))
    chosen = sheet or names[0]
    rows_iter = iter(workbook.get_sheet_by_name(chosen).iter_rows())
    # Read ahead a few rows to find the header: title rows above it hold one cell.
    ahead: list[list[str | None]] = []
    for values in rows_iter:
        ahead.append([_cell_text(v) for v in values])
        if len(ahead) >= 30:
            break

    def filled(texts: list[str | None]) -> int:
        return sum(1 for t in texts if t is not None and t.strip())

    if header_row is not None:
        index = header_row - 1
    else:
        nonempty = [i for i, texts in enumerate(ahead) if filled(texts)]
        index = next((i for i in nonempty if filled(ahead[i]) >= 2), nonempty[0] if nonempty else None)
    if index is None or index >= len(ahead) or not filled(ahead[index]):
        raise IngestError(f"sheet {chosen!r} is empty", file=str(path))
    header = [t or "" for t in ahead[index]]
    line = index + 1
    pending = ahead[index + 1:]
    while header and not header[-1].strip():
        header.pop()
    columns = _unique_columns(header)
    width = len(columns)
    table = TableReader(path, media_type, f"spreadsheet sheet={chosen!r}", columns, iter(()))

    def all_rows() -> Iterator[list[str | None]]:
        yield from pending
        for values in rows_iter:
            yield [_cell_text(v) for v in values]

    def batches() -> Iterator[list[Row]]:
        batch: list[Row] = []
        number = 0
        sheet_line = line
        for texts in all_rows():
            sheet_line += 1
            if not any(t is not None and t.strip() for t in texts):
                table.blank_lines += 1
                continue
            number += 1
            extra = [t for t in texts[width:] if t is not None and t.strip()]
            if extra:
                batch.append(Row(number, sheet_line, None,
                                 f"has values beyond the {width} header columns",
                                 "\t".join(t or "" for t in texts)))
            else:
                texts = (texts + [None] * width)[:width]
                batch.append(Row(number, sheet_line, texts))
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch

    table.batches = batches()
    return table
