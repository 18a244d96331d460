"""The fifth held-out profile (`tally simulate --profile mosaic`) writes what it claims.

Only the generator is tested: the linker is never run on this profile outside the
coordinator's one held-out run, and no test here looks at a linkage figure.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tally.simulate import load_manifest, simulate_conflict
from tests.unit.simulate.pair_kinds import linkage_kinds_module, true_pair_kinds
from tally.simulate.mosaic.measure import measure
from tally.simulate.mosaic.places import GOVERNORATES

ROOT = Path(__file__).resolve().parents[3]
MOSAIC = ROOT / "src" / "tally" / "simulate" / "mosaic"
LISTS = ("reg", "coal", "wire", "digest", "morgue", "pages", "north")


@pytest.fixture(scope="module")
def mosaic(tmp_path_factory):
    out = tmp_path_factory.mktemp("mosaic") / "sim"
    result = simulate_conflict(out, seed=1, size=5000, profile="mosaic")
    with open(out / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(out / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        persons = {r["person_id"]: r for r in csv.DictReader(f)}
    return out, result, records, persons


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _sheet(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("xl/worksheets/sheet1.xml").decode("utf-8")


def _list_ids(out: Path) -> dict[str, list[str]]:
    """The record ids each list file holds, read back in its own encoding."""
    ids: dict[str, list[str]] = {}
    with open(out / "lists" / "register_ar_1256.csv", encoding="cp1256", newline="") as f:
        ids["reg"] = [r["الرقم التسلسلي"] for r in csv.DictReader(f, delimiter=";")]
    with open(out / "lists" / "coalition_merged.csv", encoding="utf-8", newline="") as f:
        ids["coal"] = [r["record_ref"] for r in csv.DictReader(f)]
    with open(out / "lists" / "news_wires.jsonl", encoding="utf-8") as f:
        ids["wire"] = [json.loads(line)["id"] for line in f]
    ids["digest"] = re.findall(r"<is><t[^>]*>(MD-\d+)</t></is>", _sheet(out / "lists" / "media_digest.xlsx"))
    with open(out / "lists" / "morgue_registers.txt", encoding="utf-16", newline="") as f:
        ids["morgue"] = [r["رقم القيد"] for r in csv.DictReader(f, delimiter="\t")]
    with open(out / "lists" / "community_pages.csv", encoding="utf-8-sig", newline="") as f:
        ids["pages"] = [r["م"] for r in csv.DictReader(f)]
    ids["north"] = re.findall(r"<is><t[^>]*>(KY\d+)</t></is>", _sheet(out / "lists" / "north_register.xlsx"))
    return ids


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a = simulate_conflict(tmp_path / "a", seed=4, size=800, profile="mosaic")
    simulate_conflict(tmp_path / "b", seed=4, size=800, profile="mosaic")
    simulate_conflict(tmp_path / "c", seed=5, size=800, profile="mosaic")
    assert a.records >= 800 and tuple(a.records_by_source) == LISTS
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a")["truth/records.csv"] != _files(tmp_path / "c")["truth/records.csv"]


def test_truth_matches_the_lists_and_the_manifest(mosaic):
    """Every record of every list has one truth row naming a person of persons.csv, and
    the counts of simulation.json are those of the files."""
    out, result, records, persons = mosaic
    manifest = load_manifest(out)
    assert manifest["profile"] == "mosaic"
    ids = _list_ids(out)
    truth = {r["record_id"]: r for r in records}
    assert len(truth) == len(records)  # ids unique across the lists
    for sid in LISTS:
        assert len(ids[sid]) == len(set(ids[sid])) == manifest["counts"]["records_by_source"][sid], sid
        assert {truth[i]["source"] for i in ids[sid]} == {sid}
    assert sum(len(v) for v in ids.values()) == len(records) == manifest["counts"]["records"]
    assert all(r["person_id"] in persons for r in records)
    assert len(persons) == manifest["counts"]["persons"] == result.persons
    documented = {r["person_id"] for r in records}
    assert len(documented) == manifest["counts"]["documented_persons"]
    n_records = Counter(r["person_id"] for r in records)
    for pid, p in persons.items():
        assert int(p["n_records"]) == n_records[pid]
    with open(out / "truth" / "incidents.csv", encoding="utf-8", newline="") as f:
        incidents = {r["incident_id"]: r for r in csv.DictReader(f)}
    assert len(incidents) == manifest["counts"]["incidents"]
    killed = Counter(p["incident_id"] for p in persons.values())
    assert all(int(incidents[i]["killed"]) == n for i, n in killed.items())
    with open(out / "truth" / "strata_community.csv", encoding="utf-8", newline="") as f:
        assert sum(int(r["n_true"]) for r in csv.DictReader(f)) == len(persons)


def test_list_flags_of_persons_match_their_records(mosaic):
    _, _, records, persons = mosaic
    on: dict[str, set] = defaultdict(set)
    for r in records:
        on[r["person_id"]].add(r["source"])
    for pid, p in persons.items():
        assert {s for s in LISTS if p[s] == "1"} == on.get(pid, set()), pid


def test_files_are_in_the_encodings_the_mappings_state(mosaic):
    out = mosaic[0]
    raw = (out / "lists" / "register_ar_1256.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "تاريخ الاستشهاد" in raw.decode("cp1256") and b"\r\n" in raw
    assert 'encoding = "windows-1256"' in (out / "mappings" / "reg.toml").read_text(encoding="utf-8")
    morgue = (out / "lists" / "morgue_registers.txt").read_bytes()
    assert morgue[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = morgue.decode("utf-16")
    assert "مجهول الهوية" in text and "\t" in text and "مشفى" in text
    pages = (out / "lists" / "community_pages.csv").read_bytes()
    assert pages.startswith(b"\xef\xbb\xbf") and "زوجة" in pages.decode("utf-8-sig")
    coal = (out / "lists" / "coalition_merged.csv").read_bytes().decode("utf-8")
    assert re.search("[\u0600-\u06ff]", coal) and re.search(r"\nB/\d+,B,[A-Z]", coal)
    assert "Kadın" in _sheet(out / "lists" / "north_register.xlsx")
    assert re.search("[\u0600-\u06ff]", _sheet(out / "lists" / "media_digest.xlsx"))
    for line in (out / "lists" / "news_wires.jsonl").read_text(encoding="utf-8").splitlines()[:50]:
        json.loads(line)


@pytest.mark.slow
def test_every_list_ingests_with_tally_ingest_and_no_problems(cli, tmp_path):
    """The commands a user types, on each of the seven lists of a 2,000-record simulation:
    nothing quarantined, no value flagged, every record stored with a name."""
    from tally.project import Project

    sim = tmp_path / "sim"
    assert cli("simulate", sim, "--seed", "2", "--size", "2000", "--profile", "mosaic").code == 0
    manifest = load_manifest(sim)
    proj = tmp_path / "proj"
    assert cli("init", proj).code == 0
    for s in manifest["sources"]:
        r = cli("-p", proj, "source", "add", s["id"], "--name", s["name"], "--kind", s["kind"],
                "--reliability", s["reliability"], "--language", s["language"])
        assert r.code == 0, r.err
        r = cli("-p", proj, "ingest", sim / s["file"], "--source", s["id"], "--mapping", sim / s["mapping"])
        assert r.code == 0, r.err
        n = manifest["counts"]["records_by_source"][s["id"]]
        assert f"ingested {n:,} records, 0 quarantined" in r.out.replace("\n", " "), r.out
    with Project.open(proj).connect(read_only=True) as con:
        flagged = con.execute("SELECT count(*) FROM victim_record WHERE len(problems) > 0").fetchone()[0]
        named = con.execute("SELECT count(*) FROM victim_record WHERE name IS NOT NULL").fetchone()[0]
        born = con.execute("SELECT count(*) FROM victim_record WHERE source_id = 'north' "
                           "AND birth_year IS NOT NULL AND age IS NULL").fetchone()[0]
    assert flagged == 0
    assert named == manifest["counts"]["records"]
    assert born == manifest["counts"]["records_by_source"]["north"]


def test_the_promised_shares_hold_at_5k(mosaic):
    m = measure(mosaic[0])
    assert 4900 <= m["records"] <= 5300
    assert 0.1 <= m["thin_share"] <= 0.22                  # news-derived: given + family only
    assert 0.015 <= m["reentry_share"] <= 0.05             # the same source enters a person again
    assert 0.04 <= m["within_list_duplicate_share"] <= 0.12  # ... plus the merged list's overlap
    assert 0.35 <= m["cross_script_pair_share"] <= 0.6     # Arabic ~ Latin true pairs
    assert m["latin_latin_pair_share"] > 0.03
    assert 0.42 <= m["family_covictim_share"] <= 0.65      # about half share a family name in their incident
    assert 0.15 <= m["namesake_share_same_governorate"] <= 0.45
    assert m["namesake_max"] >= 5
    assert 0.2 <= m["sons_named_after_grandfather"] <= 0.5
    assert m["rhyming_sibling_pairs"] >= 3 and m["same_name_cousin_pairs"] >= 10
    for t in ("typo", "date_shift", "date_month", "date_missing", "district_only", "shifted_columns",
              "merge_overlap", "unidentified", "wife_of", "kunya", "honorific", "hand_en", "hand_fr",
              "hand_chat", "hand_tr", "family_first", "birth_year", "ar_hamza", "ar_ta_marbuta"):
        assert m[f"{t}_share"] > 0.0005, t
    for level in ("village", "district", "hospital", "governorate", "countryside"):
        assert m[f"place_level_{level}"] > 0.03, level
    for form in ("day", "month", "missing"):
        assert m[f"date_form_{form}"] > 0.02, form
    assert m["date_offset_nonzero"] > 0.08


def test_namesakes_grow_with_size(tmp_path):
    small = measure(simulate_conflict(tmp_path / "s", seed=3, size=1000, profile="mosaic").outdir)
    large = measure(simulate_conflict(tmp_path / "l", seed=3, size=10000, profile="mosaic").outdir)
    assert large["namesake_share_same_governorate"] > small["namesake_share_same_governorate"] + 0.1
    # from the same communities and villages, not new ones
    assert abs(large["family_covictim_share"] - small["family_covictim_share"]) < 0.12


def test_thin_news_records_carry_report_dates_and_governorates(mosaic):
    out, _, records, persons = mosaic
    truth = {r["record_id"]: r for r in records}
    with open(out / "lists" / "news_wires.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    forms = set()
    for gov in GOVERNORATES.values():
        for name in gov.en + (gov.fr,):
            forms |= {name, f"{name} countryside", f"{name} province", f"campagne de {name}",
                      f"province de {name}"}
    forms |= {"Damascus countryside", "Rural Damascus"}
    lags, ages, sexes = Counter(), 0, 0
    for row in rows:
        t = truth[row["id"]]
        p = persons[t["person_id"]]
        assert t["thin"] == "1" and t["script"] == "latin"
        lag = (dt.date.fromisoformat(row["reported"]) - dt.date.fromisoformat(p["date_of_death"])).days
        assert 0 <= lag <= 3 and str(lag) == t["date_offset"]
        lags[lag] += 1
        assert row["location"] in forms, row["location"]
        assert not re.search("[\u0600-\u06ff]", row["name"])
        ages += row["age"] is not None
        sexes += row["sex"] is not None
    assert set(lags) == {0, 1, 2, 3}
    assert ages / len(rows) < 0.2 and 0.4 < sexes / len(rows) < 0.6
    assert {r["thin"] for r in records if r["list_kind"] != "news"} == {"0"}


def test_morgue_dates_received_and_hospital_places(mosaic):
    out, _, records, persons = mosaic
    morgue = [r for r in records if r["source"] == "morgue"]
    assert {r["place_level"] for r in morgue} == {"hospital"}
    lags = Counter(int(r["date_offset"]) for r in morgue)
    assert set(lags) == {0, 1, 2} and lags[0] > lags[1] > lags[2]
    with open(out / "lists" / "morgue_registers.txt", encoding="utf-16", newline="") as f:
        rows = {r["رقم القيد"]: r for r in csv.DictReader(f, delimiter="\t")}
    for r in morgue:
        row, p = rows[r["record_id"]], persons[r["person_id"]]
        received = dt.date(*map(int, row["تاريخ الإدخال"].split("/")))
        assert (received - dt.date.fromisoformat(p["date_of_death"])).days == int(r["date_offset"])
        assert row["المشفى"].startswith("مشفى ") and p["district"] in row["المشفى"]


def test_families_carry_father_and_grandfather_names(mosaic):
    persons = mosaic[3]
    households = defaultdict(list)
    for p in persons.values():
        households[p["household_id"]].append(p)
    checked = 0
    for members in households.values():
        father = next((m for m in members if m["role"] == "father"), None)
        if father is None:
            continue
        for child in (m for m in members if m["role"] in ("son", "daughter")):
            assert child["father_name"] == father["given_name"]
            assert child["grandfather_name"] == father["father_name"]
            assert child["family_name"] == father["family_name"]
            checked += 1
    assert checked > 100


def test_the_merged_coalition_list_repeats_people_across_its_two_id_schemes(mosaic):
    _, _, records, _ = mosaic
    coal = defaultdict(list)
    for r in records:
        if r["source"] == "coal":
            coal[r["person_id"]].append(r)
    both = [rs for rs in coal.values() if {r["record_id"][0] for r in rs} == {"A", "B"}]
    assert len(both) > 100
    assert all({r["script"] for r in rs} == {"arabic", "latin"} for rs in both)


def test_truth_annotations_are_what_linkage_kinds_reads(mosaic):
    """benchmarks/linkage_kinds.py reads every kind for mosaic (none skipped). Only its
    truth-reading part runs."""
    kinds = true_pair_kinds(mosaic[0], mosaic[1].records)
    for k in ("thin~other", "thin~thin", "full~full", "within-list duplicate", "cross-script", "latin~latin",
              "arabic~arabic", "date differs", "date same", "place level differs", "place level same"):
        assert kinds[k] > 0, k
    persons = linkage_kinds_module().load_persons(mosaic[0])
    assert len(persons) == mosaic[1].persons and all(all(v[0]) for v in persons.values())


def test_scripts_as_the_scorer_reads_them(mosaic):
    """tally.simulate.score reads a record's script from the latin_script token."""
    from tally.simulate.score import load_record_scripts

    scripts = load_record_scripts(mosaic[0])
    assert all(scripts[r["record_id"]] == r["script"] for r in mosaic[2])


