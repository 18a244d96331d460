"""Harden: list files that garbled, crashed or exhausted the readers.

Every case writes a real file, in a real encoding or format, into tmp_path and
reads it the way `tally ingest` does.
"""

from __future__ import annotations

import json

import pytest

from tally.errors import IngestError
from tally.ingest import ingest_file
from tally.ingest.readers import open_table

NAMES = ["محمد عبد الله", "فاطمة علي", "يوسف الخطيب", "هدى حسن"] * 10
LIST = "name,age,place\n" + "".join(f"{n},{i},جبلة\n" for i, n in enumerate(NAMES))


def rows_of(path, **options):
    with open_table(path, **options) as table:
        return table, [row for batch in table.batches for row in batch]


def stored(project, sql):
    with project.connect() as con:
        return con.execute(sql).fetchall()


# ------------------------------------------------------------ 1. encodings


def test_a_stray_byte_in_a_utf8_list_quarantines_its_row_and_garbles_nothing(tmp_path):
    data = LIST.encode("utf-8")
    at = data.index("فاطمة".encode())
    path = tmp_path / "list.csv"
    path.write_bytes(data[:at] + b"\xff" + data[at:])
    table, rows = rows_of(path)
    assert table.encoding == "utf-8"
    good = [r for r in rows if r.values is not None]
    assert len(good) == 39 and good[0].values == ["محمد عبد الله", "0", "جبلة"]
    assert all(r.values[0] in NAMES for r in good)  # no mojibake anywhere
    (bad,) = [r for r in rows if r.values is None]
    assert (bad.row_number, bad.line_number) == (2, 3)
    assert bad.problem == f"not valid UTF-8 text: byte 0xFF at byte offset {at} (line 3)"
    assert bad.raw_text == "\\xffفاطمة علي,1,جبلة"


def test_a_stray_byte_reaches_quarantine_with_its_row_line_and_offset(project, tmp_path):
    data = LIST.encode("utf-8")
    at = data.index("يوسف".encode())
    path = tmp_path / "list.csv"
    path.write_bytes(data[:at] + b"\xfe" + data[at:])
    report = ingest_file(project, path, "snhr")
    assert (report.records, report.quarantined, report.encoding) == (39, 1, "utf-8")
    assert stored(project, "SELECT row_number, line_number, problem FROM quarantine") == [
        (3, 4, f"not valid UTF-8 text: byte 0xFE at byte offset {at} (line 4)")]
    names = {n for (n,) in stored(project, "SELECT name FROM victim_record")}
    assert names <= set(NAMES)


def test_named_utf8_refuses_an_undecodable_byte_naming_row_line_and_offset(tmp_path):
    data = LIST.encode("utf-8")
    at = data.index("هدى".encode())
    path = tmp_path / "list.csv"
    path.write_bytes(data[:at] + b"\xc3\x28" + data[at:])
    with pytest.raises(IngestError) as caught:
        rows_of(path, encoding="utf-8")
    assert caught.value.row == 4
    assert str(caught.value) == (
        f"{path}, row 4: not valid UTF-8 text: byte 0xC3 at byte offset {at} (line 5)")


def test_windows_1256_rows_in_a_utf8_list_are_quarantined_read_as_they_were_written(tmp_path):
    lines = LIST.splitlines(keepends=True)
    path = tmp_path / "list.csv"
    path.write_bytes(b"".join(
        line.encode("cp1256") if i % 5 == 0 and i else line.encode("utf-8")
        for i, line in enumerate(lines)))
    table, rows = rows_of(path)
    assert table.encoding == "utf-8"
    bad = [r for r in rows if r.values is None]
    assert [r.row_number for r in bad] == [5, 10, 15, 20, 25, 30, 35, 40]
    assert "the row reads as Windows-1256 (shown so): the file mixes encodings" in bad[0].problem
    assert bad[0].raw_text == "محمد عبد الله,4,جبلة"
    assert all(r.values[0] in NAMES for r in rows if r.values is not None)


