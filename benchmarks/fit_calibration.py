"""Refit the shipped calibration maps of pair probabilities (tally.link.calibration),
and check them on profiles they were not fitted on.

Simulates projects of the development profiles (``hard``, ``independent``,
``field``, ``audit``, ``ledger``, ``mosaic``, ``kestrel`` and ``heron``; the
last two joined in wave 8, once each had been run as held out; never a held-out
profile), links each with the current scoring, and fits the shipped maps, each
profile weighted equally. The default form (``--form namesakes``, wave 9) gives
named pairs one isotonic map per rival class
(tally.link.calibration.rival_classes: does another pair at either record, into
the same list, carry the model's belief too) and, within it, per namesake band
(tally.link.calibration.namesake_bands: how many records of the governorate give
the pair's given and family name) where the profiles have enough such pairs,
fitted on every size at once and the same at every size (``--form rivals``,
wave 7: by rival class alone); at each of ``--sizes`` a hedged map of named
pairs (for callers without the classes) and one of pairs with an unidentified
body.
``--form hedged`` is wave 6's (by size: a probability moved only within the
range the profiles' own maps span, ``--hedge`` of the way to its middle);
``--form isotonic`` one pooled isotonic map by size. Writes
src/tally/data/link_calibration.json and prints the reliability tables in-sample
and on ``--check`` profiles.

``--loo`` is the honest check: for each profile, the maps fitted on the
others are scored on it (reliability by bin, expected calibration error and
Brier score), for the model's own probability, the pooled isotonic form and
the hedged form. It predicts how the maps behave on lists nobody here wrote;
the in-sample tables do not. The figure it prints is stored in the file
(``check``) when it runs with the write.

    python benchmarks/fit_calibration.py --cache /tmp/pairs --loo   # check, refit and write
    python benchmarks/fit_calibration.py --cache /tmp/pairs --loo --no-write
    python benchmarks/fit_calibration.py --profiles hard independent --check audit --no-write

Run it again whenever scoring changes (tests/unit/link/test_calibration*.py
check the shipped maps are monotone and within what the profiles support).
Scratch space is benchmarks/linkage.py's (TALLY_LINKAGE_WORK); two 5k and one
50k link of each of eight profiles take 7 minutes on two cores at load 4 (six
took 15 under heavier load), peak RSS 1.4 GB; the check and fit from the cache
under a minute.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))

import linkage  # noqa: E402

TARGET = Path(__file__).parents[1] / "src" / "tally" / "data" / "link_calibration.json"


def stored_pairs(profile: str, size: int, seed: int, cache: Path | None = None):
    """The model's probability of each pair a link run stored, its truth, whether
    it has an unidentified body, its rival class (tally.link.calibration.
    rival_classes) and its namesake band (tally.link.calibration.namesake_bands);
    cached in ``cache`` when given, with the pair graph it is read from."""
    if cache is not None and cache.exists():
        d = np.load(cache)
        if "ends" not in d:
            raise SystemExit(f"{cache} is from before the rival count (wave 7): use a fresh --cache")
        COMMITS.add(str(d["commit"]) if "commit" in d else "?")
        return (d["p"], d["t"], d["body"], _rival_classes(d["p"], d["ends"], d["lists"]),
                _bands(d["namesakes"]))
    project, truth, _, unidentified = linkage.prepared(size, seed, profile)
    linkage.tally_link(project)
    with project.connect() as con:
        rows = con.execute(
            """WITH n AS (SELECT record_id, father_key IS NOT NULL AS father,
                   CASE WHEN given_key IS NOT NULL AND family_key IS NOT NULL
                        AND governorate_id IS NOT NULL THEN hash(given_key, family_key,
                        governorate_id) END AS name_gov,
                   count(*) OVER (PARTITION BY given_key, family_key, governorate_id) AS name_count
                 FROM record_norm)
               SELECT vl.source_record_id, vr.source_record_id,
                 coalesce(p.model_probability, p.match_probability),
                 NOT (nl.father AND nr.father),
                 CASE WHEN nl.name_gov = nr.name_gov THEN greatest(nl.name_count, nr.name_count)
                      ELSE 0 END,
                 vl.source_id, vr.source_id
               FROM record_pair p
               JOIN victim_record vl ON vl.record_id = p.record_id_l
               JOIN victim_record vr ON vr.record_id = p.record_id_r
               JOIN n nl ON nl.record_id = p.record_id_l
               JOIN n nr ON nr.record_id = p.record_id_r""").fetchall()
    p = np.array([r[2] for r in rows], float)
    t = np.array([truth.get(r[0]) is not None and truth.get(r[0]) == truth.get(r[1])
                  for r in rows], float)
    body = np.array([r[0] in unidentified or r[1] in unidentified for r in rows], bool)
    # what a map keyed on the pair could read (explored, wave 6): a father
    # missing on one side, and the namesakes of the governorate
    thin = np.array([bool(r[3]) for r in rows], bool)
    namesakes = np.array([r[4] for r in rows], float)
    # the pair graph (each end a number) and each end's list: the rival count's input
    ends = np.zeros((len(rows), 2), np.int64)
    lists = np.zeros((len(rows), 2), np.int64)
    if rows:
        _, e = np.unique(np.array([[r[0], r[1]] for r in rows], str), return_inverse=True)
        _, li = np.unique(np.array([[r[5], r[6]] for r in rows], str), return_inverse=True)
        ends, lists = e.reshape(-1, 2), li.reshape(-1, 2)
    COMMITS.add(head())
    if cache is not None:
        np.savez(cache, p=p, t=t, body=body, thin=thin, namesakes=namesakes, ends=ends,
                 lists=lists, commit=head())
    return p, t, body, _rival_classes(p, ends, lists), _bands(namesakes)


def _bands(namesakes):
    """tally.link.calibration.namesake_bands of the pairs' namesake counts."""
    from tally.link.calibration import namesake_bands

    return namesake_bands(namesakes)


