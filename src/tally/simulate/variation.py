"""How a name or value changes on its way into a list.

Each function takes the random generator and returns the written form plus a
flag telling whether a variation was applied (so that truth files can say
which errors each record carries).
"""

from __future__ import annotations

import random

from tally.simulate.tables import Name

_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
_HAMZA_CHARS = set("أإآ")

# Latin letters and their keyboard neighbours / look-alikes for typos.
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_ARABIC = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def has_hamza(text: str) -> bool:
    return any(c in _HAMZA_CHARS for c in text)


def drop_hamza(text: str) -> str:
    return text.translate(_HAMZA)


def arabic_orthography(text: str, rng: random.Random, rates: dict[str, float]) -> tuple[str, set[str]]:
    """Hamza, ta marbuta, alef maqsura and عبد spacing as a scribe might write them."""
    applied: set[str] = set()
    words = text.split(" ")
    out = []
    for w in words:
        if has_hamza(w) and rng.random() < rates.get("hamza", 0.0):
            w = drop_hamza(w)
            applied.add("hamza")
        if w.endswith("ة") and rng.random() < rates.get("ta_marbuta", 0.0):
            w = w[:-1] + "ه"
            applied.add("ta_marbuta")
        if w.endswith("ى") and rng.random() < rates.get("alef_maqsura", 0.0):
            w = w[:-1] + "ي"
            applied.add("alef_maqsura")
        out.append(w)
    text = " ".join(out)
    if ("عبد ال" in text or "عبدال" in text) and rng.random() < rates.get("abd_spacing", 0.0):
        if "عبد ال" in text:
            text = text.replace("عبد ال", "عبدال", 1)
        else:
            text = text.replace("عبدال", "عبد ال", 1)
        applied.add("abd_spacing")
    return text, applied


def arabic_form(name: Name, rng: random.Random) -> str:
    """The usual Arabic spelling (the table's first form), rarely another one."""
    if len(name.arabic) > 1 and rng.random() < 0.15:
        return name.arabic[rng.randrange(1, len(name.arabic))]
    return name.arabic[0]


def latin_form(name: Name, rng: random.Random, p_variant: float) -> tuple[str, bool]:
    """The table's Latin spelling or, with probability ``p_variant``, a variant."""
    if name.variants and rng.random() < p_variant:
        v = name.variants[rng.randrange(len(name.variants))]
        if v != name.latin:
            return v, True
    return name.latin, False


_PREFIXES = ("al-", "Al-", "el-", "Al ", "Al", "")


def latin_family(name: Name, rng: random.Random, p_variant: float) -> tuple[str, bool]:
    """A family name with the article written one of the usual ways."""
    base, varied = latin_form(name, rng, p_variant)
    lower = base.lower()
    for art in ("al-", "el-", "al ", "el ", "ar-", "as-", "ash-", "az-", "an-", "at-", "ad-"):
        if lower.startswith(art):
            stem = base[len(art):]
            if rng.random() < p_variant:
                pre = _PREFIXES[rng.randrange(len(_PREFIXES))]
                form = pre + (stem[:1].upper() + stem[1:] if pre in ("Al",) else stem)
                return form, varied or form != base
            return base, varied
    return base, varied


def typo(text: str, rng: random.Random) -> str:
    """One character edit: substitution, deletion, insertion or transposition."""
    letters = [i for i, c in enumerate(text) if c.isalpha()]
    if len(letters) < 3:
        return text
    i = letters[rng.randrange(len(letters))]
    alphabet = _ARABIC if "\u0600" <= text[i] <= "\u06ff" else _LATIN
    kind = rng.randrange(4)
    if kind == 0:
        c = alphabet[rng.randrange(len(alphabet))]
        if c == text[i].lower():
            c = alphabet[(alphabet.index(c) + 1) % len(alphabet)]
        return text[:i] + c + text[i + 1:]
    if kind == 1:
        return text[:i] + text[i + 1:]
    if kind == 2:
        return text[:i] + text[i] + text[i:]
    j = i + 1 if i + 1 < len(text) and text[i + 1].isalpha() else i - 1
    a, b = sorted((i, j))
    if text[a] == text[b]:
        return text[:i] + text[i + 1:]
    return text[:a] + text[b] + text[a] + text[b + 1:]


def age_range(age: int, rng: random.Random) -> str:
    """A ten-year range containing ``age`` ("30-40"), as lists write estimates."""
    low = (age // 10) * 10
    if age % 10 == 0 and low > 0 and rng.random() < 0.5:
        low -= 10
    return f"{low}-{low + 10}"
