"""The third held-out profile (`tally simulate --profile audit`) writes what it claims.

Only the generator is tested here: the linker is never run on this profile outside the
coordinator's one held-out run.
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
from tests.unit.simulate.pair_kinds import true_pair_kinds
from tally.simulate.audit.lists import GOV_LATIN
from tally.simulate.audit.measure import measure

ROOT = Path(__file__).resolve().parents[3]
AUDIT = ROOT / "src" / "tally" / "simulate" / "audit"


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit") / "sim"
    result = simulate_conflict(out, seed=1, size=5000, profile="audit")
    with open(out / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(out / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        persons = {r["person_id"]: r for r in csv.DictReader(f)}
    return out, result, records, persons


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    a = simulate_conflict(tmp_path / "a", seed=4, size=800, profile="audit")
    simulate_conflict(tmp_path / "b", seed=4, size=800, profile="audit")
    simulate_conflict(tmp_path / "c", seed=5, size=800, profile="audit")
    assert a.records >= 800 and set(a.records_by_source) == {
        "rights-ar", "bilingual", "english", "news-wire", "news-agg", "morgue", "local"}
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a")["truth/records.csv"] != _files(tmp_path / "c")["truth/records.csv"]


def test_every_list_ingests_with_tally_ingest_and_no_problems(cli, tmp_path):
    """The commands a user types, on each of the seven lists: nothing quarantined, no value
    flagged (dates, ages and sexes all in shapes Tally reads)."""
    from tally.project import Project

    sim = tmp_path / "sim"
    assert cli("simulate", sim, "--seed", "2", "--size", "700", "--profile", "audit").code == 0
    manifest = load_manifest(sim)
    assert manifest["profile"] == "audit"
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
    assert flagged == 0
    assert named == manifest["counts"]["records"]


def test_arabic_is_really_in_the_encodings_claimed(audit):
    out = audit[0]
    raw = (out / "lists" / "rights_ar.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "الاسم الكامل" in raw.decode("cp1256") and b"\r\n" in raw
    morgue = (out / "lists" / "morgue.txt").read_bytes()
    assert morgue[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert "مجهول الهوية" in morgue.decode("utf-16") and "\t" in morgue.decode("utf-16")
    local = (out / "lists" / "local.csv").read_bytes()
    assert local.startswith(b"\xef\xbb\xbf") and "تاريخ الاستشهاد" in local.decode("utf-8-sig")
    with zipfile.ZipFile(out / "lists" / "bilingual.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert re.search("[\u0600-\u06ff]", sheet) and "Adult - Male" in sheet


def test_the_promised_shares_hold_at_5k(audit):
    m = measure(audit[0])
    assert 4800 <= m["records"] <= 5400
    assert 0.12 <= m["thin_share"] <= 0.18              # news records: given + family only
    assert 0.025 <= m["reentry_share"] <= 0.055         # same person twice in one list
    assert 0.50 <= m["cross_script_pair_share"] <= 0.66  # over half the true pairs cross scripts
    assert 0.42 <= m["family_covictim_share"] <= 0.60   # about half share a family name in their incident
    assert 0.08 <= m["namesake_share"] <= 0.22          # given + family shared in the governorate
    assert m["namesake_max"] >= 4
    assert m["one_letter_sibling_pairs"] >= 20          # سلمى / لمى
    # two branches of a clan in one incident: same father name, another grandfather
    assert m["one_letter_branch_pairs"] >= 2 and m["same_name_branch_pairs"] >= 5
    assert 0.33 <= m["eldest_named_after_grandfather"] <= 0.5
    assert 0.005 <= m["unidentified_share"] <= 0.025
    for level in ("village", "neighbourhood", "district", "hospital", "governorate"):
        assert m[f"place_{level}"] > 0.03, level


def test_thin_news_records_carry_report_dates_and_governorates(audit):
    out, _, records, persons = audit
    truth = {r["record_id"]: r for r in records}
    with open(out / "lists" / "news_wire.jsonl", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    assert rows
    ages = 0
    for row in rows:
        t = truth[row["id"]]
        assert t["thin"] == "1" and t["place_level"] == "governorate"
        lag = (dt.date.fromisoformat(row["reported"])
               - dt.date.fromisoformat(persons[t["person_id"]]["date_of_death"])).days
        assert 0 <= lag <= 3 and str(lag) == t["date_offset"]
        gov = persons[t["person_id"]]["governorate"]
        where = row["location"]
        if re.search("[A-Za-z]", where):  # Latin: "Latakia", "Lattakia countryside", "Homs province"
            assert where.removesuffix(" countryside").removesuffix(" province") in GOV_LATIN[gov]
        else:
            assert re.fullmatch(r"(ريف |محافظة )?[\u0600-\u06ff ]+", where)
        ages += row["age"] is not None
    assert ages / len(rows) < 0.25
    assert {r["thin"] for r in records if r["list_kind"] != "news"} == {"0"}


def test_morgue_dates_received_and_hospital_places(audit):
    out, _, records, persons = audit
    morgue = [r for r in records if r["source"] == "morgue"]
    assert {r["place_level"] for r in morgue} == {"hospital"}
    lags = Counter(int(r["date_offset"]) for r in morgue)
    assert set(lags) == {0, 1, 2} and lags[0] > lags[1] > lags[2]
    text = (out / "lists" / "morgue.txt").read_text(encoding="utf-16")
    assert "مشفى" in text and "مجهول من عائلة" in text


def test_families_carry_father_and_grandfather_names(audit):
    persons = audit[3]
    households = defaultdict(list)
    for p in persons.values():
        households[p["household_id"]].append(p)
    checked = 0
    for members in households.values():
        father = next((m for m in members if m["role"] == "father"), None)
        if father is None:
            continue
        for child in (m for m in members if m["role"] == "child"):
            assert child["father_name"] == father["given_name"]
            assert child["grandfather_name"] == father["father_name"]
            assert child["family_name"] == father["family_name"]
            checked += 1
        for cousin in (m for m in members if m["role"] == "cousin"):
            assert cousin["grandfather_name"] == father["father_name"]
    assert checked > 300


def test_truth_annotations_are_what_linkage_kinds_reads(audit):
    """benchmarks/linkage_kinds.py reports every kind for audit: thin, re-entries, scripts,
    dates and place levels all annotated (no kind skipped)."""
    kinds = true_pair_kinds(audit[0], audit[1].records)
    for k in ("thin~other", "thin~thin", "within-list duplicate", "cross-script", "latin~latin",
              "arabic~arabic", "date differs", "place level differs"):
        assert kinds[k] > 0, k


def test_the_package_stays_apart_from_what_it_must_predict():
    """Designed apart: no import of the other generators, the linker or the normalizers."""
    banned = re.compile(r"^\s*(from|import)\s+tally\.(simulate\.(field|independent|config|variation|"
                        r"population|tables)|link|normalize)\b", re.M)
    for path in AUDIT.glob("*.py"):
        assert not banned.search(path.read_text(encoding="utf-8")), path.name


def test_the_english_house_style_drifts_and_the_bilingual_list_misses_cells(audit):
    out, _, records, persons = audit
    truth = {r["record_id"]: r for r in records}
    forms: dict[str, Counter] = {"early": Counter(), "late": Counter()}
    with open(out / "lists" / "english.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            p = persons[truth[row["Ref"]]["person_id"]]
            if p["given_latin"] == "Muhammad":
                when = "early" if p["date_of_death"] < "2025-07-01" else "late"
                forms[when][row["Victim"].split(" ")[0]] += 1
    assert forms["early"].most_common(1)[0][0] == "Mohammad"
    assert forms["late"].most_common(1)[0][0] == "Muhammed"
    assert len(forms["early"]) >= 3  # never perfectly consistent
    with zipfile.ZipFile(out / "lists" / "bilingual.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    rows = re.findall(r"<row r=\"(\d+)\">(.*?)</row>", sheet)[1:]
    no_latin = sum(f'<c r="B{n}"' not in cells for n, cells in rows)
    no_arabic = sum(f'<c r="C{n}"' not in cells for n, cells in rows)
    assert 0.06 < no_latin / len(rows) < 0.2 and 0.1 < no_arabic / len(rows) < 0.3
