"""Ingest writes normalized values beside the raw ones; `renormalize` recomputes them."""

import datetime as dt

from tally.ingest import ingest_file
from tally.normalize.project import renormalize_project


def norm(project, where=""):
    with project.connect() as con:
        return con.execute(
            "SELECT r.source_record_id, n.given_key, n.father_key, n.family_key, n.date_start, "
            "n.date_end, n.date_precision, n.governorate_id, n.age_low, n.age_high, n.sex, "
            "n.status, n.unidentified FROM victim_record r JOIN record_norm n USING (record_id) "
            f"{where} ORDER BY r.source_id, r.row_number"
        ).fetchall()


def test_arabic_and_latin_lists_get_the_same_keys(project, examples):
    from tally.sources import add_source

    add_source(project, "en", name="English list", kind="rights_group_list", reliability="B")
    add_source(project, "morgue", name="Morgue", kind="official", reliability="C")
    ingest_file(project, examples("arabic_list_cp1256.csv"), "snhr",
                mapping=examples("arabic_list.toml"))
    ingest_file(project, examples("english_list_utf16.txt"), "en",
                mapping=examples("english_list.toml"))
    ingest_file(project, examples("morgue_list.xlsx"), "morgue")
    rows = {r[0]: r for r in norm(project)}
    arabic, english, morgue = rows["1"], rows["A-001"], rows["M-2"]
    assert arabic[1:4] == english[1:4] == morgue[1:4]  # one person in three spellings
    assert None not in arabic[1:4] and len(set(arabic[1:4])) == 3
    assert english[4:7] == (dt.date(2025, 3, 7), dt.date(2025, 3, 7), "day")
    month_only = rows["A-002"]
    assert month_only[4:7] == (dt.date(2025, 3, 1), dt.date(2025, 3, 31), "month")
    assert arabic[7] == english[7] == morgue[7]  # Latakia, in either script
    assert rows["A-002"][8:10] == (25, 30)
    assert (arabic[10], arabic[11]) == ("male", "civilian")
    unidentified = rows["M-1"]
    assert unidentified[12] is True and unidentified[1:4] == (None, None, None)


def test_renormalize_recomputes_without_touching_raw_values(project, examples):
    ingest_file(project, examples("morgue_list.xlsx"), "snhr")
    before = norm(project)
    with project.connect() as con:
        con.execute("DELETE FROM record_norm")
        raw_before = con.execute("SELECT raw FROM victim_record ORDER BY row_number").fetchall()
    assert renormalize_project(project) == 5
    assert norm(project) == before
    with project.connect() as con:
        assert con.execute("SELECT raw FROM victim_record ORDER BY row_number").fetchall() == raw_before
        assert con.execute(
            "SELECT action FROM audit_event ORDER BY seq DESC LIMIT 1").fetchall() == [
            ("records.normalized",)]


def test_a_given_name_column_cut_at_the_first_space_yields_to_the_full_name(project, tmp_path):
    # A mapping that splits "Full name" at its first space leaves "Abdel" of
    # Abdel Hady and "Shams" of Shams Eddin in the given-name column; the full
    # name's parse keeps the compound, so the Arabic spelling still meets it.
    data = tmp_path / "list.csv"
    data.write_text(
        "record_id,name,given_name\n"
        "e1,Abdel Hady Abd al-Qadir Oumar,Abdel\n"
        "e2,Shams Eddin Ramdan al-Haddad,Shams\n"
        "e3,Hassan Ali,Hassan\n"
        "a1,عبدالهادي عبد القادر عمر,عبدالهادي\n"
        "a2,شمس الدين رمضان الحداد,شمس الدين\n", encoding="utf-8")
    ingest_file(project, data, "snhr")
    keys = {r[0]: r[1] for r in norm(project)}
    assert keys["e1"] == keys["a1"] == "abd_hd"
    assert keys["e2"] == keys["a2"] and keys["e2"] != "cms"
    assert keys["e3"] == "hsn"