def test_the_package_stays_apart_from_what_it_must_predict():
    """Designed apart: no import of the other generators, the linker or the normalizers."""
    banned = re.compile(r"^\s*(from|import)\s+tally\.(simulate\.(audit|field|independent|ledger|config|"
                        r"variation|population|capture|articles|tables|writers)|link|normalize)\b", re.M)
    for path in MOSAIC.glob("*.py"):
        assert not banned.search(path.read_text(encoding="utf-8")), path.name


@pytest.mark.slow
def test_50k_in_under_two_minutes(tmp_path):
    result = simulate_conflict(tmp_path / "big", seed=1, size=50000, profile="mosaic")
    assert result.records >= 50000 and result.seconds < 120


def test_reentries_are_spelled_again_and_thin_names_hold_given_and_family_only(mosaic):
    """A re-entry is the same person typed again by the same source: its spelling is drawn
    anew (often, not always, different). A wire name is given + family: never the father's."""
    out, _, records, persons = mosaic
    with open(out / "lists" / "coalition_merged.csv", encoding="utf-8", newline="") as f:
        coal = {r["record_ref"]: r["full_name"] for r in csv.DictReader(f)}
    by_person = defaultdict(list)
    for r in records:
        if r["source"] == "coal":
            by_person[r["person_id"]].append(r["record_id"])
    pairs = [ids for ids in by_person.values() if len(ids) > 1]
    differ = sum(len({coal[i] for i in ids}) > 1 for ids in pairs)
    assert len(pairs) > 50 and differ / len(pairs) > 0.5
    with open(out / "lists" / "news_wires.jsonl", encoding="utf-8") as f:
        wire = [json.loads(line) for line in f]
    truth = {r["record_id"]: r for r in records}
    checked = 0
    for row in wire:
        p = persons[truth[row["id"]]["person_id"]]
        if " " in p["given_name"] or " " in p["family_name"] or p["family_name"].startswith("ال"):
            continue  # compounds and the article may be written as one word or several
        assert len(row["name"].split()) == 2, row["name"]
        checked += 1
    assert checked > 100
