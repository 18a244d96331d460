"""`tally mse` with three lists: the standing warning that heterogeneity cannot be tested."""

from __future__ import annotations

import json

import pytest

from tally.cli import main
from tally.estimate.ensemble import THREE_LISTS_CODE

pytestmark = pytest.mark.integration

# Madigan & York's 3-list example (as shared/data/mse/dga_my3.csv), and a fourth list added.
MY3 = "L1,L2,L3,count\n0,0,1,60\n0,1,0,49\n0,1,1,4\n1,0,0,247\n1,0,1,112\n1,1,0,142\n1,1,1,12\n"


def _json(capsys, path) -> dict:
    assert main(["mse", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_three_lists_carry_the_warning_and_its_code_in_json_and_text(capsys, tmp_path):
    p = tmp_path / "my3.csv"
    p.write_text(MY3, encoding="utf-8")
    d = _json(capsys, p)
    assert d["method"] == "auto"
    assert THREE_LISTS_CODE in d["diagnostics"]["warning_codes"]
    assert any(THREE_LISTS_CODE in w and "cannot show whether some victims are harder to record"
               in w for w in d["warnings"])
    assert main(["mse", str(p)]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert THREE_LISTS_CODE in text and "true number is higher than this interval" in text


def test_four_lists_do_not_carry_it(capsys, tmp_path):
    rows = ["L1,L2,L3,L4,count"]
    for code in range(1, 16):
        bits = [(code >> (3 - j)) & 1 for j in range(4)]
        rows.append(",".join(map(str, bits)) + f",{40 if sum(bits) == 1 else 12 // sum(bits) + 3}")
    p = tmp_path / "four.csv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    d = _json(capsys, p)
    assert THREE_LISTS_CODE not in d["diagnostics"].get("warning_codes", [])
    assert not any(THREE_LISTS_CODE in w for w in d["warnings"])
