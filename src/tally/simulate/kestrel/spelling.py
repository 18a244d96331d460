"""How one name comes out differently in different hands.

Arabic: hamza seats dropped or added (أحمد/احمد), ta marbuta written as ha (فاطمة/فاطمه),
alef maqsura and ya swapped (عيسى/عيسي), عبد joined or spaced (عبدالله/عبد الله), the
article ال dropped or added on a family name, أبو joined; slips between letters that
differ only by dots (ح/خ/ج, ب/ت/ن, ر/ز, س/ش, ع/غ, ف/ق, د/ذ).
Latin: each writer transliterates by ear — ou/u/o, ee/i, final a/ah/eh, doubled
consonants single, q/k, sh/ch (French-schooled), al-/el-/Al /none, Abu/Abou — plus
keyboard typos. Every change is returned as a tag for the truth file.
"""

from __future__ import annotations

import random
import re

_DOTS = {"ح": "خج", "خ": "حج", "ج": "حخ", "ب": "تن", "ت": "بث", "ن": "بت", "ث": "ت", "ر": "ز",
         "ز": "ر", "س": "ش", "ش": "س", "ع": "غ", "غ": "ع", "ف": "ق", "ق": "ف", "د": "ذ", "ذ": "د",
         "ص": "ض", "ض": "ص", "ط": "ظ", "ظ": "ط", "ي": "ى", "ة": "ت"}


def arabic(name: str, rng: random.Random, rate: float, family: bool = False) -> tuple[str, set[str]]:
    """``name`` as a writer of Arabic might spell it: each applicable change with ``rate``."""
    tags: set[str] = set()
    out = name
    if re.search("[أإآ]", out) and rng.random() < rate * 2:
        out = re.sub("[أإآ]", "ا", out)
        tags.add("hamza")
    elif out.startswith("ا") and not out.startswith("ال") and rng.random() < rate / 2:
        out = "أ" + out[1:]
        tags.add("hamza")
    if out.endswith("ة") and rng.random() < rate * 1.5:
        out = out[:-1] + "ه"
        tags.add("ta_marbuta")
    if out.endswith("ى") and rng.random() < rate * 1.5:
        out = out[:-1] + "ي"
        tags.add("alef_maqsura")
    if out.startswith("عبد") and len(out) > 4 and rng.random() < rate * 2:
        out = "عبد " + out[3:] if out[3] != " " else "عبد" + out[4:]
        tags.add("abd_spacing")
    if out.startswith("أبو ") and rng.random() < rate:
        out = "ابو" + out[4:]
        tags.add("abu_joined")
    if family and rng.random() < rate / 2:
        out = out[2:] if out.startswith("ال") else "ال" + out
        tags.add("al_prefix")
    return out, tags


def arabic_typo(name: str, rng: random.Random) -> str:
    """One slip: a letter with other dots, a letter dropped, or a letter doubled."""
    idx = [i for i, c in enumerate(name) if c != " "]
    if len(idx) < 3:
        return name
    i = rng.choice(idx[1:])
    c = name[i]
    roll = rng.random()
    if c in _DOTS and roll < 0.6:
        return name[:i] + rng.choice(_DOTS[c]) + name[i + 1:]
    if roll < 0.85:
        return name[:i] + name[i + 1:]
    return name[:i] + c + name[i:]


_LATIN_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"ou", ("u", "o")), (r"(?<!o)u", ("ou", "o")), (r"ee", ("i",)), (r"(?<=[^aeiou])i(?=[^aeiou])", ("ee", "e")),
    (r"(?<=[^aeiou])a$", ("ah", "eh")), (r"ah$", ("a",)), (r"eh$", ("a", "ah")),
    (r"(?<=[^aeiou])e(?=[^aeiou])", ("i", "a")),
    (r"([bdfhjklmnrstwz])\1", (r"\1",)), (r"q", ("k", "")), (r"sh", ("ch",)), (r"kh", ("kh", "h")),
    (r"y(?=[aeiou])", ("i",)), (r"w(?=[aeiou])", ("ou",)), (r"dh", ("z", "th")), (r"th", ("s", "t")),
    (r"'", ("",)), (r"j", ("dj", "g")),
)
_SPECIAL = {
    "mohammed": ("Mohammad", "Muhammad", "Mohamed", "Mohamad", "Mhd", "Muhammed"),
    "ahmad": ("Ahmed", "Ahmet"), "hussein": ("Husain", "Hussain", "Houssein", "Hussien"),
    "youssef": ("Yousef", "Yusuf", "Yousif", "Youssif"), "abdullah": ("Abdallah", "Abd Allah", "Abdulla"),
    "mustafa": ("Moustafa", "Mostafa"), "issa": ("Isa", "Eissa"), "suleiman": ("Sulaiman", "Soleiman", "Sleiman"),
    "fatima": ("Fatma", "Fatmeh", "Fatimah"), "zainab": ("Zeinab", "Zaynab"), "osama": ("Usama", "Oussama"),
    "ali": ("Aly",), "khaled": ("Khalid",), "said": ("Saeed", "Saiid"), "ibrahim": ("Ebrahim", "Ibraheem"),
}


def latin(base: str, rng: random.Random, rate: float) -> tuple[str, set[str]]:
    """A Latin spelling of a name whose usual form is ``base``: with ``rate``, one or two
    transliteration changes; the article and Abu written one of several ways."""
    tags: set[str] = set()
    low = base.lower()
    art = ""
    for prefix in ("al-", "abu "):
        if low.startswith(prefix):
            art, low = prefix, low[len(prefix):]
    if rng.random() < rate:
        special = _SPECIAL.get(low)
        if special and rng.random() < 0.7:
            low = rng.choice(special).lower()
        else:
            rules = [(p, r) for p, r in _LATIN_RULES if re.search(p, low)]
            for p, reps in rng.sample(rules, min(len(rules), 1 + (rng.random() < 0.3))):
                spots = list(re.finditer(p, low))  # the first change may have removed it
                if not spots:
                    continue
                m = rng.choice(spots)
                low = low[:m.start()] + m.expand(rng.choice(reps)) + low[m.end():]
        tags.add("translit_variant")
    word = " ".join(w[:1].upper() + w[1:] for w in low.split(" ") if w)
    if art == "al-":
        form = rng.choices(("Al-", "al-", "Al ", "El-", "el ", "", "Al"), (30, 20, 15, 10, 5, 15, 5))[0]
        if form in ("", "Al"):
            tags.add("al_prefix")
        word = form + (word if form != "Al" else word.lower())
    elif art == "abu ":
        form = rng.choices(("Abu ", "Abou ", "Abu-", "Abo "), (50, 25, 15, 10))[0]
        word = form + word
    return word, tags


def latin_typo(name: str, rng: random.Random) -> str:
    """One keyboard slip: a letter dropped, doubled, swapped with its neighbour or replaced."""
    idx = [i for i, c in enumerate(name) if c.isalpha()]
    if len(idx) < 4:
        return name
    i = rng.choice(idx[1:-1])
    roll = rng.random()
    if roll < 0.35:
        return name[:i] + name[i + 1:]
    if roll < 0.55:
        return name[:i] + name[i] + name[i:]
    if roll < 0.8 and name[i + 1].isalpha():
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    return name[:i] + rng.choice("aeiouyrnst") + name[i + 1:]
