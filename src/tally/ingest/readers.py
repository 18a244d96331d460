"""Readers turn a received file into a header and a stream of rows.

Every reader yields :class:`Row` objects in batches: the data row number (from
1, header excluded), the line where the row starts, and either the values or
the reason the row cannot be used (it then goes to quarantine, never away).
Readers do no mapping: they only promise "these are the fields as written".

What a hostile or broken file can make a reader expand is capped: a text line
(:data:`MAX_LINE_BYTES`), JSON nesting and size (:data:`MAX_JSON_DEPTH`,
:data:`MAX_JSON_BYTES`), columns (:data:`MAX_COLUMNS`), and a workbook's rows,
cells and inflated bytes (:mod:`tally.ingest.sheet_limits`, checked before the
spreadsheet reader sees it). Past a cap the file is refused with an IngestError
naming the file, where, and the cap.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from tally.errors import IngestError
from tally.ingest.encodings import (
    SAMPLE_BYTES,
    canonical_encoding,
    detect_encoding,
    label,
    may_be_mojibake,
    mojibake_pairs,
    utf8_with_stray_bytes,
)
from tally.ingest.fill import MergedFiller, merged_fills
from tally.ingest.sheet_limits import MAX_COLUMNS, check_workbook

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

BATCH_ROWS = 50_000
#: The longest line of a text list (a row of a list is a few hundred bytes; a
#: quoted cell may span lines, each of them counts alone).
MAX_LINE_BYTES = 64 << 20
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
    given = encoding is not None
    enc = (canonical_encoding(encoding) if given
           else detect_encoding(head, str(path), stray_bytes_ok=True))
    if enc in ("utf-16", "utf-32") and not head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if enc == "utf-16"
        else (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    ):
        raise IngestError(
            f"the file does not open with a {label(enc)} byte-order mark; give "
            f"--encoding {enc}-le or {enc}-be", file=str(path))
    if media_type in ("application/json", "application/x-ndjson") or (
        _first_char(head, enc) in "[{" and media_type == "text/csv"
    ):
        return _open_json(path, head, enc, progress, media_type == "application/x-ndjson")
    return _open_csv(path, head, enc, delimiter, progress, header_row, strict=given)


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


#: Codecs in which the bytes \r and \n are always line ends and never part of a
#: character, so a file can be split into lines before it is decoded.
_LINE_SAFE = {"utf-8", "utf-8-sig"}


def _line_safe(enc: str) -> bool:
    name = codecs.lookup(enc).name
    return name in _LINE_SAFE or name.startswith(("cp12", "iso8859", "latin"))


class _Undecodable(Exception):
    """A line holds bytes that are not text in the file's encoding."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(problem)
        self.line, self.problem = line, problem


