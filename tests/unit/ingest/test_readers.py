"""Readers: every row of a list, as written, with its row number, or why not."""

import json

import openpyxl
import pytest

from tally.errors import IngestError
from tally.ingest.readers import open_table


def rows_of(table):
    with table:
        return [row for batch in table.batches for row in batch]


@pytest.mark.parametrize("delim", [",", ";", "\t", "|"])
def test_csv_delimiters_are_detected(tmp_path, delim):
    path = tmp_path / "list.csv"
    path.write_text(delim.join(["name", "age", "place"]) + "\n" + delim.join(["Ali", "30", "Homs"]) + "\n")
    table = open_table(path)
    assert table.columns == ["name", "age", "place"]
    assert [r.values for r in rows_of(table)] == [["Ali", "30", "Homs"]]


def test_quoted_fields_with_delimiters_and_newlines_stay_one_field(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes(
        b'\xef\xbb\xbfname,notes,age\r\n"Hassan, Ali","shot at the\r\ncheckpoint, said ""witness""",40\r\nOmar,,22\r\n'
    )
    table = open_table(path)
    assert table.columns == ["name", "notes", "age"]  # BOM removed from the first header
    rows = rows_of(table)
    assert rows[0].values == ["Hassan, Ali", 'shot at the\r\ncheckpoint, said "witness"', "40"]
    assert (rows[1].row_number, rows[1].line_number) == (2, 4)


def test_rows_with_the_wrong_number_of_fields_are_kept_as_broken(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,age\nAli,30\nOmar,22,extra\nHuda\n\nSara,5\n")
    rows = rows_of(open_table(path))
    assert [r.row_number for r in rows] == [1, 2, 3, 4]
    broken = [r for r in rows if r.values is None]
    assert [(r.row_number, r.problem) for r in broken] == [
        (2, "has 3 fields, the header has 2"),
        (3, "has 1 fields, the header has 2"),
    ]
    assert broken[0].raw_text == "Omar,22,extra"


def test_duplicate_and_empty_headers_get_distinct_names(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,,name\nA,B,C\n")
    with open_table(path) as table:
        assert table.columns == ["name", "column_2", "name (2)"]


def test_undecodable_text_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("name\nعلي\n".encode("utf-8") + b"\xff\xfe\xfa broken\n")
    with pytest.raises(IngestError, match="list.csv, row 2: not valid UTF-8 text: byte 0xFF at byte offset 12"):
        rows_of(open_table(path, encoding="utf-8"))


@pytest.mark.parametrize("content, why", [(b"", "empty"), (b"\n\n", "header row is empty")])
def test_files_with_no_table_are_refused(tmp_path, content, why):
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=why):
        open_table(path)


def test_xlsx_values_become_text_as_a_person_would_read_them(tmp_path):
    import datetime as dt

    path = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["name", "age", "date_of_death", "weight"])
    ws.append(["نور رامي الأطرش", 9, dt.datetime(2025, 7, 15), 61.5])
    ws.append([None, None, None, None])
    ws.append(["Ali", "30-40", "2025-03", None])
    wb.save(path)
    table = open_table(path)
    rows = rows_of(table)
    assert [r.values for r in rows] == [
        ["نور رامي الأطرش", "9", "2025-07-15", "61.5"],
        ["Ali", "30-40", "2025-03", None],
    ]
    assert [r.line_number for r in rows] == [2, 4]
    assert table.blank_lines == 1


def test_json_array_and_jsonl_lists(tmp_path):
    arr = tmp_path / "list.json"
    arr.write_text(json.dumps([{"name": "علي", "age": 30}, {"name": "Huda", "place": "Homs"}],
                              ensure_ascii=False), encoding="utf-8")
    table = open_table(arr)
    assert table.columns == ["name", "age", "place"]
    assert [r.values for r in rows_of(table)] == [["علي", "30", None], ["Huda", None, "Homs"]]

    lines = tmp_path / "list.jsonl"
    lines.write_text('{"name": "Ali"}\n{"name": broken}\n\n{"name": "Omar"}\n')
    rows = rows_of(open_table(lines))
    assert [(r.row_number, r.line_number, r.values) for r in rows if r.values] == [
        (1, 1, ["Ali"]), (3, 4, ["Omar"])]
    assert rows[1].problem.startswith("not valid JSON") and rows[1].raw_text == '{"name": broken}'


def test_title_lines_above_the_header_are_skipped(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("قائمة ضحايا الساحل - آذار 2025\n\nالاسم;العمر;المكان\nعلي;30;جبلة\nهدى;12;بانياس\n",
                    encoding="utf-8")
    table = open_table(path)
    assert table.columns == ["الاسم", "العمر", "المكان"]
    rows = rows_of(table)
    assert [(r.row_number, r.line_number, r.values) for r in rows] == [
        (1, 4, ["علي", "30", "جبلة"]), (2, 5, ["هدى", "12", "بانياس"])]


def test_header_row_given_by_the_mapping(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("Prepared by: field team, 2025\nname,age\nAli,30\n")
    with open_table(path, header_row=2) as table:
        assert table.columns == ["name", "age"]


def test_trailing_empty_cells_are_not_a_broken_row(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("name,age\nAli,30,,\nOmar,22,x\n")
    rows = rows_of(open_table(path))
    assert rows[0].values == ["Ali", "30"]
    assert rows[1].values is None and rows[1].problem == "has 3 fields, the header has 2"


def test_xlsx_title_rows_above_the_header(tmp_path):
    path = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Victims of the coastal killings, March 2025"])
    ws.append([])
    ws.append(["name", "age", "place"])
    ws.append(["Ali", 30, "Jableh"])
    wb.save(path)
    table = open_table(path)
    assert table.columns == ["name", "age", "place"]
    assert [(r.row_number, r.line_number, r.values) for r in rows_of(table)] == [
        (1, 4, ["Ali", "30", "Jableh"])]