def test_utf8_rows_in_a_windows_1256_list_are_quarantined_not_stored_as_mojibake(tmp_path):
    lines = LIST.splitlines(keepends=True)
    path = tmp_path / "list.csv"
    path.write_bytes(b"".join(
        line.encode("utf-8") if i % 2 == 0 and i else line.encode("cp1256")
        for i, line in enumerate(lines)))
    table, rows = rows_of(path)
    assert table.encoding == "cp1256"
    bad = [r for r in rows if r.values is None]
    assert [r.row_number for r in bad] == list(range(2, 41, 2))
    assert bad[0].problem.startswith("the row is UTF-8 text (shown so) in a Windows-1256 file")
    assert bad[0].raw_text == "فاطمة علي,1,جبلة"
    assert all(r.values[0] in NAMES for r in rows if r.values is not None)


def test_a_list_already_turned_to_mojibake_is_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(LIST.encode("utf-8").decode("cp1256"), encoding="utf-8")
    with pytest.raises(IngestError, match="looks like mojibake.*'ظ…' for 'م'"):
        open_table(path)


def test_a_few_mojibake_rows_in_a_good_list_are_quarantined(tmp_path):
    lines = LIST.splitlines(keepends=True)
    lines[7] = lines[7].encode("utf-8").decode("cp1256")
    path = tmp_path / "list.csv"
    path.write_text("".join(lines), encoding="utf-8")
    _, rows = rows_of(path)
    (bad,) = [r for r in rows if r.values is None]
    assert bad.row_number == 7 and "looks like mojibake" in bad.problem


def test_mojibake_cells_of_a_workbook_or_json_list_are_quarantined(tmp_path):
    import openpyxl

    garbled = "محمد علي".encode("utf-8").decode("cp1256")
    book = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["name", "age"])
    wb.active.append(["هدى حسن", 12])
    wb.active.append([garbled, 30])
    wb.save(book)
    _, rows = rows_of(book)
    assert rows[0].values == ["هدى حسن", "12"]
    assert (rows[1].values, rows[1].raw_text) == (None, f"{garbled}\t30")
    assert rows[1].problem.startswith("the text looks like mojibake")

    listing = tmp_path / "list.jsonl"
    listing.write_text(json.dumps({"name": garbled}, ensure_ascii=False) + "\n", encoding="utf-8")
    _, rows = rows_of(listing)
    assert rows[0].values is None and rows[0].problem.startswith("the text looks like mojibake")


def test_windows_1256_named_for_a_utf8_list_is_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(LIST, encoding="utf-8")
    with pytest.raises(IngestError, match="the file is UTF-8 text, not Windows-1256"):
        open_table(path, encoding="windows-1256")


def test_a_clean_windows_1256_list_is_still_read_as_such(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(LIST.encode("cp1256"))
    table, rows = rows_of(path)
    assert table.encoding == "cp1256"
    assert [r.values[0] for r in rows] == NAMES


def test_a_line_of_70_mb_is_refused_at_once(tmp_path):
    import time

    path = tmp_path / "list.csv"
    with open(path, "wb") as f:
        f.write(b"name,age\nAli,30\n")
        f.write(b"x" * (70 << 20))
    started = time.monotonic()
    with pytest.raises(IngestError, match=r"line 3 \(from byte offset 16\) is longer than "
                                          r"67,108,864 bytes: not a list"):
        rows_of(path)
    assert time.monotonic() - started < 5


# ------------------------------------------------------------------ 3. JSON


def test_json_nested_100000_deep_is_refused_naming_the_line(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[{"name": "Ali"},\n' + "[" * 100_000 + "]" * 100_000 + "]")
    with pytest.raises(IngestError, match=r"list.json: JSON nested deeper than 64 levels at line 2"):
        open_table(path)


def test_jsonl_lines_that_are_not_objects_of_values_are_quarantined(tmp_path):
    path = tmp_path / "list.jsonl"
    path.write_text('{"name": "Ali"}\n{"name": {"first": "Omar"}}\n[1, 2]\n5\n'
                    '{"name": "Huda", "age": 1' + "0" * 5000 + '}\n{"name": "Sara"}\n')
    _, rows = rows_of(path)
    assert [(r.row_number, r.line_number, r.values, r.problem) for r in rows] == [
        (1, 1, ["Ali"], None),
        (2, 2, None, "field 'name' holds a nested JSON object, not a value"),
        (3, 3, None, "not a JSON object of fields"),
        (4, 4, None, "not a JSON object of fields"),
        (5, 5, None, "not valid JSON: Exceeds the limit (4300 digits) for integer string "
                     "conversion"),
        (6, 6, ["Sara"], None),
    ]
    assert rows[1].raw_text == '{"name": {"first": "Omar"}}'


def test_json_array_items_with_nested_values_are_quarantined(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"name": "Ali", "age": 3}, {"name": ["x"]}, "Omar"]))
    _, rows = rows_of(path)
    assert [(r.row_number, r.values, r.problem) for r in rows] == [
        (1, ["Ali", "3"], None),
        (2, None, "field 'name' holds a nested JSON array, not a value"),
        (3, None, "not a JSON object of fields"),
    ]


