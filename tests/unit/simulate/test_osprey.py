"""The osprey profile writes what its design says: six lists in their own formats,
the rates configured in tally.simulate.osprey.lists, households named the Syrian way,
truth columns the benchmarks read, and the same files for the same seed."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter, defaultdict

import pytest

from tally.simulate import simulate_conflict
from tally.simulate.osprey.lists import RATES

SIZE = 6000


@pytest.fixture(scope="module")
def osp(tmp_path_factory):
    out = tmp_path_factory.mktemp("osprey") / "a"
    result = simulate_conflict(out, seed=3, size=SIZE, profile="osprey")
    with open(out / "truth/records.csv", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    with open(out / "truth/persons.csv", encoding="utf-8") as f:
        persons = {r["person_id"]: r for r in csv.DictReader(f)}
    return out, result, records, persons


def _digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_size_lists_and_manifest(osp):
    out, result, records, _ = osp
    assert SIZE <= result.records <= SIZE * 1.03
    assert len(records) == result.records
    manifest = json.loads((out / "simulation.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in manifest["sources"]] == ["sh", "un", "tg", "ahl", "hos", "nw"]
    for s in manifest["sources"]:
        assert (out / s["file"]).is_file() and (out / s["mapping"]).is_file()
    assert set(records[0]) >= {"record_id", "source", "person_id", "incident_id", "errors", "thin",
                               "date_form", "date_offset", "place_level", "script"}


def test_same_seed_same_bytes(tmp_path):
    a = simulate_conflict(tmp_path / "a", seed=5, size=1500, profile="osprey")
    b = simulate_conflict(tmp_path / "b", seed=5, size=1500, profile="osprey")
    c = simulate_conflict(tmp_path / "c", seed=6, size=1500, profile="osprey")
    assert a.records == b.records
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_encodings(osp):
    out = osp[0]
    (out / "lists/hos_admissions.csv").read_bytes().decode("windows-1256")
    with pytest.raises(UnicodeDecodeError):
        (out / "lists/hos_admissions.csv").read_bytes().decode("utf-8")
    assert (out / "lists/tg_pages.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert (out / "lists/un_consolidated.xlsx").read_bytes().startswith(b"PK\x03\x04")
    rows = json.loads((out / "lists/ahl_community.json").read_text(encoding="utf-8"))
    assert rows and {"family", "name", "father", "mother", "born"} <= set(rows[0])


def test_pages_list_writes_indic_digits_and_night_phrases(osp):
    out, _, records, _ = osp
    tg = [r for r in records if r["source"] == "tg"]
    indic = sum("indic_digits" in r["errors"] for r in tg) / len(tg)
    night = sum("weekday_night" in r["errors"] for r in tg) / len(tg)
    assert abs(indic - RATES["tg"]["indic_date"]) < 0.05
    assert abs(night - RATES["tg"]["night"]) < 0.04
    text = (out / "lists/tg_pages.csv").read_text(encoding="utf-8-sig")
    assert "٢٠٢٥" in text and "ليلة " in text and "زوجة " in text and ("طفل " in text or "طفلة " in text)


def test_duplicates_within_lists_at_their_rates(osp):
    _, _, records, _ = osp
    for sid in ("sh", "un", "tg", "hos", "nw"):
        rows = [r for r in records if r["source"] == sid]
        share = sum("duplicate" in r["errors"] for r in rows) / len(rows)
        assert abs(share - RATES[sid]["duplicate"]) < 0.035, (sid, share)
        per_person = Counter(r["person_id"] for r in rows)
        assert sum(n > 1 for n in per_person.values()) > 0
    assert not any("duplicate" in r["errors"] for r in records if r["source"] == "ahl")


def test_news_records_are_thin_with_report_dates(osp):
    _, _, records, _ = osp
    nw = [r for r in records if r["source"] == "nw"]
    assert all(r["thin"] == "1" and r["place_level"] == "governorate" and r["script"] == "latin"
               for r in nw)
    offs = Counter(int(r["date_offset"]) for r in nw)
    assert set(offs) <= {0, 1, 2, 3} and offs[0] > offs[3] > 0


def test_hospital_dates_follow_admission_and_places_are_district_towns(osp):
    _, _, records, _ = osp
    hos = [r for r in records if r["source"] == "hos"]
    offs = Counter(int(r["date_offset"]) for r in hos if "duplicate" not in r["errors"])
    assert set(offs) <= {0, 1, 2}
    assert abs(offs[1] / sum(offs.values()) - RATES["hos"]["plus1"]) < 0.05
    assert all(r["place_level"] == "district" for r in hos)
    unid = sum("unidentified" in r["errors"] for r in hos) / len(hos)
    assert abs(unid - RATES["hos"]["unidentified"]) < 0.04


def test_community_list_holds_druze_and_christian_victims_only(osp):
    _, _, records, persons = osp
    coms = Counter(persons[r["person_id"]]["community"] for r in records if r["source"] == "ahl")
    assert set(coms) <= {"druze", "christian"} and coms["druze"] > 0 and coms["christian"] > 0


def test_households_carry_lineage_names(osp):
    persons = osp[3]
    houses = defaultdict(list)
    for p in persons.values():
        houses[p["household_id"]].append(p)
    kids = heads = after_grandfather = 0
    for members in houses.values():
        head = next((m for m in members if m["role"] == "father"), None)
        if head is None:
            continue
        for m in members:
            if m["role"] == "child":
                kids += 1
                assert m["father_name"] == head["given_name"]
                assert m["grandfather_name"] == head["father_name"]
                assert m["family_name"] == head["family_name"]
        sons = [m for m in members if m["role"] == "child" and m["sex"] == "male"]
        if sons:
            heads += 1
            after_grandfather += sons[0]["given_name"] == head["father_name"]
    assert kids > 100
    assert 0.4 < after_grandfather / heads < 0.75  # 0.5 by design, plus chance


def test_about_half_of_victims_share_their_family_name_with_a_co_victim(osp):
    persons = osp[3]
    by_inc = defaultdict(Counter)
    for p in persons.values():
        by_inc[p["incident_id"]][p["family_name"]] += 1
    shared = sum(by_inc[p["incident_id"]][p["family_name"]] > 1 for p in persons.values())
    assert 0.3 < shared / len(persons) < 0.7


def test_night_phrase_names_the_day_after_the_death(osp):
    """"ليلة السبت" (Saturday night) is the night before Saturday: a death on Friday evening."""
    import datetime as dt

    from tally.simulate.osprey.lists import WEEKDAY_NIGHT

    out, _, records, persons = osp
    person_of = {r["record_id"]: r["person_id"] for r in records}
    with open(out / "lists/tg_pages.csv", encoding="utf-8-sig") as f:
        rows = [r for r in csv.DictReader(f) if r["التاريخ"].startswith("ليلة")]
    assert rows
    for r in rows:
        death = dt.date.fromisoformat(persons[person_of[r["م"]]]["date_of_death"])
        assert r["التاريخ"] == WEEKDAY_NIGHT[(death + dt.timedelta(days=1)).weekday()]
    assert WEEKDAY_NIGHT[dt.date(2025, 3, 8).weekday()] == "ليلة السبت"  # 8 March 2025 was a Saturday
