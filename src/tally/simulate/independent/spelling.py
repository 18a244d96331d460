"""How a list re-spells a name: Arabic orthography, Latin transliteration, typos.

Independent of :mod:`tally.simulate.variation`: every rule here is written
from how Syrian lists are known to vary — hamza seats dropped or added,
ta marbuta written ha, alif maqsura written ya, عبد written apart or joined,
the article dropped; Latin spellings that follow English, French or
colloquial habits (ou/u/o, ee/i, q/k/', sh/ch, doubled letters, -ah/-a/-eh,
al-/el-/Al /nothing) — and a typing slip now and then. Each call draws its own
choices, so two records of the same person are re-spelled independently.
"""

from __future__ import annotations

import random

_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ؤ": "و", "ئ": "ي"})
_AR_NEAR = {
    "س": "ص", "ص": "س", "ت": "ط", "ط": "ت", "د": "ض", "ض": "د", "ذ": "ز", "ز": "ذ",
    "ح": "ه", "ه": "ح", "ق": "ك", "ك": "ق", "ع": "ا", "ي": "ى", "ث": "س",
}


def respell_arabic(text: str, rng: random.Random, rate: float, family: bool = False) -> tuple[str, set[str]]:
    """``text`` as one more Arabic list writes it; the variations applied."""
    done: set[str] = set()
    if rng.random() < rate and text != text.translate(_HAMZA):
        text = text.translate(_HAMZA)
        done.add("hamza")
    elif rng.random() < rate * 0.3 and text.startswith("ا") and not text.startswith("ال"):
        text = "أ" + text[1:]
        done.add("hamza_added")
    if text.endswith("ة") and rng.random() < rate:
        text = text[:-1] + "ه"
        done.add("ta_marbuta")
    if text.endswith("ى") and rng.random() < rate:
        text = text[:-1] + "ي"
        done.add("alef_maqsura")
    if text.startswith("عبد") and len(text) > 4 and rng.random() < 0.5:
        text = "عبد " + text[3:] if text[3] != " " else text
        done.add("abd_spacing")
    if family and text.startswith("ال") and len(text) > 4 and rng.random() < rate * 0.6:
        text = text[2:]
        done.add("no_article")
    if rng.random() < rate * 0.25 and len(text) > 3:
        text = _typo_arabic(text, rng)
        done.add("typo")
    return text, done


def _typo_arabic(text: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(text))
    c = text[i]
    if c in _AR_NEAR and rng.random() < 0.6:
        return text[:i] + _AR_NEAR[c] + text[i + 1:]
    if rng.random() < 0.5:
        return text[:i] + text[i + 1:]
    return text[:i] + c + text[i:]


#: (pattern, replacements): colloquial, French and English habits.
_LATIN_SWAPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ou", ("u", "o", "oo")), ("oo", ("u", "ou")), ("u", ("ou", "o")), ("o", ("u",)),
    ("ee", ("i",)), ("i", ("ee", "e", "y")), ("y", ("i",)), ("e", ("a", "i")),
    ("q", ("k", "'", "g")), ("sh", ("ch",)), ("kh", ("h", "kh")), ("gh", ("g",)),
    ("dh", ("z", "th", "d")), ("th", ("s", "t", "z")), ("j", ("g", "dj")), ("w", ("ou", "u")),
    ("aa", ("a",)), ("'", ("", "a")),
)
_ENDINGS = (("ah", ("a", "eh")), ("a", ("ah", "eh")), ("eh", ("a", "ah")), ("iya", ("ia", "iyeh", "iyah")))


def transliterate(latin: str, rng: random.Random, rate: float, family: bool = False) -> tuple[str, set[str]]:
    """A Latin spelling of a name whose usual spelling is ``latin``."""
    done: set[str] = set()
    words = latin.replace("-", " - ").split()
    out = []
    for w in words:
        if w in ("al", "-", "abu", "abd", "el"):
            out.append(w)
            continue
        if rng.random() < rate:
            hits = [(p, r) for p, r in _LATIN_SWAPS if p in w]
            if hits:
                p, r = rng.choice(hits)
                at = rng.choice([i for i in range(len(w)) if w.startswith(p, i)])
                w = w[:at] + rng.choice(r) + w[at + len(p):]
                done.add("translit_variant")
        if rng.random() < rate * 0.5:
            for end, alts in _ENDINGS:
                if w.endswith(end) and len(w) > len(end) + 2:
                    w = w[: -len(end)] + rng.choice(alts)
                    done.add("translit_variant")
                    break
        if rng.random() < rate * 0.3:
            doubled = [i for i in range(1, len(w)) if w[i] == w[i - 1] and w[i] not in "aeiou"]
            if doubled:
                i = rng.choice(doubled)
                w = w[:i] + w[i + 1:]
            else:
                i = rng.randrange(1, len(w))
                if w[i] not in "aeiou'":
                    w = w[:i] + w[i] + w[i:]
            done.add("translit_variant")
        out.append(w)
    text = " ".join(out).replace(" - ", "-")
    if family and (text.startswith("al-") or text.startswith("al ")):
        u = rng.random()
        rest = text[3:]
        if u < 0.25:
            text = rest
            done.add("no_article")
        elif u < 0.4:
            text = "el-" + rest
        elif u < 0.5:
            text = "al " + rest
        elif u < 0.55:
            text = "al" + rest
    if rng.random() < rate * 0.25 and len(text) > 3:
        text = typo_latin(text, rng)
        done.add("typo")
    return _title(text), done


def typo_latin(text: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(text))
    u = rng.random()
    if u < 0.35:
        return text[:i] + text[i + 1:]
    if u < 0.7 and i + 1 < len(text):
        return text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return text[:i] + rng.choice("aeiourlnm") + text[i + 1:]


def _title(text: str) -> str:
    return "-".join(" ".join(p[:1].upper() + p[1:] for p in part.split(" ")) for part in text.split("-"))
