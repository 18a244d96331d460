"""The held-out profile (`tally simulate --profile independent`) writes what it claims."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict

import pytest

from tally.simulate import load_manifest, simulate_conflict


@pytest.fixture(scope="module")
def indep(tmp_path_factory):
    out = tmp_path_factory.mktemp("indep") / "sim"
    result = simulate_conflict(out, seed=3, size=3000, profile="independent")
    with open(out / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        records = list(csv.DictReader(f))
    with open(out / "truth" / "persons.csv", encoding="utf-8", newline="") as f:
        persons = {r["person_id"]: r for r in csv.DictReader(f)}
    return out, result, records, persons


def _rows(out, source):
    with open(out / "lists" / f"{source}.csv", encoding="utf-8", newline="") as f:
        return {r[0]: r for r in csv.reader(f)}


def test_same_seed_same_files(indep, tmp_path):
    out, result, _, _ = indep
    again = simulate_conflict(tmp_path / "again", seed=3, size=3000, profile="independent")
    assert again.records == result.records >= 3000
    for s in load_manifest(out)["sources"]:
        assert (out / s["file"]).read_bytes() == (tmp_path / "again" / s["file"]).read_bytes()


def test_families_carry_their_fathers_names(indep):
    _, _, _, persons = indep
    by_household = defaultdict(list)
    for p in persons.values():
        by_household[p["household_id"]].append(p)
    # a child's father name is a killed man's given name in its household, with his father's
    # name as the child's grandfather name
    found = 0
    for members in by_household.values():
        fathers = {(m["given_name"], m["father_name"]) for m in members if m["sex"] == "male"}
        found += sum((m["father_name"], m["grandfather_name"]) in fathers for m in members)
    assert found > 50
    documented = [p for p in persons.values() if p["n_records"] != "0"]
    share = Counter()
    by_incident = defaultdict(Counter)
    for p in documented:
        by_incident[p["incident_id"]][p["family_name"]] += 1
    share = sum(by_incident[p["incident_id"]][p["family_name"]] > 1 for p in documented) / len(documented)
    assert 0.4 < share < 0.75  # about half have a co-victim with their family name


def test_news_dates_are_report_dates_and_places_governorates(indep):
    out, _, records, persons = indep
    rows = _rows(out, "news-a")
    lags = Counter()
    for r in records:
        if r["source"] != "news-a":
            continue
        row = rows[r["record_id"]]
        lag = (dt.date.fromisoformat(row[4]) - dt.date.fromisoformat(persons[r["person_id"]]["date_of_death"])).days
        lags[lag] += 1
        assert len(row[1].split()) >= 2  # given and family only (a family name may be two words)
    assert set(lags) == {0, 1, 2, 3}


def test_each_list_re_enters_some_victims(indep):
    _, _, records, _ = indep
    per_list = Counter((r["source"], r["person_id"]) for r in records)
    repeated = Counter(src for (src, _), n in per_list.items() if n > 1)
    assert set(repeated) == {"docs-ar", "docs-en", "news-a", "news-b", "hospital"}


def test_the_cli_writes_the_held_out_profile(cli, tmp_path):
    out = tmp_path / "held-out"
    r = cli("simulate", out, "--seed", "2", "--size", "300", "--profile", "independent")
    assert r.code == 0, r.err
    assert load_manifest(out)["profile"] == "independent"
    assert {s["kind"] for s in load_manifest(out)["sources"]} >= {"news_outlet", "official"}