def _rival_classes(p, ends, lists):
    """tally.link.calibration.rival_classes of the pair graph as cached: each end
    and each end's list a number (the same classes as of the ids themselves)."""
    from tally.link.calibration import rival_classes

    return rival_classes(ends[:, 0].astype(str), ends[:, 1].astype(str),
                         lists[:, 0].astype(str), lists[:, 1].astype(str), p)


#: the commits whose scoring gave the pairs read (a cache keeps its own)
COMMITS: set[str] = set()


def head() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, cwd=Path(__file__).parent).stdout.strip() or "?"


BINS = 10


def ece(p, t) -> float:
    """Expected calibration error: the pairs' mean distance between their bin's
    mean probability and its share true (10 bins)."""
    from tally.link.calibration import calibration_error, reliability

    return calibration_error(reliability(p, t, BINS))


def brier(p, t) -> float:
    return float(np.mean((np.asarray(p) - np.asarray(t)) ** 2)) if len(p) else float("nan")


def fit_maps(parts: dict, profiles, sizes, form: str, hedge: float, source: str):
    """The shipped maps fitted on ``parts[(profile, size)] = (p, t, body, rivals,
    bands)`` of ``profiles``: named pairs by ``form`` (``namesakes``: ``rivals``'
    maps, then one isotonic map for each rival class and namesake band,
    tally.link.calibration.pair_classes, where the profiles have
    MIN_CLASS_PAIRS such pairs, each profile and size weighing the same in all,
    else the rival class's map; ``rivals``: one isotonic map for
    each rival class, tally.link.calibration.rival_classes, fitted on every size
    at once, each profile and size weighing the same, over the ``hedged`` map by
    size for callers without the rival class; ``isotonic``: one
    pooled isotonic map by size; ``hedged``: tally.link.calibration.fit_hedged by
    size; ``model``: no map); pairs with a body hedged by
    tally.link.calibration.BODY_HEDGE (``isotonic``: pooled)."""
    from tally.link.calibration import (BODY_HEDGE, IDENTITY, MIN_CLASS_PAIRS,
                                        NAMESAKE_BANDS, RIVAL_CLASSES, PairCalibration,
                                        ShippedCalibration, fit_hedged, fit_isotonic)

    def pooled(groups, what):
        groups = [(p, t) for p, t in groups if p.size]
        if not groups:
            return IDENTITY
        return fit_isotonic(np.concatenate([p for p, _ in groups]),
                            np.concatenate([t for _, t in groups]),
                            np.concatenate([np.full(p.size, 1.0 / p.size) for p, _ in groups]),
                            source=what)

    by_class = ()
    everywhere = [parts[(pr, size)] for pr in profiles for size in sizes]
    if form in ("rivals", "namesakes"):  # the same maps at every size: the classes carry it
        by_class = tuple(pooled([(p[~b & (c == k)], t[~b & (c == k)])
                                 for p, t, b, c, _ in everywhere],
                                f"named pairs of rival class {k}, every size")
                         for k in range(RIVAL_CLASSES))
    if form == "namesakes":
        banded = []
        for band in range(1, len(NAMESAKE_BANDS) + 2):
            for k in range(RIVAL_CLASSES):
                sel = [~b & (c == k) & (n == band) for _, _, b, c, n in everywhere]
                if sum(int(m.sum()) for m in sel) < MIN_CLASS_PAIRS:
                    banded.append(by_class[k])
                    continue
                # each profile and size weighs the same over all its named pairs,
                # so one with a handful of pairs in a class does not speak for it
                banded.append(fit_isotonic(
                    np.concatenate([p[m] for (p, _, _, _, _), m in zip(everywhere, sel)]),
                    np.concatenate([t[m] for (_, t, _, _, _), m in zip(everywhere, sel)]),
                    np.concatenate([np.full(int(m.sum()), 1.0 / max(int((~b).sum()), 1))
                                    for (_, _, b, _, _), m in zip(everywhere, sel)]),
                    source=f"named pairs of rival class {k}, namesake band {band}, every size"))
        by_class += tuple(banded)
    maps = []
    for size in sorted(sizes):
        named = [(p[~b], t[~b]) for p, t, b, _, _ in (parts[(pr, size)] for pr in profiles)]
        bodies = [(p[b], t[b]) for p, t, b, _, _ in (parts[(pr, size)] for pr in profiles)]
        where = f"{size:,} records"
        if form == "model":
            m = body = IDENTITY
        elif form in ("hedged", "rivals", "namesakes"):
            m = fit_hedged(named, hedge, source=f"named pairs at {where}, hedged {hedge}")
            body = fit_hedged(bodies, BODY_HEDGE,
                              source=f"pairs with a body at {where}, hedged {BODY_HEDGE}")
        else:
            m = pooled(named, f"named pairs at {where}")
            body = pooled(bodies, f"pairs with a body at {where}")
        maps.append((size, PairCalibration(m, body, source, by_class)))
    return ShippedCalibration(tuple(maps), source)


