"""`tally normalize name|date|place TEXT [--json]` through the real entry point."""

from __future__ import annotations

import json

import pytest

from tally.cli import main

pytestmark = pytest.mark.integration


def run_json(capsys, *args: str) -> dict:
    code = main(["normalize", *args, "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def test_place_jebleh_and_arabic_give_the_same_unit(capsys):
    a = run_json(capsys, "place", "Jebleh")
    b = run_json(capsys, "place", "جبلة")
    assert a["id"] == b["id"] == "SY060200"
    for k in ("id", "name_en", "name_ar", "admin_level", "ambiguous"):
        assert a[k] == b[k]
    assert a["name_ar"] == "جبلة" and a["admin_level"] == 3 and a["ambiguous"] is False


def test_place_with_level_and_hint(capsys):
    assert run_json(capsys, "place", "Homs", "--level", "1")["id"] == "SY04"
    assert run_json(capsys, "place", "Suran", "--governorate", "Hama")["id"] == "SY050101"


def test_unknown_place_is_not_an_error(capsys):
    d = run_json(capsys, "place", "Atlantis")
    assert d["id"] is None and d["problems"]


def test_name_json_has_parts_and_keys(capsys):
    a = run_json(capsys, "name", "محمد عبد الله الأحمد")
    b = run_json(capsys, "name", "Mohamad Abdallah Alahmad")
    assert a["keys"] == b["keys"]
    assert a["parts"]["given"] == "محمد" and a["parts"]["family"] == "الأحمد"
    assert set(a["parts"]) == {"given", "father", "grandfather", "family", "kunya", "title"}


def test_date_json(capsys):
    d = run_json(capsys, "date", "early March 2025")
    assert d == {"start": "2025-03-01", "end": "2025-03-10", "precision": "range", "problem": None}
    d = run_json(capsys, "date", "٦ آذار ٢٠٢٥")
    assert (d["start"], d["end"], d["precision"]) == ("2025-03-06", "2025-03-06", "day")
    d = run_json(capsys, "date", "yesterday", "--reference", "2025-03-08")
    assert d["start"] == "2025-03-07"
    d = run_json(capsys, "date", "06/03/2025", "--order", "dmy")
    assert d["start"] == d["end"] == "2025-03-06"


def test_plain_text_output(capsys):
    assert main(["normalize", "place", "Baniyas"]) == 0
    out = capsys.readouterr().out
    assert "SY100200" in out and "Banyas" in out
    assert main(["normalize", "name", "Abu Mohammad al-Jolani"]) == 0
    assert "kunya: Abu Mohammad" in capsys.readouterr().out
    assert main(["normalize", "date", "2025-03"]) == 0
    assert "precision: month" in capsys.readouterr().out


def test_usage_errors_exit_2(capsys):
    assert main(["normalize", "date", "2025", "--order", "xyz"]) == 2
    assert main(["normalize", "date", "2025", "--reference", "soon"]) == 2
    capsys.readouterr()


def test_normalize_without_subcommand_outside_a_project_is_a_usage_error(tmp_path, capsys):
    assert main(["-p", str(tmp_path), "normalize"]) == 2
    assert "not a Tally project" in capsys.readouterr().err


def test_normalize_without_subcommand_recomputes_a_project(tmp_path, capsys):
    project = tmp_path / "proj"
    assert main(["init", str(project)]) == 0
    capsys.readouterr()
    assert main(["-p", str(project), "normalize"]) == 0
    assert "Normalized 0 records" in capsys.readouterr().out
