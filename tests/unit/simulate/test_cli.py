"""The shells: `tally simulate` and `tally score` parse, call the core and print."""

from __future__ import annotations

import csv
import json

import pytest

from tally.simulate import population, simulate_conflict, tables


def test_simulate_and_score(cli, tmp_path):
    out = tmp_path / "sim"
    r = cli("simulate", out, "--seed", "3", "--size", "400")
    assert r.code == 0, r.err
    assert "victims" in r.out and (out / "simulation.json").is_file()
    assert (out / "README.md").read_text(encoding="utf-8").startswith("# Simulated conflict")
    with open(out / "truth" / "records.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    clusters = tmp_path / "clusters.csv"
    clusters.write_text("record_id,cluster_id\n" + "".join(
        f"{row['record_id']},{row['person_id']}\n" for row in rows), encoding="utf-8")
    r = cli("score", out, "--clusters", clusters, "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)["linkage"]
    assert report["f1"] == 1.0 and report["bcubed_f1"] == 1.0
    assert report["cross_script_true_pairs"] > 0 and report["cross_script_recall"] == 1.0
    r = cli("-p", tmp_path / "no-project", "score", out)
    assert r.code == 1  # no project there, no clusters given


def test_simulate_refuses_bad_size_and_profile(cli, tmp_path):
    assert cli("simulate", tmp_path / "x", "--size", "0").code == 2
    assert cli("simulate", tmp_path / "x", "--profile", "worst").code == 2


def test_hard_profile_scales_error_rates(tmp_path):
    simulate_conflict(tmp_path / "h", seed=2, size=300, profile="hard")
    manifest = json.loads((tmp_path / "h" / "simulation.json").read_text(encoding="utf-8"))
    assert manifest["profile"] == "hard"
    rg_ar = next(s for s in manifest["sources"] if s["id"] == "rg-ar")
    assert rg_ar["errors"]["missing_age"] == pytest.approx(0.15 * 1.6)
    assert rg_ar["errors"]["missing_grandfather"] == pytest.approx(0.8)


def test_fallback_places_when_gazetteer_is_missing(tmp_path, monkeypatch):
    by_gov: dict = {}
    for p in tables.FALLBACK_PLACES:
        by_gov.setdefault(p.gov_id, []).append(p)
    monkeypatch.setattr(population, "places_by_governorate",
                        lambda: {k: tuple(v) for k, v in by_gov.items()})
    result = simulate_conflict(tmp_path / "fb", seed=1, size=300)
    assert result.records >= 300
    with open(tmp_path / "fb" / "truth" / "incidents.csv", encoding="utf-8", newline="") as f:
        ids = {row["place_id"] for row in csv.DictReader(f)}
    assert ids <= {p.place_id for p in tables.FALLBACK_PLACES}


@pytest.mark.parametrize("size", [1, 2])
def test_tiny_sizes(tmp_path, size):
    result = simulate_conflict(tmp_path / "t", seed=5, size=size)
    assert result.records >= size and result.persons >= 1


def test_refuses_a_folder_that_is_not_a_simulation(cli, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "lists").mkdir()
    r = cli("simulate", tmp_path / "mine", "--size", "10")
    assert r.code == 1 and "not empty" in r.err
    assert (tmp_path / "mine" / "lists").is_dir()
    assert cli("simulate", tmp_path / "again", "--size", "10").code == 0
    assert cli("simulate", tmp_path / "again", "--size", "10").code == 0  # replaces itself


def test_every_list_ingests_with_tally_ingest_mapping(cli, tmp_path):
    """The command a user types: `tally ingest FILE --source ID --mapping MAP.toml`."""
    sim = tmp_path / "sim"
    result = simulate_conflict(sim, seed=4, size=600)
    manifest = json.loads((sim / "simulation.json").read_text(encoding="utf-8"))
    proj = tmp_path / "proj"
    assert cli("init", proj).code == 0
    for s in manifest["sources"]:
        r = cli("-p", proj, "source", "add", s["id"], "--name", s["name"], "--kind", s["kind"],
                "--reliability", s["reliability"], "--language", s["language"])
        assert r.code == 0, r.err
        r = cli("-p", proj, "ingest", sim / s["file"], "--source", s["id"],
                "--mapping", sim / s["mapping"])
        assert r.code == 0, r.err
        n = result.records_by_source[s["id"]]
        assert f"ingested {n:,} records, 0 quarantined" in r.out.replace("\n", " "), r.out
