"""How one name gets written: Latin transliteration conventions, Arabic
orthographic variants and typing errors.

A Latin spelling is the name's usual English form, then (a) the list's house
style for names with well-known variants (Mohammad / Mohammed / Muhammad /
Mohamed / Mhd), for the family-name article (al- / Al / el- / none) and for
``Abd`` compounds (Abdul Rahman / Abdulrahman / Abd al-Rahman / Abdel Rahman),
held by a list most of the time but not always, and (b) spelling drift of
single sounds (ou/u, ee/i, doubled consonants, final -a/-ah/-eh, ei/ai,
q/k, dh/z, th/s, e/i, o/u). Arabic spellings vary in hamza on alef, final
ta marbuta (ة/ه) and alef maqsura (ى/ي), ``عبد`` spacing and the family
article ال; typos swap, drop, double or confuse letters (dotted look-alikes
in Arabic).
"""

from __future__ import annotations

import random
import re

VARIANTS: dict[str, tuple[str, ...]] = {
    "Mohammad": ("Mohammad", "Mohammed", "Muhammad", "Mohamed", "Mohamad", "Muhammed", "Mhd"),
    "Ahmad": ("Ahmad", "Ahmed"), "Hussein": ("Hussein", "Hussain", "Husayn", "Hussien", "Houssein"),
    "Youssef": ("Youssef", "Yousef", "Yusuf", "Youssif", "Yousif"),
    "Mahmoud": ("Mahmoud", "Mahmud", "Mahmood"), "Khaled": ("Khaled", "Khalid"),
    "Omar": ("Omar", "Umar"), "Abdullah": ("Abdullah", "Abdallah", "Abd Allah", "Abdulla"),
    "Mustafa": ("Mustafa", "Moustafa", "Mostafa"), "Fatima": ("Fatima", "Fatma", "Fatmeh", "Fatimah"),
    "Zainab": ("Zainab", "Zeinab", "Zaynab"), "Suleiman": ("Suleiman", "Sulaiman", "Soliman", "Sleiman"),
    "Ibrahim": ("Ibrahim", "Ebrahim", "Ibraheem"), "Issa": ("Issa", "Eissa", "Isa"),
    "Qassem": ("Qassem", "Kassem", "Qasim"), "Hassan": ("Hassan", "Hasan"), "Ali": ("Ali", "Aly"),
    "Aisha": ("Aisha", "Aysha", "Aicha"), "Othman": ("Othman", "Uthman", "Osman"),
    "Jaafar": ("Jaafar", "Jafar", "Ja'far"), "Haidar": ("Haidar", "Haydar", "Hayder"),
    "Maryam": ("Maryam", "Mariam", "Miriam"), "Nour": ("Nour", "Noor", "Nur"),
    "Reem": ("Reem", "Rim"), "Khadija": ("Khadija", "Khadijeh", "Khadijah"),
}

_ARTICLES = ("al-", "Al-", "Al ", "el-", "", "Al")
_ABD = ("Abdul ", "Abdul", "Abd al-", "Abdel ", "Abd Al ", "Abdal")

_DRIFT: tuple[tuple[str, str], ...] = (
    ("ou", "u"), ("u", "ou"), ("ee", "i"), ("i", "ee"), ("ei", "ai"), ("ai", "ay"),
    ("q", "k"), ("dh", "z"), ("th", "s"), ("e", "i"), ("o", "u"), ("a", "e"),
)
_DOUBLE = re.compile(r"([bcdfghjklmnpqrstvwxyz])\1")

_AR_CONFUSE = {"ب": "ت", "ت": "ث", "ث": "ت", "ن": "ت", "ح": "خ", "خ": "ح", "ج": "ح", "د": "ذ",
               "ذ": "د", "ر": "ز", "ز": "ر", "س": "ش", "ش": "س", "ص": "ض", "ض": "ص", "ط": "ظ",
               "ع": "غ", "غ": "ع", "ف": "ق", "ق": "ف", "ي": "ى", "و": "ؤ"}


