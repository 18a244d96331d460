"""The heron profile: deterministic, real encodings, truth that matches the lists, and the
kinds of victims, records and errors it claims, measured on what it writes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tally.simulate import load_manifest, simulate_conflict

SIZE = 4000


@pytest.fixture(scope="module")
def heron(tmp_path_factory):
    out = tmp_path_factory.mktemp("heron") / "sim"
    result = simulate_conflict(out, seed=3, size=SIZE, profile="heron")
    return out, result


def _truth(sim: Path, name: str) -> list[dict]:
    with open(sim / "truth" / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _rows(sim: Path, source: dict) -> list[dict]:
    path = sim / source["file"]
    if path.suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(path, read_only=True)  # read-only keeps the file open
        try:
            values = list(wb["الشهداء"].iter_rows(values_only=True))
        finally:
            wb.close()
        header = values[1]
        return [dict(zip(header, v)) for v in values[2:]]
    enc = {"cp1256": "cp1256", "utf-16": "utf-16", "utf-8-sig": "utf-8-sig"}.get(source["encoding"], "utf-8")
    delim = {"cp1256": ";", "utf-16": "\t"}.get(source["encoding"], ",")
    with open(path, encoding=enc, newline="") as f:
        return list(csv.DictReader(f, delimiter=delim))


def _files(sim: Path) -> dict[str, bytes]:
    return {str(p.relative_to(sim)): p.read_bytes() for p in sorted(sim.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_lists(heron, tmp_path):
    sim, _ = heron
    again = tmp_path / "again"
    simulate_conflict(again, seed=3, size=SIZE, profile="heron")
    assert _files(again) == _files(sim)
    other = tmp_path / "other"
    simulate_conflict(other, seed=4, size=SIZE, profile="heron")
    assert (other / "truth" / "records.csv").read_bytes() != (sim / "truth" / "records.csv").read_bytes()


def test_about_size_records_in_six_lists_in_their_own_encodings(heron):
    sim, result = heron
    assert SIZE <= result.records < SIZE * 1.05
    sources = {s["id"]: s for s in load_manifest(sim)["sources"]}
    assert set(sources) == {"snhr", "vdc", "news_en", "news_ar", "morgue", "ahali"}
    raw = (sim / sources["snhr"]["file"]).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "الكنية" in raw.decode("cp1256") and b"\r\n" in raw
    assert (sim / sources["morgue"]["file"]).read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert (sim / sources["news_ar"]["file"]).read_bytes()[:3] == b"\xef\xbb\xbf"
    sheet = zipfile.ZipFile(sim / sources["ahali"]["file"]).read("xl/worksheets/sheet1.xml").decode()
    assert "<mergeCell " in sheet
    truth = Counter(r["source"] for r in _truth(sim, "records.csv"))
    for sid, s in sources.items():
        rows = _rows(sim, s)
        assert len(rows) == truth[sid] == result.records_by_source[sid] > 0, sid


def test_about_half_of_victims_have_a_co_victim_of_their_family_name(heron):
    sim, _ = heron
    persons = _truth(sim, "persons.csv")
    by_inc = defaultdict(Counter)
    for p in persons:
        by_inc[p["incident_id"]][p["family_name"]] += 1
    share = sum(by_inc[p["incident_id"]][p["family_name"]] > 1 for p in persons) / len(persons)
    assert 0.4 <= share <= 0.65


def test_patronymic_chains_and_eldest_sons_named_after_grandfathers(heron):
    sim, _ = heron
    persons = _truth(sim, "persons.csv")
    sons = [p for p in persons if p["role"] in ("son", "grandchild") and p["sex"] == "male"]
    after_grandfather = sum(p["given_name"] == p["grandfather_name"] for p in sons) / len(sons)
    assert after_grandfather > 0.1
    # a grandchild's grandfather is the father of its father, where both died together
    by_house_role = {}
    for p in persons:
        if p["role"] == "son":
            by_house_role[(p["household_id"], p["given_name"])] = p
    chained = [(g, by_house_role[(g["household_id"], g["father_name"])]) for g in persons
               if g["role"] == "grandchild" and (g["household_id"], g["father_name"]) in by_house_role]
    assert chained and all(g["grandfather_name"] == f["father_name"] and g["family_name"] == f["family_name"]
                           for g, f in chained)


def test_zipf_names_per_community_and_namesakes_in_other_incidents(heron):
    from tally.simulate.heron import names

    sim, _ = heron
    persons = _truth(sim, "persons.csv")
    male = {ar for pool in (names.MALE_COMMON, *names.MALE_BY_COMMUNITY.values()) for ar, _ in pool}
    assert all((p["given_name"] in male) == (p["sex"] == "male") for p in persons)  # no son named Salma
    men = Counter(p["given_name"] for p in persons if p["sex"] == "male")
    assert men.most_common(1)[0][1] / sum(men.values()) > 0.05
    fam = defaultdict(Counter)
    for p in persons:
        fam[p["community"]][p["family_name"]] += 1
    assert {"sunni", "alawite", "druze", "christian", "kurdish", "bedouin"} <= set(fam)
    top = lambda c: {f for f, _ in fam[c].most_common(5)}  # noqa: E731
    assert not top("druze") & top("alawite")
    incidents = defaultdict(set)
    for p in persons:
        incidents[(p["given_name"], p["family_name"])].add(p["incident_id"])
    namesakes = sum(len(incidents[(p["given_name"], p["family_name"])]) > 1 for p in persons) / len(persons)
    assert namesakes > 0.25


def test_news_lists_are_thin_with_report_dates_and_coarse_places(heron):
    sim, _ = heron
    persons = {p["person_id"]: p for p in _truth(sim, "persons.csv")}
    sources = {s["id"]: s for s in load_manifest(sim)["sources"]}
    records = {r["record_id"]: r for r in _truth(sim, "records.csv")}
    rows = _rows(sim, sources["news_en"])
    assert sum(len(r["name"].split()) <= 3 for r in rows) / len(rows) > 0.9
    sexes = sum(bool(r["sex"]) for r in rows) / len(rows)
    assert 0.35 < sexes < 0.65 and sum(bool(r["age"]) for r in rows) / len(rows) < 0.2
    offsets = Counter()
    for r in rows:
        t = records[r["no"]]
        died = dt.date.fromisoformat(persons[t["person_id"]]["date_of_death"])
        offsets[(dt.date.fromisoformat(r["reported"]) - died).days] += 1
        assert r["location"].split()[0] in {"Latakia", "Tartus", "Hama", "Homs", "Sweida", "Daraa", "Rif",
                                            "Damascus", "Rural", "Idlib", "Aleppo", "Deir", "Hasakah"}
    assert set(offsets) <= {0, 1, 2, 3} and offsets[0] < len(rows) / 2
    levels = Counter(records[r["no"]]["place_level"] for r in rows)
    assert {"governorate", "countryside", "province"} <= set(levels)
    ar = _rows(sim, sources["news_ar"])
    assert any(r["المكان"].startswith("ريف ") for r in ar) and any(r["المكان"].startswith("محافظة ") for r in ar)


def test_morgue_dates_received_later_at_the_district_centre_and_unidentified_bodies(heron):
    sim, _ = heron
    persons = {p["person_id"]: p for p in _truth(sim, "persons.csv")}
    incidents = {i["incident_id"]: i for i in _truth(sim, "incidents.csv")}
    sources = {s["id"]: s for s in load_manifest(sim)["sources"]}
    records = {r["record_id"]: r for r in _truth(sim, "records.csv")}
    rows = _rows(sim, sources["morgue"])
    offsets = Counter()
    for r in rows:
        p = persons[records[r["رقم الجثة"]]["person_id"]]
        offsets[(dt.date.fromisoformat(r["تاريخ الاستلام"]) - dt.date.fromisoformat(p["date_of_death"])).days] += 1
        assert incidents[p["incident_id"]]["district"] == p["district"]
    assert set(offsets) == {0, 1, 2}
    unidentified = [r for r in rows if "unidentified" in records[r["رقم الجثة"]]["errors"]]
    assert 0.02 < len(unidentified) / len(rows) < 0.1
    assert all("مجهول" in r["الاسم الكامل"] or r["الاسم الكامل"].startswith("جثة") for r in unidentified)


def test_every_list_repeats_some_victims_spelled_afresh(heron):
    sim, _ = heron
    records = _truth(sim, "records.csv")
    dup = Counter(r["source"] for r in records if "duplicate" in r["errors"].split(";"))
    assert set(dup) == {"snhr", "vdc", "news_en", "news_ar", "morgue", "ahali"}
    sources = {s["id"]: s for s in load_manifest(sim)["sources"]}
    rows = {r["no"]: r["name"] for r in _rows(sim, sources["news_en"])}
    by_person = defaultdict(list)
    for r in records:
        if r["source"] == "news_en":
            by_person[r["person_id"]].append(rows[r["record_id"]])
    twice = [names for names in by_person.values() if len(names) > 1]
    assert twice and sum(len(set(n)) > 1 for n in twice) / len(twice) > 0.3


def test_scripts_and_the_realistic_errors_it_claims(heron):
    sim, _ = heron
    records = _truth(sim, "records.csv")
    scripts = {r["source"]: r["script"] for r in records}
    assert scripts == {"snhr": "arabic", "vdc": "latin", "news_en": "latin", "news_ar": "arabic",
                       "morgue": "arabic", "ahali": "arabic"}
    assert all("latin_script" in r["errors"] for r in records if r["script"] == "latin")
    kinds = Counter(e for r in records for e in r["errors"].split(";") if e)
    for kind in ("french_translit", "translit_variant", "kunya", "laqab", "mother_as_father",
                 "father_given_swapped", "tribal_nisba", "date_mdy", "hijri", "family_merged",
                 "wife_under_husband_family", "unidentified", "hamza", "typo", "report_date",
                 "received_date", "honorific"):
        assert kinds[kind] > 0, kind
    assert Counter(r["place_level"] for r in records)["quarter"] > 0
    forms = Counter(r["date_form"] for r in records)
    assert set(forms) == {"day", "partial", "hijri", "missing"} and forms["day"] > 0.9 * len(records)


def test_the_lists_ingest_with_their_mappings(tmp_path):
    from tally.demo import ingest_simulation
    from tally.project import Project

    sim = tmp_path / "small"
    result = simulate_conflict(sim, seed=5, size=600, profile="heron")
    project = Project.init(tmp_path / "p")
    done = ingest_simulation(project, sim)
    assert sum(rep.records for _, rep in done) == result.records
    assert all(rep.quarantined == 0 for _, rep in done)
