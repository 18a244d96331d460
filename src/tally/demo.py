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

from tally.report.exports import export_records
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


def ingest_simulation(project: Project, sim_dir: str | Path) -> list[tuple[dict, object]]:
    """Add a simulation's sources to ``project`` and ingest each list with its mapping,
    the way a team would; return (source from the manifest, ingest report) pairs."""
    from tally.simulate import load_manifest

    sim_dir = Path(sim_dir)
    done = []
    for s in load_manifest(sim_dir)["sources"]:
        add_source(project, s["id"], name=s["name"], kind=s["kind"],
                   reliability=s["reliability"], language=s["language"])
        done.append((s, ingest_file(project, sim_dir / s["file"], s["id"],
                                    mapping=sim_dir / s["mapping"])))
    return done


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
    for s, report in ingest_simulation(project, sim_dir):
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
        f"({100 * (n_true - n_doc) / n_true:.0f}%), the gap that estimation must close "
        f"(truth files in {sim_dir / 'truth'})"
    )
    lists = [s["id"] for s in manifest["sources"]]
    _link(project, sim_dir, echo)
    _estimate(project, sim_dir, lists, n_true, echo)
    _estimate_by_governorate(project, sim_dir, echo)
    _incidents(project, sim_dir, echo)
    _report(project, outdir, echo)
    echo(f"15. To open the project in the team workspace: `tally -p {project.root} user add NAME "
         f"--role admin` (asks for a password), then `tally -p {project.root} serve --port 8000` "
         "and open http://127.0.0.1:8000")
    return project


def _report(project: Project, outdir: Path, echo: Callable[[str], None]) -> None:
    from tally.report import render_report
    from tally.report.public import export_public

    path = render_report(project, outdir / "report.html")
    echo(f"13. Wrote the report (one HTML file that opens offline) to {path}")
    public = outdir / "public.xlsx"
    result = export_public(project, public, "xlsx", hxl=True)
    shown = result.generalisation["levels"][0]["rows"]
    suppressed = result.generalisation["suppressed"]
    echo(f"14. Wrote the public dataset ({result.rows:,} victims, names withheld; {shown:,} shown at "
         f"full detail, the others generalised just enough for every combination of place, date, "
         f"sex, age and community to be shared by at least {result.policy.min_cell} victims, "
         f"{suppressed:,} suppressed) to {public}")


def _incidents(project: Project, sim_dir: Path, echo: Callable[[str], None]) -> None:
    """The simulated news articles through `tally ingest`, then `tally incidents`, scored."""
    from tally.incident import build_incidents
    from tally.simulate.score import score_incidents

    add_source(project, "news", name="Simulated news wire", kind="news_outlet", reliability="C",
               language="en")
    art = ingest_file(project, sim_dir / "articles.jsonl", "news", articles=True)
    report, _ = build_incidents(project)
    score = score_incidents(sim_dir, project)
    echo(f"12. Ingested {art.articles:,} news articles: {art.claims:,} proposed claims; grouped claims and "
         f"linked victims into {report.incidents:,} incidents ({report.with_claims:,} with claims); "
         f"against the truth: {score.summary()}")


def _estimate_by_governorate(project: Project, sim_dir: Path,
                             echo: Callable[[str], None]) -> None:
    """`tally estimate --by governorate`, each stratum's interval checked against the truth."""
    from tally.estimate.project import estimate_project
    from tally.normalize import resolve_place
    from tally.simulate.score import load_true_strata

    run = estimate_project(project, strata=["governorate"])
    truth: dict[str, int] = {}
    for (governorate, _month), v in load_true_strata(sim_dir, "governorate_month").items():
        place = resolve_place(governorate, level=1)
        if place is not None:
            truth[place.id] = truth.get(place.id, 0) + v["n_true"]
    covered = scored = 0
    for row in run.rows:
        members = row["stratum"].get("governorate").split("+")  # a pooled one: "SY01+SY14"
        if row["lower"] is None or not all(m in truth for m in members):
            continue
        scored += 1
        covered += row["lower"] <= sum(truth[m] for m in members) <= row["upper"]
    total = run.total or {}
    whole = total.get("unstratified") or {}
    beside = (f"; their total {total['n_hat']:,.0f} (95% interval {total['lower']:,.0f}-"
              f"{total['upper']:,.0f}) beside the unstratified {whole['n_hat']:,.0f}"
              if total and not total.get("upper_unbounded") and whole.get("n_hat") else "")
    echo(f"11. Estimated by governorate: {len(run.rows)} strata (sparse ones joined their "
         f"nearest neighbour); the 95% interval holds the true number of dead in {covered} "
         f"of {scored}{beside}; true total {sum(truth.values()):,}")


def _link(project: Project, sim_dir: Path, echo: Callable[[str], None]) -> dict[str, str] | None:
    """Link the records into persons and score the result against the truth."""
    from tally.link import link_project
    from tally.simulate.score import project_clusters, score_linkage

    report = link_project(project)
    clusters = project_clusters(project)
    score = score_linkage(sim_dir, clusters)
    o = score.overall
    echo(
        f"8. Linked {report.records:,} records into {report.persons:,} persons "
        f"({o.true_clusters:,} true); against the truth: pairwise precision {o.precision:.3f}, "
        f"recall {o.recall:.3f}, F1 {o.f1:.3f}; B-cubed F1 {o.bcubed_f1:.3f}; "
        f"Arabic-Latin recall {score.cross_script_recall:.3f}"
    )
    return clusters


def _estimate(project: Project, sim_dir: Path, lists: list[str], n_true: int,
              echo: Callable[[str], None]) -> None:
    """`tally estimate` on the linked persons, and on the true persons for comparison."""
    from tally.errors import EstimationError
    from tally.estimate import CaptureTable, estimate_table
    from tally.estimate.project import estimate_project
    from tally.simulate.score import load_record_sources, load_record_truth

    run = estimate_project(project, linkage_draws=20)
    row = run.rows[0]
    if row["refused"]:
        echo(f"9. Estimate from the linked persons refused: {row['refused']}")
    else:
        echo(
            f"9. Estimated total dead from the {run.persons_used:,} linked persons: "
            f"{row['n_hat']:,.0f} (95% interval {row['lower']:,.0f}-{row['upper']:,.0f}, "
            f"{row['model']}; {run.unidentified_left_out:,} unidentified bodies "
            f"left out); true total {n_true:,}"
        )
        lk = run.linkage or {}
        if lk.get("n_hat") is not None:
            echo(f"9. With linkage uncertainty ({lk['clusterings']} clusterings drawn from the "
                 f"linker's pair probabilities): {lk['n_hat']:,.0f} (95% interval "
                 f"{lk['lower']:,.0f}-{lk['upper']:,.0f}), {lk['widening']:.2f} times as wide")
    sources = load_record_sources(sim_dir)
    members: dict[str, set[str]] = {}
    for record, person in load_record_truth(sim_dir).items():
        if record in sources:
            members.setdefault(person, set()).add(sources[record])
    histories = [[int(s in on) for s in lists] for on in members.values()]
    try:
        res = estimate_table(CaptureTable.from_histories(lists, histories))
        low, high = res.conf_int()
        echo(
            f"10. The same estimate with perfect linkage (the true persons, {len(histories):,} "
            f"on the lists): {res.n_hat:,.0f} (95% interval {low:,.0f}-{high:,.0f}, "
            f"{res.model}): the difference is what linkage errors cost"
        )
    except EstimationError as exc:
        echo(f"10. Estimation from the true persons refused: {exc}")
