"""`tally simulate` and `tally score`: a conflict with ground truth, and scoring against it."""

from __future__ import annotations

import json
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

out = Console(soft_wrap=True)


class Profile(str, Enum):
    clean = "clean"
    standard = "standard"
    hard = "hard"
    independent = "independent"  # held out: a generator of its own, never tuned on
    field = "field"  # held out #2: designed apart from both (tally.simulate.field)
    audit = "audit"  # #3: designed apart from all three; run once in wave 4, a tuning profile since
    ledger = "ledger"  # held out #4: written apart from all four and the linker (tally.simulate.ledger)
    mosaic = "mosaic"  # held out #5 (wave 6): written apart from the others and the linker; run once at the end of wave 6, in-sample since
    kestrel = "kestrel"  # held out #6 (wave 7): written apart from the others and the linker (tally.simulate.kestrel); run once at the end of wave 7, in-sample since
    osprey = "osprey"  # held out #8 (wave 9): written apart from the others and the linker (tally.simulate.osprey); never tune on it
    heron = "heron"  # held out #7 (wave 8): written apart from the others and the linker (tally.simulate.heron); run once, in-sample since


def simulate(
    outdir: Path = typer.Argument(..., help="Folder for the lists, mappings, articles and truth.",
                                  file_okay=False),
    seed: int = typer.Option(1, help="Random seed: the same seed gives byte-identical files."),
    size: int = typer.Option(5000, min=1, help="About how many list records to write."),
    profile: Profile = typer.Option(Profile.standard, help="Error profile: how often sources err."),
) -> None:
    """Simulate a conflict: victims, five documenting lists, news articles, truth files.

    Example:

        tally simulate sim --seed 7 --size 2000

    `--profile audit` writes the third held-out profile (seven lists, designed apart from
    the linker's tuning profiles; never tune on it):

        tally simulate audit-sim --size 5000 --profile audit

    `--profile ledger` writes the fourth held-out profile (seven lists in UTF-8, UTF-16,
    Windows-1256 and XLSX, written from published facts about Syrian casualty lists; run
    once, never tune on it):

        tally simulate ledger-sim --size 5000 --profile ledger

    `--profile mosaic` writes the fifth held-out profile (seven lists of its own, written
    apart from the other five and the linker; held out and run once at the end of wave 6, in-sample since):

        tally simulate mosaic-sim --size 5000 --profile mosaic

    `--profile kestrel` writes the sixth held-out profile (six lists of its own, written
    apart from the others and the linker; held out and run once at the end of wave 7, in-sample since):

        tally simulate kestrel-sim --size 5000 --profile kestrel

    `--profile heron` writes the seventh held-out profile (six lists of its own, written
    apart from the others and the linker; held out and run once at the end of wave 8, in-sample since):

        tally simulate heron-sim --size 5000 --profile heron

    `--profile osprey` writes the eighth held-out profile (six lists of its own, written
    apart from the others and the linker; held out in wave 9, never tune on it):

        tally simulate osprey-sim --size 5000 --profile osprey
    """
    from tally.simulate import simulate_conflict

    with Progress(TextColumn("simulating"), BarColumn(), TextColumn("{task.completed:,} records"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("simulate", total=size)
        result = simulate_conflict(outdir, seed=seed, size=size, profile=profile.value,
                                   progress=lambda n: bar.update(task, completed=n))
    out.print(
        f"Simulated {result.persons:,} victims in {result.incidents:,} incidents "
        f"({result.documented:,} on at least one list); wrote {result.records:,} records "
        f"({', '.join(f'{k} {v:,}' for k, v in result.records_by_source.items())}), "
        f"{result.articles:,} articles, truth in {outdir / 'truth'} "
        f"[{result.seconds:.1f} s]"
    )


def score(
    ctx: typer.Context,
    simdir: Path = typer.Argument(..., help="A folder written by `tally simulate`.", file_okay=False),
    clusters: Optional[Path] = typer.Option(
        None, help="Clusters CSV (record_id, cluster_id) to score; default: the project's persons."),
    claims: Optional[Path] = typer.Option(
        None, help="Extracted claims JSON (with article_id) to score against the true claims."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Score linkage (a clusters CSV, or the persons of the project given with -p) and
    extracted claims against a simulation's truth.

    Example:

        tally score sim --clusters clusters.csv
    """
    from tally.simulate import score as sc

    sc.check_simulation(simdir)
    report: dict = {}
    if clusters is not None:
        predicted = sc.load_clusters_csv(clusters)
    elif claims is None:
        from tally.cli._shared import open_project

        predicted = sc.project_clusters(open_project(ctx))
    else:
        predicted = None
    if predicted is not None:
        s = sc.score_linkage(simdir, predicted)
        report["linkage"] = {
            **s.overall.to_dict(),
            "cross_script_recall": s.cross_script_recall,
            "cross_script_true_pairs": s.cross_script_pairs,
            "within_list_precision": s.within_source_precision,
            "within_list_predicted_pairs": s.within_source_pairs,
        }
    if claims is not None:
        extracted = sc.load_extracted_claims(claims)
        report["claims"] = asdict(sc.score_claims(extracted, sc.load_true_claims(simdir)))
    if as_json:
        out.print_json(json.dumps(report))
        return
    for stage, figures in report.items():
        out.print(f"[bold]{stage}[/]")
        for k, v in figures.items():
            out.print(f"  {k}: {v:.4f}" if isinstance(v, float) else f"  {k}: {v:,}")


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate)
    app.command("score")(score)
