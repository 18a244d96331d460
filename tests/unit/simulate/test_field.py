"""The field profile (held out #2): determinism, the shares its docstring states,
truth for every record, and lists that ingest through their mappings."""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from tally.demo import ingest_simulation
from tally.project import Project
from tally.simulate import load_manifest, simulate_conflict
from tally.simulate.score import load_record_scripts, load_record_truth

SIZE = 5000


@pytest.fixture(scope="module")
def field_sim(tmp_path_factory):
    out = tmp_path_factory.mktemp("field") / "sim"
    return out, simulate_conflict(out, seed=3, size=SIZE, profile="field")


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_lists(field_sim, tmp_path):
    out, _ = field_sim
    again = tmp_path / "again"
    simulate_conflict(again, seed=3, size=SIZE, profile="field")
    assert _files(again) == _files(out)
    other = tmp_path / "other"
    simulate_conflict(other, seed=4, size=SIZE, profile="field")
    assert _files(other)["lists/hr-en.csv"] != _files(out)["lists/hr-en.csv"]


def test_every_record_has_a_true_person_and_its_annotations(field_sim):
    out, result = field_sim
    records = _rows(out / "truth" / "records.csv")
    persons = {p["person_id"] for p in _rows(out / "truth" / "persons.csv")}
    assert len(records) == result.records >= SIZE
    assert all(r["person_id"] in persons for r in records)
    ids = {r["record_id"] for r in records}
    for r in records:
        assert r["list_kind"] in {"rights_ar", "rights_en", "news", "morgue"}
        assert r["script"] in {"arabic", "latin"} and r["thin"] in {"0", "1"}
        assert r["date_form"] in {"day", "month", "missing"}
        assert r["place_level"] in {"village", "district", "governorate"}
        if r["duplicate_of"]:
            assert r["duplicate_of"] in ids and r["duplicate_of"] != r["record_id"]
    # the scorer's script reading agrees with the annotation
    scripts = load_record_scripts(out)
    assert all(scripts[r["record_id"]] == r["script"] for r in records)


def test_shares_are_those_the_docstring_states(field_sim):
    out, _ = field_sim
    records = _rows(out / "truth" / "records.csv")
    persons = _rows(out / "truth" / "persons.csv")
    n = len(records)
    thin = [r for r in records if r["thin"] == "1"]
    assert 0.24 < len(thin) / n < 0.34                                       # about 29%
    assert 0.035 < sum(bool(r["duplicate_of"]) for r in records) / n < 0.075  # about 5%
    # thin records: given + family only, report date 0-3 days late, mostly Latin
    assert {r["date_offset"] for r in thin} == {"0", "1", "2", "3"}
    assert sum(r["script"] == "latin" for r in thin) / len(thin) > 0.5
    by_person = defaultdict(list)
    for r in records:
        by_person[r["person_id"]].append(r["script"])
    pairs = cross = 0
    for s in by_person.values():
        for i in range(len(s)):
            for j in range(i):
                pairs += 1
                cross += s[i] != s[j]
    assert 0.42 < cross / pairs < 0.62                                       # about half
    by_incident = defaultdict(Counter)
    for p in persons:
        by_incident[p["incident_id"]][p["family_name"]] += 1
    co = sum(by_incident[p["incident_id"]][p["family_name"]] > 1 for p in persons) / len(persons)
    assert 0.45 < co < 0.68                                                  # about half
    names = Counter((p["given_name"], p["family_name"]) for p in persons)
    assert sum(v for v in names.values() if v > 1) / len(persons) > 0.3       # namesakes common


def test_relatives_carry_father_and_grandfather_names(field_sim):
    out, _ = field_sim
    persons = _rows(out / "truth" / "persons.csv")
    by_family = defaultdict(list)
    for p in persons:
        by_family[p["family_id"]].append(p)
    # a child's grandfather is the father of a killed sibling of its father, somewhere
    linked = 0
    for members in by_family.values():
        fathers = {(m["given_name"], m["father_name"]) for m in members}
        linked += any((m["father_name"], m["grandfather_name"]) in fathers for m in members)
    assert linked > 10


def test_lists_ingest_through_their_mappings(tmp_path):
    out = tmp_path / "small"
    result = simulate_conflict(out, seed=5, size=1200, profile="field")
    project = Project.init(tmp_path / "proj")
    ingested = ingest_simulation(project, out)
    assert [s["id"] for s, _ in ingested] == [s["id"] for s in load_manifest(out)["sources"]]
    for s, report in ingested:
        assert report.status == "ingested", s["id"]
        assert report.quarantined == 0, s["id"]
        assert report.records == result.records_by_source[s["id"]], s["id"]
    truth = load_record_truth(out)
    with project.connect(read_only=True) as con:
        stored = dict(con.execute(
            "SELECT source_record_id, name FROM victim_record").fetchall())
        dated = con.execute(
            "SELECT count(*) FROM victim_record WHERE source_id = 'news-en' "
            "AND date_of_death IS NOT NULL").fetchall()[0][0]
    assert set(stored) == set(truth)
    assert all(stored.values())
    assert dated == result.records_by_source["news-en"]
