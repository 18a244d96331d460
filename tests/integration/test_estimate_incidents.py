"""Where `tally incidents` has grouped the persons, `tally estimate` measures how much the
capture table's cells vary beyond victims recorded one by one (the design effect of
captures clustered by incident) and prints the interval stretched by it beside the
default's, in the CLI, the JSON and the report."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest


@pytest.fixture(scope="module")
def grouped(tmp_path_factory, linked_simulation):
    from tally.incident import build_incidents

    project = linked_simulation.copy(tmp_path_factory.mktemp("incidents")).project
    build_incidents(project)
    return project


def test_without_incidents_there_is_no_clustered_interval(linked_simulation, cli, tmp_path):
    project = linked_simulation.copy(tmp_path).project
    run = json.loads(cli("-p", project.root, "estimate", "--json", "--linkage-draws", "0").out)
    assert run["incidents"] is None


def test_incidents_give_a_design_effect_and_a_wider_interval_beside_the_default(grouped, cli, tmp_path):
    from tally.report.render import render_report

    shown = cli("-p", grouped.root, "estimate", "--json", "--linkage-draws", "0")
    assert shown.code == 0, shown.err
    run = json.loads(shown.out)
    inc, row = run["incidents"], run["rows"][0]
    # the simulator's lists hear of incidents together (INCIDENT_EFFECT_SD), so the cells vary more
    assert inc["design_effect"] > 1.05
    assert inc["n_hat"] == row["n_hat"]
    assert inc["lower"] < row["lower"] and inc["upper"] > row["upper"]
    assert 0 < inc["persons_in_incidents"] <= inc["persons"] == run["persons_used"]
    text = " ".join(cli("-p", grouped.root, "estimate", "--linkage-draws", "0").out.split())
    assert "With captures clustered by incident:" in text and "(the design effect)" in text
    html = render_report(grouped, tmp_path / "report.html").read_text(encoding="utf-8")
    flat = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    assert f"With captures clustered by incident: {inc['n_hat']:,.0f} (95% interval" in flat
