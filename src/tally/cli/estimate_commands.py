"""`tally mse`: multiple systems estimation from a capture-history CSV.

Parses options, calls :mod:`tally.estimate`, prints. Refused tables and fits
raise :class:`tally.errors.EstimationError` (exit 1); options that make no
sense together are usage errors (exit 2).
"""

from __future__ import annotations

import csv
import json
import math
from enum import Enum
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

from tally.cli._shared import echo_json, safe
from tally.errors import EstimationError
from tally.model import DEFAULT_METHOD
from tally.model import ESTIMATION_METHODS as METHODS
from tally.model import STRATA


class Method(str, Enum):
    auto = "auto"
    loglinear = "loglinear"
    lcmcr = "lcmcr"
    dga = "dga"


class Search(str, Enum):
    closedp = "closedp"
    hierarchical = "hierarchical"  # all pairwise models: exhaustive up to 5 lists, stepwise above
    exhaustive = "exhaustive"
    stepwise = "stepwise"


class Criterion(str, Enum):
    aic = "aic"
    bic = "bic"


_LCMCR_ONLY = ("seed", "iterations", "burnin", "thin", "chains", "K", "trace")
_LOGLINEAR_ONLY = ("model",)


def estimator_settings(
    method: "Method | None", *, model=None, criterion=None, search=None, alpha=0.05,
    seed=None, iterations=None, burnin=None, thin=None, chains=None, K=None, trace=None,
) -> tuple["Method", dict]:
    """The method and its settings from the options `tally mse` and `tally estimate` share;
    an option that does not apply to the method is a usage error (exit 2)."""
    if method is None:  # a log-linear option given alone asks for log-linear
        method = Method.loglinear if (model or criterion or search) else Method(DEFAULT_METHOD)
    if not 0 < alpha < 1:
        raise typer.BadParameter("must lie strictly between 0 and 1", param_hint="--alpha")
    given = {"seed": seed, "iterations": iterations, "burnin": burnin, "thin": thin,
             "chains": chains, "K": K, "trace": trace, "model": model}
    wrong = {Method.loglinear: _LCMCR_ONLY, Method.lcmcr: _LOGLINEAR_ONLY,
             Method.dga: _LCMCR_ONLY + _LOGLINEAR_ONLY,
             Method.auto: _LCMCR_ONLY + _LOGLINEAR_ONLY}[method]
    if method != Method.loglinear:
        for name, value in (("search", search), ("criterion", criterion)):
            if value is not None:
                raise typer.BadParameter(f"--{name} does not apply to --method {method.value}",
                                         param_hint=f"--{name}")
    for name in wrong:
        if given[name] is not None:
            raise typer.BadParameter(f"--{name} does not apply to --method {method.value}",
                                     param_hint=f"--{name}")
    if method == Method.loglinear:
        search = search or Search.closedp
        interactions = search in (Search.exhaustive, Search.stepwise)
        return method, dict(model=model, criterion=(criterion or Criterion.aic).value,
                            candidates="hierarchical" if interactions else search.value,
                            search=search.value if interactions else None, alpha=alpha)
    if method in (Method.dga, Method.auto):
        return method, dict(alpha=alpha)
    return method, dict(K=K, seed=seed, iterations=iterations, burnin=burnin, thin=thin,
                        chains=chains, alpha=alpha)


def _fmt(x: float | None) -> str:
    if x is None or not math.isfinite(x):
        return "unbounded"
    return f"{x:,.0f}" if abs(x) < 1e7 else f"{x:.3g}"


def _print_result(console: Console, res) -> None:  # res: MSEResult
    d = res.to_dict()
    level = f"{100 * (1 - res.alpha):g}%"
    title = f"{res.method} · {res.model}"
    if res.stratum:
        title += " · " + ", ".join(f"{safe(k)}={safe(v)}" for k, v in res.stratum)
    tab = Table(title=title, show_header=False, title_justify="left")
    tab.add_column("what", style="bold")
    tab.add_column("value")
    tab.add_row("lists", safe(", ".join(res.lists)))
    tab.add_row("observed", f"{res.n_observed:,}")
    if res.reliable:
        tab.add_row("estimated N", _fmt(res.n_hat))
        tab.add_row(f"{level} interval", f"{_fmt(res.lower)} – {_fmt(res.upper)} ({res.interval})")
    else:
        tab.add_row("estimated N", "[bold red]not reported: the fit is not reliable[/]")
        tab.add_row(
            "unreliable values",
            f"{_fmt(res.n_hat)} ({level}: {_fmt(res.lower)} – {_fmt(res.upper)}), do not quote",
        )
    for key, value in d["diagnostics"].items():
        if key == "cross_checks":
            value = "\n".join(_check_line(c) for c in value)
        elif isinstance(value, list):
            value = ", ".join(_fmt(v) if isinstance(v, float) else str(v) for v in value)
        elif isinstance(value, float):
            value = f"{value:.4g}"
        tab.add_row(key, safe(value))
    console.print(tab)
    for w in res.warnings:
        console.print(f"[yellow]warning:[/] {safe(w)}")


