"""The simulator: determinism, formats, truth consistency, measured error rates."""

from __future__ import annotations

import csv
import json
import math
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tally.demo import ingest_simulation
from tally.project import Project
from tally.simulate import config, load_manifest, simulate_conflict
from tally.simulate.tables import load_names
from tally.simulate.writers import UNIDENTIFIED_AR

from .conftest import SEED, SIZE

PROFILE = {s.id: s for s in config.SOURCES}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _rows(path: Path, encoding: str = "utf-8", delimiter: str = ",") -> list[dict]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def _close(measured: float, expected: float, n: int) -> bool:
    """Within 4 binomial standard deviations (+1 point for small n)."""
    sd = math.sqrt(max(expected * (1 - expected), 1e-9) / max(n, 1))
    return abs(measured - expected) <= 4 * sd + 0.01


@pytest.fixture(scope="module")
def truth(sim):
    out, _ = sim
    persons = {r["person_id"]: r for r in _rows(out / "truth" / "persons.csv")}
    records = _rows(out / "truth" / "records.csv")
    return persons, records


# -- determinism ---------------------------------------------------------------

def test_same_seed_gives_identical_bytes(sim, tmp_path):
    out, _ = sim
    again = tmp_path / "b"
    simulate_conflict(again, seed=SEED, size=SIZE)
    first, second = _files(out), _files(again)
    assert list(first) == list(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_different_seed_differs(sim, tmp_path):
    out, _ = sim
    other = tmp_path / "c"
    simulate_conflict(other, seed=SEED + 1, size=SIZE)
    first, second = _files(out), _files(other)
    for name in ("lists/rg-ar_cp1256.csv", "lists/rg-en.xlsx", "lists/local_mixed.csv",
                 "lists/morgue_utf16.txt", "lists/monitor.jsonl", "truth/persons.csv"):
        assert first[name] != second[name], name


def test_places_come_from_the_shipped_gazetteer(sim):
    out, _ = sim
    assert load_manifest(out)["places"] == "gazetteer"


def test_xlsx_has_fixed_timestamps(sim):
    out, _ = sim
    with zipfile.ZipFile(out / "lists" / "rg-en.xlsx") as z:
        assert {i.date_time for i in z.infolist()} == {(2025, 11, 1, 0, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2025-11-01T00:00:00Z" in core


# -- formats -------------------------------------------------------------------

def test_arabic_list_is_windows_1256(sim):
    out, _ = sim
    raw = (out / "lists" / "rg-ar_cp1256.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    text = raw.decode("cp1256")
    assert "الاسم" in text.splitlines()[0] and ";" in text.splitlines()[0]


def test_every_list_ingests_through_its_mapping(sim, tmp_path):
    out, result = sim
    project = Project.init(tmp_path / "proj")
    ingested = ingest_simulation(project, out)
    assert [s["id"] for s, _ in ingested] == [s["id"] for s in load_manifest(out)["sources"]]
    for s, report in ingested:
        assert report.status == "ingested"
        assert report.quarantined == 0, s["id"]
        assert report.records == result.records_by_source[s["id"]], s["id"]
    ar = _rows(out / "lists" / "rg-ar_cp1256.csv", "cp1256", ";")
    with project.connect(read_only=True) as con:
        stored = dict(con.execute(
            "SELECT source_record_id, given_name || '|' || family_name || '|' || name "
            "FROM victim_record WHERE source_id = 'rg-ar'").fetchall())
        sexes = dict(con.execute(
            "SELECT source_id, count(*) FROM victim_record WHERE sex IN ('male', 'female') "
            "GROUP BY ALL").fetchall())
        morgue_unidentified = con.execute(
            "SELECT count(*) FROM victim_record WHERE source_id = 'morgue' AND name = ?",
            [UNIDENTIFIED_AR]).fetchall()[0][0]
    for row in ar:
        parts = [row["الاسم"], row["اسم الأب"], row["اسم الجد"], row["الكنية"]]
        assert stored[row["الرقم"]] == "|".join(
            [row["الاسم"], row["الكنية"], " ".join(p for p in parts if p)])
    assert any("ة" in v or "أ" in v for v in stored.values())
    for sid in ("rg-ar", "rg-en", "morgue", "monitor"):
        assert sexes[sid] == result.records_by_source[sid], sid
    assert morgue_unidentified > 0


def test_articles_and_claim_spans(sim):
    out, result = sim
    claims = json.loads((out / "truth" / "claims.json").read_text(encoding="utf-8"))
    index = [json.loads(line) for line in (out / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(index) == result.articles > 0 and len(claims) == result.claims
    texts = {a["id"]: a["text"] for a in index}
    required = ("killed_low", "killed_best", "killed_high", "incident_count_low",
                "incident_count_high", "victim_group", "status", "place", "date_start", "date_end",
                "perpetrator", "attribution", "cited_source", "evidence_text", "evidence_start",
                "evidence_end")
    for c in claims:
        assert all(k in c for k in required)
        text = texts[c["article_id"]]
        assert (out / "articles" / f"{c['article_id']}.txt").read_text(encoding="utf-8") == text
        assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]
        assert c["killed_low"] is None or c["killed_high"] is None or c["killed_low"] <= c["killed_high"]
    assert any(c["killed_best"] is None for c in claims)  # vague counts exist
    assert any(c["attribution"] == "contested" for c in claims)


# -- truth ---------------------------------------------------------------------

def test_truth_is_consistent(sim, truth):
    out, result = sim
    persons, records = truth
    incidents = {r["incident_id"]: r for r in _rows(out / "truth" / "incidents.csv")}
    assert len(persons) == result.persons and len(incidents) == result.incidents
    assert len(records) == result.records
    assert len({r["record_id"] for r in records}) == len(records)
    per_person = Counter(r["person_id"] for r in records)
    for r in records:
        assert r["person_id"] in persons
        assert persons[r["person_id"]]["incident_id"] == r["incident_id"]
    ids = [s.id for s in config.SOURCES]
    for pid, p in persons.items():
        assert int(p["n_records"]) == per_person.get(pid, 0)
    by_source = Counter((r["person_id"], r["source"]) for r in records)
    for (pid, sid), n in by_source.items():
        assert persons[pid][sid] == "1"
        assert n == 1 or sid == "local"
    killed = Counter(p["incident_id"] for p in persons.values())
    for iid, inc in incidents.items():
        assert int(inc["killed"]) == killed[iid]
    gm = _rows(out / "truth" / "strata_governorate_month.csv")
    comm = _rows(out / "truth" / "strata_community.csv")
    assert sum(int(r["n_true"]) for r in gm) == sum(int(r["n_true"]) for r in comm) == len(persons)
    documented = sum(1 for p in persons.values() if any(p[s] == "1" for s in ids))
    assert sum(int(r["n_documented"]) for r in gm) == documented == result.documented
    histories = _rows(out / "truth" / "capture_histories.csv")
    assert sum(int(r["count"]) for r in histories) == documented
    assert all(any(r[s] == "1" for s in ids) for r in histories)  # no all-zero row
    # the population has what linkage must handle: relatives and namesakes
    households = Counter(p["household_id"] for p in persons.values())
    assert sum(1 for n in households.values() if n > 1) > 50
    names = Counter((p["given_key"], p["father_key"], p["family_key"]) for p in persons.values())
    assert any(n > 1 for n in names.values())
    periods = {p["date_of_death"][:7] for p in persons.values()}
    assert min(periods) == "2024-12" and max(periods) == "2025-10"
    assert Counter(p["community"] for p in persons.values())["alawite"] > 0.1 * len(persons)


def test_capture_is_heterogeneous_and_dependent(truth):
    persons, _ = truth
    ps = list(persons.values())
    easy = [p for p in ps if p["latent_class"] == "easy"]
    hard = [p for p in ps if p["latent_class"] == "hard"]
    rate = lambda group, s: sum(p[s] == "1" for p in group) / len(group)  # noqa: E731
    assert rate(easy, "rg-ar") > 2 * rate(hard, "rg-ar")
    with_ar = [p for p in ps if p["rg-ar"] == "1"]
    without_ar = [p for p in ps if p["rg-ar"] == "0"]
    assert rate(with_ar, "rg-en") > 1.5 * rate(without_ar, "rg-en")
    assert any(all(p[s] == "0" for s in PROFILE) for p in ps)  # undocumented victims


# -- measured error rates ------------------------------------------------------

def test_arabic_list_error_rates(sim, truth):
    out, _ = sim
    persons, _ = truth
    rates = PROFILE["rg-ar"].errors
    rows = _rows(out / "lists" / "rg-ar_cp1256.csv", "cp1256", ";")
    ids = {r["record_id"]: r["person_id"] for r in truth[1] if r["source"] == "rg-ar"}
    n = len(rows)
    missing_gf = sum(not r["اسم الجد"] for r in rows) / n
    missing_age = sum(not r["العمر"] for r in rows) / n
    shifted = sum(r["تاريخ الوفاة"] != persons[ids[r["الرقم"]]]["date_of_death"] for r in rows) / n
    assert _close(missing_gf, rates["missing_grandfather"], n)
    assert _close(missing_age, rates["missing_age"], n)
    assert _close(shifted, rates["date_shift"], n)
    # hamza and ta marbuta per name part. The part is first written in one of
    # the name table's spellings (the usual one 85% of the time), then the
    # scribe drops the hamza / writes ه for ة at the configured rate.
    names = {nm.key: nm for nm in load_names()}

    def expected(nm, has, rate):
        forms = nm.arabic
        ps = [1.0] if len(forms) == 1 else [0.85] + [0.15 / (len(forms) - 1)] * (len(forms) - 1)
        return sum(p * (rate if has(f) else 1.0) for p, f in zip(ps, forms))

    has_hamza = lambda t: re.search("[أإآ]", t) is not None  # noqa: E731
    has_ta = lambda t: t.endswith("ة")  # noqa: E731
    hamza = [0, 0, 0.0]
    ta = [0, 0, 0.0]
    for r in rows:
        p = persons[ids[r["الرقم"]]]
        for col, key in (("الاسم", "given_key"), ("اسم الأب", "father_key")):
            nm = names[p[key]]
            written = r[col]
            if has_hamza(nm.arabic[0]):
                hamza[0] += 1
                hamza[1] += not has_hamza(written)
                hamza[2] += expected(nm, has_hamza, rates["hamza"])
            if has_ta(nm.arabic[0]):
                ta[0] += 1
                ta[1] += written.endswith("ه")
                ta[2] += expected(nm, has_ta, rates["ta_marbuta"])
    assert hamza[0] > 100 and _close(hamza[1] / hamza[0], hamza[2] / hamza[0], hamza[0])
    assert ta[0] > 20 and _close(ta[1] / ta[0], ta[2] / ta[0], ta[0])


def test_english_list_error_rates(sim):
    out, _ = sim
    from python_calamine import CalamineWorkbook

    rates = PROFILE["rg-en"].errors
    sheet = CalamineWorkbook.from_path(str(out / "lists" / "rg-en.xlsx")).get_sheet_by_name("Victims")
    rows = sheet.to_python()[1:]
    n = len(rows)
    month_only = sum(isinstance(r[4], str) and re.fullmatch(r"\d{4}-\d{2}", r[4]) is not None for r in rows)
    ranges = sum(isinstance(r[3], str) and re.fullmatch(r"\d+-\d+", r[3]) is not None for r in rows)
    missing = sum(r[3] in ("", None) for r in rows)
    assert _close(month_only / n, rates["month_only"], n)
    assert _close(ranges / n, rates["age_range"], n)
    assert _close(missing / n, rates["missing_age"], n)
    assert all(re.fullmatch(r"[\x00-\u024f'’ -]+", r[1]) for r in rows)  # Latin script only


def test_mixed_list_error_rates(sim, truth):
    out, _ = sim
    _, records = truth
    rates = PROFILE["local"].errors
    local = [r for r in records if r["source"] == "local"]
    n = len(local)
    duplicates = n - len({r["person_id"] for r in local})
    assert _close(duplicates / n, rates["duplicate"], n)
    flagged = Counter(e for r in local for e in r["errors"].split(";") if e)
    for error in ("latin_script", "typo", "swapped_order", "missing_age", "missing_sex"):
        assert _close(flagged[error] / n, rates[error], n), error
    rows = {r["id"]: r for r in _rows(out / "lists" / "local_mixed.csv", "utf-8-sig")}
    for r in local:
        row = rows[r["record_id"]]
        latin = all(ord(c) < 0x0600 for c in row["name"])
        assert latin == ("latin_script" in r["errors"])
        if "kunya" in r["errors"] and "typo" not in r["errors"]:
            assert row["name"].split()[0] in ("Abu", "Umm", "أبو", "أم") or "swapped_order" in r["errors"]
    assert flagged["kunya"] > 0


def test_morgue_and_monitor_error_rates(sim, truth):
    out, _ = sim
    persons, records = truth
    rates = PROFILE["morgue"].errors
    rows = _rows(out / "lists" / "morgue_utf16.txt", "utf-16", "\t")
    n = len(rows)
    unidentified = [r for r in rows if r["الاسم الكامل"] == UNIDENTIFIED_AR]
    assert _close(len(unidentified) / n, rates["unidentified"], n)
    assert all(re.fullmatch(r"\d+-\d+", r["العمر التقريبي"]) for r in unidentified)
    ids = {r["record_id"]: r["person_id"] for r in records}
    later = sum(r["تاريخ الاستلام"] != persons[ids[r["رقم الجثة"]]]["date_of_death"] for r in rows)
    assert _close(later / n, rates["date_received_later"], n)
    rates = PROFILE["monitor"].errors
    lines = [json.loads(x) for x in (out / "lists" / "monitor.jsonl").read_text(encoding="utf-8").splitlines()]
    n = len(lines)
    off = sum(int(x["birth_year"]) != int(x["date"][:4]) - int(persons[ids[x["id"]]]["age"]) for x in lines)
    assert _close(off / n, rates["birth_year_off"], n)
    assert _close(sum(x["area"] is None for x in lines) / n, rates["governorate_only"], n)


def test_same_seed_identical_across_processes(tmp_path):
    """Different hash seeds (set and dict-of-str ordering) must not change a byte."""
    import os
    import subprocess
    import sys

    outs = []
    for hash_seed in ("1", "2"):
        out = tmp_path / f"p{hash_seed}"
        subprocess.run([sys.executable, "-m", "tally", "simulate", str(out), "--seed", "9",
                        "--size", "800"], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": hash_seed})
        outs.append(_files(out))
    assert outs[0] == outs[1]
