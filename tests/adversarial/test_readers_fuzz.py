"""Harden: random and malformed CSV, JSON, XLSX and ODS files never crash the readers.

Whatever bytes arrive, a list reader either yields rows (good or quarantined)
or refuses the file with an IngestError; any other exception is a bug. The
strategies here are shared with ``benchmarks/fuzz_readers.py``, which runs
them for a fixed budget in a memory-limited child process.
"""

from __future__ import annotations

import io
import os
import json
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tally.errors import TallyError
from tally.ingest.readers import open_table

SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".xlsx", ".ods", ".xls", "")
ENCODINGS = ("utf-8", "utf-8-sig", "cp1256", "utf-16", "iso8859-6", "cp1252")

# Letters lists are written in, and the characters that break parsers.
_ALPHABET = st.one_of(
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
    st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
    st.sampled_from(list(',;\t|"\'\r\n\x00\x1b\u202e\ufeff\\[]{}<>&')),
    st.characters(blacklist_categories=("Cs",)),
)
_TEXT = st.text(alphabet=_ALPHABET, max_size=24)


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Overwrite, insert or cut bytes at positions (taken modulo the length)."""
    out = bytearray(data)
    for kind, where, chunk in edits:
        at = where % (len(out) + 1)
        if kind == 0:
            out[at:at + len(chunk)] = chunk
        elif kind == 1:
            out[at:at] = chunk
        else:
            del out[at:at + len(chunk) * 8 + 1]
    return bytes(out)


_EDITS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1 << 20),
                            st.binary(min_size=1, max_size=8)), max_size=4)


@st.composite
def csv_files(draw) -> tuple[str, bytes]:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    width = draw(st.integers(1, 6))
    rows = draw(st.lists(st.lists(_TEXT, min_size=0, max_size=width + 2), max_size=12))
    lines = []
    for row in rows:
        quoted = [f'"{c}"' if draw(st.booleans()) else c for c in row]
        lines.append(delimiter.join(quoted))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return draw(st.sampled_from([".csv", ".tsv", ".txt", ""])), _mutate(data, draw(_EDITS))


_JSON_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), _TEXT)
_JSON = st.recursive(_JSON_SCALAR, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_TEXT, inner, max_size=4)), max_leaves=12)


@st.composite
def json_files(draw) -> tuple[str, bytes]:
    shape = draw(st.integers(0, 3))
    if shape == 0:  # an array of records
        text = json.dumps(draw(st.lists(st.dictionaries(_TEXT, _JSON, max_size=5), max_size=8)),
                          ensure_ascii=draw(st.booleans()))
    elif shape == 1:  # JSON Lines
        text = "\n".join(json.dumps(v, ensure_ascii=False)
                         for v in draw(st.lists(_JSON, max_size=8)))
    elif shape == 2:  # deep nesting
        depth = draw(st.integers(1, 5000))
        text = draw(st.sampled_from(["[", "{\"a\":"])) * depth
    else:
        text = json.dumps(draw(_JSON))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    return draw(st.sampled_from([".json", ".jsonl", ".txt"])), _mutate(data, draw(_EDITS))


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def xlsx_bytes(sheet_xml: str, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal XLSX around the given sheet XML."""
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
        'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet '
        'name="Victims" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
        f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _column(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


_XML_TEXT = _TEXT.map(lambda t: t.replace("&", "&amp;").replace("<", "&lt;"))


@st.composite
def xlsx_files(draw) -> tuple[str, bytes]:
    cells = draw(st.lists(st.tuples(
        st.one_of(st.integers(1, 8), st.integers(1, 20_000)),        # column
        st.one_of(st.integers(1, 12), st.integers(1, 3_000_000)),    # row
        _XML_TEXT,
        st.sampled_from(["inlineStr", "n", "b", "s", "e", "str", "d"]),
    ), max_size=12))
    rows: dict[int, list[str]] = {}
    for column, row, text, kind in cells:
        ref = _column(column) + str(row)
        value = (f"<is><t>{text}</t></is>" if kind == "inlineStr" else f"<v>{text}</v>")
        rows.setdefault(row, []).append(f'<c r="{ref}" t="{kind}">{value}</c>')
    body = "".join(f'<row r="{r}">' + "".join(cs) + "</row>" for r, cs in sorted(rows.items()))
    dimension = draw(st.sampled_from(["", '<dimension ref="A1:B2"/>',
                                      '<dimension ref="A1:XFD1048576"/>']))
    sheet = f'<worksheet xmlns="{_MAIN}">{dimension}<sheetData>{body}</sheetData></worksheet>'
    if draw(st.booleans()):
        sheet = draw(st.sampled_from([sheet, draw(_TEXT)]))  # sometimes no XML at all
    data = xlsx_bytes(sheet)
    if draw(st.integers(0, 3)) == 0:
        data = _mutate(data, draw(_EDITS))
    return draw(st.sampled_from([".xlsx", ".xlsx", ".ods", ".xls", ""])), data


def ods_bytes(rows_xml: str) -> bytes:
    """A minimal ODS whose one table holds the given rows."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Victims">' + rows_xml
        + "</table:table></office:spreadsheet></office:body></office:document-content>")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:'
                    'names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry '
                    'manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                    "</manifest:manifest>", compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# Small repeats, and ones past the caps (rows, columns or cells); repeats just
# within the caps are real work (a million rows) that would only slow the runs.
_REPEAT = st.one_of(st.just(1), st.integers(1, 5), st.sampled_from([100, 600, 3_000_000,
                                                                    10**9, 10**30]))


@st.composite
def ods_files(draw) -> tuple[str, bytes]:
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        cells = []
        for _ in range(draw(st.integers(0, 5))):
            span = draw(_REPEAT)
            repeat = f' table:number-columns-repeated="{span}"' if span > 1 else ""
            if draw(st.booleans()):
                cells.append(f'<table:table-cell office:value-type="string"{repeat}><text:p>'
                             f"{draw(_XML_TEXT)}</text:p></table:table-cell>")
            else:
                cells.append(f"<table:table-cell{repeat}/>")
        span = draw(_REPEAT)
        repeat = f' table:number-rows-repeated="{span}"' if span > 1 else ""
        rows.append(f"<table:table-row{repeat}>" + "".join(cells) + "</table:table-row>")
    data = ods_bytes("".join(rows))
    if draw(st.integers(0, 3)) == 0:
        data = _mutate(data, draw(_EDITS))
    return draw(st.sampled_from([".ods", ".ods", ".xlsx", ""])), data


def any_files():
    """Any of the above, or bytes with no structure at all."""
    return st.one_of(
        csv_files(), json_files(), xlsx_files(), ods_files(),
        st.tuples(st.sampled_from(SUFFIXES), st.binary(max_size=4000)),
    )


def read_all(path: Path, **options) -> int:
    """Read every row as `tally ingest` does; return how many there were."""
    with open_table(path, **options) as table:
        return sum(len(batch) for batch in table.batches)


OPTIONS = st.fixed_dictionaries({}, optional={
    "encoding": st.sampled_from(["utf-8", "windows-1256", "utf-16", "latin-1"]),
    "header_row": st.integers(1, 4),
    "delimiter": st.sampled_from([",", ";", "\t"]),
})


@settings(max_examples=int(os.environ.get("TALLY_FUZZ_EXAMPLES", "100")), deadline=None, database=None,
          suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink])
@given(file=any_files(), options=OPTIONS)
def test_random_files_are_read_or_refused_never_crash(tmp_path_factory, file, options):
    suffix, data = file
    path = tmp_path_factory.mktemp("fuzz") / f"list{suffix}"
    path.write_bytes(data)
    try:
        read_all(path, **options)
    except TallyError:
        pass
