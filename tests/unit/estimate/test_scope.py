"""The status check of `tally estimate`: a list whose people no other list names carry a
status far more often than its others is warned of in words; `--exclude-status` takes out
the persons every status-bearing record of whom says an excluded value."""

from __future__ import annotations

import duckdb
import pytest

from tally.estimate.scope import NONE, UNREAD, category, check_scope


def _con(rows):
    """rows: (person, list, status as written)."""
    from tally.normalize import normalize_status

    con = duckdb.connect()
    con.execute("CREATE TABLE person_record (person_id VARCHAR, record_id VARCHAR)")
    con.execute("CREATE TABLE victim_record (record_id VARCHAR, source_id VARCHAR, status VARCHAR)")
    con.execute("CREATE TABLE record_norm (record_id VARCHAR, status VARCHAR)")
    rid = [f"r{i}" for i in range(len(rows))]
    con.executemany("INSERT INTO person_record VALUES (?, ?)", [[p, r] for r, (p, _, _) in zip(rid, rows)])
    con.executemany("INSERT INTO victim_record VALUES (?, ?, ?)",
                    [[r, s, w] for r, (_, s, w) in zip(rid, rows)])
    con.executemany("INSERT INTO record_norm VALUES (?, ?)",
                    [[r, normalize_status(w).value] for r, (_, _, w) in zip(rid, rows)])
    return con


def _project(extra: list[str]):
    """Three lists that write a status share 300 civilians (some fighters among them);
    list A alone names 60 more of them, plus ``extra`` people only it names."""
    rows = []
    for i in range(300):
        status = "combatant" if i % 5 == 0 else "civilian"
        for src in ("A", "B", "C")[: 2 + i % 2]:
            rows.append((f"p{i}", src, status))
    for i in range(60):
        rows.append((f"a{i}", "A", "combatant" if i % 5 == 0 else "civilian"))
        rows.append((f"b{i}", "B", "civilian"))
    rows += [(f"x{i}", "A", w) for i, w in enumerate(extra)]
    return _con(rows)


def test_categories_keep_what_the_list_wrote_apart_from_what_tally_reads():
    assert category("Fighter", "combatant") == "combatant"
    assert category("", "unknown") == category(None, "unknown") == NONE
    assert category("unknown", "unknown") == "unknown"
    assert category("Missing", "unknown") == UNREAD
    assert category("s1:AAAAsealed", "unknown") == "unknown"  # a sealed value is never shown


def test_a_clean_project_is_not_warned_of():
    check, gone = check_scope(_project([]))
    assert check.warnings == [] and gone == set()
    a = next(s for s in check.lists if s.list == "A")
    assert a.records == 300 + 60 and a.alone_records == 60


def test_a_list_naming_fighters_and_unconfirmed_deaths_alone_is_warned_of_in_words():
    extra = ["combatant"] * 40 + ["Missing"] * 15 + ["Not confirmed"] * 15
    check, _ = check_scope(_project(extra))
    said = " ".join(" ".join(check.warnings).split())
    assert len(check.warnings) == 2, check.warnings
    assert "MSE counts every linked person as a death in scope; list A holds 112 records marked combatant, 52 of them of people no other list names" in said
    assert "list A holds 30 records with a status Tally does not read ('Missing' 15, 'Not confirmed' 15)" in said
    assert "--exclude-status" in said and "list B" not in said


def test_excluding_statuses_takes_out_only_persons_every_status_of_whom_is_excluded():
    con = _con([("p1", "A", "Missing"), ("p2", "A", "combatant"), ("p2", "B", "civilian"),
                ("p3", "A", "combatant"), ("p3", "C", ""), ("p4", "C", ""),
                ("p5", "A", " not  CONFIRMED ")])
    check, gone = check_scope(con, ["combatant", "Missing", "Not confirmed"])
    # p2: the lists disagree, so p2 stays; p4 carries no status, so nothing says it is out
    assert gone == {"p1", "p3", "p5"}
    assert check.excluded == {"statuses": ["combatant", "Missing", "Not confirmed"], "persons": 3}
