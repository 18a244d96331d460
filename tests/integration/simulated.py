"""A simulated conflict ingested into a fresh project, as the integration tests use it.

Simulating, ingesting and linking 2,000 records takes seconds; the session
builds it once (the ``linked_simulation`` fixture in ``tests/conftest.py``) and
each module that writes to the project works on its own copy.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from tally.demo import ingest_simulation
from tally.link import LinkReport, link_project
from tally.project import Project
from tally.simulate import simulate_conflict


def simulated_project(root: Path, seed: int = 11, size: int = 2000) -> tuple[Project, Path]:
    """Simulate a conflict under ``root/sim`` and ingest its five lists into
    ``root/project``; return the project and the simulation folder (truth inside)."""
    sim = root / "sim"
    simulate_conflict(sim, seed=seed, size=size)
    project = Project.init(root / "project")
    ingest_simulation(project, sim)
    return project, sim


@dataclass(frozen=True)
class LinkedSimulation:
    """A simulated conflict's project after `tally link` with default settings:
    the project, the simulation folder (truth inside, never written) and the
    link report."""

    project: Project
    sim: Path
    report: LinkReport

    def copy(self, dest: Path) -> "LinkedSimulation":
        """The same linked project copied to ``dest/project``, for a test that writes
        to it (the simulation folder is shared: tests only read it)."""
        shutil.copytree(self.project.root, dest / "project")
        return LinkedSimulation(Project.open(dest / "project"), self.sim, self.report)


def linked_simulation(root: Path, sim: Path) -> LinkedSimulation:
    """The lists of the simulation in ``sim`` ingested into ``root/project``, then linked."""
    project = Project.init(root / "project")
    ingest_simulation(project, sim)
    return LinkedSimulation(project, sim, link_project(project))
