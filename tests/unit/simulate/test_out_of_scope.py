"""simulate_conflict(out_of_scope=...): one list also names people outside the estimate's
population — fighters, deaths never confirmed, some with no status — as that list writes
them; nobody else names them, the truth's victims are the same as without them, and the
manifest says how many there are."""

from __future__ import annotations

import csv
import json

import pytest

from tally.errors import UsageError
from tally.simulate import simulate_conflict


def _rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_one_list_names_people_outside_the_scope_and_the_victims_stay_the_same(tmp_path):
    simulate_conflict(tmp_path / "clean", seed=4, size=600)
    res = simulate_conflict(tmp_path / "oos", seed=4, size=600, out_of_scope=0.2,
                            out_of_scope_list="monitor")
    clean = (tmp_path / "clean" / "truth" / "persons.csv").read_bytes()
    assert (tmp_path / "oos" / "truth" / "persons.csv").read_bytes() == clean
    extra = [r for r in _rows(tmp_path / "oos" / "truth" / "records.csv")
             if r["person_id"].startswith("X")]
    assert {r["source"] for r in extra} == {"monitor"}
    assert len(extra) == res.out_of_scope["records"]
    assert 0.17 < len(extra) / res.records_by_source["monitor"] < 0.23
    assert set(res.out_of_scope["by_status"]) == {"combatant", "missing", "unconfirmed", "(none)"}
    written = {json.loads(line)["id"]: json.loads(line)["status"] for line in
               (tmp_path / "oos" / "lists" / "monitor.jsonl").read_text(encoding="utf-8").splitlines()}
    statuses = {written[r["record_id"]] for r in extra}
    assert statuses == {"combatant", "missing", "not confirmed", ""}
    manifest = json.loads((tmp_path / "oos" / "simulation.json").read_text(encoding="utf-8"))
    assert manifest["out_of_scope"]["list"] == "monitor"


def test_out_of_scope_is_refused_where_it_makes_no_sense(tmp_path):
    with pytest.raises(UsageError, match="the lists that write a status"):
        simulate_conflict(tmp_path / "a", seed=1, size=200, out_of_scope=0.1,
                          out_of_scope_list="local")
    with pytest.raises(UsageError, match="in-sample profiles"):
        simulate_conflict(tmp_path / "b", seed=1, size=200, out_of_scope=0.1, profile="kestrel")
