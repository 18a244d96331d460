"""A simulated conflict ingested into a fresh project, as the integration tests use it."""

from __future__ import annotations

from pathlib import Path

from tally.demo import ingest_simulation
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