class Style:
    """A list's house style for Latin names (fixed per list, kept ``loyalty`` of the time)."""

    def __init__(self, rng: random.Random, loyalty: float, drift: float) -> None:
        self.rng = rng
        self.loyalty = loyalty
        self.drift = drift
        self.pick = {k: rng.choice(v) for k, v in VARIANTS.items()}
        self.article = rng.choice(_ARTICLES[:5])
        self.abd = rng.choice(_ABD)

    def given(self, latin: str, applied: set[str]) -> str:
        return self._word(latin, applied)

    def family(self, latin: str, applied: set[str]) -> str:
        rng = self.rng
        if latin.startswith("al-"):
            article = self.article if rng.random() < self.loyalty else rng.choice(_ARTICLES)
            if article != "al-":
                applied.add("translit_article")
            core = self._word(latin[3:], applied)
            return article + core if article != "Al" else "Al" + core.lower()
        return self._word(latin, applied)

    def _word(self, latin: str, applied: set[str]) -> str:
        rng = self.rng
        base = latin
        if latin in VARIANTS:
            form = self.pick[latin] if rng.random() < self.loyalty else rng.choice(VARIANTS[latin])
            if form != latin:
                applied.add("translit_variant")
            return form
        if latin.startswith("Abdul "):
            abd = self.abd if rng.random() < self.loyalty else rng.choice(_ABD)
            rest = latin[6:]
            if abd != "Abdul ":
                applied.add("translit_abd")
            return abd + (rest.lower() if abd in ("Abdul", "Abdal") else rest)
        if latin.startswith("Abu "):
            form = rng.choice(("Abu ", "Abou ", "Abu-", "Abo ")) if rng.random() > self.loyalty else "Abu "
            if form != "Abu ":
                applied.add("translit_variant")
            latin = form + latin[4:]
        if rng.random() < self.drift:
            latin = drift(latin, rng)
        if latin != base:
            applied.add("translit_drift")
        return latin


def drift(latin: str, rng: random.Random) -> str:
    """One change of a sound's spelling (or an undoubled consonant)."""
    if _DOUBLE.search(latin.lower()) and rng.random() < 0.4:
        return _DOUBLE.sub(r"\1", latin, count=1)
    options = [(a, b) for a, b in _DRIFT if a in latin[1:].lower()]
    if latin.endswith("a") and len(latin) > 3:
        options.append(("a$", "ah"))
    if latin.endswith("eh"):
        options.append(("eh$", "a"))
    if not options:
        return latin
    a, b = rng.choice(options)
    if a.endswith("$"):
        return latin[: -len(a) + 1] + b
    i = latin.lower().find(a, 1)
    return latin[:i] + b + latin[i + len(a):]


def arabic(ar: str, rng: random.Random, rates: dict[str, float], applied: set[str],
           family: bool = False) -> str:
    """An Arabic spelling of ``ar`` as a list writes it."""
    out = ar
    if out[:1] in "أإآ" and rng.random() < rates.get("hamza", 0.0):
        out = "ا" + out[1:]
        applied.add("hamza")
    dropped = re.sub(r"(^| )([أإ])", lambda m: m.group(1) + (
        "ا" if rng.random() < rates.get("hamza", 0.0) else m.group(2)), out)
    if dropped != out:
        applied.add("hamza")
        out = dropped
    if out.endswith("ة") and rng.random() < rates.get("ta_marbuta", 0.0):
        out = out[:-1] + "ه"
        applied.add("ta_marbuta")
    if out.endswith("ى") and rng.random() < rates.get("alef_maqsura", 0.0):
        out = out[:-1] + "ي"
        applied.add("alef_maqsura")
    if out.startswith("عبد ") and rng.random() < rates.get("abd_spacing", 0.0):
        out = "عبد" + out[4:]
        applied.add("abd_spacing")
    if out.startswith("أبو ") and rng.random() < rates.get("abd_spacing", 0.0):
        out = "ابو" + out[4:]
        applied.add("abd_spacing")
    if family and out.startswith("ال") and len(out) > 4 and rng.random() < rates.get("no_article", 0.0):
        out = out[2:]
        applied.add("no_article")
    return out


def typo(text: str, rng: random.Random) -> str:
    """One typing error: a swap, a drop, a double or (Arabic) a dotted look-alike."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 3:
        return text
    i = rng.choice(letters[1:])
    kind = rng.random()
    if kind < 0.3 and i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    if kind < 0.55:
        return text[:i] + text[i + 1:]
    if kind < 0.7:
        return text[:i] + text[i] + text[i:]
    c = text[i]
    if c in _AR_CONFUSE:
        return text[:i] + _AR_CONFUSE[c] + text[i + 1:]
    if c.lower() in "aeiou":
        return text[:i] + rng.choice([v for v in "aeiou" if v != c.lower()]) + text[i + 1:]
    return text[:i] + text[i + 1:]