class _DecodedLines:
    """A byte file's lines as text, for csv.reader, with bytes that do not decode.

    Each physical line (ended by \\r\\n, \\r or \\n, as csv counts them) is decoded
    on its own, so a bad byte is pinned to its line and byte offset. A line that
    does not decode is noted in ``bad`` (line number → problem) and read with
    its bad bytes escaped, or in Windows-1256 when it is a Windows-1256 line of a
    UTF-8 file; with ``strict`` it raises :class:`_Undecodable`. A line of a
    legacy-encoded file that is valid UTF-8 beyond ASCII is noted too (and read
    as UTF-8): a row in another encoding than the rest of the file. The rows
    holding noted lines are quarantined, so these readings only show a
    reviewer what the row says.
    """

    def __init__(self, binary, enc: str, strict: bool, filename: str = "") -> None:
        self.binary = binary
        self.filename = filename
        self.codec = "utf-8" if enc in ("utf-8", "utf-8-sig") else enc
        self.legacy = self.codec != "utf-8"
        self.strict = strict
        self.line = 0
        self.bad: dict[int, str] = {}
        self.suspect = False  # text seen so far may hold mojibake: rows need a look

    def __iter__(self) -> Iterator[str]:
        offset = 0
        pending: list[bytes] = []  # a line begun in earlier chunks
        held = 0
        while True:
            chunk = self.binary.read(1 << 20)
            if chunk and b"\n" not in chunk and b"\r" not in chunk:
                pending.append(chunk)
                held += len(chunk)
                if held > MAX_LINE_BYTES:
                    raise IngestError(
                        f"line {self.line + 1} (from byte offset {offset}) is longer than "
                        f"{MAX_LINE_BYTES:,} bytes: not a list", file=self.filename)
                continue
            data = b"".join(pending) + chunk
            pending, held = [], 0
            if not data:
                return
            lines = data.splitlines(keepends=True)
            if chunk and (not lines[-1].endswith((b"\n", b"\r")) or lines[-1].endswith(b"\r")):
                pending = [lines.pop()]  # the rest of this line (or its \n) is in the next chunk
                held = len(pending[0])
            fast = self._whole(lines)
            if fast is not None:  # no line needs a look of its own: decode at C speed
                self.suspect = self.suspect or may_be_mojibake(fast)
                for text in io.StringIO(fast, newline=""):
                    self.line += 1
                    yield text
                offset += sum(len(raw) for raw in lines)
            else:
                for raw in lines:
                    self.line += 1
                    text = self._decode(raw, offset)
                    self.suspect = self.suspect or may_be_mojibake(text)
                    yield text
                    offset += len(raw)
            if not chunk:
                return

    def _whole(self, lines: list[bytes]) -> str | None:
        """The lines decoded at once when all decode cleanly (and, in a legacy
        encoding, are plain ASCII, so none can be a UTF-8 row); else None."""
        block = b"".join(lines)
        if self.legacy and not block.isascii():
            return None
        try:
            return block.decode(self.codec)
        except UnicodeDecodeError:
            return None

    def _decode(self, raw: bytes, offset: int) -> str:
        try:
            text = raw.decode(self.codec)
        except UnicodeDecodeError as exc:
            problem = (
                f"not valid {label(self.codec)} text: byte 0x{raw[exc.start]:02X} at byte "
                f"offset {offset + exc.start} (line {self.line})"
            )
            if not self.legacy and _reads_as_windows_1256(raw):
                self._note(problem + "; the row reads as Windows-1256 (shown so): the file "
                           "mixes encodings")
                return raw.decode("cp1256")
            self._note(problem)
            return raw.decode(self.codec, "surrogateescape")
        if self.legacy and not raw.isascii():
            try:
                utf8 = raw.decode("utf-8")
            except UnicodeDecodeError:
                return text
            self._note(
                f"the row is UTF-8 text (shown so) in a {label(self.codec)} file (line "
                f"{self.line}, byte offset {offset}): the file mixes encodings"
            )
            return utf8  # the row is quarantined: its raw text as the writer meant it
        return text

    def _note(self, problem: str) -> None:
        if self.strict:
            raise _Undecodable(self.line, problem)
        self.bad[self.line] = problem

    def take(self, first: int, last: int) -> str | None:
        """The problem of the first bad line among lines first..last, forgetting them."""
        if not self.bad:
            return None
        found = [self.bad.pop(n) for n in range(first, last + 1) if n in self.bad]
        return found[0] if found else None


def _reads_as_windows_1256(raw: bytes) -> bool:
    """True for a line that is Windows-1256 Arabic, not UTF-8 with a stray byte."""
    if utf8_with_stray_bytes(raw):
        return False
    text = raw.decode("cp1256", "replace")
    return not mojibake_pairs(text) and sum(1 for ch in text if 0x0621 <= ord(ch) <= 0x064A) >= 2


