"""benchmarks/linkage_kinds.py reads the field profile's annotations and counts by kind."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tally.simulate import simulate_conflict

BENCH = Path(__file__).resolve().parents[3] / "benchmarks" / "linkage_kinds.py"


@pytest.fixture(scope="module")
def kinds():
    sys.path.insert(0, str(BENCH.parent))
    spec = importlib.util.spec_from_file_location("linkage_kinds", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("fk") / "sim"
    simulate_conflict(out, seed=2, size=1500, profile="field")
    return out


def test_field_annotations_leave_no_kind_unread(kinds, small):
    ann, notes = kinds.load_annotations(small)
    assert notes == []
    assert any(a["thin"] for a in ann.values()) and not all(a["thin"] for a in ann.values())
    assert {a["place"] for a in ann.values()} == {"village", "district", "governorate"}


def test_perfect_linkage_recalls_every_kind_and_merges_nothing(kinds, small, capsys):
    ann, _ = kinds.load_annotations(small)
    perfect = {r: a["person"] for r, a in ann.items()}
    kinds.recall_by_kind(ann, perfect)
    kinds.false_merges(ann, perfect, kinds.load_persons(small))
    out = capsys.readouterr().out
    assert "R=1.000 over" in out and "R=0." not in out
    assert "(0 wrongly linked pairs)" in out


def test_an_incident_merged_whole_counts_relatives_not_namesakes(kinds, small, capsys):
    ann, _ = kinds.load_annotations(small)
    persons = kinds.load_persons(small)
    by_incident = {r: persons[a["person"]][1] for r, a in ann.items()}
    kinds.false_merges(ann, by_incident, persons)
    out = capsys.readouterr().out
    counts = {line[:34].strip(): int(line[34:].split()[0].replace(",", ""))
              for line in out.splitlines()[1:]}
    assert counts["namesakes, other incidents"] == 0 and counts["other"] == 0
    assert counts["relatives, same incident"] > 0


def test_pair_kinds_of_a_thin_latin_report_against_a_full_arabic_record(kinds):
    thin = {"source": "news-en", "thin": True, "script": "latin", "date": ("day", "2"),
            "place": "governorate"}
    full = {"source": "hr-ar", "thin": False, "script": "arabic", "date": ("day", "0"),
            "place": "village"}
    assert kinds.pair_kinds(thin, full) == ["thin~other", "cross-script", "date differs",
                                            "place level differs"]
    assert "within-list duplicate" in kinds.pair_kinds(full, dict(full))
