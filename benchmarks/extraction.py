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

Then the labelled paragraph sets written for Tally (tests/data/extract_ar,
tests/data/extract_en_hard; :mod:`tally.extract.devsets`): dev, held-out and the
hand-written fresh paragraphs, and the speed in articles per second on the 804 FA-KES
articles and on the Arabic paragraphs (``--speed``).

    python benchmarks/extraction.py [--csv PATH] [--misses N] [--label-misses] [--speed]
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
    ap.add_argument("--speed", action="store_true", help="articles per second on FA-KES (804) and Arabic")
    ap.add_argument("--held-out", action="store_true",
                    help="also score the English held-out batch tests/data/extract_en_fresh (aggregates only)")
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
    sets(args.speed, args.held_out)


def sets(speed: bool, held_out: bool = False) -> None:
    """Scores on the paragraph sets written for Tally, and (``speed``) articles per second."""
    from tally.extract.devsets import load_set, score_set

    for name in ("extract_ar", "extract_en_hard"):
        rows = load_set(ROOT / "tests" / "data" / name / "paragraphs.jsonl")
        fresh = load_set(ROOT / "tests" / "data" / name / "fresh.jsonl")
        for split, part in (("dev", "dev"), ("held-out", "heldout"), ("fresh", None)):
            s = score_set(fresh if part is None else rows, part)
            print(f"{name} {split}: {s.summary()}")
    # wave 3's Arabic batches: dev2 (in-sample, tuned on), fresh (held out, scored before and after only)
    for name in ("extract_ar_dev2", "extract_ar_fresh"):
        s = score_set(load_set(ROOT / "tests" / "data" / name / "paragraphs.jsonl"))
        print(f"{name}: {s.summary()}")
    # wave 3's English dev batches (in-sample, tuned on)
    for path in sorted((ROOT / "tests" / "data" / "extract_en_dev3").glob("*.jsonl")):
        print(f"extract_en_dev3/{path.name}: {score_set(load_set(path)).summary()}")
    if held_out:  # the English held-out batch: aggregates only, scored before and after a change, never tuned on
        s = score_set(load_set(ROOT / "tests" / "data" / "extract_en_fresh" / "paragraphs.jsonl"))
        print(f"extract_en_fresh (held out): {s.summary()}")
    if not speed:
        return
    with NEWS.open(encoding="utf-8", newline="") as fh:
        news = [r["article_content"] for r in csv.DictReader(fh)]
    t0 = time.perf_counter()
    for text in news:
        extract_claims(text, None)
    secs = time.perf_counter() - t0
    print(f"speed: {len(news)} FA-KES articles in {secs:.1f} s, {len(news) / secs:.0f} articles/s")
    ar = [r for r in load_set(ROOT / "tests" / "data" / "extract_ar" / "paragraphs.jsonl")]
    ar_texts = [" ".join(r["text"] for r in ar[i:i + 6]) for i in range(0, len(ar), 6)]  # articles of ~6 paragraphs
    t0 = time.perf_counter()
    for _ in range(3):
        for text in ar_texts:
            extract_claims(text, "2025-06-01")
    secs = time.perf_counter() - t0
    n = 3 * len(ar_texts)
    chars = sum(map(len, ar_texts)) / len(ar_texts)
    print(f"speed: {n} Arabic articles (6 paragraphs, {chars:.0f} characters each) in {secs:.1f} s, "
          f"{n / secs:.0f} articles/s")


if __name__ == "__main__":
    main()