def _shown(text: str) -> str:
    """Text with undecodable bytes shown as \\xNN escapes (storable, readable)."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


_MOJIBAKE_PROBLEM = (
    "the text looks like mojibake: UTF-8 Arabic read as Windows-1256 ('ظ…' for 'م'); "
    "the list was converted from the wrong encoding"
)


def _open_csv(
    path: Path, head: bytes, enc: str, delimiter: str | None, progress: Progress | None,
    header_row: int | None = None, *, strict: bool = True,
) -> TableReader:
    """Open a delimited text list.

    Encoding problems are handled by who chose the encoding. When the user
    named it (``strict``), Tally holds the file to it: the first byte that is
    not text in it stops the ingest, naming the data row, line and byte offset
    (a wrong --encoding must never quietly quarantine a whole list). When Tally
    detected it, the file's majority decides it and each row that disagrees (a
    stray byte, a row saved in Windows-1256 inside a UTF-8 list or the other
    way round) is quarantined with its line, byte offset and the problem,
    never decoded into mojibake and never dropped. Rows whose text is already
    mojibake (UTF-8 Arabic read as Windows-1256, then saved again) are
    quarantined in both cases, and a file whose sample is mostly such text is
    refused: every name in it would be unreadable.
    """
    text_head = codecs.getincrementaldecoder(enc)(errors="replace").decode(head)
    utf8 = enc in ("utf-8", "utf-8-sig")
    if not utf8 and (_reads_as_utf8(head) or utf8_with_stray_bytes(head)):
        raise IngestError(
            f"the file is UTF-8 text, not {label(enc)}: read so, every name would be "
            "mojibake; give --encoding utf-8 (or leave the encoding to Tally)",
            file=str(path),
        )
    if utf8 and mojibake_pairs(text_head) >= 3:  # UTF-8 read as Windows-1256, saved again
        raise IngestError(f"{_MOJIBAKE_PROBLEM}; repair it before ingesting", file=str(path))
    if delimiter in ("\\t", "tab"):
        delimiter = "\t"
    if delimiter is not None and len(delimiter) != 1:
        raise IngestError(
            f"the delimiter must be one character, not {delimiter!r}", file=str(path)
        )
    header_index, delim = _find_header(text_head.lstrip("\ufeff").split("\n"), delimiter)
    if header_row is not None:
        header_index = header_row - 1
    binary = open(path, "rb")
    lines: _DecodedLines | None = None
    if _line_safe(enc):
        lines = _DecodedLines(binary, enc, strict, str(path))
        source = iter(lines)
    else:
        source = io.TextIOWrapper(binary, encoding=enc, errors="strict", newline="")
    reader = csv.reader(source, delimiter=delim)
    try:
        for _ in range(header_index):  # preamble lines above the header
            next(reader)
        header = next(reader)
        if lines is not None:
            lines.take(1, header_index)  # a preamble line in another encoding is no row
            problem = lines.take(header_index + 1, reader.line_num)
            if problem:
                raise _Undecodable(reader.line_num, problem)
    except _Undecodable as exc:
        binary.close()
        raise IngestError(f"the header: {exc.problem}", file=str(path), row=0) from None
    except IngestError:
        binary.close()
        raise
    except UnicodeError as exc:
        binary.close()
        raise IngestError(
            f"not valid {label(enc)} text in the header: {getattr(exc, 'reason', exc)}", file=str(path), row=0
        ) from None
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
    _check_width(len(header), path, "the header has")
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
    table.batches = _csv_batches(path, binary, reader, lines, len(columns), delim, enc, table,
                                 progress)
    table._closers.append(binary.close)
    return table


def _reads_as_utf8(head: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return not head.isascii()


def _csv_batches(
    path: Path,
    binary,
    reader,
    lines: "_DecodedLines | None",
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
            except _Undecodable as exc:
                raise IngestError(exc.problem, file=str(path), row=row_number + 1) from None
            except UnicodeError as exc:
                raise IngestError(
                    f"not valid {label(enc)} text near line {reader.line_num + 1}: {getattr(exc, 'reason', exc)}",
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
            bad = lines.take(start_line, last_line) if lines is not None else None
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                table.blank_lines += 1
                continue
            row_number += 1
            if len(fields) > width and not any(f.strip() for f in fields[width:]):
                fields = fields[:width]  # trailing empty cells, as spreadsheets export them
            if bad is None and (lines is None or lines.suspect) and mojibake_pairs(" ".join(fields)):
                bad = f"{_MOJIBAKE_PROBLEM} (line {start_line})"
            if bad is not None:
                batch.append(Row(row_number, start_line, None, bad, _shown(delim.join(fields))))
            elif len(fields) != width:
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


#: How deeply JSON may nest. A list is an array of objects of values (depth 2,
#: 3 inside a wrapping object); deeper nesting is no list, and Python's parser
#: would recurse once per level.
MAX_JSON_DEPTH = 64
#: The largest JSON list read (it is parsed whole, at several times its size in
#: memory); larger lists travel as CSV, which is streamed.
MAX_JSON_BYTES = 512 << 20

# A JSON string, or the rest of a line from an unclosed quote: it never fails to
# match at a quote, so blanking strings stays linear on hostile input.
_JSON_STRING = re.compile(rb'"(?:[^"\\\n]|\\[^\n])*(?:"|(?=[\\\n])|\Z)')


def _json_value(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return _number_text(value)


def _json_depth_check(data: bytes, path: Path) -> None:
    """Refuse JSON nested deeper than :data:`MAX_JSON_DEPTH`, naming the line.

    Strings are blanked first (brackets inside them do not nest), then the
    running depth is a cumulative sum over the bytes, all at C speed.
    """
    import numpy as np

    if data.count(b"[") + data.count(b"{") <= MAX_JSON_DEPTH:
        return
    bare = _JSON_STRING.sub(b'""', data)
    codes = np.frombuffer(bare, dtype=np.uint8)
    step = ((codes == ord("[")) | (codes == ord("{"))).astype(np.int32) - (
        (codes == ord("]")) | (codes == ord("}"))).astype(np.int32)
    depth = np.cumsum(step, dtype=np.int64)
    too_deep = np.flatnonzero(depth > MAX_JSON_DEPTH)
    if too_deep.size:
        line = bare.count(b"\n", 0, int(too_deep[0])) + 1
        raise IngestError(
            f"JSON nested deeper than {MAX_JSON_DEPTH} levels at line {line}: not a list",
            file=str(path),
        )


def _json_record(number: int, line_no: int | None, obj, line: str | None) -> tuple:
    """(number, line, fields or None, problem) for one JSON item."""
    if not isinstance(obj, dict):
        return number, line_no, None, "not a JSON object of fields", line or _dumps(obj)
    nested = [k for k, v in obj.items() if isinstance(v, (dict, list))]
    if nested:
        return (number, line_no, None,
                f"field {nested[0]!r} holds a nested JSON "
                f"{'object' if isinstance(obj[nested[0]], dict) else 'array'}, "
                "not a value", line or _dumps(obj))
    return number, line_no, obj, None, None


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _decode_json_text(data: bytes, enc: str, path: Path) -> str:
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise IngestError(
            f"not valid {label(enc)} text: byte 0x{data[exc.start]:02X} at byte offset "
            f"{exc.start} (line {line})",
            file=str(path),
        ) from None


def _parse_json(text: str, path: Path, line_no: int | None = None):
    """json.loads, with every way it can fail as IngestError (or None for JSONL)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if line_no is not None:
            return exc
        raise IngestError(
            f"not valid JSON: {exc.msg} at line {exc.lineno}", file=str(path)
        ) from None
    except (ValueError, RecursionError) as exc:  # a number too long to convert
        if line_no is not None:
            return json.JSONDecodeError(str(exc).split(":")[0], text, 0)
        raise IngestError(f"not valid JSON: {str(exc).split(':')[0]}", file=str(path)) from None


