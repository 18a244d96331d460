"""Linkage as a first user and an attacker met it (Harden, issue 13).

Each test is an exact reproduction of what went wrong, run through the CLI in
process as a documenter would type it.
"""

from __future__ import annotations

import csv
import json

import pytest


def _persons(project) -> dict[str, str]:
    """source record id → person id, as the store holds them after `tally link`."""
    from tally.project import Project

    with Project.open(project).connect() as con:
        return dict(con.execute(
            "SELECT v.source_record_id, p.person_id FROM person_record p "
            "JOIN victim_record v USING (record_id)").fetchall())


@pytest.fixture
def one_list(tmp_path, cli, examples):
    """A project with the bundled Arabic list alone (11 distinct people)."""
    d = tmp_path / "proj"
    assert cli("init", d).code == 0
    assert cli("-p", d, "source", "add", "rg-ar", "--name", "rg", "--kind",
               "rights_group_list", "--reliability", "B").code == 0
    assert cli("-p", d, "ingest", examples("arabic_list_cp1256.csv"), "--source", "rg-ar",
               "--mapping", examples("arabic_list.toml")).code == 0
    return d


def test_link_of_one_list_of_distinct_people(cli, one_list):
    """Was: ValueError: math domain error (a prior of 0 whose log was taken)."""
    result = cli("-p", one_list, "link", "--json")
    assert result.code == 0, result.err
    assert "Traceback" not in result.err
    report = json.loads(result.out)
    assert report["records"] == 11 and report["persons"] == 11


def test_link_of_one_list_still_finds_its_repeated_person(cli, one_list, tmp_path):
    """One list that names a man twice (a second row, the same man) links him."""
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "record_id,name,sex,age,date_of_death,place,governorate\n"
        "x1,محمد عبد الله الأحمد,male,34,2025-03-07,جبلة,اللاذقية\n"
        "x2,رامي سليم الأطرش,male,38,2025-07-15,السويداء,السويداء\n",
        encoding="utf-8")
    assert cli("-p", one_list, "ingest", extra, "--source", "rg-ar").code == 0
    result = cli("-p", one_list, "link", "--json")
    assert result.code == 0, result.err
    persons = _persons(one_list)
    assert persons["x1"] == persons["1"] and persons["x2"] == persons["7"]
    assert len(set(persons.values())) == 11


def test_dedupe_of_a_file_of_distinct_names(cli, tmp_path):
    """Was: the same traceback from `tally dedupe`."""
    records = tmp_path / "records.csv"
    records.write_text(
        "record_id,name,sex,age,date_of_death,place\n"
        "1,Ahmad Khaled Hasan,male,34,2025-03-07,Jableh\n"
        "2,Samer Nizar Khatib,male,31,2025-03-08,Baniyas\n"
        "3,Hind Fares Abu Fakhr,female,60,2025-07-16,Suwayda\n"
        "4,Kamal Hamad Azzam,male,22,2025-07-16,Shahba\n",
        encoding="utf-8")
    out = tmp_path / "clusters.csv"
    result = cli("dedupe", records, "--out", out)
    assert result.code == 0, result.err
    with open(out, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 4 and len({r["cluster_id"] for r in rows}) == 4


FATHER_AND_SON = (
    "record_id,name,sex,age,date_of_death,place,governorate,national_id\n"
    "1,Khaled Omar Darwish,male,60,2025-03-07,Jableh,Latakia,01020304567\n"
    "2,Omar Khaled Darwish,male,27,2025-03-07,Jableh,Latakia,01020304568\n"
    "3,Samer Nizar Khatib,male,31,2025-03-08,Baniyas,Tartus,02030405060\n"
    "4,Hind Fares Abu Fakhr,female,60,2025-07-16,Suwayda,Suwayda,\n"
)


def test_national_ids_one_digit_apart_are_two_people(cli, tmp_path):
    """Was: +13 bits for "one character apart (typo)" merged a father (60) and his
    son (27), killed the same day in the same place, with no review: numbers
    issued in sequence (one family, one registration batch) are two people."""
    d = tmp_path / "proj"
    assert cli("init", d).code == 0
    assert cli("-p", d, "source", "add", "rg", "--name", "rg", "--kind",
               "rights_group_list", "--reliability", "B").code == 0
    records = tmp_path / "records.csv"
    records.write_text(FATHER_AND_SON, encoding="utf-8")
    assert cli("-p", d, "ingest", records, "--source", "rg").code == 0
    result = cli("-p", d, "link", "--json")
    assert result.code == 0, result.err
    persons = _persons(d)
    assert persons["1"] != persons["2"]
    assert len(set(persons.values())) == 4
    from tally.project import Project

    with Project.open(d).connect() as con:
        details = [json.loads(c) for (c,) in con.execute(
            "SELECT comparison FROM record_pair").fetchall()]
    compared = [d["national_id"] for d in details
                if d.get("national_id", {}).get("weight") is not None]
    # a different number, however close, is never evidence for a match
    assert all(c["weight"] <= 0 for c in compared if c["level"] != "same document number")


def test_the_same_national_id_still_links(cli, tmp_path):
    """The father named twice, once with a typo in his name, the same number."""
    records = tmp_path / "records.csv"
    records.write_text(
        FATHER_AND_SON + "5,Khalid Omar Darwish,male,60,2025-03-07,Jableh,Latakia,01020304567\n",
        encoding="utf-8")
    out = tmp_path / "clusters.csv"
    assert cli("dedupe", records, "--out", out).code == 0
    with open(out, encoding="utf-8") as f:
        cluster = {r["record_id"]: r["cluster_id"] for r in csv.DictReader(f)}
    assert cluster["5"] == cluster["1"] != cluster["2"]
