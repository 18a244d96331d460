"""A small linked project with claims and incidents for the review, jobs and API
tests: a simulated conflict (seed 11, 400 records) ingested, its articles
extracted, linked, incidents built, one account per role. Built once per test
process and copied for each module that writes (copying is much faster than
simulating again)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tally.demo import ingest_simulation
from tally.incident import build_incidents
from tally.ingest import ingest_file
from tally.link import link_project
from tally.project import Project
from tally.simulate import simulate_conflict
from tally.sources import add_source
from tally.store.accounts import ROLES, add_user

PASSWORD = "correct horse battery"
_BUILT: dict[str, Path] = {}


def _build(root: Path) -> Path:
    sim = root / "sim"
    simulate_conflict(sim, seed=11, size=400)
    project = Project.init(root / "project", name="Coast review")
    ingest_simulation(project, sim)
    add_source(project, "news", name="News wire", kind="news_outlet", reliability="C",
               language="en")
    ingest_file(project, sim / "articles.jsonl", "news", articles=True)
    link_project(project)
    build_incidents(project)
    for role in ROLES:
        add_user(project, role, role, PASSWORD)
    return project.root


def review_project(tmp_path_factory, name: str) -> Project:
    """A fresh copy of the review project for one test module."""
    if "root" not in _BUILT:
        _BUILT["root"] = _build(tmp_path_factory.mktemp("review-template"))
    dest = tmp_path_factory.mktemp(name) / "project"
    shutil.copytree(_BUILT["root"], dest)
    return Project.open(dest)