def _open_json(path: Path, head: bytes, enc: str, progress: Progress | None,
               jsonl: bool = False) -> TableReader:
    """Read a JSON array of objects (maybe wrapped in an object) or JSON Lines.

    Each record must be an object of values (text, numbers, true/false, null);
    an item that is not (a nested object or array, a bare value, a line that
    is no JSON) is quarantined with its number. Nesting beyond
    :data:`MAX_JSON_DEPTH`, a file beyond :data:`MAX_JSON_BYTES`, or a byte
    that is not text in the encoding refuses the file, naming the line (and
    byte offset): a JSON document cannot be cut into rows before it parses.
    """
    size = path.stat().st_size
    if size > MAX_JSON_BYTES:
        raise IngestError(
            f"a JSON list of {size:,} bytes is larger than the {MAX_JSON_BYTES:,} Tally "
            "reads as JSON; give it as CSV", file=str(path))
    data = path.read_bytes()
    _json_depth_check(data, path)
    text = _decode_json_text(data, enc, path).lstrip("\ufeff")
    items: list[tuple] = []
    stripped = text.lstrip()
    parser = "json"
    if stripped.startswith("[") and not jsonl:
        parsed = _parse_json(text, path)
        if not isinstance(parsed, list):
            raise IngestError("a JSON list must be an array of objects", file=str(path))
        items = [_json_record(i, None, obj, None) for i, obj in enumerate(parsed, start=1)]
    else:
        single = _parse_json(text, path, line_no=0)
        array = (next((v for v in single.values() if isinstance(v, list)), None)
                 if isinstance(single, dict) else None)
        if array is None and isinstance(single, dict) and not jsonl:
            raise IngestError("JSON object holds no array of records", file=str(path))
        if array is not None and not jsonl:
            items = [_json_record(i, None, obj, None) for i, obj in enumerate(array, start=1)]
        else:  # JSON Lines (a .jsonl file of one record is one object)
            parser = "jsonl"
            n = 0
            for line_no, line in enumerate(text.splitlines(), start=1):
                if not line.strip():
                    continue
                n += 1
                obj = _parse_json(line, path, line_no)
                if isinstance(obj, json.JSONDecodeError):
                    items.append((n, line_no, None, f"not valid JSON: {obj.msg}", line))
                else:
                    items.append(_json_record(n, line_no, obj, line))
    if not items:
        raise IngestError("the file holds no records", file=str(path))
    columns: list[str] = []
    seen: set[str] = set()
    for _, _, obj, _, _ in items:
        if obj is not None:
            for key in obj:
                if key not in seen:
                    seen.add(key)
                    columns.append(key)
    if not columns:
        raise IngestError("no JSON record is an object with fields", file=str(path))
    _check_width(len(columns), path, "JSON records have")

    def batches() -> Iterator[list[Row]]:
        batch: list[Row] = []
        for number, line_no, obj, problem, line in items:
            if obj is None:
                batch.append(Row(number, line_no, None, problem, line))
            else:
                values = [_json_value(obj.get(c)) for c in columns]
                batch.append(_unless_mojibake(Row(number, line_no, values),
                                              line or _dumps(obj)))
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch
        if progress:
            progress(path.stat().st_size)

    return TableReader(path, "application/json" if parser == "json" else "application/x-ndjson",
                       parser, _unique_columns(columns), batches(), enc)


