"""LCMCR sampler speed on the largest reference tables, against R's LCMCR.

Runs one chain with R's reference settings (K = 10, a = b = 0.25, 500 warm-up +
200,000 burn-in sweeps, 10,000 samples thinned by 100: 1.2 M sweeps) on `ned`
(8,234 people, 6 lists: the largest table) and `neworl` (8 lists: the most
cells), and reports Gibbs sweeps per second. R's speed comes from its own run
when `Rscript` with LCMCR is on this machine; otherwise from the timings in
shared/data/mse/reference_results.csv (R 4.2.2, LCMCR 0.4.14, another machine),
which is said in the output. Goal: at least R's speed.

    python benchmarks/mse.py [--sweeps-scale 1.0]
"""

from __future__ import annotations

import argparse
import csv
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tally.estimate import LCMCR, read_capture_table  # noqa: E402

MSE = ROOT / ".." / "shared" / "data" / "mse"
R_SWEEPS = 500 + 200_000 + 10_000 * 100

R_SCRIPT = """
suppressMessages(library(LCMCR))
d <- read.csv("{path}")
k <- ncol(d) - 1
rows <- d[rep(seq_len(nrow(d)), d$count), 1:k]
df <- as.data.frame(lapply(rows, function(x) factor(x, levels = c(0, 1))))
t0 <- proc.time()[["elapsed"]]
s <- lcmCR(df, tabular = FALSE, in_list_label = "1", not_in_list_label = "0", K = 10,
           a_alpha = 0.25, b_alpha = 0.25, seed = 1, buffer_size = 10000, thinning = 100)
N <- lcmCR_PostSampl(s, burnin = 200000, samples = 10000, thinning = 100, output = FALSE)
cat(proc.time()[["elapsed"]] - t0, "\\n")
"""


def r_seconds(name: str) -> tuple[float | None, str]:
    if shutil.which("Rscript"):
        code = R_SCRIPT.format(path=(MSE / f"{name}.csv").resolve())
        run = subprocess.run(["Rscript", "-e", code], capture_output=True, text=True)
        if run.returncode == 0:
            return float(run.stdout.split()[-1]), "R on this machine"
        # say so: a silent fallback to stored timings hid a broken R call before
        print(f"Rscript failed on {name} (exit {run.returncode}): {run.stderr.strip()[-300:]}",
              file=sys.stderr)
    with open(MSE / "reference_results.csv", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["dataset"] == name and row["method"] == "lcmcr":
                return float(row["seconds"]), "reference_results.csv (R absent here)"
    return None, "no R timing"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sweeps-scale", type=float, default=1.0,
                    help="fraction of R's 1.2 M sweeps to run (for a quick look)")
    args = ap.parse_args()
    burnin = int(200_000 * args.sweeps_scale)
    samples = int(10_000 * args.sweeps_scale)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}")
    # compile once outside the timing
    warm = read_capture_table(MSE / "dga_my3.csv")
    LCMCR(chains=1, burnin=100, iterations=1000, thin=10, seed=1).fit(warm)
    print("| table | people | lists | sweeps | Tally s | Tally sweeps/s | R s | R sweeps/s | ratio | R timing |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name in ("ned", "neworl"):
        table = read_capture_table(MSE / f"{name}.csv")
        est = LCMCR(K=10, chains=1, burnin=burnin, iterations=samples * 100, thin=100, seed=1)
        t0 = time.perf_counter()
        res = est.fit(table)
        secs = time.perf_counter() - t0
        sweeps = res.diagnostics["sweeps"]
        rs, where = r_seconds(name)
        r_rate = R_SWEEPS / rs if rs else float("nan")
        rate = sweeps / secs
        print(f"| {name} | {table.n:,} | {table.t} | {sweeps:,} | {secs:.1f} | {rate:,.0f} | "
              f"{rs if rs else float('nan'):.1f} | {r_rate:,.0f} | {rate / r_rate:.2f} | {where} |")
        print(f"  median N {res.n_hat:,.0f} ({res.lower:,.0f}-{res.upper:,.0f})")


if __name__ == "__main__":
    main()
