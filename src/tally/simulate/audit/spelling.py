"""How each list spells a name: Latin house styles with drift, Arabic orthography, typos.

Latin. Nobody transliterates from the Arabic letters (they carry no short vowels);
clerks write the name as they hear it, in their outlet's habits. A :class:`Style`
is those habits: a preferred form for the very common names (Mohammad or Muhammed,
Hussein or Husain), and one choice per feature for everything else: the article
(al- / el- / Al / assimilated ash-Shami / dropped), Abd al-X compounds (Abdul X,
Abdel X, Abdulx), u as u / ou / o / oo, ay as ai / ei / ey, q as q / k / g, j as j /
g / dj, kh as kh / h, sh as sh / ch, doubled letters kept or not, the ayn as ' /
nothing / a doubled vowel, Levantine e for i in CaCiC names (Khaled, Maher), ee for
a long i (Kareem), the ta marbuta as a / ah / eh. Every record draws one set of
choices (one clerk writes the whole name): mostly its list's style, sometimes
(``noise``) a free choice, so a list is consistent but never perfectly.

Arabic. Hamza dropped or kept, ta marbuta as ه, alef maqsura as ي, عبدالرحمن
written as one word, the family article dropped; and typos: a letter swapped for
its dotted twin (ح/خ/ج, ب/ت/ث/ن, س/ش, ص/ض, ر/ز, د/ذ, ع/غ, ف/ق), dropped or doubled.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

#: the forms a common name takes in print, the reference form's own first
SPECIAL: dict[str, tuple[str, ...]] = {
    "Muhammad": ("Muhammad", "Mohammad", "Mohammed", "Muhammed", "Mohamed", "Mohamad", "Mouhammad"),
    "Ahmad": ("Ahmad", "Ahmed"),
    "Husayn": ("Husayn", "Hussein", "Husain", "Hussain", "Houssein", "Hussien"),
    "Hasan": ("Hasan", "Hassan"),
    "Mahmud": ("Mahmud", "Mahmoud", "Mahmood"),
    "Yusuf": ("Yusuf", "Youssef", "Yousef", "Yousif", "Yosef"),
    "'Umar": ("Umar", "Omar", "Omer"),
    "'Uthman": ("Uthman", "Othman", "Osman", "Usman"),
    "Mustafa": ("Mustafa", "Moustafa", "Mostafa", "Mustapha"),
    "'Ali": ("Ali", "Aly", "'Ali"),
    "Ibrahim": ("Ibrahim", "Ebrahim", "Brahim"),
    "Sulayman": ("Sulayman", "Suleiman", "Sulaiman", "Soleiman", "Sleiman"),
    "Ja'far": ("Ja'far", "Jaafar", "Jafar"),
    "Fatima": ("Fatima", "Fatimah", "Fatmeh", "Fatme", "Fatema"),
    "Zaynab": ("Zaynab", "Zainab", "Zeinab"),
    "Haydar": ("Haydar", "Haidar", "Hayder"),
    "Isma'il": ("Isma'il", "Ismail", "Ismael"),
    "'Isa": ("Isa", "Issa", "Eissa"),
    "Yasir": ("Yasir", "Yasser", "Yaser"),
    "Abd Allah": ("Abd Allah", "Abdullah", "Abdallah", "Abdulla"),
    "Khalid": ("Khalid", "Khaled"),
    "Salih": ("Salih", "Saleh"),
    "Sayyid": ("Sayyid", "Sayyed", "Sayed", "Said"),
}

FEATURES: dict[str, tuple[str, ...]] = {
    "article": ("al-", "Al-", "Al ", "el-", "El-", "", "assim"),
    "abd": ("Abd al-", "Abdul ", "Abdul", "Abdel ", "Abd Al-", "Abdel"),
    "abu": ("Abu ", "Abou ", "Abo "),
    "u": ("u", "ou", "o", "oo"),
    "ay": ("ay", "ai", "ei", "ey"),
    "aw": ("aw", "ou", "ow"),
    "q": ("q", "k", "g"),
    "j": ("j", "g", "dj"),
    "kh": ("kh", "h"),
    "sh": ("sh", "ch"),
    "gh": ("gh", "g"),
    "th": ("th", "s", "t"),
    "dh": ("dh", "z", "th", "d"),
    "double": ("keep", "single"),
    "ayn": ("", "'", "a"),
    "imala": ("i", "e"),
    "long_i": ("i", "ee"),
    "tam": ("a", "ah", "eh"),
}
_SUN = set("tdrzsnl")  # first letters of the sun-letter digraphs too (th, dh, sh)


@dataclass(frozen=True)
class Style:
    """A list's habits: the weight of each variant of each feature, the preferred
    form of each common name (index into SPECIAL), and the share of records whose
    writer ignores the house style."""

    name: str
    weights: dict[str, tuple[float, ...]]
    prefer: dict[str, int] = field(default_factory=dict)
    p_prefer: float = 0.85
    noise: float = 0.1

    def draw(self, rng: random.Random, boost: float = 1.0) -> dict:
        """One clerk's choices for one record (``boost`` multiplies the share of clerks
        who ignore the house style: a re-entry is often another volunteer's)."""
        free = rng.random() < self.noise * boost
        out = {}
        for feat, options in FEATURES.items():
            w = None if free else self.weights.get(feat)
            out[feat] = rng.choices(options, weights=w)[0] if w else rng.choice(options)
        out["_special"] = {}
        for ref, forms in SPECIAL.items():
            i = self.prefer.get(ref, 1 if len(forms) > 1 else 0)
            if not free and rng.random() < self.p_prefer:
                out["_special"][ref] = forms[i]
            else:
                out["_special"][ref] = rng.choice(forms)
        out["_style"] = "free" if free else self.name
        return out


