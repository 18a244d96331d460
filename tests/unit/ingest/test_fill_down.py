"""A value written once for a block of rows reaches every row of the block.

A family committee writes the family name once, in a cell merged over the
family's rows (XLSX), or once on the block's first row of a CSV export. A person
reading the sheet fills it down; before, the rows under the first lost it.
"""

import json

import openpyxl
import pytest

from tally.errors import IngestError
from tally.ingest import ingest_file
from tally.ingest.readers import open_table


def family_rows(project):
    with project.connect() as con:
        return con.execute(
            "SELECT given_name, family_name FROM victim_record ORDER BY row_number").fetchall()


def write_committee_sheet(path, first_cell="A1"):
    """A title row, a header, two families each with the family cell merged over its rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "الشهداء"
    col0 = openpyxl.utils.column_index_from_string(first_cell[0])
    row0 = int(first_cell[1:])
    rows = [
        ["قوائم الشهداء كما جمعتها لجان العائلات"],
        ["العائلة", "الاسم", "العمر"],
        ["الحمدان", "علي", 3],
        [None, "عمر", 5],
        [None, "سارة", 7],
        ["القصاب", "هدى", 30],
        [None, "لينا", 2],
        ["الخطيب", "سامر", 41],  # a family of one: nothing merged
    ]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None:
                ws.cell(row=row0 + r, column=col0 + c, value=value)
    letter = first_cell[0]
    ws.merge_cells(f"{letter}{row0 + 2}:{letter}{row0 + 4}")
    ws.merge_cells(f"{letter}{row0 + 5}:{letter}{row0 + 6}")
    # the title merged across the columns is a title, not a value for each column
    last = openpyxl.utils.get_column_letter(col0 + 2)
    ws.merge_cells(f"{letter}{row0}:{last}{row0}")
    wb.save(path)
    wb.close()


EXPECTED = [("علي", "الحمدان"), ("عمر", "الحمدان"), ("سارة", "الحمدان"),
            ("هدى", "القصاب"), ("لينا", "القصاب"), ("سامر", "الخطيب")]

MAPPING = """
[fields]
given_name = "الاسم"
family_name = "العائلة"
age = "العمر"
"""


@pytest.mark.parametrize("first_cell", ["A1", "C3"])
def test_a_family_name_merged_over_its_rows_reaches_every_row(project, tmp_path, first_cell):
    sheet = tmp_path / "family_committees.xlsx"
    write_committee_sheet(sheet, first_cell)
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    report = ingest_file(project, sheet, "snhr", mapping=mapping)
    assert (report.records, report.quarantined) == (6, 0)
    assert family_rows(project) == EXPECTED
    with project.connect() as con:
        payload = con.execute(
            "SELECT details FROM audit_event WHERE action = 'document.ingested'").fetchone()[0]
    assert "merged_cells" in json.loads(payload)  # the audit trail says the reader filled them


def test_the_reader_leaves_the_header_and_unmerged_blanks_alone(tmp_path):
    sheet = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["family", "name"], ["Hamdan", "Ali"], [None, "Omar"], ["Kassab", "Huda"],
                [None, "Lina"]):
        ws.append(row)
    ws.merge_cells("A2:A3")  # Kassab's block is not merged: its blank stays blank
    wb.save(sheet)
    wb.close()
    with open_table(sheet) as table:
        assert table.columns == ["family", "name"]
        values = [r.values for batch in table.batches for r in batch]
    assert values == [["Hamdan", "Ali"], ["Hamdan", "Omar"], ["Kassab", "Huda"], [None, "Lina"]]


def test_fill_down_carries_a_csv_export_s_family_name_to_the_rows_below(project, tmp_path):
    data = tmp_path / "family_committees.csv"
    data.write_text(
        "العائلة,الاسم,العمر\n"
        "الحمدان,علي,3\n,عمر,5\n,سارة,7\n"
        "القصاب,هدى,30\n,لينا,2\n"
        "\n"
        "الخطيب,سامر,41\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "map.toml"
    mapping.write_text('[options]\nfill_down = ["العائلة"]\n' + MAPPING, encoding="utf-8")
    report = ingest_file(project, data, "snhr", mapping=mapping)
    assert report.records == 6
    assert family_rows(project) == EXPECTED


def test_without_fill_down_a_csv_keeps_its_blanks(project, tmp_path):
    data = tmp_path / "list.csv"
    data.write_text("العائلة,الاسم,العمر\nالحمدان,علي,3\n,عمر,5\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text(MAPPING, encoding="utf-8")
    ingest_file(project, data, "snhr", mapping=mapping)
    assert family_rows(project) == [("علي", "الحمدان"), ("عمر", None)]


@pytest.mark.parametrize("option, why", [
    ('fill_down = "العائلة"', "must be a list of the list's column names"),
    ('fill_down = ["Family"]', "names a column the file does not have"),
])
def test_a_wrong_fill_down_is_refused_and_nothing_is_stored(project, tmp_path, option, why):
    data = tmp_path / "list.csv"
    data.write_text("العائلة,الاسم,العمر\nالحمدان,علي,3\n,عمر,5\n", encoding="utf-8")
    mapping = tmp_path / "map.toml"
    mapping.write_text(f"[options]\n{option}\n" + MAPPING, encoding="utf-8")
    with pytest.raises(IngestError, match=why):
        ingest_file(project, data, "snhr", mapping=mapping)
    assert family_rows(project) == []


def test_a_blank_row_under_a_merged_cell_is_no_record_and_a_far_reaching_merge_costs_nothing(
        tmp_path):
    sheet = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["family", "name"], ["Hamdan", "Ali"], [None, None], [None, "Omar"]):
        ws.append(row)
    ws.merge_cells("A2:A4")           # the block's spacer row is inside the merge
    ws.merge_cells("B5:B1048576")     # a merge reaching the sheet's last row (hostile or careless)
    wb.save(sheet)
    wb.close()
    with open_table(sheet) as table:
        values = [r.values for batch in table.batches for r in batch]
    assert values == [["Hamdan", "Ali"], ["Hamdan", "Omar"]]