FORMS = ("model", "hedged", "rivals", "namesakes")


def classes_of(form: str, rivals, bands):
    """The classes a form's maps read: rival class and namesake band, or the rival class."""
    from tally.link.calibration import pair_classes

    return pair_classes(rivals, bands) if form == "namesakes" else rivals


def leave_one_profile_out(parts: dict, profiles, sizes, hedge: float) -> dict:
    """For each profile and size, the maps fitted on the other profiles applied
    to its pairs: {(profile, size, form): (p calibrated, t, body)} over all pairs."""
    out = {}
    for held in profiles:
        rest = [pr for pr in profiles if pr != held]
        for form in FORMS:
            maps = fit_maps(parts, rest, sizes, form, hedge, f"leave {held} out")
            for size in sorted(sizes):
                p, t, body, rivals, bands = parts[(held, size)]
                out[(held, size, form)] = (maps.for_records(size).apply(
                    p, body, classes_of(form, rivals, bands)), t, body)
    return out


def print_loo(loo: dict, profiles, sizes) -> str:
    """Markdown: reliability by bin (mean probability → share true) per held-out
    profile, per size and form; then ECE and Brier. Returns a one-line summary."""
    from tally.link.calibration import reliability

    for size in sorted(sizes):
        for form in FORMS:
            print(f"\n{size:,} records, {form}: each profile scored by maps fitted on the "
                  "others (pairs: mean probability → share true)\n")
            print("| bin | " + " | ".join(profiles) + " |")
            print("| --- |" + " --- |" * len(profiles))
            tables = {pr: reliability(loo[(pr, size, form)][0], loo[(pr, size, form)][1], BINS)
                      for pr in profiles}
            for i in range(BINS):
                cells = []
                for pr in profiles:
                    b = tables[pr][i]
                    cells.append(f"{b.count:,}: {b.mean_predicted:.2f} → {b.share_true:.2f}"
                                 if b.count else "–")
                print(f"| {i / BINS:.1f}–{(i + 1) / BINS:.1f} | " + " | ".join(cells) + " |")
    print("\nexpected calibration error (10 bins) / Brier score over all pairs, each profile "
          "by maps fitted on the others; then the mean over profiles (the worst) and the "
          "mean ECE of named pairs alone\n")
    print("| size | form | " + " | ".join(profiles) + " | mean ECE (worst) | mean ECE, named |")
    print("| --- | --- |" + " --- |" * (len(profiles) + 2))
    summary = []
    for size in sorted(sizes):
        for form in FORMS:
            cells, errs, named_errs = [], [], []
            for pr in profiles:
                q, t, body = loo[(pr, size, form)]
                e, ne = ece(q, t), ece(q[~body], t[~body])
                errs.append(e)
                named_errs.append(ne)
                cells.append(f"{e:.3f} / {brier(q, t):.3f}")
            print(f"| {size:,} | {form} | " + " | ".join(cells)
                  + f" | {np.mean(errs):.3f} ({max(errs):.3f}) | {np.mean(named_errs):.3f} |")
            summary.append(f"{form} {size:,}: {np.mean(errs):.3f} (worst {max(errs):.3f})")
    return "leave-one-profile-out ECE, mean over profiles: " + "; ".join(summary)


