"""Extraction accuracy on people-coded death counts (development set).

Reads ../shared/data/extraction-dev/pitf_2016_2017.csv (PITF Worldwide Atrocities
Event Data, 2016–2017: development use only, never copied into this repository),
extracts claims from each `Description` and compares the article's death count
(:func:`tally.extract.total_killed`) with the coded `Deaths Number`:

- exact: share of events whose coded count is recovered exactly;
- nothing: share of events with no death count extracted at all;
- precision: among events where a count was extracted, the share that is exact.

Goals (issue 7): exact ≥ 0.80, nothing ≤ 0.10, precision ≥ 0.90.

Then, on the 50 FA-KES news articles labelled by hand in tests/data/fakes_labels.csv
(articles from ../shared/data/news/FA-KES-Dataset.csv, CC BY 4.0, Abu Salem et al.),
the agreement of each article's main claim with its label
(:mod:`tally.extract.evaluation`): killed count exact, perpetrator, attribution
strength, governorate, place and date.

    python benchmarks/extraction.py [--csv PATH] [--misses N] [--label-misses]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
from pathlib import Path

from tally.extract import LEXICON_VERSION, extract_claims, total_killed
from tally.extract.evaluation import load_labels, score_labels

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / ".." / "shared" / "data" / "extraction-dev" / "pitf_2016_2017.csv"
NEWS = ROOT / ".." / "shared" / "data" / "news" / "FA-KES-Dataset.csv"
LABELS = ROOT / "tests" / "data" / "fakes_labels.csv"


def load_events(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [r for r in csv.DictReader(fh) if r.get("Deaths Number", "").strip().isdigit()]


def published_of(row: dict) -> dt.date | None:
    try:
        return dt.date(int(row["Start Year"]), int(row["Start Month"]), int(row["Start Day"]))
    except (ValueError, KeyError):
        return None


def evaluate(rows: list[dict]) -> dict:
    exact = nothing = 0
    misses = []
    for r in rows:
        coded = int(r["Deaths Number"])
        got = total_killed(extract_claims(r["Description"], published_of(r)))
        if got is None:
            nothing += 1
            misses.append((coded, None, r["Description"]))
        elif got == coded:
            exact += 1
        else:
            misses.append((coded, got, r["Description"]))
    n = len(rows)
    some = n - nothing
    return {"events": n, "exact": exact / n, "nothing": nothing / n,
            "precision": exact / some if some else 1.0, "misses": misses}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--csv", type=Path, default=DEFAULT)
    ap.add_argument("--misses", type=int, default=0, help="print this many misses")
    ap.add_argument("--label-misses", action="store_true", help="print where labelled articles disagree")
    args = ap.parse_args()
    if not args.csv.exists():
        sys.exit(f"development data not found: {args.csv}")
    rows = load_events(args.csv)
    t0 = time.perf_counter()
    res = evaluate(rows)
    secs = time.perf_counter() - t0
    for coded, got, text in res["misses"][:args.misses]:
        print(f"coded {coded:>4}  got {got!s:>5}  {text[:220]!r}")
    print(f"{LEXICON_VERSION}: {res['events']} events, exact {res['exact']:.3f}, "
          f"nothing {res['nothing']:.3f}, precision {res['precision']:.3f} [{secs:.1f} s]")
    if NEWS.exists():
        with NEWS.open(encoding="utf-8", newline="") as fh:
            texts = {r["unit_id"]: r["article_content"] for r in csv.DictReader(fh)}
        score = score_labels(load_labels(LABELS), texts)
        if args.label_misses:
            for r in score.rows:
                bad = [k for k in ("count", "perpetrator", "attribution", "governorate", "place", "date")
                       if k in r and not r[k]]
                if bad:
                    c = r["claim"] or {}
                    print(f"row {r['label']['row']}: {', '.join(bad)}; label {r['label']['killed_text']!r} "
                          f"{r['label']['perpetrator']!r} [{r['label']['attribution']}] "
                          f"{r['label']['place']!r}; got {c.get('count_stated')} {c.get('perpetrator')!r} "
                          f"[{c.get('attribution')}] {c.get('place')!r}")
        print(f"FA-KES hand labels: {score.summary()}")


if __name__ == "__main__":
    main()
