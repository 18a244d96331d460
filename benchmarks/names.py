"""Name-key agreement and false merges on held-out Arabic→Latin name variants.

Data: ``../shared/data/arabic-names/dict_ar_en.csv`` (6,094 rows, Gaza casualty-list
name segments → Latin spellings; public domain; noisy). Nothing from it is shipped.

Split (fixed, by Arabic form so that a held-out name is never seen while tuning):
an Arabic segment, after clean-up and folding (alef/hamza/ta-marbuta/alef-maqsura
unified, spaces removed), is *held out* when the first byte of the MD5 of its UTF-8
form is odd, and in the *tuning* half when it is even. Rules were developed looking
only at the tuning half; the figures reported are on the held-out half.

Measures (keys from ``tally.normalize.names.name_keys``; a segment may hold a
compound such as ``ابوشمالة`` or ``عبد الله``, so the whole key tuple is compared):

- cross-script agreement: share of (Arabic, Latin) rows whose keys are equal;
- Latin–Latin agreement: share of pairs of different Latin spellings of the same
  Arabic form whose keys are equal;
- false merges: share of random pairs of segments with different Arabic forms
  given equal keys (Latin–Latin and Arabic–Latin), 200,000 pairs each, seed 7;
- speed: full names per second through ``normalize_name`` on distinct,
  uncached names built from the data (three segments each).

    .venv/bin/python benchmarks/names.py [--split heldout|tune|all] [--show 20]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

from tally.normalize._text import clean_arabic, fold_arabic
from tally.normalize.names import name_keys, normalize_name

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "arabic-names" / "dict_ar_en.csv"


def arabic_id(ar: str) -> str:
    return fold_arabic(clean_arabic(ar).replace(" ", ""))


def in_split(ar_id: str, split: str) -> bool:
    odd = hashlib.md5(ar_id.encode("utf-8")).digest()[0] % 2 == 1
    return split == "all" or (split == "heldout") == odd


def load(split: str, path: Path = DATA) -> dict[str, list[tuple[str, str]]]:
    """Arabic id → [(arabic as written, latin)] for rows in the split."""
    rows: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.reader(fh):
            if len(r) < 2 or r[0] in ("ar", "-"):
                continue
            ar, en = r[0].strip(" ()"), r[1].strip(" ()")
            if not ar or not en or ar == "-":
                continue
            aid = arabic_id(ar)
            if aid and in_split(aid, split):
                rows[aid].append((ar, en))
    return rows


def evaluate(rows: dict[str, list[tuple[str, str]]], show: int = 0, pairs: int = 200_000) -> dict:
    cross_ok = cross_n = 0
    ll_ok = ll_n = 0
    misses_cross, misses_ll = [], []
    for aid, items in rows.items():
        for ar, en in items:
            cross_n += 1
            if name_keys(ar) == name_keys(en):
                cross_ok += 1
            else:
                misses_cross.append((ar, en, name_keys(ar), name_keys(en)))
        spellings = sorted({en.lower() for _, en in items})
        for a, b in itertools.combinations(spellings, 2):
            ll_n += 1
            if name_keys(a) == name_keys(b):
                ll_ok += 1
            else:
                misses_ll.append((a, b, name_keys(a), name_keys(b)))
    rng = random.Random(7)
    flat = [(aid, ar, en) for aid, items in rows.items() for ar, en in items]
    fm_ll = fm_x = 0
    n = 0
    merges = []
    while n < pairs:
        x, y = rng.choice(flat), rng.choice(flat)
        if x[0] == y[0]:
            continue
        n += 1
        if name_keys(x[2]) == name_keys(y[2]):
            fm_ll += 1
            if len(merges) < 400:
                merges.append((x[2], y[2], x[1], y[1], name_keys(x[2])))
        if name_keys(x[1]) == name_keys(y[2]):
            fm_x += 1
    if show:
        rng2 = random.Random(1)
        for label, lst in (("cross-script misses", misses_cross), ("latin-latin misses", misses_ll),
                           ("false merges", merges)):
            print(f"--- {label} ({len(lst)})")
            for m in rng2.sample(lst, min(show, len(lst))):
                print("   ", m)
    return {
        "arabic_forms": len(rows),
        "cross_pairs": cross_n,
        "cross_agree": cross_ok / cross_n if cross_n else 0.0,
        "latin_pairs": ll_n,
        "latin_agree": ll_ok / ll_n if ll_n else 0.0,
        "random_pairs": n,
        "false_merge_latin": fm_ll / n if n else 0.0,
        "false_merge_cross": fm_x / n if n else 0.0,
    }


def weighted_false_merges(pairs: int = 200_000) -> float:
    """Different-name pairs with equal keys when names are drawn by the curated table's weights.

    Closer to what blocking meets in real lists, where a few names dominate: the share
    of pairs of different table names (given and family names drawn separately, then
    pooled) whose cross-script keys are equal.
    """
    from tally.normalize.names import load_name_table, token_key

    rng = random.Random(13)
    out_key = n = 0
    for kind in ("given", "family"):
        rows = [e for e in load_name_table(include_wikidata=False) if e.weight > 0 and e.kind in (kind, "both")]
        weights = [e.weight for e in rows]
        keys = [token_key(e.arabic) for e in rows]
        for _ in range(pairs // 2):
            i, j = rng.choices(range(len(rows)), weights, k=2)
            if rows[i].key == rows[j].key:
                continue
            n += 1
            out_key += keys[i] == keys[j]
    return out_key / n


def speed(rows: dict[str, list[tuple[str, str]]], count: int = 60_000) -> float:
    rng = random.Random(3)
    segs_ar = [ar for items in rows.values() for ar, _ in items]
    segs_en = [en for items in rows.values() for _, en in items]
    names = set()
    while len(names) < count:
        pool = segs_ar if len(names) % 2 else segs_en
        names.add(" ".join(rng.choice(pool) for _ in range(3)))
    names_l = list(names)
    normalize_name.cache_clear()
    t = time.perf_counter()
    for s in names_l:
        normalize_name(s)
    return len(names_l) / (time.perf_counter() - t)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="heldout", choices=["heldout", "tune", "all"])
    ap.add_argument("--show", type=int, default=0, help="print this many random misses of each kind")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    normalize_name("warm up")  # load tables
    load_s = time.perf_counter() - t0
    rows = load(args.split)
    res = evaluate(rows, show=args.show)
    print(f"split={args.split}  arabic forms={res['arabic_forms']}  (table load {load_s:.2f} s)")
    print(f"cross-script agreement   {res['cross_agree']:.3f}  ({res['cross_pairs']} Arabic-Latin rows)")
    print(f"Latin-Latin agreement    {res['latin_agree']:.3f}  ({res['latin_pairs']} spelling pairs)")
    print(f"false merges Latin-Latin {res['false_merge_latin']:.4%}  ({res['random_pairs']} random pairs)")
    print(f"false merges Arabic-Latin {res['false_merge_cross']:.4%}")
    wk = weighted_false_merges()
    print(f"false merges, names drawn by table weight: {wk:.2%} of different-name pairs share a key")
    if not args.no_speed:
        print(f"speed                    {speed(rows):,.0f} names/s (distinct, uncached, 3 segments each)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
