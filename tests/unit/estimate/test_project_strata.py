"""The strata `tally estimate --by` offers are the strata estimate_project knows."""

import typer.main

from tally.cli import app
from tally.estimate.project import STRATA_SQL
from tally.model import STRATA


def test_every_stratum_has_its_sql_and_is_offered_by_the_cli():
    assert tuple(STRATA_SQL) == STRATA
    (by,) = [p for p in typer.main.get_command(app).commands["estimate"].params
             if "--by" in p.opts]
    assert all(s in by.help for s in STRATA), by.help