_TOKEN_RULES = (("kh", "kh"), ("sh", "sh"), ("gh", "gh"), ("th", "th"), ("dh", "dh"))


def _core(word: str, c: dict, tam: bool, arabic: str = "") -> str:
    """Rewrite one reference word (no article) with the choices ``c``.

    ``arabic``: the word's Arabic, when known: the Levantine e is only for the faa'il
    pattern (خالد Khaled, ماهر Maher: an alef second), ee only for a written long i
    (كريم Kareem), never Karem or Khaleed."""
    if word in c["_special"]:
        return c["_special"][word]
    w = word.lower()
    # digraphs first, protected with placeholders so later rules leave them alone
    marks = {}
    for i, (dg, feat) in enumerate(_TOKEN_RULES):
        ph = chr(0x2460 + i)
        w = w.replace(dg, ph)
        marks[ph] = c[feat]
    faail = len(arabic) == 4 and arabic[1] == "ا"
    if c["imala"] == "e" and faail:
        w = re.sub(r"^([^aeiou']*a[^aeiou'])i([^aeiou'])$", r"\1e\2", w)
    if c["long_i"] == "ee" and not faail and "ي" in arabic[1:-1]:
        w = re.sub(r"(?<=[^aeiou'])i([^aeiou'])$", r"ee\1", w)
    w = re.sub("ay(?!y)", "\u24b6", w)
    w = re.sub("aw(?!w)", "\u24b7", w)
    if c["u"] != "u":
        w = w.replace("u", c["u"])
    w = w.replace("\u24b6", c["ay"]).replace("\u24b7", c["aw"])
    w = w.replace("q", c["q"]).replace("j", c["j"])
    if c["ayn"] == "":
        w = w.replace("'", "")
    elif c["ayn"] == "a":
        w = re.sub(r"a'(?=[^aeiou])", "aa", w).replace("'", "")
    if c["double"] == "single":
        w = re.sub(r"([bdfklmnrstwyz])\1", r"\1", w)
    if tam and w.endswith("a") and c["tam"] != "a":
        w = w[:-1] + c["tam"]
    for ph, rep in marks.items():
        w = w.replace(ph, rep)
    w = w.lstrip("'")
    return w[:1].upper() + w[1:]


def _assimilated(core: str, ref_word: str) -> str:
    """The article assimilated to a sun letter of the reference word (ash-Shami,
    ar-Rifai, as-Sayyid); before a moon letter it stays al- (al-Jasim, never ad-Djasim)."""
    if ref_word[:1].lower() not in _SUN:
        return f"al-{core}"
    low = core.lower()
    digraph = ref_word.lower().startswith(("sh", "th", "dh")) and low[:2] in ("sh", "th", "dh", "ch")
    return f"a{low[:2] if digraph else low[:1]}-{core}"