def table(title: str, p, t, body, classes, calibration) -> None:
    from tally.link.calibration import format_reliability, reliability

    head = "| bin | pairs | mean predicted | share true |\n| --- | --- | --- | --- |"
    print(f"\n{title} ({int(body.sum()):,} of {p.size:,} pairs with a body)\n{head}")
    print(format_reliability(reliability(p, t)))
    print(f"\nafter the maps:\n{head}")
    print(format_reliability(reliability(calibration.apply(p, body, classes), t)))


def main() -> None:
    from tally.link.calibration import HEDGE

    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", nargs="+",
                        default=["hard", "independent", "field", "audit", "ledger", "mosaic",
                                 "kestrel", "heron"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--seeds", type=int, nargs="+", default=[11, 12],
                        help="seeds at the smallest size (one, the first, at larger sizes)")
    parser.add_argument("--form", choices=["namesakes", "rivals", "hedged", "isotonic"],
                        default="namesakes",
                        help="the maps' form (namesakes: named pairs by rival class and "
                             "namesake band, every size; rivals: by rival class alone; "
                             "hedged: within the profiles' range, by size)")
    parser.add_argument("--hedge", type=float, default=HEDGE,
                        help="how far towards the middle of the profiles' range (0-1)")
    parser.add_argument("--loo", action="store_true",
                        help="leave-one-profile-out check of each form")
    parser.add_argument("--check", nargs="*", default=[], help="other profiles to report")
    parser.add_argument("--cache", type=Path, help="keep each run's pairs here (refit quickly)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="no in-sample tables")
    args = parser.parse_args()
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)

    def pairs(profile, size, seed):
        cache = args.cache / f"{profile}-{size}-{seed}.npz" if args.cache else None
        return stored_pairs(profile, size, seed, cache)

    parts = {}
    for size in sorted(args.sizes):
        seeds = args.seeds if size == min(args.sizes) else args.seeds[:1]
        for profile in args.profiles:
            got = [pairs(profile, size, seed) for seed in seeds]
            parts[(profile, size)] = tuple(np.concatenate([g[k] for g in got]) for k in range(5))
    source = {"rivals": "named pairs by rival class, ",
              "namesakes": "named pairs by rival class and namesake band, "}.get(args.form, "") + (
              f"simulated {'+'.join(args.profiles)} projects, scoring of "
              f"{', '.join(sorted(COMMITS))} (benchmarks/fit_calibration.py)")
    check = f"{args.form} maps"
    if args.form in ("hedged", "rivals", "namesakes"):
        check += f" (hedge {args.hedge} by size where the rival class is not known)"
    if args.loo:
        check += "; " + print_loo(leave_one_profile_out(parts, args.profiles, args.sizes,
                                                        args.hedge),
                                  args.profiles, args.sizes)
        print(f"\n{check}")
    shipped = fit_maps(parts, args.profiles, args.sizes, args.form, args.hedge, source)
    shipped = type(shipped)(shipped.sizes, source, check)
    print(f"\nmaps at {', '.join(f'{n:,}' for n, _ in shipped.sizes)} records; {source}")
    if not args.quiet:
        for (profile, size), (p, t, body, rivals, bands) in parts.items():
            table(f"{profile} {size:,} (fitted on, in-sample): model probability", p, t, body,
                  classes_of(args.form, rivals, bands), shipped.for_records(size))
    for profile in args.check:
        for size in sorted(args.sizes):
            p, t, body, rivals, bands = pairs(profile, size, 5)
            fitted = "a profile fitted on" if profile in args.profiles else "not fitted on"
            table(f"{profile} {size:,} (seed 5; {fitted}): model probability", p, t, body,
                  classes_of(args.form, rivals, bands), shipped.for_records(size))
    if not args.no_write:
        TARGET.write_text(json.dumps(shipped.to_dict(), indent=1) + "\n", encoding="utf-8")
        print(f"wrote {TARGET}")


if __name__ == "__main__":
    sys.exit(main())
