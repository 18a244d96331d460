"""Reviewers' verdicts, match and no-match, teach the model, and `tally link`
says how many did (issue 15, item 3)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tally.cli import main
from tally.demo import ingest_simulation
from tally.link import link_project, record_verdict, review_queue
from tally.link.learning import fit_shifts
from tally.project import Project
from tally.simulate import simulate_conflict


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    root = tmp_path_factory.mktemp("learning")
    simulate_conflict(root / "sim", seed=4, size=1100, profile="independent")
    project = Project.init(root / "p")
    ingest_simulation(project, root / "sim")
    report = link_project(project)
    return project, report


def _weights(project) -> dict[tuple[str, str], float]:
    with project.connect() as con:
        return {(a, b): w for a, b, w in con.execute(
            "SELECT record_id_l, record_id_r, match_weight FROM record_pair").fetchall()}


@pytest.mark.slow
def test_no_match_verdicts_lower_the_weight_of_pairs_like_them_and_the_run_counts_them(linked, capsys):
    project, first = linked
    assert first.verdicts_learned == 0
    before = _weights(project)
    items = review_queue(project, limit=12)
    decided = {(i.record_id_l, i.record_id_r) for i in items[:10]}
    for a, b in decided:  # ten "no-match" verdicts, whatever the truth
        record_verdict(project, a, b, "no-match")
    assert main(["-p", str(project.root), "link", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["verdicts_learned"] == 10
    after = _weights(project)
    # the undecided queue pairs the verdicts say nothing about directly weigh less too:
    # what was learned is the levels, not only the decided pairs
    others = [(i.record_id_l, i.record_id_r) for i in items[10:]]
    moved = [after.get(k, -99.0) - before[k] for k in [*decided, *others]]
    assert np.mean(moved) < -0.2
    with project.connect() as con:
        notes = json.loads(con.execute("SELECT model FROM link_run ORDER BY started_at DESC "
                                       "LIMIT 1").fetchone()[0])["tally_training_notes"]
    assert any("learned from 10 verdicts (0 match, 10 no-match)" in n for n in notes)


@pytest.mark.slow
def test_the_cli_says_how_many_verdicts_it_learned_from(linked, capsys):
    project, _ = linked
    assert main(["-p", str(project.root), "link"]) == 0
    assert "verdicts trained the model" in capsys.readouterr().out


def test_five_verdicts_move_a_level_by_a_fraction_of_a_bit_and_five_hundred_by_more():
    def shift(n):
        x = np.ones((n, 2))
        base = np.zeros(n)  # pairs the model put at 0.5 ...
        y = np.ones(n)  # ... that reviewers all called matches
        return fit_shifts(x, base, y, np.array([1.0, 1.0]))[1]

    assert 0 < shift(5) < 1.0
    assert shift(500) > 2 * shift(5)