def latin(ref: str, c: dict, tam: bool = False, arabic: str = "") -> str:
    """The reference name ``ref`` as one clerk with choices ``c`` writes it.

    ``tam``: the Arabic ends in ta marbuta (its final a may be written ah / eh);
    ``arabic``: the name's Arabic (one word: see :func:`_core`)."""
    word = arabic[2:] if arabic.startswith("ال") else arabic
    word = word if " " not in word else ""
    if ref in c["_special"]:
        return c["_special"][ref]
    m = re.match(r"^Abd (al-|Allah$)(.*)$", ref)
    if m:
        if m.group(1) == "Allah":
            return c["_special"]["Abd Allah"]
        rest = _core(m.group(2), c, False)
        form = c["abd"]
        if form.endswith("al-") and c["article"] == "assim":
            return f"Abd {_assimilated(rest, m.group(2))}"
        return (form + rest) if form.endswith((" ", "-")) else form + rest.lower()
    parts = ref.split(" ")
    out = []
    for i, p in enumerate(parts):
        if p == "Abu":
            out.append(c["abu"].strip())
            continue
        if p == "Allah" and i:
            out[-1] = out[-1] + "allah" if c["double"] == "single" else out[-1]
            if c["double"] != "single":
                out.append("Allah")
            continue
        if p.startswith("al-"):
            core = _core(p[3:], c, tam and i == len(parts) - 1, word if len(parts) == 1 else "")
            art = c["article"]
            if art == "assim":
                out.append(_assimilated(core, p[3:]))
            elif art in ("Al ", "El "):
                out.append(art.strip())
                out.append(core)
            else:
                out.append(art + core)
            continue
        out.append(_core(p, c, tam and i == len(parts) - 1, word if len(parts) == 1 else ""))
    return " ".join(x for x in out if x)


# -- Arabic --------------------------------------------------------------------------

_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"})
_TWINS = ("حخج", "بتثن", "سش", "صض", "رز", "دذ", "عغ", "فق", "طظ", "ةه", "يى")
_TWIN_OF = {ch: group for group in _TWINS for ch in group}


def arabic(text: str, rng: random.Random, rates: dict[str, float], applied: set[str]) -> str:
    """``text`` with the orthographic habits of a list (each with its rate)."""
    if rates.get("hamza") and any(ch in text for ch in "أإآ") and rng.random() < rates["hamza"]:
        text = text.translate(_HAMZA)
        applied.add("hamza")
    if rates.get("ta_marbuta") and text.endswith("ة") and rng.random() < rates["ta_marbuta"]:
        text = text[:-1] + "ه"
        applied.add("ta_marbuta")
    if rates.get("alef_maqsura") and text.endswith("ى") and rng.random() < rates["alef_maqsura"]:
        text = text[:-1] + "ي"
        applied.add("alef_maqsura")
    if rates.get("abd_spacing") and "عبد ال" in text and rng.random() < rates["abd_spacing"]:
        text = text.replace("عبد ال", "عبدال")
        applied.add("abd_spacing")
    return text


def arabic_typo(text: str, rng: random.Random) -> str:
    """One slip of the pen: a dotted twin, a dropped or a doubled letter."""
    letters = [i for i, ch in enumerate(text) if ch != " "]
    if len(letters) < 3:
        return text
    i = rng.choice(letters[1:])
    ch = text[i]
    u = rng.random()
    if u < 0.55 and ch in _TWIN_OF:
        return text[:i] + rng.choice([t for t in _TWIN_OF[ch] if t != ch]) + text[i + 1:]
    if u < 0.8:
        return text[:i] + text[i + 1:]
    return text[:i] + ch + text[i:]


_KEYS = "qwertyuiop asdfghjkl zxcvbnm"


def latin_typo(text: str, rng: random.Random) -> str:
    """One keyboard slip: a neighbouring key, a dropped, doubled or swapped letter."""
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(letters) < 3:
        return text
    i = rng.choice(letters[1:])
    ch = text[i]
    u = rng.random()
    if u < 0.3 and ch.lower() in _KEYS:
        k = _KEYS.index(ch.lower())
        near = [_KEYS[j] for j in (k - 1, k + 1) if 0 <= j < len(_KEYS) and _KEYS[j] != " "]
        if near:
            return text[:i] + rng.choice(near) + text[i + 1:]
    if u < 0.55:
        return text[:i] + text[i + 1:]
    if u < 0.8:
        return text[:i] + ch + text[i:]
    if i + 1 < len(text) and text[i + 1].isalpha():
        return text[:i] + text[i + 1] + ch + text[i + 2:]
    return text[:i] + text[i + 1:]
