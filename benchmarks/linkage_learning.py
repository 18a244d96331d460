"""Learning from reviewers: F1 after 0, 50, 200, 500 verdicts answered by the truth.

The verdicts are the first pairs `tally review` offers, in one of its orders
(``information``: the pairs whose verdict would change the most persons;
``doubt``: probability nearest 0.5), each recorded as a verdict (it binds) and
learned from by the next `tally link` (match and no-match, tally.link.learning).
Every order starts from a copy of the same linked project, so the curves share
their 0-verdict point. With ``--reliability`` each step also prints the
reliability of the stored (calibrated) pair probabilities over the pairs no
verdict decided (of the pairs in each 0.1 bin: how many, mean probability,
share truly one person; and the mean gap between the two).

    python benchmarks/linkage_learning.py --profile independent --size 5000
    python benchmarks/linkage_learning.py --profile field --size 5000 --orders information doubt

Scratch space is benchmarks/linkage.py's (TALLY_LINKAGE_WORK moves it).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import linkage  # noqa: E402  (benchmarks/linkage.py: simulate, ingest, score)


def curve(project, truth, steps: list[int], order: str, reliability: bool) -> None:
    from tally.link import link_project
    from tally.link.review import record_verdict, review_queue
    from tally.simulate.score import score_clusters

    with project.connect() as con:
        source_id = dict(con.execute(
            "SELECT record_id, source_record_id FROM victim_record").fetchall())
    done = 0
    for target in sorted(steps):
        matches = 0
        if target > done:
            for it in review_queue(project, limit=target - done, order=order):
                a, b = source_id[it.record_id_l], source_id[it.record_id_r]
                same = truth.get(a) is not None and truth.get(a) == truth.get(b)
                record_verdict(project, it.record_id_l, it.record_id_r,
                               "match" if same else "no-match", decided_by="truth")
                matches += same
                done += 1
        t0 = time.perf_counter()
        report = link_project(project) if target else None
        pred = linkage.tally_link_persons(project)
        sc = score_clusters(truth, pred)
        print(f"  {order:11s} after {done:4d} verdicts ({matches} matches in this batch; "
              f"learned from {report.verdicts_learned if report else 0}"
              f"{f', link {time.perf_counter() - t0:.0f} s' if report else ''}): "
              f"P={sc.precision:.3f} R={sc.recall:.3f} F1={sc.f1:.3f} B3-F1={sc.bcubed_f1:.3f}",
              flush=True)
        if reliability:
            undecided_reliability(project, truth)


def undecided_reliability(project, truth) -> None:
    """The reliability table of the stored (calibrated) probabilities over the pairs
    no verdict decided: the decided ones trained the model and refit the map, so
    they would flatter it."""
    from tally.link.calibration import (calibration_error, format_reliability, reliability,
                                        rival_classes, shipped)

    with project.connect() as con:
        rows = con.execute(
            """SELECT vl.source_record_id, vr.source_record_id, p.match_probability,
                      coalesce(p.model_probability, p.match_probability),
                      coalesce(nl.unidentified OR nr.unidentified, false),
                      p.record_id_l, p.record_id_r, vl.source_id, vr.source_id,
                      NOT EXISTS (SELECT 1 FROM review_decision d
                                  WHERE d.record_id_l = least(p.record_id_l, p.record_id_r)
                                    AND d.record_id_r = greatest(p.record_id_l, p.record_id_r))
               FROM record_pair p
               JOIN victim_record vl ON vl.record_id = p.record_id_l
               JOIN victim_record vr ON vr.record_id = p.record_id_r
               JOIN record_norm nl ON nl.record_id = p.record_id_l
               JOIN record_norm nr ON nr.record_id = p.record_id_r""").fetchall()
        records = con.execute("SELECT count(*) FROM victim_record").fetchone()[0]
    # rival classes read every stored pair; the table then keeps the undecided
    classes = rival_classes(*([r[k] for r in rows] for k in (5, 6, 7, 8, 3)))
    classes = [c for c, r in zip(classes, rows) if r[9]]
    rows = [r for r in rows if r[9]]
    t = [truth.get(r[0]) is not None and truth.get(r[0]) == truth.get(r[1]) for r in rows]
    model = [r[3] for r in rows]
    # the stored probability (the shipped maps, refitted on the verdicts when
    # there are enough), beside the shipped maps alone and the model's own
    for what, p in (("stored", [r[2] for r in rows]),
                    ("shipped maps alone", shipped(records).apply(model, [r[4] for r in rows],
                                                                 classes)),
                    ("model's own", model)):
        table = reliability(p, t)
        n = sum(b.count for b in table)
        gap = calibration_error(table)
        print(f"    reliability of the {n:,} undecided pairs, {what} (mean gap {gap:.3f}):")
        if what == "stored":
            print("      " + format_reliability(table).replace("\n", "\n      "))


def main() -> None:
    from tally.project import Project

    parser = argparse.ArgumentParser()
    parser.add_argument("--profile", default="independent")
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--steps", type=int, nargs="+", default=[0, 50, 200, 500])
    parser.add_argument("--orders", nargs="+", default=["information", "doubt"])
    parser.add_argument("--reliability", action="store_true")
    parser.add_argument("--sd", type=float, nargs=2, metavar=("LEVEL", "PRIOR"),
                        help="the learning's prior standard deviations, in bits (exploration)")
    args = parser.parse_args()
    if args.sd:
        from tally.link import learning

        learning.PRIOR_SD_BITS, learning.PRIOR_SD_INTERCEPT_BITS = args.sd
    project, truth, _, _ = linkage.prepared(args.size, args.seed, args.profile)
    t0 = time.perf_counter()
    linkage.tally_link(project)
    print(f"  first link {time.perf_counter() - t0:.0f} s", flush=True)
    for order in args.orders:
        copy = Path(str(project.root) + f"-{order}")
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(project.root, copy)
        curve(Project.open(copy), truth, args.steps, order, args.reliability)
    shutil.rmtree(linkage.WORK, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
