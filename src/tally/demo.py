"""`tally demo`: the whole pipeline on a simulated conflict, end to end.

The demo simulates a small conflict with known truth (:mod:`tally.simulate`),
creates a project, registers the five documenting sources, ingests every list
through the normal path (mapping files included), and shows the store, an
export and the audit chain. Each stage adds itself here as it lands, and
where the truth is known the demo prints how well it did (the scoring code
is :mod:`tally.simulate.score`, shared with the benchmarks).

The bundled example lists (``tally/data/examples``) stay for the tests and
for users who want to look at small real-shaped files.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path
from typing import Callable

from tally.export import export_records
from tally.ingest import ingest_file
from tally.project import Project
from tally.sources import add_source
from tally.status import project_status
from tally.store.audit import verify_audit

#: Seed and size of the demo's simulation (about 3,300 victims, 6,000 records).
DEMO_SEED = 1
DEMO_SIZE = 6000


def example_path(name: str) -> Path:
    return Path(str(resources.files("tally.data").joinpath("examples", name)))


def run_demo(
    outdir: str | Path,
    echo: Callable[[str], None] = print,
    *,
    seed: int = DEMO_SEED,
    size: int = DEMO_SIZE,
) -> Project:
    """Simulate under ``outdir/simulation``, then run every stage in ``outdir/project``."""
    from tally.simulate import load_manifest, simulate_conflict
    from tally.simulate.score import load_true_strata

    outdir = Path(outdir)
    sim_dir = outdir / "simulation"
    project_dir = outdir / "project"
    if project_dir.exists():
        shutil.rmtree(project_dir)
    outdir.mkdir(parents=True, exist_ok=True)

    sim = simulate_conflict(sim_dir, seed=seed, size=size)
    echo(
        f"1. Simulated a conflict (seed {seed}): {sim.persons:,} victims killed in "
        f"{sim.incidents:,} incidents, December 2024 to October 2025; five lists with "
        f"{sim.records:,} records and {sim.articles:,} news articles in {sim_dir}"
    )
    manifest = load_manifest(sim_dir)
    project = Project.init(project_dir, name="demo")
    echo(f"2. Created project {project_dir}")
    for s in manifest["sources"]:
        add_source(project, s["id"], name=s["name"], kind=s["kind"],
                   reliability=s["reliability"], language=s["language"])
        report = ingest_file(project, sim_dir / s["file"], s["id"], mapping=sim_dir / s["mapping"])
        echo(
            f"3. Ingested {s['file']} for {s['id']}: {report.records:,} records, "
            f"{report.quarantined:,} quarantined, {report.records_with_problems:,} flagged "
            f"({report.encoding or report.parser})"
        )
    status = project_status(project)
    t = status.totals
    echo(
        f"4. Store: {t['sources']} sources, {t['documents']} documents, "
        f"{t['records']:,} records, {t['quarantined']:,} quarantined, "
        f"{t['audit_events']} audit events"
    )
    records_csv = outdir / "records.csv"
    n = export_records(project, records_csv, "csv")
    echo(f"5. Exported {n:,} records to {records_csv}")
    with project.connect(read_only=True) as con:
        audit = verify_audit(con, project.objects)
    echo(f"6. Audit chain: {'verified' if audit.ok else 'BROKEN: ' + '; '.join(audit.problems)}")

    strata = load_true_strata(sim_dir, "community")
    n_true = sum(v["n_true"] for v in strata.values())
    n_doc = sum(v["n_documented"] for v in strata.values())
    echo(
        f"7. Truth: the {sim.records:,} records describe {n_doc:,} distinct victims; "
        f"{n_true - n_doc:,} of the {n_true:,} dead are on no list "
        f"({100 * (n_true - n_doc) / n_true:.0f}%), the gap that estimation must close. "
        f"Linkage and estimation will be scored here against {sim_dir / 'truth'} "
        f"as they land (tally score)."
    )
    return project
