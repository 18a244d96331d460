"""`tally estimate` reads what the records say of scope: per list, how many records carry
each status, and a warning in words (CLI, JSON, report) when the people only one list
names are marked combatant or carry a status Tally does not read far more often than its
others; `--exclude-status` takes such persons out of the tables."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest


def test_a_clean_project_counts_statuses_and_is_not_warned_of(linked_simulation, cli, tmp_path):
    project = linked_simulation.copy(tmp_path).project
    shown = cli("-p", project.root, "estimate", "--json", "--linkage-draws", "0")
    assert shown.code == 0, shown.err
    scope = json.loads(shown.out)["scope"]
    assert scope["warnings"] == [] and "MSE counts every linked person" not in shown.err
    by_list = {s["list"]: s for s in scope["lists"]}
    assert by_list["rg-ar"]["by_status"]["civilian"] > 0 and by_list["rg-ar"]["by_status"]["combatant"] > 0
    assert set(by_list["local"]["by_status"]) == {"no status"}


@pytest.mark.slow
def test_a_list_naming_people_outside_the_scope_is_warned_of_and_can_be_excluded(tmp_path, cli):
    from tally.demo import ingest_simulation
    from tally.link import link_project
    from tally.project import Project
    from tally.report.render import render_report
    from tally.simulate import simulate_conflict

    simulate_conflict(tmp_path / "sim", seed=7, size=1500, out_of_scope=0.25)
    project = Project.init(tmp_path / "project")
    ingest_simulation(project, tmp_path / "sim")
    link_project(project)
    shown = cli("-p", project.root, "estimate", "--linkage-draws", "0")
    assert shown.code == 0, shown.err
    said = " ".join(shown.err.split())
    assert "MSE counts every linked person as a death in scope; list rg-en holds" in said
    assert "'Missing'" in said and "'Not confirmed'" in said
    html = render_report(project, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "list rg-en holds" in " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    whole = json.loads(cli("-p", project.root, "estimate", "--json", "--linkage-draws", "0").out)
    cut = cli("-p", project.root, "estimate", "--json", "--linkage-draws", "0",
              "--exclude-status", "combatant,Missing,Not confirmed")
    assert cut.code == 0, cut.err
    run = json.loads(cut.out)
    gone = run["scope"]["excluded"]["persons"]
    assert gone > 0 and run["persons_used"] == whole["persons_used"] - gone
    assert run["rows"][0]["n_hat"] < whole["rows"][0]["n_hat"]
    text = " ".join(cli("-p", project.root, "estimate", "--linkage-draws", "0",
                        "--exclude-status", "combatant,Missing").out.split())
    assert "persons whose records give only the status combatant, Missing" in text
