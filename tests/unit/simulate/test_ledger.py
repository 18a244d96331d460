"""The fourth held-out profile (`tally simulate --profile ledger`) writes what it claims.

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
from tally.simulate.ledger.measure import measure
from tally.simulate.ledger.places import GOVERNORATES

ROOT = Path(__file__).resolve().parents[3]
LEDGER = ROOT / "src" / "tally" / "simulate" / "ledger"
LISTS = {"hrg-ar", "mon-en", "news-en", "news-fr", "hosp", "page", "civreg"}


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    out = tmp_path_factory.mktemp("ledger") / "sim"
    result = simulate_conflict(out, seed=1, size=5000, profile="ledger")
    with open(out / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(out / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        persons = {r["person_id"]: r for r in csv.DictReader(f)}
    return out, result, records, persons


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a = simulate_conflict(tmp_path / "a", seed=4, size=800, profile="ledger")
    simulate_conflict(tmp_path / "b", seed=4, size=800, profile="ledger")
    simulate_conflict(tmp_path / "c", seed=5, size=800, profile="ledger")
    assert a.records >= 800 and set(a.records_by_source) == LISTS
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a")["truth/records.csv"] != _files(tmp_path / "c")["truth/records.csv"]


def test_every_list_ingests_with_tally_ingest_and_no_problems(cli, tmp_path):
    """The commands a user types, on each of the seven lists: nothing quarantined, no value
    flagged (dates, ages, sexes and birth years all in shapes Tally reads)."""
    from tally.project import Project

    sim = tmp_path / "sim"
    assert cli("simulate", sim, "--seed", "2", "--size", "900", "--profile", "ledger").code == 0
    manifest = load_manifest(sim)
    assert manifest["profile"] == "ledger"
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
        dated = con.execute("SELECT count(*) FROM victim_record WHERE source_id = 'civreg' "
                            "AND date_of_death IS NOT NULL AND birth_year IS NOT NULL").fetchone()[0]
    assert flagged == 0
    assert named == manifest["counts"]["records"]
    assert dated == manifest["counts"]["records_by_source"]["civreg"]


def test_arabic_is_really_in_the_encodings_claimed(ledger):
    out = ledger[0]
    raw = (out / "lists" / "hrg_ar.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "الجنس والفئة العمرية" in raw.decode("cp1256") and b"\r\n" in raw
    morgue = (out / "lists" / "hospital_morgue.txt").read_bytes()
    assert morgue[:2] in (b"\xff\xfe", b"\xfe\xff")
    text = morgue.decode("utf-16")
    assert "مجهول الهوية" in text and "\t" in text and "مشفى" in text
    page = (out / "lists" / "community_page.csv").read_bytes()
    assert page.startswith(b"\xef\xbb\xbf") and "القرية" in page.decode("utf-8-sig")
    for name, sheet_text in (("monitor_en.xlsx", "Female"), ("civil_registry.xlsx", "أنثى")):
        with zipfile.ZipFile(out / "lists" / name) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
        assert sheet_text in sheet, name
    with zipfile.ZipFile(out / "lists" / "civil_registry.xlsx") as z:
        assert re.search("[\u0600-\u06ff]", z.read("xl/worksheets/sheet1.xml").decode("utf-8"))


def test_the_promised_shares_hold_at_5k(ledger):
    m = measure(ledger[0])
    assert 4900 <= m["records"] <= 5300
    assert 0.12 <= m["thin_share"] <= 0.22                 # news records: given + family only
    assert 0.02 <= m["reentry_share"] <= 0.05              # the same person twice in one list
    assert 0.5 < m["cross_script_pair_share"] <= 0.65      # over half the true pairs cross scripts
    assert 0.42 <= m["family_covictim_share"] <= 0.62      # about half share a family name in their incident
    assert 0.08 <= m["namesake_share"] <= 0.35             # given + family shared in the governorate
    assert m["namesake_max"] >= 4
    assert m["one_letter_sibling_pairs"] >= 15             # سلمى / لمى
    # two branches of a clan in one incident: same father name, another grandfather
    assert m["branch_pairs_one_letter"] >= 2 and m["branch_pairs_same_name"] >= 2
    assert 0.25 <= m["eldest_named_after_grandfather"] <= 0.5
    assert 0.005 <= m["unidentified_share"] <= 0.03
    for form in ("kunya", "nickname", "relation_form", "compound_form", "compound_joined", "no_article",
                 "translit_english", "translit_french", "translit_academic", "age_range"):
        assert m[f"{form}_share"] > 0.001, form
    for level in ("village", "district", "hospital", "governorate"):
        assert m[f"place_{level}"] > 0.05, level
    for form in ("day_exact", "day_off", "month", "missing"):
        assert m[f"date_{form}"] > 0.01, form


def test_namesakes_grow_with_size(tmp_path):
    small = measure(simulate_conflict(tmp_path / "s", seed=3, size=1000, profile="ledger").outdir)
    large = measure(simulate_conflict(tmp_path / "l", seed=3, size=8000, profile="ledger").outdir)
    assert large["namesake_share"] > small["namesake_share"] + 0.05


def test_thin_news_records_carry_report_dates_and_governorates(ledger):
    out, _, records, persons = ledger
    truth = {r["record_id"]: r for r in records}
    with open(out / "lists" / "news_en.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    assert rows
    latin_govs = {g for gov in GOVERNORATES.values() for g in gov.latin}
    ages = sexes = latin = 0
    lags = Counter()
    for row in rows:
        t = truth[row["id"]]
        assert t["thin"] == "1" and t["place_level"] == "governorate"
        p = persons[t["person_id"]]
        lag = (dt.date.fromisoformat(row["reported"]) - dt.date.fromisoformat(p["date_of_death"])).days
        assert 0 <= lag <= 3 and str(lag) == t["date_offset"]
        lags[lag] += 1
        gov = GOVERNORATES[p["governorate"]]
        where = row["location"]
        if re.search("[A-Za-z]", where):
            latin += 1
            assert (where in gov.countryside or where.removesuffix(" province") in gov.latin), where
            assert where.removesuffix(" province") in latin_govs or where in gov.countryside
        else:
            assert where in (gov.ar, gov.countryside_ar, f"محافظة {gov.ar}"), where
        ages += row["age"] is not None
        sexes += row["sex"] is not None
    assert set(lags) == {0, 1, 2, 3}
    assert ages / len(rows) < 0.2 and 0.4 < sexes / len(rows) < 0.6 and latin / len(rows) > 0.9
    assert {r["thin"] for r in records if r["list_kind"] != "news"} == {"0"}


def test_morgue_dates_received_and_hospital_places(ledger):
    out, _, records, persons = ledger
    morgue = [r for r in records if r["source"] == "hosp"]
    assert {r["place_level"] for r in morgue} == {"hospital"}
    lags = Counter(int(r["date_offset"]) for r in morgue)
    assert set(lags) == {0, 1, 2} and lags[0] > lags[1] > lags[2]
    with open(out / "lists" / "hospital_morgue.txt", encoding="utf-16", newline="") as f:
        rows = {r["رقم القيد"]: r for r in csv.DictReader(f, delimiter="\t")}
    towns = set()
    for r in morgue:
        row, p = rows[r["record_id"]], persons[r["person_id"]]
        received = dt.date(*map(int, row["تاريخ الإدخال"].split("/")))
        assert (received - dt.date.fromisoformat(p["date_of_death"])).days == int(r["date_offset"])
        assert row["المشفى"].startswith("مشفى ") and row["المدينة"] in row["المشفى"]
        towns.add(row["المدينة"])
    villages = {persons[r["person_id"]]["place_ar"] for r in morgue}
    assert len(towns) < len(villages) / 2  # district centres, far fewer than the villages


def test_families_carry_father_and_grandfather_names(ledger):
    persons = ledger[3]
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
            assert child["given_name"] != father["given_name"]
            checked += 1
    assert checked > 200


def test_truth_annotations_are_what_linkage_kinds_reads(ledger):
    """benchmarks/linkage_kinds.py reads every kind for ledger: thin, re-entries, scripts,
    dates and place levels all annotated (no kind skipped). Only its truth-reading part runs."""
    kinds = true_pair_kinds(ledger[0], ledger[1].records)
    for k in ("thin~other", "thin~thin", "full~full", "within-list duplicate", "cross-script", "latin~latin",
              "arabic~arabic", "date differs", "date same", "place level differs", "place level same"):
        assert kinds[k] > 0, k
    persons = linkage_kinds_module().load_persons(ledger[0])
    assert len(persons) == ledger[1].persons and all(all(v[0]) for v in persons.values())


def test_scripts_as_the_scorer_reads_them(ledger):
    """tally.simulate.score reads a record's script from the latin_script token."""
    from tally.simulate.score import load_record_scripts

    scripts = load_record_scripts(ledger[0])
    assert all(scripts[r["record_id"]] == r["script"] for r in ledger[2])


def test_the_package_stays_apart_from_what_it_must_predict():
    """Designed apart: no import of the other generators, the linker or the normalizers."""
    banned = re.compile(r"^\s*(from|import)\s+tally\.(simulate\.(audit|field|independent|config|variation|"
                        r"population|capture|articles|tables|writers)|link|normalize)\b", re.M)
    for path in LEDGER.glob("*.py"):
        assert not banned.search(path.read_text(encoding="utf-8")), path.name
