"""The coverage study's draws do not depend on which scenarios a run asks for."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "mse_misspecification.py"


def _draws(*args: str) -> list[str]:
    out = subprocess.run([sys.executable, str(SCRIPT), "--draw-only", "--reps", "2", "--lists", "3", *args],
                         capture_output=True, text=True, check=True).stdout
    return out.splitlines()


def test_a_subset_of_scenarios_draws_the_tables_the_whole_family_draws():
    """Seeds follow the scenario's place in its family: before, ``--scenarios
    referral_chain`` seeded it as the first scenario and drew other tables than the
    family's run, so a re-run of one scenario could not be read beside the family's table."""
    whole = [line for line in _draws("--heldout4") if line.startswith("referral_chain")]
    alone = _draws("--heldout4", "--scenarios", "referral_chain")
    assert alone == whole and len(alone) == 2
