"""Rebuild ``wikidata_variants.csv`` (run by hand; not imported by Tally).

Source: the name index ``resources/names.sqlite3`` inside the PyPI wheel
``arabic-name-romanizer==0.2.0`` (MIT; UNICEF), table ``units``, rows whose
``source`` is ``wikidata`` (Wikidata labels, CC0 1.0). Only spellings recorded
for people of Arabic-speaking Mashriq/Gulf/Nile countries are kept, and each
Latin spelling is kept only under the Arabic form it is most often written for
(so a stray "Hassan" under حسين does not survive).

    python build_wikidata_variants.py PATH/TO/names.sqlite3 > wikidata_variants.csv
"""

from __future__ import annotations

import csv
import re
import sqlite3
import sys
import unicodedata
from collections import defaultdict

COUNTRIES = ("SY", "LB", "JO", "PS", "IQ", "EG", "SA", "KW", "AE", "QA", "BH", "OM", "YE", "SD", "LY")
MIN_COUNT = 2
MIN_SHARE = 0.04

_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def arabic_key(text: str) -> str:
    text = _DIAC.sub("", unicodedata.normalize("NFKC", text)).translate(_AR_FOLD)
    return re.sub(r"\s+", "", text)


def latin_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.strip()


def main(path: str) -> None:
    con = sqlite3.connect(path)
    q = (
        "SELECT arabic_key, latin, role, SUM(count) FROM units WHERE source='wikidata' AND country IN (%s) "
        "GROUP BY arabic_key, latin, role" % ",".join("?" * len(COUNTRIES))
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    roles: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for ar, lat, role, n in con.execute(q, COUNTRIES):
        if not re.fullmatch(r"[\u0621-\u064a ]+", ar or ""):
            continue
        lat = latin_fold(lat)
        if not re.fullmatch(r"[A-Za-z][A-Za-z' -]*", lat):
            continue
        key = arabic_key(ar)
        counts[(key, lat)] += n
        roles[key][role] += n
    total: dict[str, int] = defaultdict(int)
    best_for_latin: dict[str, tuple[int, str]] = {}
    for (ar, lat), n in counts.items():
        total[ar] += n
        low = lat.lower()
        if n > best_for_latin.get(low, (0, ""))[0]:
            best_for_latin[low] = (n, ar)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["arabic", "latin", "count", "role"])
    for (ar, lat), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
        if n < MIN_COUNT or n < MIN_SHARE * total[ar]:
            continue
        if best_for_latin[lat.lower()][1] != ar:
            continue
        r = roles[ar]
        role = "given" if r["given"] >= 2 * r["surname"] else "family" if r["surname"] >= 2 * r["given"] else "both"
        w.writerow([ar, lat, n, role])


if __name__ == "__main__":
    main(sys.argv[1])