def test_a_json_list_with_a_stray_byte_is_refused_naming_line_and_offset(tmp_path):
    text = json.dumps([{"name": n} for n in NAMES], ensure_ascii=False, indent=1).encode()
    at = text.index("يوسف".encode())
    path = tmp_path / "list.json"
    path.write_bytes(text[:at] + b"\xff" + text[at:])
    line = text[:at].count(b"\n") + 1
    with pytest.raises(IngestError, match=fr"list.json: not valid UTF-8 text: byte 0xFF at "
                                          fr"byte offset {at} \(line {line}\)"):
        open_table(path)


def test_a_json_list_beyond_512_mib_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "list.json"
    with open(path, "wb") as f:
        f.write(b'[{"name": "Ali"}' + b" " * (2 << 20))
        f.truncate(600 << 20)  # sparse beyond: its size is what is judged
    with pytest.raises(IngestError, match="a JSON list of 629,145,600 bytes is larger than"):
        open_table(path)


def test_a_json_file_with_thousands_of_keys_is_refused(tmp_path):
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{f"k{i}": i for i in range(2000)}]))
    with pytest.raises(IngestError, match="2000 columns, more than the 500"):
        open_table(path)


# ----------------------------------------------------------------- 2. XLSX

_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
from tally.errors import IngestError
from tally.ingest.readers import open_table
try:
    with open_table(sys.argv[1]) as table:
        print(sum(len(batch) for batch in table.batches), "rows")
except IngestError as exc:
    print("refused:", exc)
"""


def read_in_child(path, timeout=60):
    """Read a list in a child process under a 3 GiB memory limit, so that an
    abort or a runaway allocation fails this test instead of killing the run."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True,
                          text=True, timeout=timeout)
    return done.returncode, done.stdout.strip(), done.stderr[-2000:]


def xlsx_with(path, cells, dimension=None, pad=0, part_text=None):
    """A real, minimal XLSX whose first sheet holds {ref: text} cells (inline strings)."""
    import re
    import zipfile

    rows: dict[int, list] = {}
    for ref, text in cells.items():
        rows.setdefault(int(re.sub("[A-Z]", "", ref)), []).append((ref, text))
    data = "".join(
        f'<row r="{r}">' + "".join(
            f'<c r="{ref}" t="inlineStr"><is><t>{t}</t></is></c>' for ref, t in cs) + "</row>"
        for r, cs in sorted(rows.items()))
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml":
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rel}/'
                       'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet '
                           'name="Victims" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="rId1" '
                                      f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      '</Relationships>',
        "xl/worksheets/sheet1.xml": part_text or (
            f'<worksheet xmlns="{main}">{dim}<sheetData>{data}</sheetData></worksheet>'
            + " " * pad),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
    return path


def test_a_sheet_with_cells_a1_and_xfd1048576_is_refused_not_aborted(tmp_path):
    path = xlsx_with(tmp_path / "list.xlsx", {"A1": "name", "A2": "Ali", "XFD1048576": "x"})
    assert path.stat().st_size < 2000
    code, out, err = read_in_child(path)
    assert (code, err) == (0, "")
    assert out == (f"refused: {path}: sheet 'Victims': cell XFD1048576 is in column 16,384, "
                   "beyond the 500 columns a list may have; delete that stray cell or save "
                   "the list's own range as a new file")