def _unless_mojibake(row: Row, raw_text: str) -> Row:
    """The row, or the row quarantined when its text is mojibake (as for CSV rows)."""
    text = " ".join(v for v in row.values or () if v)
    if mojibake_pairs(text):
        return Row(row.row_number, row.line_number, None, _MOJIBAKE_PROBLEM, raw_text)
    return row


def _check_width(width: int, path: Path, what: str, sheet: str | None = None) -> None:
    if width > MAX_COLUMNS:
        where = f"sheet {sheet!r}: " if sheet else ""
        raise IngestError(
            f"{where}{what} {width} columns, more than the {MAX_COLUMNS} a list may have",
            file=str(path),
        )


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


def _merged_ranges(sheet_data) -> list | None:
    """The sheet's merged ranges; None where the format or reader keeps none (XLS, ODS)."""
    try:
        return sheet_data.merged_cell_ranges
    except Exception:  # calamine raises its own types for formats without them
        return None


def _first_column(sheet_data) -> int:
    start = getattr(sheet_data, "start", None)
    return start[1] if start else 0


def _open_spreadsheet(
    path: Path, media_type: str, sheet: str | None, header_row: int | None = None
) -> TableReader:
    from python_calamine import CalamineWorkbook

    with open(path, "rb") as handle:
        zipped = handle.read(4) == b"PK\x03\x04"
    if zipped:  # XLSX, ODS: caps on what calamine would inflate and expand
        check_workbook(path, sheet)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
    except Exception as exc:  # calamine raises its own error types
        raise IngestError(f"not a readable spreadsheet: {exc}", file=str(path)) from None
    if not names:
        raise IngestError("the workbook has no sheets", file=str(path))
    if sheet is not None and sheet not in names:
        raise IngestError(f"no sheet {sheet!r} (sheets: {', '.join(names)})", file=str(path))
    chosen = sheet or names[0]
    try:
        sheet_data = workbook.get_sheet_by_name(chosen)
        rows_iter = iter(sheet_data.iter_rows())
    except Exception as exc:
        raise IngestError(
            f"sheet {chosen!r} is not readable: {exc}", file=str(path)) from None
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
    _check_width(len(header), path, "the header has", chosen)
    columns = _unique_columns(header)
    width = len(columns)
    table = TableReader(path, media_type, f"spreadsheet sheet={chosen!r}", columns, iter(()))
    # A cell merged over several rows holds its value on each of them (fill.py).
    merged = MergedFiller(merged_fills(_merged_ranges(sheet_data), _first_column(sheet_data),
                                       index))
    if merged.active:
        table.details["merged_cells"] = "values of cells merged over rows given to each row"

    def all_rows() -> Iterator[list[str | None]]:
        sheet_row = index
        for texts in pending:
            sheet_row += 1
            yield merged(sheet_row, texts)
        for values in rows_iter:
            sheet_row += 1
            yield merged(sheet_row, [_cell_text(v) for v in values])

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
                batch.append(_unless_mojibake(Row(number, sheet_line, texts),
                                              "\t".join(t or "" for t in texts)))
            if len(batch) >= BATCH_ROWS:
                yield batch
                batch = []
        if batch:
            yield batch

    table.batches = batches()
    return table
