"""Write ``paragraphs.jsonl``: hard English casualty paragraphs written for Tally, with labels.

    python tests/data/extract_en_hard/build.py   # rewrites paragraphs.jsonl (deterministic)

Each paragraph is composed here from sentence patterns written for Tally, one family
per failure class of issue 17 (sums across clauses and sentences, a singular person in
a list, the incident's count beside a cumulative toll, single named victims, phrasings
the extractor lacked, long modifiers, ranges, distractors, denials, places outside
Syria); no sentence is copied from any outlet or coding project. The label is written
beside the words that state it, before any extractor runs on the text. The split
(``dev`` / ``heldout``) is fixed by id: ids whose last digit is 2, 5 or 8 are held out.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 11: "eleven", 12: "twelve", 14: "fourteen", 15: "fifteen", 18: "eighteen", 20: "twenty"}
SY = [("Aleppo", "Aleppo"), ("Idlib", "Idleb"), ("Homs", "Homs"), ("Hama", "Hama"), ("Daraa", "Dar'a"),
      ("Jableh", "Lattakia"), ("Baniyas", "Tartous"), ("Deir ez-Zor", "Deir-ez-Zor"), ("Raqqa", "Ar-Raqqa"),
      ("Douma", "Rural Damascus"), ("Sweida", "As-Sweida"), ("Qamishli", "Al-Hasakeh"), ("Manbij", "Aleppo")]
FOREIGN = [("Taraba", "Nigeria"), ("Erbil", "Iraq"), ("Damasak", "Nigeria"), ("Kansas", "United States"),
           ("Borno", "Nigeria"), ("Mosul", "Iraq"), ("Kandahar", "Afghanistan"), ("Darfur", "Sudan")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def w(n: int, rng: random.Random, cap: bool = False) -> str:
    s = WORDS.get(n, str(n)) if rng.random() < 0.6 else str(n)
    return s.capitalize() if cap else s


def day(pub: dt.date, rng: random.Random) -> tuple[str, dt.date]:
    d = pub - dt.timedelta(days=rng.randrange(0, 4))
    if rng.random() < 0.5:
        return f"on {d.strftime('%A')}", d
    return f"on {MONTHS[d.month - 1]} {d.day}", d


def label(**kw) -> dict:
    base = {"killed_low": None, "killed_best": None, "killed_high": None, "cumulative": False,
            "perpetrator": None, "attribution": "unknown", "cited_source": None, "place": None,
            "governorate": None, "country": "Syria", "date_start": None, "date_end": None,
            "cumulative_count": None, "distractor": False}
    base.update(kw)
    return base


def exact(n):
    return {"killed_low": n, "killed_best": n, "killed_high": n}


def c1_sums(rng, pub):
    a, b = rng.choice([(6, 2), (4, 3), (9, 2), (5, 1), (11, 4), (3, 2)])
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    k = rng.randrange(3)
    if k == 0:
        text = (f"{w(a, rng, True)} soldiers died when their convoy hit a roadside bomb near {place} {when}. "
                f"{w(b, rng, True)} more were found dead in the wreckage the next morning.")
    elif k == 1:
        text = (f"Gunmen killed {w(a, rng)} villagers in {place} {when}, and {w(b, rng)} others were killed "
                f"in a nearby hamlet as the attackers withdrew.")
    else:
        text = (f"{w(a, rng, True)} civilians were killed in the first air strike on {place} {when}; "
                f"a second strike an hour later killed another {w(b, rng)}.")
    return text, label(**exact(a + b), place=place, governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())


def c2_singular(rng, pub):
    n = rng.choice([2, 3, 4, 5])
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    k = rng.randrange(3)
    if k == 0:
        text = f"A woman and her {w(n, rng)} children were killed when a shell struck their home in {place} {when}."
        tot = n + 1
    elif k == 1:
        text = f"Militants shot dead a soldier and a local chief at a checkpoint outside {place} {when}."
        tot = 2
    else:
        text = f"A man, his wife and their {w(n, rng)} sons died in an air strike on {place} {when}."
        tot = n + 2
    perp = "Militants" if k == 1 else None
    return text, label(**exact(tot), perpetrator=perp, attribution="asserted" if perp else "unknown",
                       place=place, governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())


def c3_cumulative(rng, pub):
    n = rng.choice([23, 11, 14, 9, 31])
    cum = rng.choice([10000, 4500, 380000, 1200])
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    k = rng.randrange(3)
    if k == 0:
        text = (f"An air strike on a market in {place} {when} killed {n} people, bringing the toll of the "
                f"offensive to nearly {cum:,} since December, the Syrian Observatory for Human Rights said.")
        src = "Syrian Observatory for Human Rights"
    elif k == 1:
        other = rng.choice([18, 25, 40])
        text = (f"{w(n, rng, True) if n <= 20 else n} people were killed in shelling on {place} {when}, "
                f"a day after {other} died in a car bombing in the same town.")
        src = None
    else:
        text = (f"At least {n} civilians were killed in {place} {when}. More than {cum:,} people have been "
                f"killed since the conflict began, according to the United Nations.")
        src = "United Nations"
    lab = label(**exact(n), cited_source=src, place=place, governorate=gov, date_start=d.isoformat(),
                date_end=d.isoformat(), cumulative_count=cum if k != 1 else None)
    if k == 2:
        lab["killed_high"] = None
    return text, lab


def c4_named(rng, pub):
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    name, age = rng.choice([("Ali Hassan", 34), ("Omar Khalil", 27), ("Samir Darwish", 45), ("Nour Aziz", 19)])
    k = rng.randrange(3)
    if k == 0:
        text = f"Masked gunmen shot dead {name}, {age}, and his brother outside their shop in {place} {when}."
        n, perp, att = 2, "Masked gunmen", "unidentified"
    elif k == 1:
        text = f"{name}, a {age}-year-old pharmacist, was killed by a sniper in {place} {when}."
        n, perp, att = 1, None, "unknown"
    else:
        text = f"Security forces killed {name}, a local council member, during a raid in {place} {when}."
        n, perp, att = 1, "Security forces", "asserted"
    return text, label(**exact(n), perpetrator=perp, attribution=att, place=place, governorate=gov,
                       date_start=d.isoformat(), date_end=d.isoformat())


def c5_phrasings(rng, pub):
    n = rng.choice([5, 7, 12, 16, 21, 30])
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    k = rng.randrange(6)
    text = [
        f"Rights groups condemned the killing of {n} farmers in {place} {when}.",
        f"{n} bodies were found in a mass grave near {place} {when}, local officials said.",
        f"Residents described the massacre of {n} villagers in {place} {when} by pro-government militia.",
        f"Militants decapitated {w(n, rng)} captured soldiers near {place} {when}.",
        f"The slaying of {n} shepherds near {place} {when} has shocked the region.",
        f"A car bomb killed and wounded {n} people at a bus station in {place} {when}.",
    ][k]
    lab = label(**exact(n), place=place, governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())
    if k == 1:
        lab["cited_source"] = "local officials"
    if k == 2:
        lab.update(perpetrator="pro-government militia", attribution="asserted")
    if k == 3:
        lab.update(perpetrator="Militants", attribution="asserted")
    if k == 5:
        lab.update(killed_low=None, killed_best=None, killed_high=n)  # killed and wounded together: at most n dead
    return text, lab


def c6_modifiers(rng, pub):
    n = rng.choice([8, 13, 17, 24, 40])
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    k = rng.randrange(3)
    text = [
        f"{n} members of a displaced family from eastern {place}, most of them women and children who had fled "
        f"the fighting last year, were killed {when}.",
        f"{n} civilians (including several aid workers from a local charity) were killed in {place} {when}.",
        f"At least {n} people, they said, were killed when the building in {place} collapsed {when}.",
    ][k]
    return text, label(killed_low=n, killed_best=n, killed_high=None if k == 2 else n, place=place,
                       governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())


def c7_ranges(rng, pub):
    a, b = rng.choice([(65, 105), (40, 60), (20, 30), (100, 150)])
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    k = rng.randrange(3)
    text = [
        f"Between {a} and {b} people were killed in the attack on {place} {when}.",
        f"Activists said {a} to {b} civilians were killed in {place} {when}.",
        f"The raid on {place} {when} killed between {a} and {b} people, witnesses said.",
    ][k]
    lab = label(killed_low=a, killed_best=None, killed_high=b, place=place, governorate=gov,
                date_start=d.isoformat(), date_end=d.isoformat())
    lab["cited_source"] = [None, "Activists", "witnesses"][k]
    return text, lab


def c8_distractors(rng, pub):
    place, gov = rng.choice(SY)
    k = rng.randrange(6)
    text = [
        f"A rocket landed in an empty field outside {place} on Monday; no one was killed.",
        "Aid agencies warned that thousands could die of hunger in the camps if the border crossing stays closed.",
        f"Residents of {place} marked the anniversary of the siege that began in July 2012 with a vigil.",
        "An earthquake in Peru killed 12 people on Tuesday, the country's civil defence agency said.",
        f"Police arrested 14 men suspected of smuggling weapons into {place} on Sunday.",
        f"Nobody was hurt when a car bomb was defused near a school in {place}, officials said.",
    ][k]
    return text, label(distractor=True, country="Peru" if k == 3 else "Syria")


def c9_denials(rng, pub):
    n = rng.choice([6, 9, 15, 22])
    place, gov = rng.choice(SY)
    when, d = day(pub, rng)
    k = rng.randrange(2)
    if k == 0:
        text = (f"{n} people were killed in an attack on a village near {place} {when}. The interior ministry "
                f"denied any involvement and blamed outlaw groups.")
        lab = label(**exact(n), perpetrator="outlaw groups", attribution="alleged", cited_source="interior ministry")
    else:
        text = (f"Residents accused army units of killing {n} men in {place} {when}, but the army denied the "
                f"accusations.")
        lab = label(**exact(n), perpetrator="army units", attribution="contested", cited_source="Residents")
    lab.update(place=place, governorate=gov, date_start=d.isoformat(), date_end=d.isoformat())
    return text, lab


def c10_foreign(rng, pub):
    n = rng.choice([7, 12, 19, 33])
    place, country = rng.choice(FOREIGN)
    when, d = day(pub, rng)
    k = rng.randrange(3)
    text = [
        f"Gunmen killed {n} villagers in {place} {when}, local officials said.",
        f"A suicide bomber killed {n} people at a market in {place} {when}.",
        f"A Reuters investigation found that {n} detainees were killed in custody in {place} {when}.",
    ][k]
    lab = label(**exact(n), place=place, governorate=None, country=country, date_start=d.isoformat(),
                date_end=d.isoformat())
    if k == 0:
        lab.update(perpetrator="Gunmen", attribution="unidentified", cited_source="local officials")
    if k == 2:
        lab["cited_source"] = "Reuters"
    return text, lab


CLASSES = [("sums", c1_sums, 12), ("singular", c2_singular, 11), ("cumulative", c3_cumulative, 12),
           ("named", c4_named, 10), ("phrasings", c5_phrasings, 14), ("modifiers", c6_modifiers, 9),
           ("ranges", c7_ranges, 9), ("distractors", c8_distractors, 14), ("denials", c9_denials, 8),
           ("foreign", c10_foreign, 11)]


def build() -> list[dict]:
    rng = random.Random(1717)
    rows = []
    for klass, fn, n in CLASSES:
        for _ in range(n):
            pub = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 600))
            text, lab = fn(rng, pub)
            rows.append({"class": klass, "published": pub.isoformat(), "text": text, "label": lab})
    rng.shuffle(rows)
    for i, r in enumerate(rows, 1):
        r["id"] = f"en{i:03d}"
        r["split"] = "heldout" if i % 10 in (2, 5, 8) else "dev"
    return [{k: r[k] for k in ("id", "split", "class", "published", "text", "label")} for r in rows]


if __name__ == "__main__":
    rows = build()
    with (HERE / "paragraphs.jsonl").open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "paragraphs,", sum(r["split"] == "heldout" for r in rows), "held out")
