"""A stored pair's comparison levels are named by their index (gamma), as Splink
names them, not by their weight: two levels of one weight are two levels.

"Siblings" (different given names, same father and family) and "sisters, one
letter apart" (Salma / Lama) are fixed at one m and u, so they weigh the same;
named by weight, every sibling pair read "one letter apart" in the review
(Mahmoud / Abd al-Karim included)."""

from __future__ import annotations

import json

import pytest

from tally.demo import ingest_simulation
from tally.link import link_project
from tally.link.levels import level_at, level_labels
from tally.link.settings import KNOWN_SIBLINGS_LABEL, SIBLINGS_LABEL
from tally.project import Project
from tally.simulate import simulate_conflict


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    root = tmp_path_factory.mktemp("levels")
    simulate_conflict(root / "sim", seed=2, size=300)
    project = Project.init(root / "p")
    ingest_simulation(project, root / "sim")
    link_project(project)
    with project.connect() as con:
        return con.execute(
            """SELECT p.comparison, levenshtein(nl.given_key, nr.given_key)
               FROM record_pair p JOIN record_norm nl ON nl.record_id = p.record_id_l
               JOIN record_norm nr ON nr.record_id = p.record_id_r
               WHERE nl.given_key IS NOT NULL AND nr.given_key IS NOT NULL""").fetchall()


def test_siblings_are_not_shown_as_one_letter_apart(stored):
    given = [(json.loads(c)["given_name"], apart) for c, apart in stored]
    one_letter = [apart for level, apart in given if level["level"] == KNOWN_SIBLINGS_LABEL]
    siblings = [apart for level, apart in given if level["level"] == SIBLINGS_LABEL]
    assert all(apart <= 1 for apart in one_letter), one_letter
    assert any(apart > 1 for apart in siblings)


def test_every_stored_level_carries_its_index_and_a_label(stored):
    for comparison, _ in stored[:200]:
        for name, detail in json.loads(comparison).items():
            if name == "list_overlap":
                continue
            assert isinstance(detail["gamma"], int) and detail["level"] != "?"


def test_levels_are_indexed_as_splink_indexes_them():
    model = {"comparisons": [{"output_column_name": "x", "comparison_levels": [
        {"sql_condition": "x_l IS NULL", "is_null_level": True, "label_for_charts": "null"},
        {"sql_condition": "a", "label_for_charts": "A", "m_probability": 0.1, "u_probability": 0.9},
        {"sql_condition": "b", "label_for_charts": "B", "m_probability": 0.1, "u_probability": 0.9},
        {"sql_condition": "ELSE", "label_for_charts": "else", "m_probability": 0.1,
         "u_probability": 0.9}]}]}
    assert level_labels(model) == {"x": {-1: "null", 2: "A", 1: "B", 0: "else"}}
    assert level_at(model["comparisons"][0], 1)["label_for_charts"] == "B"