def test_a_stray_cell_at_cv1000000_is_refused_at_once_naming_it(tmp_path):
    import time

    path = xlsx_with(tmp_path / "list.xlsx", {"A1": "name", "A2": "Ali", "CV1000000": "x"},
                     dimension="A1:B2")  # a dimension that lies
    started = time.monotonic()
    code, out, _ = read_in_child(path)
    assert time.monotonic() - started < 20
    assert code == 0 and out.startswith("refused:")
    assert ("sheet 'Victims': the sheet reaches CV1000000: reading it would expand 1,000,000 "
            "rows by 100 columns = 100,000,000 cells, more than the 50,000,000") in out


def test_a_zip_bomb_is_refused_before_it_inflates(tmp_path):
    path = xlsx_with(tmp_path / "list.xlsx", {"A1": "name", "A2": "Ali"}, pad=60 << 20)
    assert path.stat().st_size < 200_000
    with pytest.raises(IngestError, match=r"part 'xl/worksheets/sheet1.xml' inflates from .* "
                                          r"times.*a zip bomb, not a list"):
        open_table(path)


def test_a_part_inflating_beyond_its_declared_size_is_refused(tmp_path):
    import struct

    path = xlsx_with(tmp_path / "list.xlsx", {"A1": "name", "A2": "Ali"}, pad=8 << 20)
    data = bytearray(path.read_bytes())
    name = b"xl/worksheets/sheet1.xml"
    local = data.index(b"PK\x03\x04")
    while data[local + 30: local + 30 + len(name)] != name:
        local = data.index(b"PK\x03\x04", local + 4)
    central = data.index(b"PK\x01\x02")
    while data[central + 46: central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    struct.pack_into("<I", data, local + 22, 1000)   # declared inflated size: 1,000 bytes
    struct.pack_into("<I", data, central + 24, 1000)
    path.write_bytes(bytes(data))
    with pytest.raises(IngestError, match="inflates to more than the 1,000 bytes its zip entry"):
        open_table(path)


def test_an_ordinary_workbook_still_reads(tmp_path):
    path = xlsx_with(tmp_path / "list.xlsx", {"A1": "name", "B1": "age", "A2": "Ali", "B2": "30",
                                             "A3": "Huda", "B3": "12"}, dimension="A1:B3")
    _, rows = rows_of(path)
    assert [r.values for r in rows] == [["Ali", "30"], ["Huda", "12"]]


def test_an_xlsx_with_thousands_of_header_columns_is_refused(tmp_path):
    import openpyxl

    path = tmp_path / "wide.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append([f"c{i}" for i in range(499)])
    wb.active.append(["x"] * 499)
    wb.save(path)
    assert len(rows_of(path)[0].columns) == 499
    wb.active.cell(row=1, column=600, value="late header")
    wb.save(path)
    with pytest.raises(IngestError, match="cell WB1 is in column 600, beyond the 500"):
        open_table(path)


# -------------------------------------------------------- 4. control bytes


def test_nul_and_escape_bytes_are_flagged_and_removed_from_the_mapped_value(project, tmp_path):
    from tally.ingest.checks import CONTROL_NOTE

    path = tmp_path / "list.csv"
    path.write_bytes("name,age\nAli\x00 Hasan,30\nOmar\x1b[2J,4\x00\nHuda\tSaleh,12\n"
                     "back\\u0000slash,7\n".encode("utf-8"))
    report = ingest_file(project, path, "snhr")
    assert report.records == 4 and report.records_with_problems == 2
    rows = stored(project, "SELECT name, age, problems, raw FROM victim_record ORDER BY row_number")
    assert [r[:3] for r in rows] == [
        ("Ali Hasan", "30", [CONTROL_NOTE]),
        ("Omar[2J", "4", [CONTROL_NOTE]),
        ("Huda\tSaleh", "12", []),               # a tab is no control character here
        ("back\\u0000slash", "7", []),          # typed text that only looks like one
    ]
    assert json.loads(rows[0][3])["name"] == "Ali\x00 Hasan"  # the raw value as received
    assert json.loads(rows[1][3]) == {"name": "Omar\x1b[2J", "age": "4\x00"}


def test_control_bytes_in_json_values_are_flagged_too(project, tmp_path):
    from tally.ingest.checks import CONTROL_NOTE

    path = tmp_path / "list.jsonl"
    path.write_text(json.dumps({"name": "Sara\u0007\u007f"}) + "\n", encoding="utf-8")
    ingest_file(project, path, "snhr")
    assert stored(project, "SELECT name, problems FROM victim_record") == [
        ("Sara", [CONTROL_NOTE])]


# ------------------------------------------------------- 5. mapping files


@pytest.mark.parametrize("text, message", [
    ('[options]\ndelimiter = ";;"\n[fields]\nname = "name"\n',
     "[options] delimiter must be one character (such as \",\" \";\" \"|\" or \"tab\"), "
     "not ';;'"),
    ('[options]\nrequired = "name"\n[fields]\nname = "name"\n',
     "[options] required must be a list of field names, such as required = [\"name\"], "
     "not text"),
    ('[fields]\nname = "name"\nsex = "sex"\n[values.sex]\n"ذكر" = "mal"\n"انثى" = "female"\n',
     "[values.sex] 'ذكر' = 'mal': sex is not male, female or unknown, so every row it "
     "applies to would carry that problem"),
    ('[fields]\nname = "name"\n[values.sex]\n"ذكر" = "male"\n',
     "[values.sex] maps values of sex, which [fields] does not fill"),
    ('[fields]\nname = "name"\n[values]\nsex = "male"\n',
     "[values.sex] must be a table of \"as written\" = \"value\" pairs, not text"),
    ('fields = 3\n', "fields must be a [fields] table, not a number"),
    ('[options]\nencoding = "klingon"\n[fields]\nname = "name"\n',
     "[options] encoding: unknown encoding 'klingon'"),
    ('[options]\nheader_row = true\n[fields]\nname = "name"\n',
     "[options] header_row must be a line number from 1"),
    ('[constants]\nstatus = "civil"\n[fields]\nname = "name"\n',
     "[constants] status = 'civil': status is not civilian, combatant or unknown"),
    ('[fields]\nname = { join = ["a", 3] }\n', "[fields] name: join needs a list of columns"),
], ids=["delimiter", "required-text", "value-map", "value-map-unfilled", "values-not-table",
        "fields-not-table", "encoding", "header-row-bool", "constant", "join-number"])
def test_mapping_mistakes_are_refused_naming_file_and_key(cli, project, tmp_path, text, message):
    data = tmp_path / "list.csv"
    data.write_text("name,sex\nAli,ذكر\nHuda,انثى\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text(text, encoding="utf-8")
    result = cli("--project", project.root, "ingest", data, "--source", "snhr",
                 "--mapping", mapping)
    said = " ".join((result.out + result.err).split())
    assert result.code == 1 and "Traceback" not in said
    assert f"map.toml: {message}" in said


def ods_with(path, rows_xml):
    """A real, minimal ODS whose one table ("Victims") holds the given rows."""
    import zipfile

    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Victims">' + rows_xml
        + "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
        'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
        'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
        'manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
    return path


def _ods_cell(text):
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


_ODS_HEAD = ("<table:table-row>" + _ods_cell("name") + _ods_cell("age")
             + '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>'
             "<table:table-row>" + _ods_cell("Ali") + _ods_cell("30")
             + '<table:table-cell table:number-columns-repeated="16382"/></table:table-row>')


def test_an_ods_stray_cell_far_away_is_refused_naming_it(tmp_path):
    path = ods_with(tmp_path / "list.ods", _ODS_HEAD
                    + '<table:table-row table:number-rows-repeated="600000"><table:table-cell/>'
                    '</table:table-row><table:table-row><table:table-cell '
                    'table:number-columns-repeated="99"/>' + _ods_cell("x") + "</table:table-row>")
    code, out, _ = read_in_child(path)
    assert code == 0
    assert ("sheet 'Victims': the sheet reaches CV600003: reading it would expand 600,003 rows "
            "by 100 columns = 60,000,300 cells") in out


def test_an_ods_with_libreoffice_trailing_empties_still_reads(tmp_path):
    path = ods_with(tmp_path / "list.ods", _ODS_HEAD
                    + '<table:table-row table:number-rows-repeated="1048574"><table:table-cell '
                    'table:number-columns-repeated="16384"/></table:table-row>')
    table, rows = rows_of(path)
    assert table.columns == ["name", "age"] and [r.values for r in rows] == [["Ali", "30"]]
