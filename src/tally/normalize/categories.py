"""Age, sex, status and community as written in lists → a small fixed vocabulary.

    >>> normalize_age("30-40")
    AgeResult(low=30, high=40, age_class='adult', sex=None, problem=None)
    >>> normalize_age("امرأة")
    AgeResult(low=18, high=None, age_class='adult', sex='female', problem=None)
    >>> normalize_sex("أنثى").value, normalize_status("مقاتل").value, normalize_community("Druse").value
    ('female', 'combatant', 'druze')

Every function is pure and cached; an unreadable value gives ``value=None``
(or ``low=high=None``) with a ``problem`` note, never an exception.

Vocabularies: sex ``male``/``female``; age class ``child`` (< 18), ``adult``
(18-59), ``elderly`` (60+); status ``civilian``/``combatant``/``unknown``;
community ``alawite``, ``druze``, ``sunni``, ``shia``, ``ismaili``,
``christian``, ``kurdish``, ``bedouin``, ``turkmen``, ``circassian``,
``yazidi``, ``murshidi``, ``palestinian``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tally.normalize._text import DIGITS, clean_arabic, fold_latin, has_arabic

__all__ = [
    "AgeResult",
    "CategoryResult",
    "normalize_age",
    "normalize_sex",
    "normalize_status",
    "normalize_community",
    "age_class",
]

ADULT_AGE = 18
ELDERLY_AGE = 60


@dataclass(frozen=True, slots=True)
class AgeResult:
    """Age in whole years as an interval; ``high`` is ``None`` when open-ended."""

    low: int | None
    high: int | None
    age_class: str | None
    sex: str | None = None
    problem: str | None = None

    def to_dict(self) -> dict:
        return {"low": self.low, "high": self.high, "age_class": self.age_class, "sex": self.sex,
                "problem": self.problem}


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """One normalized category value (``None`` when not recognized) and a problem note."""

    value: str | None
    problem: str | None = None


def age_class(low: int | None, high: int | None) -> str | None:
    """``child``, ``adult`` or ``elderly`` when the whole interval falls in one class."""
    if low is None:
        return None
    hi = high if high is not None else 200
    if hi < ADULT_AGE:
        return "child"
    if low >= ELDERLY_AGE:
        return "elderly"
    if low >= ADULT_AGE and hi < ELDERLY_AGE:
        return "adult"
    if low >= ADULT_AGE and high is None:
        return "adult"
    return None


def _fold(text: str, keep_hyphen: bool = False) -> str:
    if keep_hyphen:
        text = text.replace("-", " - ")
    if has_arabic(text):
        t = clean_arabic(text).translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"}))
        return re.sub(r"\s+", " ", t).strip()
    t = fold_latin(text) if keep_hyphen else fold_latin(text).replace("-", " ")
    return re.sub(r"\s+", " ", t.replace("_", " ")).strip(" .")


# word → (low, high, sex)
_AGE_WORDS: dict[str, tuple[int, int | None, str | None]] = {
    # English
    "infant": (0, 1, None), "baby": (0, 1, None), "newborn": (0, 0, None), "toddler": (1, 3, None),
    "child": (0, 17, None), "children": (0, 17, None), "kid": (0, 17, None), "minor": (0, 17, None),
    "boy": (0, 17, "male"), "girl": (0, 17, "female"), "teen": (13, 19, None), "teenager": (13, 19, None),
    "adolescent": (12, 17, None), "youth": (15, 29, None), "young": (15, 35, None),
    "young man": (18, 35, "male"), "young woman": (18, 35, "female"), "adult": (18, None, None),
    "man": (18, None, "male"), "woman": (18, None, "female"), "men": (18, None, "male"),
    "women": (18, None, "female"), "elderly": (60, None, None), "old": (60, None, None),
    "old man": (60, None, "male"), "old woman": (60, None, "female"), "senior": (60, None, None),
    "elder": (60, None, None), "elderly man": (60, None, "male"), "elderly woman": (60, None, "female"),
    # Arabic (folded: alef forms → ا, ة → ه, ى → ي)
    "رضيع": (0, 1, "male"), "رضيعه": (0, 1, "female"), "طفل": (0, 17, "male"), "طفله": (0, 17, "female"),
    "اطفال": (0, 17, None), "قاصر": (0, 17, None), "قاصره": (0, 17, "female"), "صبي": (0, 17, "male"),
    "فتاه": (13, 25, "female"), "فتي": (13, 19, "male"), "مراهق": (13, 19, "male"), "مراهقه": (13, 19, "female"),
    "شاب": (18, 35, "male"), "شابه": (18, 35, "female"), "رجل": (18, None, "male"), "امراه": (18, None, "female"),
    "سيده": (18, None, "female"), "بالغ": (18, None, None), "بالغه": (18, None, "female"),
    "مسن": (60, None, "male"), "مسنه": (60, None, "female"), "عجوز": (60, None, None), "كهل": (50, None, "male"),
    "كبير في السن": (60, None, "male"), "كبيره في السن": (60, None, "female"), "رجل مسن": (60, None, "male"),
    "امراه مسنه": (60, None, "female"), "طفل رضيع": (0, 1, "male"), "طفله رضيعه": (0, 1, "female"),
}

_NUM = r"(\d{1,3}(?:\.\d)?)"
_YEARS = r"(?:\s*(?:years?|yrs?|y\.?o\.?|y|years old|year old|عام|عاما|اعوام|سنه|سنوات|سنين|سنة))?"
_MONTHS_W = r"\s*(?:months?|mos?|شهر|شهرا|اشهر|شهور)"
_DAYS_W = r"\s*(?:days?|يوم|يوما|ايام)"


@lru_cache(maxsize=50_000)
def normalize_age(text: str | int | float | None) -> AgeResult:
    """Age in years from a number, a range (``30-40``), decades (``30s``), months/days for
    infants, or a word in Arabic or English (``طفل``, ``child``, ``elderly``, ``امرأة``,
    which also gives ``sex``)."""
    if text is None:
        return AgeResult(None, None, None, problem="empty")
    if isinstance(text, (int, float)):
        text = str(int(text)) if float(text).is_integer() else str(text)
    raw = str(text)
    t = _fold(raw.translate(DIGITS), keep_hyphen=True).replace("٫", ".")
    t = re.sub(r"^(about|around|approx\.?|approximately|circa|ca\.?|aged|age|حوالي|نحو|تقريبا|العمر|عمره|عمرها|بعمر)\s*", "", t)
    t = re.sub(r"\s*(تقريبا|approximately|approx)$", "", t).strip()
    if not t:
        return AgeResult(None, None, None, problem="empty")
    if m := re.fullmatch(_NUM + _YEARS, t):
        a = int(float(m[1]))
        if a > 120:
            return AgeResult(None, None, None, problem=f"age out of range: {raw}")
        return AgeResult(a, a, age_class(a, a))
    if m := re.fullmatch(_NUM + _YEARS + r"\s*(?:-|–|to|الى|الي|/)\s*" + _NUM + _YEARS, t):
        a, b = sorted((int(float(m[1])), int(float(m[2]))))
        if b > 120:
            return AgeResult(None, None, None, problem=f"age out of range: {raw}")
        return AgeResult(a, b, age_class(a, b))
    if m := re.fullmatch(r"(?:in (?:his|her|their) )?(early|mid|late)\s*-?\s*(\d0)\s*'?s", t):
        a = int(m[2]) + {"early": 0, "mid": 3, "late": 7}[m[1]]
        b = a + (3 if m[1] == "early" else 3 if m[1] == "mid" else 2)
        return AgeResult(a, b, age_class(a, b))
    if m := re.fullmatch(r"(\d0)\s*'?s", t) or re.fullmatch(r"(?:in (?:his|her|their) )?(\d0)s", t):
        a = int(m[1])
        return AgeResult(a, a + 9, age_class(a, a + 9))
    if m := re.fullmatch(r"(?:under|below|less than|<|اقل من|دون)\s*" + _NUM + _YEARS, t):
        b = int(float(m[1])) - 1
        return AgeResult(0, b, age_class(0, b))
    if m := re.fullmatch(r"(?:over|above|more than|>|\+|اكثر من|فوق)\s*" + _NUM + _YEARS, t) or re.fullmatch(
            _NUM + r"\s*\+", t):
        a = int(float(m[1])) + (0 if t.endswith("+") else 1)
        return AgeResult(a, None, age_class(a, None))
    if re.fullmatch(_NUM + _MONTHS_W, t) or re.fullmatch(_NUM + _DAYS_W, t) or t in ("شهر", "شهرين", "ايام"):
        return AgeResult(0, 0, "child")
    if t in _AGE_WORDS:
        lo, hi, sex = _AGE_WORDS[t]
        return AgeResult(lo, hi, age_class(lo, hi), sex)
    words = t.split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            w = " ".join(words[i:i + size])
            if w in _AGE_WORDS:
                lo, hi, sex = _AGE_WORDS[w]
                return AgeResult(lo, hi, age_class(lo, hi), sex)
    return AgeResult(None, None, None, problem=f"cannot read age: {raw}")


_SEX = {
    "male": "male", "m": "male", "man": "male", "men": "male", "boy": "male", "masculine": "male", "h": "male",
    "homme": "male", "son": "male", "father": "male", "husband": "male", "brother": "male", "mr": "male",
    "female": "female", "f": "female", "woman": "female", "women": "female", "girl": "female", "w": "female",
    "femme": "female", "daughter": "female", "mother": "female", "wife": "female", "sister": "female",
    "mrs": "female", "ms": "female", "miss": "female", "fem": "female",
    "ذكر": "male", "ذ": "male", "رجل": "male", "طفل": "male", "شاب": "male", "صبي": "male", "ابن": "male",
    "اب": "male", "زوج": "male", "اخ": "male", "مسن": "male", "رضيع": "male", "فتي": "male", "مراهق": "male",
    "انثي": "female", "ا": "female", "امراه": "female", "طفله": "female", "شابه": "female", "فتاه": "female",
    "ابنه": "female", "بنت": "female", "ام": "female", "زوجه": "female", "اخت": "female", "مسنه": "female",
    "سيده": "female", "رضيعه": "female", "مراهقه": "female", "نساء": "female", "انثى": "female",
}


@lru_cache(maxsize=10_000)
def normalize_sex(text: str | None) -> CategoryResult:
    """``male`` or ``female`` from ذكر/أنثى/male/female/m/f and words such as رجل, امرأة,
    طفلة, boy, girl, son, wife."""
    if text is None or not str(text).strip():
        return CategoryResult(None, "empty")
    t = _fold(str(text))
    if t in _SEX:
        return CategoryResult(_SEX[t])
    for w in t.split():
        if w in _SEX and len(w) > 1:
            return CategoryResult(_SEX[w])
    if t in ("unknown", "u", "?", "غير معروف", "مجهول", "na", "n/a", "-"):
        return CategoryResult(None, "unknown sex")
    return CategoryResult(None, f"cannot read sex: {text}")


_STATUS = {
    "civilian": "civilian", "civilians": "civilian", "civ": "civilian", "c": "civilian", "non combatant": "civilian",
    "noncombatant": "civilian", "not a combatant": "civilian", "civil": "civilian",
    "مدني": "civilian", "مدنيه": "civilian", "مدنيين": "civilian", "مدنيون": "civilian", "غير مقاتل": "civilian",
    "combatant": "combatant", "combatants": "combatant", "fighter": "combatant", "fighters": "combatant",
    "soldier": "combatant", "soldiers": "combatant", "military": "combatant", "militant": "combatant",
    "militants": "combatant", "armed": "combatant", "armed group member": "combatant", "rebel": "combatant",
    "conscript": "combatant", "officer": "combatant", "army": "combatant", "gunman": "combatant",
    "gunmen": "combatant", "security forces": "combatant", "member of armed forces": "combatant",
    "مقاتل": "combatant", "مقاتلين": "combatant", "مقاتلون": "combatant", "عسكري": "combatant",
    "عسكريين": "combatant", "عسكريون": "combatant", "جندي": "combatant", "مجند": "combatant", "ضابط": "combatant",
    "مسلح": "combatant", "مسلحين": "combatant", "عنصر": "combatant", "عناصر": "combatant", "منشق": "combatant",
    "امن عام": "combatant", "الامن العام": "combatant", "فصائل": "combatant", "ثوار": "combatant",
    "unknown": "unknown", "u": "unknown", "unk": "unknown", "?": "unknown", "unclear": "unknown",
    "not known": "unknown", "undetermined": "unknown", "غير معروف": "unknown", "مجهول": "unknown",
    "غير محدد": "unknown", "غير واضح": "unknown",
}
_STATUS_UNSURE = {"police", "policeman", "شرطي", "شرطه", "حارس", "guard", "militia", "ميليشيا", "شبيحه", "شبيح",
                  "لجان شعبيه", "دفاع وطني"}


@lru_cache(maxsize=10_000)
def normalize_status(text: str | None) -> CategoryResult:
    """``civilian``, ``combatant`` or ``unknown`` (Arabic and English forms).

    Police, guards and militia members map to ``unknown`` with a problem note:
    their status depends on their role at the time and must be decided by a person.
    """
    if text is None or not str(text).strip():
        return CategoryResult("unknown", "empty")
    t = _fold(str(text))
    if t in _STATUS:
        return CategoryResult(_STATUS[t])
    if t in _STATUS_UNSURE or any(w in _STATUS_UNSURE for w in t.split()):
        return CategoryResult("unknown", f"status needs review: {text}")
    words = t.split()
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            w = " ".join(words[i:i + size])
            if w in _STATUS and len(w) > 1:
                return CategoryResult(_STATUS[w])
    return CategoryResult("unknown", f"cannot read status: {text}")


_COMMUNITY = {
    "alawite": "alawite", "alawites": "alawite", "alawi": "alawite", "alawy": "alawite", "alaouite": "alawite",
    "alawis": "alawite", "nusayri": "alawite", "nusairi": "alawite", "alevi": "alawite",
    "علوي": "alawite", "علويه": "alawite", "علويين": "alawite", "العلويين": "alawite", "العلويون": "alawite",
    "العلوي": "alawite", "نصيري": "alawite",
    "druze": "druze", "druse": "druze", "druzes": "druze", "drusen": "druze", "muwahhid": "druze",
    "muwahhidun": "druze", "درزي": "druze", "درزيه": "druze", "دروز": "druze", "الدروز": "druze",
    "الدرزي": "druze", "موحد": "druze", "الموحدين": "druze", "الموحدون": "druze", "بني معروف": "druze",
    "sunni": "sunni", "sunnis": "sunni", "sunnite": "sunni", "سني": "sunni", "سنيه": "sunni", "السنه": "sunni",
    "سنه": "sunni", "اهل السنه": "sunni",
    "shia": "shia", "shiite": "shia", "shii": "shia", "shiia": "shia", "twelver": "shia", "jafari": "shia",
    "شيعي": "shia", "شيعيه": "shia", "شيعه": "shia", "الشيعه": "shia",
    "ismaili": "ismaili", "ismailis": "ismaili", "ismaeli": "ismaili", "ismailiyya": "ismaili",
    "اسماعيلي": "ismaili", "اسماعيليه": "ismaili", "الاسماعيليين": "ismaili",
    "christian": "christian", "christians": "christian", "orthodox": "christian", "catholic": "christian",
    "greek orthodox": "christian", "syriac": "christian", "assyrian": "christian", "armenian": "christian",
    "maronite": "christian", "melkite": "christian", "protestant": "christian", "evangelical": "christian",
    "مسيحي": "christian", "مسيحيه": "christian", "مسيحيين": "christian", "المسيحيين": "christian",
    "نصراني": "christian", "ارثوذكسي": "christian", "كاثوليكي": "christian", "سرياني": "christian",
    "اشوري": "christian", "ارمني": "christian", "انجيلي": "christian", "ماروني": "christian",
    "kurdish": "kurdish", "kurd": "kurdish", "kurds": "kurdish", "kurdi": "kurdish", "كردي": "kurdish",
    "كرديه": "kurdish", "كرد": "kurdish", "اكراد": "kurdish", "الكرد": "kurdish", "الاكراد": "kurdish",
    "bedouin": "bedouin", "bedouins": "bedouin", "beduin": "bedouin", "tribal": "bedouin", "بدوي": "bedouin",
    "بدويه": "bedouin", "بدو": "bedouin", "البدو": "bedouin", "عشائر": "bedouin", "العشائر": "bedouin",
    "turkmen": "turkmen", "turkoman": "turkmen", "تركماني": "turkmen", "تركمان": "turkmen",
    "circassian": "circassian", "شركسي": "circassian", "شركس": "circassian",
    "yazidi": "yazidi", "yezidi": "yazidi", "ايزيدي": "yazidi", "يزيدي": "yazidi",
    "murshidi": "murshidi", "مرشدي": "murshidi", "palestinian": "palestinian", "فلسطيني": "palestinian",
}


@lru_cache(maxsize=10_000)
def normalize_community(text: str | None) -> CategoryResult:
    """Community / religious or ethnic group: ``Alawite``/``Alawi``/``علوي`` → ``alawite``,
    ``Druze``/``Druse``/``درزي`` → ``druze``, and so on (see the module docstring)."""
    if text is None or not str(text).strip():
        return CategoryResult(None, "empty")
    t = _fold(str(text))
    if t in _COMMUNITY:
        return CategoryResult(_COMMUNITY[t])
    words = t.split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            w = " ".join(words[i:i + size])
            if w in _COMMUNITY:
                return CategoryResult(_COMMUNITY[w])
    if t.startswith("ال") and t[2:] in _COMMUNITY:
        return CategoryResult(_COMMUNITY[t[2:]])
    return CategoryResult(None, f"cannot read community: {text}")