def _check_line(check: dict) -> str:
    """One cross-check of the default method, as a line: what it reads, whether it fits."""
    if check.get("refused"):
        return f"{check['check']}: refused ({check['refused']})"
    fit = "fits" if check["fits"] else "does not fit"
    return (f"{check['check']}: {check['model']} {_fmt(check['n_hat'])} "
            f"({_fmt(check['lower'])} – {_fmt(check['upper'])}), {fit}")


def _write_trace(path: Path, results) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["stratum", "chain", "draw", "N"])
        for res in results:
            if not hasattr(res, "samples") or res.samples is None:
                continue
            label = ";".join(f"{k}={v}" for k, v in res.stratum)
            for c, chain in enumerate(res.samples):
                for i, v in enumerate(chain):
                    out.writerow([label, c + 1, i + 1, int(v)])


def _leave_out(tables, name: str, path: Path):
    """``tables`` collapsed over list ``name`` (tally.estimate.list_structure.drop_list),
    and by stratum how many people only that list held; a UsageError naming the lists
    where the table has no such list."""
    from tally.errors import UsageError
    from tally.estimate.list_structure import drop_list, only_cells

    out, alone = [], {}
    for tb in tables:
        if name not in tb.lists:
            raise UsageError(f"{path}: --leave-out {name!r}: the table has no such list "
                             f"(its lists: {', '.join(tb.lists)})")
        j = list(tb.lists).index(name)
        alone[tb.stratum_label()] = int(only_cells(tb)[0][j])
        out.append(drop_list(tb, j))
    return out, alone


