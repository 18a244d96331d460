"""`tally estimate --by`: sparse strata join their neighbours, and the strata add up
to a total with an interval, shown beside the unstratified estimate."""

from __future__ import annotations

import json

import pytest

from tally.simulate.score import true_total


@pytest.fixture(scope="module")
def estimated(tmp_path_factory, linked_simulation):
    return linked_simulation.copy(tmp_path_factory.mktemp("strata"))


def test_by_governorate_and_period_pools_by_neighbour_and_gives_a_total(estimated):
    from tally.estimate.project import estimate_project

    run = estimate_project(estimated.project, strata=["governorate", "period"])
    assert sum(r["n_observed"] for r in run.rows) == run.persons_used
    # never one "(pooled)" bucket of everything: pooled rows name what they hold, and
    # none holds every governorate
    assert not any("(pooled)" in json.dumps(r["stratum"]) for r in run.rows)
    governorates = {g for r in run.rows for g in r["stratum"]["governorate"].split("+")}
    assert len(run.rows) > 1 and run.pooled
    assert all(set(r["stratum"]["governorate"].split("+")) != governorates for r in run.rows)
    total = run.total
    assert total["n_observed"] == run.persons_used
    assert total["lower"] < total["n_hat"] < total["upper"]
    assert total["unstratified"]["n_hat"] is not None
    assert total["n_hat"] == pytest.approx(true_total(estimated.sim), rel=0.25)
    assert any("need not equal the unstratified" in n for n in total["notes"])


def test_estimate_cli_prints_the_total_beside_the_unstratified_figure(estimated, cli):
    result = cli("-p", estimated.project.root, "estimate", "--by", "governorate", "--method", "dga")
    assert result.code == 0, result.err
    assert "Total over" in result.out and "Unstratified (average over" in result.out


def test_estimate_cli_refuses_an_unknown_method(estimated, cli):
    result = cli("-p", estimated.project.root, "estimate", "--method", "bogus")
    assert result.code == 2
    assert "lcmcr" in result.err and "dga" in result.err


def test_linkage_uncertainty_widens_the_interval_and_is_printed(estimated, cli):
    from tally.estimate.project import estimate_project

    run = estimate_project(estimated.project, method="dga", linkage_draws=8)
    lk = run.linkage
    assert lk["clusterings"] == 8
    row = run.rows[0]
    assert lk["single"]["n_hat"] == row["n_hat"]
    low, high = lk["persons_range"]
    assert low <= lk["single"]["persons"] <= high or high - low < 0.02 * run.persons_used
    assert lk["upper"] - lk["lower"] >= 0.9 * (row["upper"] - row["lower"])
    result = cli("-p", estimated.project.root, "estimate", "--method", "dga", "--linkage-draws", "4")
    assert result.code == 0, result.err
    assert "With linkage uncertainty" in result.out


def test_the_report_shows_the_strata_total_and_the_linkage_interval(estimated, tmp_path):
    """A reader of the report sees what the CLI printed: the total over strata beside the
    unstratified estimate, and the interval with linkage uncertainty beside the stored
    clustering's — the same figures, from the runs that made them."""
    import re

    from tally.estimate.project import estimate_project
    from tally.report.render import render_report

    whole = estimate_project(estimated.project, method="dga", linkage_draws=4)
    by = estimate_project(estimated.project, strata=["governorate"], method="dga")
    html = render_report(estimated.project, tmp_path / "report.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", html)
    lk = whole.linkage
    assert "With linkage uncertainty:" in text
    assert f"{lk['n_hat']:,.0f} (95% interval {lk['lower']:,.0f}–{lk['upper']:,.0f})" in text
    assert f"repeated over {lk['clusterings']} clusterings" in text
    total = by.total
    assert "Total over strata (by governorate" in text
    assert f"{total['n_hat']:,.0f} (95% interval {total['lower']:,.0f}–" in text or "not quoted (values" in text
    assert f"the unstratified estimate is {total['unstratified']['n_hat']:,.0f}" in text
    # the methodology says how the default's interval is built, blind spot included
    flat = " ".join(text.split())
    assert "upper end raised to hold a heterogeneity model" in flat
    assert "widened by the quasi-likelihood scale" in flat
    assert "no list reaches well cannot be seen" in flat


def test_every_estimate_run_says_in_words_what_no_table_can_show(estimated, cli):
    """A group that no list reaches well leaves no trace in the table, so nothing detects
    it; `tally estimate` says so with every run, in the text and the JSON, whatever the
    method (issue 16, item 3)."""
    from tally.estimate.ensemble import BLIND_SPOT

    for method in ("auto", "loglinear"):
        result = cli("-p", estimated.project.root, "estimate", "--method", method,
                     "--linkage-draws", "0")
        assert result.code == 0, result.err
        assert "no list reaches well cannot be seen" in " ".join(result.out.split())
    result = cli("-p", estimated.project.root, "estimate", "--json", "--linkage-draws", "0")
    assert result.code == 0, result.err
    assert json.loads(result.out)["assumption"] == BLIND_SPOT
