"""Normalize, hardened: what a newcomer's first list runs into.

A list written d/m/yyyy whose mapping says so (``date_order = "dmy"``) is not a list
of suspect dates: its rows are not flagged, and its dates are read as days. The same
list without the declaration is still flagged (06/03/2025 could be 3 June).
"""

from __future__ import annotations

import datetime as dt
import time

ROWS = "name,date_of_death\nAhmad Ali,06/03/2025\nSami Khalil,12/04/2025\nOmar Hasan,25/05/2025\n"
DAYS = [dt.date(2025, 3, 6), dt.date(2025, 4, 12), dt.date(2025, 5, 25)]


def _list(tmp_path, rows: str = ROWS, order: str | None = "dmy"):
    data = tmp_path / "list.csv"
    data.write_text(rows, encoding="utf-8")
    mapping = tmp_path / "list.toml"
    options = f'[options]\ndate_order = "{order}"\n\n' if order else ""
    mapping.write_text(options + '[fields]\nname = "name"\ndate_of_death = "date_of_death"\n',
                       encoding="utf-8")
    return data, mapping


def _dates(project):
    with project.connect(read_only=True) as con:
        return con.execute(
            "SELECT n.date_start, n.date_end, n.problems, v.problems FROM victim_record v "
            "JOIN record_norm n USING (record_id) ORDER BY v.row_number").fetchall()


def test_a_dmy_list_that_declares_its_order_is_not_flagged(cli, project, tmp_path):
    data, mapping = _list(tmp_path)
    result = cli("-p", project.root, "ingest", data, "--source", "snhr", "--mapping", mapping)
    assert result.code == 0, result.err
    assert "ingested 3 records" in result.out and "(0 records with value problems)" in result.out
    assert _dates(project) == [(day, day, [], []) for day in DAYS]


def test_arabic_digits_and_other_orders_declared_are_read_too(cli, project, tmp_path):
    for n, (rows, order) in enumerate([
        ("name,date_of_death\nAhmad Ali,٠٦/٠٣/٢٠٢٥\n", "dmy"),
        ("name,date_of_death\nAhmad Ali,3.6.25\n", "mdy"),
        ("name,date_of_death\nAhmad Ali,25/03/06\n", "ymd"),
    ]):
        folder = tmp_path / str(n)
        folder.mkdir()
        data, mapping = _list(folder, rows, order)
        result = cli("-p", project.root, "ingest", data, "--source", "snhr", "--mapping", mapping)
        assert result.code == 0 and "(0 records with value problems)" in result.out, (order, result.out)
    day = dt.date(2025, 3, 6)
    assert _dates(project) == [(day, day, [], [])] * 3


def test_the_same_list_without_a_declared_order_is_still_flagged(cli, project, tmp_path):
    data, mapping = _list(tmp_path, order=None)
    result = cli("-p", project.root, "ingest", data, "--source", "snhr", "--mapping", mapping)
    assert result.code == 0, result.err
    assert "(3 records with value problems)" in result.out
    rows = _dates(project)
    # 06/03/2025 may be 6 March or 3 June: both readings kept, and said so
    assert rows[0][:2] == (dt.date(2025, 3, 6), dt.date(2025, 6, 3))
    assert any("ambiguous day/month order" in p for p in rows[0][2])
    # 25/05/2025 can only be 25 May
    assert rows[2][:3] == (DAYS[2], DAYS[2], [])
    assert all(r[3] for r in rows)


def test_a_declared_order_does_not_hide_a_value_that_is_no_such_date(cli, project, tmp_path):
    rows = "name,date_of_death\nAhmad Ali,13/25/2025\nSami Khalil,31/02/2025\nOmar Hasan,6 / 3\n"
    data, mapping = _list(tmp_path, rows)
    result = cli("-p", project.root, "ingest", data, "--source", "snhr", "--mapping", mapping)
    assert result.code == 0, result.err
    month_25, february_31, no_year = _dates(project)
    assert month_25[3] and no_year[3]  # flagged at ingest: not the declared shape
    # 31/02 has the shape; normalize says it is no calendar date
    assert february_31[:2] == (None, None)
    assert any("not a calendar date" in p for p in february_31[2])


def test_a_name_cell_padded_with_spaces_does_not_stall_ingest(cli, project, tmp_path):
    # "unknown of <spaces> x": the pattern for a body known by its family read such
    # a cell in cubic time (2,000 spaces took 10 s, so this one would take minutes);
    # a hostile or mangled cell must not hold the ingest
    rows = "name,date_of_death\n" + "unknown of " + " " * 6000 + "x,06/03/2025\nAhmad Ali,12/04/2025\n"
    data, mapping = _list(tmp_path, rows)
    started = time.monotonic()
    result = cli("-p", project.root, "ingest", data, "--source", "snhr", "--mapping", mapping)
    assert time.monotonic() - started < 20
    assert result.code == 0, result.err
    assert "ingested 2 records" in result.out


def test_child_of_and_diminutive_cells_padded_with_spaces_do_not_stall_ingest(cli, project, tmp_path):
    # the child-of reading ("ابن X Y", "son of X Y") and the diminutive table of
    # wave 6 on cells of 20,000 spaces or repeated words: linear, not a stall
    cells = ["ابن" + " " * 20000 + "حسين", "son of" + " " * 20000 + "Ali", "طفلة " * 4000,
             "حمودة " * 4000, "a" * 20000]
    rows = "name,date_of_death\n" + "".join(f"{c},06/03/2025\n" for c in cells)
    data, mapping = _list(tmp_path, rows)
    started = time.monotonic()
    result = cli("-p", project.root, "ingest", data, "--source", "snhr", "--mapping", mapping)
    assert time.monotonic() - started < 20
    assert result.code == 0, result.err
    assert f"ingested {len(cells)} records" in result.out