def register(app: typer.Typer) -> None:
    app.command("estimate")(estimate)

    @app.command("mse")
    def mse(
        table: Path = typer.Argument(
            ..., help="Capture-history CSV: one 0/1 column per list, 'count', optional strata."
        ),
        method: Optional[Method] = typer.Option(
            None, "--method",
            help="Estimator. Default: auto (model averaging over decomposable graphs, "
            "cross-checked by heterogeneity models and the interaction search), or loglinear "
            "when --model, --criterion or --search is given."),
        model: Optional[str] = typer.Option(
            None,
            "--model",
            help="Log-linear model in Rcapture notation (Mt, 'Mth Chao', 'Mh Poisson2', "
            "[12,34,5] ..., or heterogeneity beside pairs: 'Mth Darroch + [34]'); default: "
            "chosen by --criterion.",
        ),
        criterion: Optional[Criterion] = typer.Option(
            None, "--criterion", help="Log-linear model choice (aic)."),
        search: Optional[Search] = typer.Option(
            None,
            "--search",
            help="Log-linear candidates when no --model: Rcapture's closedp models, or the "
            "pairwise interaction models (hierarchical: every one up to 5 lists, a stepwise "
            "climb from two starts above; exhaustive or stepwise forces one).",
        ),
        strata: Optional[str] = typer.Option(
            None, "--strata", help="Comma-separated stratum columns (besides stratum*)."
        ),
        alpha: float = typer.Option(0.05, "--alpha", help="1 - interval level."),
        seed: Optional[int] = typer.Option(None, "--seed", help="LCMCR: random seed."),
        iterations: Optional[int] = typer.Option(
            None, "--iterations", help="LCMCR: kept sweeps per chain (default 50000)."
        ),
        burnin: Optional[int] = typer.Option(None, "--burnin", help="LCMCR: burn-in sweeps."),
        thin: Optional[int] = typer.Option(None, "--thin", help="LCMCR: keep every n-th sweep."),
        chains: Optional[int] = typer.Option(None, "--chains", help="LCMCR: number of chains."),
        K: Optional[int] = typer.Option(None, "--K", "-K", help="LCMCR: latent classes (10)."),
        trace: Optional[Path] = typer.Option(
            None, "--trace", help="LCMCR: write the draws of N to this CSV."
        ),
        leave_out: Optional[str] = typer.Option(
            None, "--leave-out",
            help="Estimate without this list (its column): for a list you know publishes a "
            "death only once the other lists confirm it. The people only it holds leave the "
            "table; they are among those the other lists missed."),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Estimate the total population (recorded or not) from overlapping lists.

        Example:

            tally mse table.csv --model "Mth Chao" --json

        With three lists Tally can warn that one list looks built from the others' but
        cannot tell that from two lists that rarely record the same people; if you know how
        the list was compiled, say so:

            tally mse table.csv --leave-out C
        """
        from tally.estimate import estimate_strata, read_capture_csv

        method, settings = estimator_settings(
            method, model=model, criterion=criterion, search=search, alpha=alpha, seed=seed,
            iterations=iterations, burnin=burnin, thin=thin, chains=chains, K=K, trace=trace)
        tables = read_capture_csv(
            table, strata=[s.strip() for s in strata.split(",") if s.strip()] if strata else None
        )
        left_alone = {}
        if leave_out is not None:
            tables, left_alone = _leave_out(tables, leave_out, table)
        results = estimate_strata(tables, method.value, **settings)
        if len(results) == 1 and isinstance(results[0], EstimationError):
            raise results[0]
        if trace is not None:
            _write_trace(trace, [r for r in results if not isinstance(r, EstimationError)])
        if as_json:
            rows = [
                {"stratum": dict(tb.stratum), "error": str(r)} if isinstance(r, EstimationError)
                else r.to_dict()
                for tb, r in zip(tables, results)
            ]
            if leave_out is not None:
                for row, tb in zip(rows, tables):
                    row["left_out"] = {"list": leave_out,
                                       "people_only_on_it": left_alone[tb.stratum_label()]}
            payload = rows[0] if len(rows) == 1 and not tables[0].stratum else {"strata": rows}
            typer.echo(json.dumps(payload, indent=2, allow_nan=False))
            return
        console = Console()
        if leave_out is not None:
            console.print(f"Left out at your request: list {safe(leave_out)} "
                          f"({sum(left_alone.values()):,} people only it held left the table).")
        for tb, r in zip(tables, results):
            if isinstance(r, EstimationError):
                console.print(f"[red]stratum {safe(tb.stratum_label())}: refused:[/] {safe(r)}")
            else:
                _print_result(console, r)


def estimate(
    ctx: typer.Context,
    by: Optional[str] = typer.Option(
        None, "--by",
        help=f"Strata, comma-separated: {', '.join(STRATA)}."),
    method: Optional[Method] = typer.Option(
        None, "--method",
        help=f"One of {', '.join(METHODS)} (default auto; loglinear when --model, --criterion "
        "or --search is given)."),
    model: Optional[str] = typer.Option(None, "--model", help="Log-linear model (default: AIC)."),
    criterion: Optional[Criterion] = typer.Option(
        None, "--criterion", help="Log-linear model choice (aic)."),
    search: Optional[Search] = typer.Option(
        None, "--search", help="Log-linear candidates: closedp, hierarchical, exhaustive, stepwise."),
    alpha: float = typer.Option(0.05, "--alpha", help="1 - interval level."),
    min_observed: int = typer.Option(
        50, min=0, help="A stratum with fewer people than this joins its nearest neighbour."),
    seed: Optional[int] = typer.Option(None, "--seed", help="LCMCR seed."),
    iterations: Optional[int] = typer.Option(None, "--iterations", help="LCMCR: kept sweeps per chain."),
    burnin: Optional[int] = typer.Option(None, "--burnin", help="LCMCR: burn-in sweeps."),
    thin: Optional[int] = typer.Option(None, "--thin", help="LCMCR: keep every n-th sweep."),
    chains: Optional[int] = typer.Option(None, "--chains", help="LCMCR: number of chains."),
    K: Optional[int] = typer.Option(None, "--K", "-K", help="LCMCR: latent classes (10)."),
    linkage_draws: int = typer.Option(
        20, "--linkage-draws", min=0,
        help="Without --by: also estimate over this many clusterings drawn from the "
        "linker's pair probabilities, so the interval carries linkage's doubt (0: off)."),
    leave_out: Optional[str] = typer.Option(
        None, "--leave-out",
        help="Estimate without this list (its source id): for a list you know publishes a "
        "death only once the other lists confirm it. The people only it holds leave the "
        "tables; they are among those the other lists missed."),
    exclude_status: Optional[str] = typer.Option(
        None, "--exclude-status",
        help="Comma-separated statuses outside what you count: a model status (combatant, "
        "unknown) or a word as a list wrote it (Missing). A person every record of whom "
        "that gives a status gives one of these leaves the tables; one with no status stays."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Estimate the total killed per stratum from the linked persons; store each estimate.

    Example:

        tally estimate --by governorate,period

    With three lists Tally can warn that one list looks built from the others' but cannot
    tell that from two lists that rarely record the same people; if you know how the list
    was compiled, say so:

        tally estimate --leave-out SOHR

    Every run counts each list's records by the status they carry and warns where the
    people only one list names are marked combatant, or carry a status Tally does not read
    ("Missing"), far more often than its others. If they are outside what you count:

        tally estimate --exclude-status "combatant,Missing,Not confirmed"
    """
    from tally.estimate.project import estimate_project
    from tally.cli._shared import open_project

    strata = [s.strip() for s in by.split(",") if s.strip()] if by else []
    method, settings = estimator_settings(
        method, model=model, criterion=criterion, search=search, alpha=alpha, seed=seed,
        iterations=iterations, burnin=burnin, thin=thin, chains=chains, K=K)
    method = method.value
    run = estimate_project(open_project(ctx), strata=strata, method=method,
                           min_observed=min_observed, linkage_draws=linkage_draws,
                           leave_out=leave_out,
                           exclude_status=[v.strip() for v in exclude_status.split(",")
                                           if v.strip()] if exclude_status else None,
                           **settings)
    for warning in run.warnings:  # said before any number: e.g. the link run used is stale
        typer.echo(f"Warning: {warning}", err=True)
    if as_json:
        echo_json(run.__dict__, indent=2, default=str)
        return
    console = Console()
    if run.left_out:
        console.print(f"Left out at your request: list {safe(run.left_out['list'])} "
                      f"({run.left_out['people_only_on_it']:,} people only it held left the "
                      "tables).")
    excluded = (run.scope or {}).get("excluded")
    if excluded:
        console.print(f"Left out at your request: {excluded['persons']:,} persons whose "
                      f"records give only the status {safe(', '.join(excluded['statuses']))}.")
    table = Table(title=safe(f"Estimates {run.run_id} ({method}; lists: {', '.join(run.lists)})"))
    for header in ("stratum", "observed", "estimate", "95% interval", "model", "notes"):
        table.add_column(header, overflow="fold")
    for row in run.rows:
        stratum = safe(", ".join(f"{k}={v}" for k, v in row["stratum"].items()) or "all")
        if row["refused"]:
            table.add_row(stratum, f"{row['n_observed']:,}", "refused", "", "", safe(row["refused"]))
            continue
        number = f"{row['n_hat']:,.0f}" if row["reliable"] else "not reported"
        interval = (f"{_fmt(row['lower'])} - {_fmt(row['upper'])}" if row["reliable"]
                    else "do not quote")
        table.add_row(stratum, f"{row['n_observed']:,}", number, interval, safe(row["model"]),
                      safe("; ".join(row["warnings"])))
    console.print(table)
    if run.linkage and run.linkage.get("n_hat") is not None:
        lk = run.linkage
        console.print(f"With linkage uncertainty: {lk['n_hat']:,.0f} (95% interval "
                      f"{lk['lower']:,.0f} - {lk['upper']:,.0f}), {lk['widening']:.2f} times as "
                      f"wide as the stored linkage's")
        for note in lk["notes"]:
            console.print(f"  {safe(note)}")
    elif run.linkage:
        console.print(f"Linkage uncertainty not estimated: {safe(run.linkage['refused'])}")
    if run.pooled:
        console.print(f"{sum(p.count(';') + 1 for p in run.pooled):,} strata too small to "
                      f"estimate alone joined their nearest neighbours ({len(run.pooled)} pooled "
                      "rows, named by the values they hold)")
    if run.total:
        t = run.total
        hi = "unbounded" if t["upper_unbounded"] else f"{t['upper']:,.0f}"
        console.print(f"Total over {t['strata']} strata: {t['n_hat']:,.0f} (95% interval "
                      f"{t['lower']:,.0f} - {hi}), {t['n_observed']:,} documented")
        whole = t.get("unstratified") or {}
        if whole.get("n_hat") is not None:
            console.print(f"Unstratified ({safe(whole['model'])}): {whole['n_hat']:,.0f} (95% "
                          f"interval {_fmt(whole['lower'])} - {_fmt(whole['upper'])})"
                          + ("" if whole["reliable"] else ", not to be quoted"))
        for note in t["notes"]:
            console.print(f"  {safe(note)}")
    if run.assumption:  # in words, with every run: what no statistic of the table can show
        console.print(f"Not in any estimate here: {safe(run.assumption)}.")
    console.print(f"{run.persons_used:,} linked persons used; {run.unidentified_left_out:,} "
                  "persons made only of unidentified bodies left out of the tables.")
