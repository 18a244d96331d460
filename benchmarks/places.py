"""Place resolution accuracy on strings from casualty reporting, and speed.

Data: ``tests/unit/normalize/data/place_strings.csv`` — place strings written from
public reporting (SNHR, SOHR, OHCHR, Reuters/AP, Enab Baladi) on the coastal killings
of March 2025, Sweida July 2025, Sahnaya/Jaramana, and the main cities, in Arabic and
English, with the gazetteer unit a person would pick. Also: every governorate and
district name/alt spelling in the gazetteer resolved with ``level`` set.

    .venv/bin/python benchmarks/places.py [--show]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from pathlib import Path

from tally.normalize._text import fold_latin, has_arabic
from tally.normalize.places import load_gazetteer, resolve_place

DATA = Path(__file__).resolve().parents[1] / "tests" / "unit" / "normalize" / "data" / "place_strings.csv"


def expected_id(label: str) -> str:
    if not label.startswith("@"):
        return label
    want = fold_latin(label[1:])
    hits = [p.id for p in load_gazetteer() if p.admin_level >= 4 and fold_latin(p.name_en) == want]
    return hits[0] if len(hits) == 1 else f"?{label}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="print misses")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    load_gazetteer()
    resolve_place("Homs")
    load_s = time.perf_counter() - t0
    with open(DATA, encoding="utf-8", newline="") as fh:
        cases = [(r["text"], expected_id(r["expected"])) for r in csv.DictReader(fh)]
    ok = amb = 0
    misses = []
    by_script = {"arabic": [0, 0], "latin": [0, 0]}
    for text, want in cases:
        m = resolve_place(text)
        good = m is not None and m.id == want
        ok += good
        amb += bool(m and m.ambiguous)
        s = by_script["arabic" if has_arabic(text) else "latin"]
        s[0] += good
        s[1] += 1
        if not good:
            misses.append((text, want, m and m.id))
    admin = [p for p in load_gazetteer() if p.admin_level in (1, 2)]
    spell_ok = spell_n = 0
    for p in admin:
        for name in dict.fromkeys((p.name_en, p.name_ar, *p.alt_names)):
            if not has_arabic(name) and len(fold_latin(name)) < 3:
                continue
            spell_n += 1
            m = resolve_place(name, level=p.admin_level)
            spell_ok += bool(m and m.id == p.id)
    # speed on distinct, uncached strings (reporting strings with varied context words)
    rng = random.Random(5)
    ctx = ["", " city", " countryside", ", Syria", " village", " neighbourhood", " in the west", " area"]
    texts = list({f"{t}{rng.choice(ctx)} {i % 97}" for i, (t, _) in enumerate(cases * 40)})
    resolve_place.cache_clear()
    t = time.perf_counter()
    for s in texts:
        resolve_place(s)
    rate = len(texts) / (time.perf_counter() - t)
    print(f"reporting strings: {ok}/{len(cases)} = {ok / len(cases):.3f} correct "
          f"(Arabic {by_script['arabic'][0]}/{by_script['arabic'][1]}, "
          f"Latin {by_script['latin'][0]}/{by_script['latin'][1]}); flagged ambiguous: {amb}")
    print(f"governorate/district spellings: {spell_ok}/{spell_n} resolve to their unit")
    print(f"speed: {rate:,.0f} distinct strings/s; gazetteer load {load_s:.2f} s; {len(load_gazetteer())} units")
    if args.show:
        for mi in misses:
            print("  miss:", mi)
    return 0


if __name__ == "__main__":
    sys.exit(main())
