"""The kestrel profile: deterministic, real encodings, truth that matches the records, the
kinds of records and errors it claims in the proportions it states, and lists that ingest."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tally.simulate import simulate_conflict

SIZE = 3000
LATIN_LISTS = {"obs", "wire"}
NEWS_LISTS = {"wire", "sahat"}


@pytest.fixture(scope="module")
def kestrel(tmp_path_factory):
    out = tmp_path_factory.mktemp("kestrel") / "sim"
    result = simulate_conflict(out, seed=3, size=SIZE, profile="kestrel")
    return out, result


def _truth(sim: Path, name: str) -> list[dict]:
    with open(sim / "truth" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _list_rows(sim: Path, source: dict) -> list[dict]:
    path = sim / source["file"]
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if path.suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)
        rows = list(wb["الضحايا"].iter_rows(values_only=True))
        wb.close()
        return [dict(zip(rows[1], r)) for r in rows[2:]]  # a title row above the header
    enc = {"cp1256": "cp1256", "utf-16": "utf-16", "utf-8-sig": "utf-8-sig", "utf-8": "utf-8"}[source["encoding"]]
    delim = "\t" if path.suffix == ".tsv" else ";" if enc == "cp1256" else ","
    with open(path, encoding=enc, newline="") as f:
        return list(csv.DictReader(f, delimiter=delim))


def test_same_seed_same_bytes_other_seed_other_lists(tmp_path, kestrel):
    sim, _ = kestrel
    again = tmp_path / "again"
    simulate_conflict(again, seed=3, size=SIZE, profile="kestrel")
    files = sorted(p.relative_to(sim) for p in sim.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for rel in files:
        assert (sim / rel).read_bytes() == (again / rel).read_bytes(), rel
    other = tmp_path / "other"
    simulate_conflict(other, seed=4, size=SIZE, profile="kestrel")
    assert (other / "truth" / "records.csv").read_bytes() != (sim / "truth" / "records.csv").read_bytes()


def test_lists_are_written_in_their_declared_encodings(kestrel):
    sim, result = kestrel
    manifest = json.loads((sim / "simulation.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in manifest["sources"]] == ["sjl", "obs", "wire", "sahat", "morgue", "ahl"]
    raw = {s["id"]: (sim / s["file"]).read_bytes() for s in manifest["sources"]}
    with pytest.raises(UnicodeDecodeError):
        raw["sjl"].decode("utf-8")  # Windows-1256 Arabic is not UTF-8
    assert "الاسم" in raw["sjl"].decode("cp1256") and b"\r\n" in raw["sjl"]
    assert raw["morgue"][:2] in (b"\xff\xfe", b"\xfe\xff")  # UTF-16 with a byte-order mark
    assert raw["sahat"].startswith(b"\xef\xbb\xbf")
    assert raw["ahl"].startswith(b"PK\x03\x04")  # a spreadsheet (XLSX)
    for sid in ("obs", "wire"):
        assert not raw[sid].startswith(b"\xef\xbb\xbf")
        raw[sid].decode("utf-8")
    for s in manifest["sources"]:
        assert len(_list_rows(sim, s)) == result.records_by_source[s["id"]] > 0
    ahl = _list_rows(sim, manifest["sources"][5])
    typed = sum(isinstance(r["تاريخ الاستشهاد"], dt.datetime) for r in ahl) / len(ahl)
    assert 0.9 < typed < 1  # typed spreadsheet dates; month-only ones as text
    assert abs(result.records - SIZE) < 50


def test_truth_matches_every_record(kestrel):
    sim, result = kestrel
    manifest = json.loads((sim / "simulation.json").read_text(encoding="utf-8"))
    records = {r["record_id"]: r for r in _truth(sim, "records.csv")}
    persons = {p["person_id"]: p for p in _truth(sim, "persons.csv")}
    ids = {"sjl": "الرقم", "obs": "ID", "wire": "id", "sahat": "م", "morgue": "رقم الجثة", "ahl": "الرمز"}
    seen = set()
    for s in manifest["sources"]:
        for row in _list_rows(sim, s):
            rid = row[ids[s["id"]]]
            assert records[rid]["source"] == s["id"]
            seen.add(rid)
            p = persons[records[rid]["person_id"]]
            if s["id"] == "sjl" and not records[rid]["errors"]:
                assert (row["الاسم"], row["الكنية"]) == (p["given_name"], p["family_name"])
    assert seen == set(records)
    per_person = Counter(r["person_id"] for r in records.values())
    assert all(int(persons[pid]["n_records"]) == n for pid, n in per_person.items())
    assert result.documented == len(per_person) and result.persons == len(persons)
    for r in records.values():
        assert (r["script"] == "latin") == (r["source"] in LATIN_LISTS) == ("latin_script" in r["errors"])
        assert (r["thin"] == "1") == (r["source"] in NEWS_LISTS)


def test_dates_and_places_are_written_as_each_kind_of_list_writes_them(kestrel):
    sim, _ = kestrel
    persons = {p["person_id"]: p for p in _truth(sim, "persons.csv")}
    records = _truth(sim, "records.csv")
    by_source = defaultdict(list)
    for r in records:
        by_source[r["source"]].append(r)
    for sid in NEWS_LISTS:  # report dates 0-3 days after the death, governorate-level places
        lags = Counter(int(r["date_offset"]) for r in by_source[sid])
        assert set(lags) == {0, 1, 2, 3} and {r["place_level"] for r in by_source[sid]} == {"governorate"}
    morgue = by_source["morgue"]
    assert set(Counter(int(r["date_offset"]) for r in morgue)) == {0, 1, 2}
    assert {r["place_level"] for r in morgue} == {"district"}
    wire = [json.loads(x) for x in (sim / "lists" / "wire_named.jsonl").read_text(encoding="utf-8").splitlines()]
    assert any(w["location"].endswith(" countryside") for w in wire)
    assert any(w["location"].endswith(" province") for w in wire)
    assert 0.35 < sum("sex" in w for w in wire) / len(wire) < 0.65  # sex half the time
    assert sum("age" in w for w in wire) / len(wire) < 0.15  # age rarely
    assert all(len(w["name"].split()) >= 2 for w in wire)
    truth_of = {r["record_id"]: r for r in records}
    for w in wire[:200]:
        p = persons[truth_of[w["id"]]["person_id"]]
        lag = (dt.date.fromisoformat(w["reported"]) - dt.date.fromisoformat(p["date_of_death"])).days
        assert lag == int(truth_of[w["id"]]["date_offset"])
    reg = by_source["sjl"]
    forms = Counter(r["date_form"] for r in reg)
    assert forms["partial"] and forms["missing"] and any(int(r["date_offset"]) for r in reg)
    assert Counter(r["place_level"] for r in reg)["district"] / len(reg) == pytest.approx(0.2, abs=0.06)


def test_kinds_of_pairs_and_families_in_stated_proportions(kestrel):
    sim, _ = kestrel
    persons = _truth(sim, "persons.csv")
    records = _truth(sim, "records.csv")
    # about half of the victims share a family name with a co-victim of their incident
    fam = Counter((p["incident_id"], p["family_name"]) for p in persons)
    share = sum(fam[(p["incident_id"], p["family_name"])] > 1 for p in persons) / len(persons)
    assert 0.4 < share < 0.65
    # children carry father and grandfather names; eldest sons often the grandfather's name
    by_hh = defaultdict(list)
    for p in persons:
        by_hh[p["household_id"]].append(p)
    chained = named_after = sons = near = 0
    for members in by_hh.values():
        head = next((m for m in members if m["role"] == "head"), None)
        kids = [m for m in members if m["role"] == "child"]
        for k in kids:
            chained += (k["father_name"], k["grandfather_name"]) == (head["given_name"], head["father_name"])
        if kids and kids[0]["sex"] == "male":
            sons += 1
            named_after += kids[0]["given_name"] == kids[0]["grandfather_name"]
        names = {k["given_name"] for k in kids}
        near += any(a != b and (a in b or b in a) and abs(len(a) - len(b)) == 1 for a in names for b in names)
    assert chained == sum(m["role"] == "child" for m in persons) > 0
    assert 0.3 < named_after / sons < 0.6
    assert near >= 3  # siblings named one letter apart (سلمى / لمى)
    # namesakes (same given and family name) in other incidents
    incidents = defaultdict(set)
    for p in persons:
        incidents[(p["given_name"], p["family_name"])].add(p["incident_id"])
    assert sum(len(v) > 1 for v in incidents.values()) > 50
    # pairs of records of one person, by kind
    per = defaultdict(list)
    for r in records:
        per[r["person_id"]].append(r)
    kinds: Counter = Counter()
    for rs in per.values():
        for i, a in enumerate(rs):
            for b in rs[i + 1:]:
                kinds["all"] += 1
                kinds["cross"] += a["script"] != b["script"]
                kinds["latin"] += a["script"] == b["script"] == "latin"
                kinds["within"] += a["source"] == b["source"]
                kinds["thin~thin"] += a["thin"] == b["thin"] == "1"
                kinds["thin~other"] += (a["thin"] == "1") != (b["thin"] == "1")
                kinds["place"] += a["place_level"] != b["place_level"]
    n = kinds["all"]
    assert 0.45 < kinds["cross"] / n < 0.6  # cross-script: over half the true pairs
    assert 0.04 < kinds["latin"] / n < 0.12
    assert 0.025 < kinds["within"] / n < 0.06
    assert 0.3 < kinds["thin~other"] / n < 0.5 and 0.02 < kinds["thin~thin"] / n < 0.08
    assert kinds["place"] / n > 0.5
    dup = Counter(r["source"] for r in records if "duplicate" in r["errors"].split(";"))
    assert set(dup) == {"sjl", "obs", "wire", "sahat", "morgue", "ahl"}
    tags = Counter(t for r in records for t in r["errors"].split(";") if t)
    for tag in ("typo", "translit_variant", "hamza", "ta_marbuta", "al_prefix", "date_shift",
                "month_only", "date_missing", "grandfather_wrong", "relation_only"):
        assert tags[tag] > 0, tag


def test_benchmark_truth_readers_see_every_kind(kestrel):
    sim, _ = kestrel
    sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "benchmarks"))
    try:
        import linkage_kinds
    finally:
        sys.path.pop(0)
    ann, notes = linkage_kinds.load_annotations(sim)
    assert notes == []
    kinds = Counter()
    per = defaultdict(list)
    for rid, a in ann.items():
        per[a["person"]].append(a)
    for rs in per.values():
        for i, a in enumerate(rs):
            for b in rs[i + 1:]:
                kinds.update(linkage_kinds.pair_kinds(a, b))
    for kind in ("thin~other", "thin~thin", "full~full", "within-list duplicate", "cross-script",
                 "latin~latin", "arabic~arabic", "date differs", "date same", "place level differs"):
        assert kinds[kind] > 0, kind
    persons = linkage_kinds.load_persons(sim)
    assert len(persons) == len(_truth(sim, "persons.csv"))


def test_every_list_ingests_with_its_mapping(tmp_path):
    from tally.demo import ingest_simulation
    from tally.project import Project

    sim = tmp_path / "small"
    result = simulate_conflict(sim, seed=5, size=1200, profile="kestrel")
    project = Project.init(tmp_path / "project")
    month_only = Counter(r["source"] for r in _truth(sim, "records.csv") if "month_only" in r["errors"])
    for s, report in ingest_simulation(project, sim):
        assert report.records == result.records_by_source[s["id"]]
        assert report.quarantined == 0, s["id"]
        # the only flags: month-only dates written d/m lists' way (03/2025)
        assert report.records_with_problems <= month_only[s["id"]], s["id"]
    with project.connect() as con:
        n = con.execute("SELECT count(*) FROM victim_record").fetchall()[0][0]
    assert n == result.records
