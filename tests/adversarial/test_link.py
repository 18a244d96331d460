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
