"""How a clerk, a volunteer or a reporter re-spells a name, a date and a place.

Arabic: hamza dropped on alef, ta marbuta written ha, final ya for alef maqsura, the
article dropped or joined, "عبد ال" run together, a letter lost or doubled in typing.
Latin: the English-style base varied as Syrian names are romanised in English (Mohammad/
Mohammed/Muhammad, Hasan/Hassan, al-/Al /El-), or French-style as Lebanese and French
outlets write them (Mouhammad, Chadi, Youssef, Houssein), plus typing slips.
Dates: Hijri (tabular Islamic calendar), as some family and mosque lists write them.
"""

from __future__ import annotations

import datetime as dt
import random
import re

from tally.simulate.heron.names import LATIN

_EN_VARIANTS = {
    "Mohammad": ("Mohammed", "Muhammad", "Mohamad", "Mohamed", "Mhmd"),
    "Ahmad": ("Ahmed",), "Hasan": ("Hassan",), "Hussein": ("Hussain", "Husain", "Hussien"),
    "Mahmoud": ("Mahmud", "Mahmood"), "Khaled": ("Khalid",), "Yousef": ("Yusuf", "Yousif", "Youssef"),
    "Omar": ("Umar",), "Mustafa": ("Mostafa", "Moustafa"), "Abdullah": ("Abdallah", "Abd Allah", "Abdulla"),
    "Abdulrahman": ("Abdul Rahman", "Abdelrahman", "Abd al-Rahman"), "Ibrahim": ("Ebrahim",),
    "Suleiman": ("Sulaiman", "Soleiman", "Sleiman"), "Fatima": ("Fatma", "Fatmeh"),
    "Zeinab": ("Zainab", "Zaynab"), "Aisha": ("Aysha", "Aicha"), "Khadija": ("Khadijeh", "Khadeeja"),
    "Jaafar": ("Jafar", "Ja'far"), "Qasem": ("Kasem", "Qassem", "Qasim"), "Haidar": ("Haydar", "Heidar"),
    "Wasim": ("Waseem",), "Basel": ("Basil",), "Ghiath": ("Ghiyath", "Ghayath"), "Jamil": ("Jameel",),
    "Maryam": ("Mariam", "Miriam"), "Nour": ("Noor", "Nur"), "Reem": ("Rim",), "Layla": ("Leila", "Laila"),
    "Tareq": ("Tarek", "Tariq"), "Yaser": ("Yasser", "Yasir"), "Saleh": ("Salih",), "Issa": ("Eissa", "Isa"),
    "Younes": ("Yunus", "Younis"), "Muhannad": ("Mohannad",), "Majed": ("Majid",), "Fayez": ("Faiz",),
}
_FRENCH = (("sh", "ch"), ("u", "ou"), ("j", "dj"), ("ee", "i"), ("w", "ou"), ("q", "k"))
_FRENCH_FIXED = {"Mohammad": "Mouhammad", "Yousef": "Youssef", "Hussein": "Houssein",
                 "Suleiman": "Souleiman", "Mustafa": "Moustapha", "Khaled": "Khaled",
                 "Shadi": "Chadi", "Jamil": "Jamil", "Omar": "Omar", "Issa": "Issa", "Hasan": "Hassan"}
_KEYS = "qwertyuiopasdfghjklzxcvbnm"


def _slip(rng: random.Random, s: str, letters: str) -> str:
    """One typing slip: a letter dropped, doubled, swapped with the next, or replaced."""
    if len(s) < 4:
        return s
    i = rng.randrange(1, len(s) - 1)
    if s[i] == " " or s[i - 1] == " ":
        return s
    k = rng.random()
    if k < 0.35:
        return s[:i] + s[i + 1:]
    if k < 0.6:
        return s[:i] + s[i] + s[i:]
    if k < 0.8 and s[i + 1] != " ":
        return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + rng.choice(letters) + s[i + 1:]


def arabic(rng: random.Random, name: str, rate: float, errors: set[str], typo: float = 0.0) -> str:
    """``name`` re-spelled: each kind of variation applied with probability ``rate``."""
    s = name
    if re.search("[أإآ]", s) and rng.random() < rate * 2:
        s = re.sub("[أإآ]", "ا", s)
        errors.add("hamza")
    if s.endswith("ة") and rng.random() < rate:
        s = s[:-1] + "ه"
        errors.add("ta_marbuta")
    if s.endswith("ى") and rng.random() < rate:
        s = s[:-1] + "ي"
        errors.add("alef_maqsura")
    if s.startswith("عبد ") and rng.random() < rate * 2:
        s = "عبد" + s[4:]
        errors.add("abd_spacing")
    if s.startswith("أبو ") and rng.random() < rate:
        s = "ابو " + s[4:]
        errors.add("hamza")
    if rng.random() < typo:
        s = _slip(rng, s, "ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
        errors.add("typo")
    return s


def article(rng: random.Random, family: str, rate: float, errors: set[str]) -> str:
    """The Arabic article dropped from, or added to, a family name."""
    if rng.random() >= rate:
        return family
    errors.add("article")
    if family.startswith("ال"):
        return family[2:]
    if " " not in family:
        return "ال" + family
    return family


def latin(rng: random.Random, name: str, errors: set[str], *, variant: float, french: bool = False,
          typo: float = 0.0) -> str:
    """``name`` (Arabic) in Latin letters, English-style or French-style."""
    base = LATIN.get(name) or name
    out = base
    if french:
        out = _FRENCH_FIXED.get(base)
        if out is None:
            out = base
            for a, b in _FRENCH:
                if rng.random() < 0.7:
                    out = re.sub(a, b, out)
                    out = re.sub(a.capitalize(), b.capitalize(), out)
            out = out.replace("al-", "el-") if rng.random() < 0.6 else out
        if out != base:
            errors.add("french_translit")
    elif rng.random() < variant:
        if base in _EN_VARIANTS:
            out = rng.choice(_EN_VARIANTS[base])
        elif base.startswith("al-"):
            out = rng.choice(("Al ", "Al-", "el-", "Al", "")) + base[3:]
        elif len(base) > 4:
            out = base.replace("ou", "u") if "ou" in base else base.replace("a", "aa", 1)
        if out != base:
            errors.add("translit_variant")
    if rng.random() < typo:
        out = _slip(rng, out, _KEYS)
        errors.add("typo")
    return out


def hijri(d: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the tabular Islamic calendar."""
    jd = d.toordinal() + 1721425
    ell = jd - 1948440 + 10632
    n = (ell - 1) // 10631
    ell = ell - 10631 * n + 354
    j = ((10985 - ell) // 5316) * ((50 * ell) // 17719) + (ell // 5670) * ((43 * ell) // 15238)
    ell = ell - ((30 - j) // 15) * ((17719 * j) // 50) - (j // 16) * ((15238 * j) // 43) + 29
    m = (24 * ell) // 709
    day = ell - (709 * m) // 24
    return 30 * n + j - 30, m, day
