"""`tally estimate --leave-out LIST`: the mirror, in a project, of `tally mse --leave-out`.

A recorder who knows one list publishes a death only once the others confirm it (which
the table can only warn of at three lists) estimates from the other lists: that list's
records leave every person, the people only it held leave the tables, and the output
says how many."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="module")
def project(tmp_path_factory, linked_simulation):
    return linked_simulation.copy(tmp_path_factory.mktemp("leave-out")).project


def test_leaving_out_a_list_estimates_from_the_others_and_counts_who_left(project, cli):
    whole = json.loads(cli("-p", project.root, "estimate", "--json", "--linkage-draws", "0").out)
    gone = whole["lists"][0]
    shown = cli("-p", project.root, "estimate", "--json", "--linkage-draws", "2",
                "--leave-out", gone)
    assert shown.code == 0, shown.err
    run = json.loads(shown.out)
    assert run["lists"] == whole["lists"][1:]
    alone = run["left_out"]["people_only_on_it"]
    assert run["left_out"]["list"] == gone and alone > 0
    # exactly the people only that list named leave the table
    assert run["persons_used"] == whole["persons_used"] - alone
    assert run["rows"][0]["n_observed"] == run["persons_used"]
    # the clusterings drawn for linkage's doubt leave the list out too
    low, high = run["linkage"]["persons_range"]
    assert high < whole["persons_used"] and abs(low - run["persons_used"]) < 0.05 * run["persons_used"]
    text = " ".join(cli("-p", project.root, "estimate", "--linkage-draws", "0",
                        "--leave-out", gone).out.split())
    assert f"Left out at your request: list {gone} ({alone:,} people only it held left the tables)" in text


def test_leaving_out_a_list_the_project_lacks_names_its_lists(project, cli):
    shown = cli("-p", project.root, "estimate", "--leave-out", "NOPE", "--linkage-draws", "0")
    assert shown.code == 1
    said = " ".join(shown.err.split())
    assert "--leave-out 'NOPE'" in said and "its lists:" in said


def test_the_report_says_which_list_was_left_out(project, cli, tmp_path):
    import re
    from html import unescape

    from tally.estimate.project import estimate_project
    from tally.report.render import render_report

    run = estimate_project(project, method="dga", leave_out=run_lists(project)[0])
    html = render_report(project, tmp_path / "report.html").read_text(encoding="utf-8")
    text = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    gone = run.left_out
    assert (f"estimated without list {gone['list']} at the recorder's request "
            f"({gone['people_only_on_it']:,} people only it held left the tables)") in text


def run_lists(project) -> list[str]:
    with project.connect(read_only=True) as con:
        return [r[0] for r in con.execute(
            "SELECT DISTINCT source_id FROM victim_record ORDER BY 1").fetchall()]
