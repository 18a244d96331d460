"""`tally mse`: parsing, output and error mapping of the thin CLI shell."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tally.cli import main
from tests.conftest import SHARED_DATA

pytestmark = pytest.mark.integration

MSE_DIR = SHARED_DATA / "mse"

# Madigan & York's 3-list example (dga's documentation; GPL >= 2), as in
# shared/data/mse/dga_my3.csv, inlined so these tests never skip.
DGA_MY3 = "L1,L2,L3,count\n0,0,1,60\n0,1,0,49\n0,1,1,4\n1,0,0,247\n1,0,1,112\n1,1,0,142\n1,1,1,12\n"


@pytest.fixture
def table(tmp_path) -> Path:
    p = tmp_path / "dga_my3.csv"
    p.write_text(DGA_MY3, encoding="utf-8")
    return p


def run(capsys, *args: str) -> tuple[int, str, str]:
    rc = main(["mse", *map(str, args)])
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_json_has_the_contracted_keys_and_rcapture_numbers(capsys, table):
    rc, out, _ = run(capsys, table, "--model", "[23,1]", "--json")
    assert rc == 0
    d = json.loads(out)
    for key in ("n_hat", "lower", "upper", "method", "model", "warnings"):
        assert key in d
    # R: closedpMS.t best BIC model [23,1]: 730.93 (699.80 - 766.47), reference_results.csv
    assert d["method"] == "loglinear" and d["model"] == "[23,1]"
    assert d["n_hat"] == pytest.approx(730.9286, rel=1e-3)
    assert d["lower"] == pytest.approx(699.8019, rel=1e-2)
    assert d["upper"] == pytest.approx(766.4657, rel=1e-2)


def test_loglinear_model_is_chosen_by_aic_and_printed_as_text(capsys, table):
    rc, out, _ = run(capsys, table, "--method", "loglinear")
    assert rc == 0
    # R: closedp.t best AIC on dga_my3 is Mth Poisson2, N = 674.7
    assert "Mth Poisson2" in out and "estimated N" in out and "675" in out


def test_default_is_model_averaging_cross_checked(capsys, table):
    rc, out, _ = run(capsys, table, "--json")
    assert rc == 0
    d = json.loads(out)
    # R's dga on dga_my3: posterior median 731 (694-786)
    assert d["method"] == "auto" and d["n_hat"] == 731
    assert {c["check"] for c in d["diagnostics"]["cross_checks"]} == {
        "heterogeneity (Mth, by AIC)", "interaction search",
        "heterogeneity and one pair (Mth Gamma3.5 + [12])"}
    assert "no list reaches well" in d["diagnostics"]["assumption"]
    rc, out, _ = run(capsys, table, "--model", "Mt", "--json")  # a model asks for log-linear
    assert json.loads(out)["method"] == "loglinear"


def test_lcmcr_runs_seeded_and_writes_a_trace(capsys, table, tmp_path):
    trace = tmp_path / "trace.csv"
    args = ["--method", "lcmcr", "--seed", "3", "--iterations", "2000", "--burnin", "2000",
            "--thin", "10", "--chains", "2", "-K", "5", "--trace", trace, "--json"]
    rc, out, _ = run(capsys, table, *args)
    assert rc == 0
    d = json.loads(out)
    assert d["method"] == "lcmcr" and d["settings"]["K"] == 5 and d["settings"]["chains"] == 2
    assert d["lower"] <= d["n_hat"] <= d["upper"] and d["lower"] >= 626
    with trace.open(newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 * 200 and {r["chain"] for r in rows} == {"1", "2"}
    rc2, out2, _ = run(capsys, table, *args)
    assert json.loads(out2)["n_hat"] == d["n_hat"]  # same seed, same answer


def test_refused_input_exits_1_naming_row_and_column(capsys, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("A,B,C,count\n1,0,0,5\n0,1,0,-2\n", encoding="utf-8")
    rc, _, err = run(capsys, bad)
    assert rc == 1
    assert "row 2" in err and "'count'" in err and str(bad) in err
    two = tmp_path / "two.csv"
    two.write_text("A,B,count\n1,0,5\n0,1,4\n1,1,2\n", encoding="utf-8")
    rc, _, err = run(capsys, two, "--method", "lcmcr")
    assert rc == 1 and "at least 3 lists" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--method", "bayes"],
        ["--method", "lcmcr", "--model", "Mt"],
        ["--seed", "1"],
        ["--alpha", "1.5"],
    ],
)
def test_usage_errors_exit_2(capsys, table, args):
    rc, _, _ = run(capsys, table, *args)
    assert rc == 2


def test_divergent_model_is_refused_not_printed(capsys):
    path = MSE_DIR / "artificial_3.csv"
    if not path.exists():
        pytest.skip(f"{path} absent")
    rc, out, err = run(capsys, path, "--model", "[12,3]")
    assert rc == 1 and "no estimate" in err and out == ""
    rc, out, _ = run(capsys, path, "--method", "loglinear", "--json")
    d = json.loads(out)
    assert d["reliable"] is False and d["warnings"]
    rc, out, err = run(capsys, path)  # list C shares no one: the default refuses, saying so
    assert rc == 1 and "shares no one" in err and out == ""


def test_stratified_table_gives_one_estimate_per_stratum(capsys, tmp_path):
    p = tmp_path / "strata.csv"
    rows = ["stratum_gov,A,B,C,count"]
    for gov, counts in {"Latakia": [60, 49, 4, 247, 112, 142, 12], "Tartus": [0] * 7}.items():
        for code, c in zip(range(1, 8), counts):
            rows.append(f"{gov},{code >> 2 & 1},{code >> 1 & 1},{code & 1},{c}")
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    rc, out, _ = run(capsys, p, "--model", "Mt", "--json")
    assert rc == 0
    strata = json.loads(out)["strata"]
    assert strata[0]["stratum"] == {"stratum_gov": "Latakia"}
    assert strata[0]["n_hat"] == pytest.approx(763.8879, rel=1e-3)  # R: Mt on dga_my3
    assert "empty" in strata[1]["error"]
