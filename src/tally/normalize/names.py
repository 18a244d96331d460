"""Personal names in Arabic script and Latin transliteration → comparable keys.

    >>> r = normalize_name("محمد عبد الله الأحمد")
    >>> r.keys, r.parts["family"]
    (('muhammad', 'abd_allah', 'ahmad'), 'الأحمد')
    >>> normalize_name("Mohamad Abdallah Alahmad").keys
    ('muhammad', 'abd_allah', 'ahmad')

A name is cut into *units*: one word, or a compound written as one or several
words (``Abd al-Rahman``, ``عبدالرحمن``, ``Nour al-Din``, ``Abu Zeid``,
``Nasrallah``). Each unit gets one **key**, the same for its Arabic form and its
common Latin spellings:

1. the shipped name table (``load_name_table``: curated entries plus spellings
   from Wikidata) maps known spellings straight to a canonical key
   (``muhammad``, ``husayn``, ``abd_rahman``);
2. compounds are keyed from their parts (``abd_`` + key of the rest, key + ``_din``,
   key + ``_allah``, ``abu_`` + key), so unseen compounds of known names agree;
3. anything else gets its consonant skeleton (:func:`tally.normalize._text.skeleton_latin`);
   if that skeleton is one the table knows, the nearest table name is used,
   otherwise the key is ``~`` + skeleton (e.g. ``~zhrn``).

Keys are for blocking and for counting; two different names can share a key
(rarely), and a finer comparison (e.g. Jaro-Winkler on the tokens) must still
separate them.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

from tally.normalize._text import (
    clean_arabic,
    fold_arabic,
    fold_latin,
    has_arabic,
    script_of,
    skeleton_arabic,
    skeleton_latin,
)

__all__ = [
    "NameEntry",
    "NameResult",
    "load_name_table",
    "select_names",
    "normalize_name",
    "name_keys",
    "token_key",
    "canonical_name",
    "token_frequencies",
    "table_weight",
    "clean_name",
]

COMMUNITY_CODES = {
    "S": "sunni", "A": "alawite", "D": "druze", "C": "christian", "K": "kurdish", "I": "ismaili",
    "H": "shia", "*": "all",
}
GENDERS = {"m": "male", "f": "female", "u": "unknown"}
PARTS = ("given", "father", "grandfather", "family", "kunya", "title")


@dataclass(frozen=True, slots=True)
class NameEntry:
    """One row of the shipped name table.

    ``key`` is the canonical token key shared by every spelling; ``kind`` is
    ``given``, ``family`` or ``both``; ``gender`` is ``male``, ``female`` or
    ``unknown``; ``communities`` names the communities in which the name is
    usual (``all`` for names common everywhere); ``weight`` is a relative
    frequency (0 = a form kept only for look-up); ``shared_variants`` are Latin
    spellings also usual for another name (``Salah`` under Salih), kept for
    display and sampling but not used for look-up; ``origin`` says where the row
    comes from (``tally`` = curated for Tally, ``wikidata`` = spellings of people
    in Wikidata, via arabic-name-romanizer's index).
    """

    key: str
    arabic: str
    arabic_variants: tuple[str, ...]
    latin: str
    latin_variants: tuple[str, ...]
    kind: str
    gender: str
    communities: tuple[str, ...]
    weight: float
    origin: str
    shared_variants: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NameResult:
    """What :func:`normalize_name` returns for one full name.

    ``tokens`` are the name units as written (cleaned); ``keys`` the unit keys in
    the same order (titles excluded); ``parts`` maps ``given``, ``father``,
    ``grandfather``, ``family``, ``kunya``, ``title`` to a unit (or ``None``) and
    ``part_keys`` the same to keys; ``extra`` holds middle units beyond the
    fourth; ``script`` is ``arabic``, ``latin``, ``mixed`` or ``none``.
    """

    text: str
    clean: str
    script: str
    tokens: tuple[str, ...]
    keys: tuple[str, ...]
    names: tuple[str | None, ...]
    parts: Mapping[str, str | None]
    part_keys: Mapping[str, str | None]
    extra: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())
    #: the sex the name itself says, where it says one: a relation ("زوجة X",
    #: "son of X"), a gendered title ("الشهيدة", "الطفل") or a kunya ("أم X")
    sex: str | None = None

    def to_dict(self) -> dict:
        """Plain-JSON form (used by the CLI and for storing beside raw values)."""
        return {
            "text": self.text,
            "clean": self.clean,
            "script": self.script,
            "tokens": list(self.tokens),
            "keys": list(self.keys),
            "names": list(self.names),
            "parts": dict(self.parts),
            "part_keys": dict(self.part_keys),
            "extra": list(self.extra),
            "problems": list(self.problems),
            "sex": self.sex,
        }


# --------------------------------------------------------------------------- tables


def _read_csv(name: str) -> list[dict[str, str]]:
    ref = resources.files("tally.data").joinpath("names", name)
    with ref.open("r", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


#: The chat alphabet ("7asan", "mo7ammad", "3ali", "sa2r", "fa5r"): digits for the
#: Arabic letters Latin has none for. Read as a transliteration writes them, a
#: digit no longer drops out of the key (ح was lost: "7asan" keyed as Asan, not
#: Hasan; mosaic profile, 50,000 records: about 700 missed pairs whose keys
#: differed only so). 2 is a hamza ("2a7mad", "wa2il", "baha2"), which the key
#: drops, as it drops ع (3: "3ali", "ra3d"); Levantine speech also makes ق a
#: hamza ("sa2r"), read the same way (the key of "Saar", not Saqr).
_CHAT_DIGITS = {"3": "a", "5": "kh", "6": "t", "7": "h", "8": "gh", "9": "s"}
_CHAT_WORD = re.compile(r"[a-z0-9]+")


def _dechat(folded: str) -> str:
    """Folded Latin text with chat-alphabet digits written as letters, in words that
    mix letters and digits only (a number stays a number)."""
    if not any(c in folded for c in "2356789"):
        return folded

    def word(m: re.Match) -> str:
        w = m.group(0)
        if w.isdigit() or w.isalpha():
            return w
        w = re.sub(r"^3", "", w).replace("2", "")
        return "".join(_CHAT_DIGITS.get(c, c) for c in w)

    return _CHAT_WORD.sub(word, folded)


def _latin_letters(text: str) -> str:
    return re.sub("[^a-z]", "", _dechat(fold_latin(text)))


def _arabic_form(text: str) -> str:
    return fold_arabic(clean_arabic(text).replace(" ", ""))


@lru_cache(maxsize=1)
def load_name_table(include_wikidata: bool = True) -> tuple[NameEntry, ...]:
    """The shipped name table as frozen :class:`NameEntry` rows.

    Curated rows (``names.csv``: several hundred given and family names of
    Sunni Arab, Alawite, Druze, Christian, Kurdish, Ismaili and Shia Syrians,
    with variants, gender, communities and a frequency weight) come first; with
    ``include_wikidata`` the Wikidata spellings (``wikidata_variants.csv``) follow,
    folded into the curated row of the same Arabic form where one exists (their
    Latin spellings are added to it) and otherwise as rows of their own with
    ``origin='wikidata'``, ``gender='unknown'`` and ``communities=('all',)``.

    >>> t = load_name_table()
    >>> next(e for e in t if e.key == "muhammad").latin
    'Mohammad'
    """
    curated: list[NameEntry] = []
    for r in _read_csv("names.csv"):
        arabic = tuple(a.strip() for a in r["arabic"].split("|") if a.strip())
        raw = [v.strip() for v in r["variants"].split("|") if v.strip()]
        variants = tuple(v for v in raw if not v.endswith("?"))
        shared = tuple(v.rstrip("?") for v in raw if v.endswith("?"))
        curated.append(
            NameEntry(
                key=r["key"],
                arabic=arabic[0],
                arabic_variants=arabic[1:],
                latin=r["latin"],
                latin_variants=variants,
                shared_variants=shared,
                kind=r["kind"],
                gender=GENDERS[r["gender"]],
                communities=tuple(COMMUNITY_CODES[c] for c in r["communities"].split("|")),
                weight=float(r["weight"]),
                origin="tally",
            )
        )
    if not include_wikidata:
        return tuple(curated)
    by_form: dict[str, int] = {}
    for i, e in enumerate(curated):
        for a in (e.arabic, *e.arabic_variants):
            f = _arabic_form(a)
            by_form.setdefault(f, i)
            if f.startswith("ال") and len(f) > 3:
                by_form.setdefault(f[2:], i)
    extra_latin: dict[int, list[str]] = {}
    wiki: dict[str, dict] = {}
    for r in _read_csv("wikidata_variants.csv"):
        form = r["arabic"]
        base = form[2:] if form.startswith("ال") and len(form) > 3 and form[2:] != "له" else form
        i = by_form.get(form, by_form.get(base))
        if i is not None:
            extra_latin.setdefault(i, []).append(r["latin"])
            continue
        w = wiki.setdefault(form, {"latin": [], "count": 0, "role": r["role"]})
        w["latin"].append(r["latin"])
        w["count"] += int(r["count"])
    out: list[NameEntry] = []
    for i, e in enumerate(curated):
        if i in extra_latin:
            have = {_latin_letters(v) for v in (e.latin, *e.latin_variants)}
            add = []
            for v in extra_latin[i]:
                f = _latin_letters(v)
                if f not in have:
                    have.add(f)
                    add.append(v)
            e = NameEntry(e.key, e.arabic, e.arabic_variants, e.latin, e.latin_variants + tuple(add), e.kind,
                          e.gender, e.communities, e.weight, e.origin, e.shared_variants)
        out.append(e)
    for form, w in wiki.items():
        out.append(
            NameEntry(
                key="",  # filled by _Index once curated keys exist
                arabic=form,
                arabic_variants=(),
                latin=w["latin"][0],
                latin_variants=tuple(w["latin"][1:]),
                kind={"given": "given", "family": "family"}.get(w["role"], "both"),
                gender="unknown",
                communities=("all",),
                weight=round(w["count"] / 10, 1),
                origin="wikidata",
            )
        )
    index = _Index(out)
    return tuple(
        e if e.key else NameEntry(index.arabic.get(_arabic_form(e.arabic)) or index.rules_arabic(_arabic_form(e.arabic)),
                                  *[getattr(e, f) for f in NameEntry.__slots__[1:]])
        for e in out
    )


def select_names(
    *, kind: str | None = None, gender: str | None = None, community: str | None = None, curated_only: bool = True
) -> list[NameEntry]:
    """Name-table rows with a positive weight matching the filters, for sampling.

    ``kind='given'`` also returns rows of kind ``both`` (same for ``family``);
    ``gender`` is ``male``/``female`` (names of unknown gender match either);
    ``community`` is one of ``sunni``, ``alawite``, ``druze``, ``christian``,
    ``kurdish``, ``ismaili``, ``shia`` (names marked ``all`` match every one).

    >>> rows = select_names(kind="given", gender="female", community="druze")
    >>> weights = [r.weight for r in rows]  # draw with random.choices(rows, weights)
    """
    rows = []
    for e in load_name_table():
        if e.weight <= 0 or (curated_only and e.origin != "tally"):
            continue
        if kind and e.kind not in (kind, "both"):
            continue
        if gender and e.gender not in (gender, "unknown"):
            continue
        if community and community not in e.communities and "all" not in e.communities:
            continue
        rows.append(e)
    return rows


# --------------------------------------------------------------------------- index

_ABD_PREFIXES = (
    "abdul", "abdel", "abdal", "abdil", "abdol", "abdur", "abdus", "abder", "abdes", "abdet", "abdez",
    "abden", "abdesh", "abdash", "abdu", "abdo", "abde", "abda", "abd",
)
_ABU_PREFIXES = ("abou", "abu", "abo", "aboo")
_DIN_SUFFIX = re.compile(r"^(?P<rest>[a-z]{2,}?)[aeiou](?:dd|ld)(?:ine?|een)$")
_ALLAH_SUFFIX = re.compile(r"^(?P<rest>[a-z]{2,}?)[aeiou](?:llah?|lah)$")
_SUN = "tdrzsnl"


_DOUBLE_VOWEL = re.compile(r"([aiu])\1+")


class _Index:
    """Look-up structures built once from the name table.

    Two keys per unit: the readable *name* of a table row (``muhammad``) and
    the cross-script *skeleton key* (``mhmd``): the consonant skeleton of the
    row's Arabic form, composed for compounds (``abd_rhmn``, ``nr_din``).
    """

    def __init__(self, entries: Iterable[NameEntry]):
        self.latin: dict[str, str] = {}
        self.latin_weak: dict[str, str] = {}
        self.arabic: dict[str, str] = {}
        self.main_form: dict[str, str] = {}
        self.weight: Counter[str] = Counter()
        self.kind: dict[str, str] = {}
        self._lk: dict[str, tuple[str, str | None]] = {}
        self._ak: dict[str, tuple[str, str | None]] = {}
        self.skey: dict[str, str] = {}
        strong_w: dict[str, float] = {}
        pending: list[NameEntry] = []
        for e in entries:
            if not e.key:
                pending.append(e)
                continue
            self._add_entry(e, strong_w)
        for e in pending:
            self._add_wikidata(e)
        for name, form in self.main_form.items():
            self.skey[name] = self.rules_arabic(form)
        self._lk.clear()
        self._ak.clear()

    def _add_entry(self, e: NameEntry, strong_w: dict[str, float]) -> None:
        key = e.key
        self.weight[key] += e.weight
        self.kind.setdefault(key, e.kind)
        for a in (e.arabic, *e.arabic_variants):
            f = _arabic_form(a)
            self.main_form.setdefault(key, f)
            self.arabic.setdefault(f, key)
            if f.startswith("ال") and len(f) > 3 and f != "الله":
                self.arabic.setdefault(f[2:], key)
        # shared spellings (Faraj under Farah) are not looked up: they would pull another
        # name onto this one's key; the rules key them from their own letters instead
        for v, weak in [(e.latin, False), *((v, False) for v in e.latin_variants)]:
            f = _latin_letters(v)
            if not f:
                continue
            if f.startswith(("al", "el")) and re.match(r"(?i)(al|el)[- ]", fold_latin(v)):
                f = f[2:]
            if weak or e.origin != "tally":
                if f not in self.latin:
                    self.latin_weak.setdefault(f, key)
                continue
            if f not in self.latin or e.weight > strong_w.get(f, 0):
                self.latin[f] = key
                strong_w[f] = e.weight
                self.latin_weak.pop(f, None)

    def _add_wikidata(self, e: NameEntry) -> None:
        form = _arabic_form(e.arabic)
        key = self.arabic.get(form)
        if key is None:
            base = form[2:] if form.startswith("ال") and len(form) > 3 else form
            key = self.arabic.get(base)
        if key is None:
            if form.startswith(("عبد", "ابو")) or form.endswith(("الدين", "الله")):
                key = self.arabic_key(form)[1] or self.rules_arabic(form)
            else:
                top = fold_latin(e.latin)
                top = re.sub(r"^(al|el|ad|ar|as|ash|at|az|an)[- ]", "", top)
                key = re.sub("[^a-z]", "", top) or self.rules_arabic(form)
            self.arabic[form] = key
            self.main_form.setdefault(key, form[2:] if form.startswith("ال") and len(form) > 3 else form)
            if form.startswith("ال") and len(form) > 3:
                self.arabic.setdefault(form[2:], key)
        self.weight[key] += e.weight
        self.kind.setdefault(key, e.kind)
        for v in (e.latin, *e.latin_variants):
            f = _latin_letters(v)
            if re.match(r"(?i)(al|el)[- ]", fold_latin(v)):
                f = f[2:]
            if f and f not in self.latin:
                self.latin_weak.setdefault(f, key)

    # -- rules only (no table) ----------------------------------------------------
    def rules_arabic(self, a: str) -> str:
        if a == "الله":
            return "allah"
        if len(a) > 3:
            if a.startswith("عبد") and len(a) >= 5:
                return "abd_" + self.rules_arabic(a[3:])
            if a.startswith("ابو") and len(a) >= 5:
                return "abu_" + self.rules_arabic(a[3:])
            if a.endswith("الدين") and len(a) >= 7:
                return self.rules_arabic(a[:-5]) + "_din"
            if a.endswith("الله") and len(a) >= 6:
                return self.rules_arabic(a[:-4]) + "_allah"
            if a.startswith("ال") and len(a) >= 4 and a != "الله":
                return self.rules_arabic(a[2:])
        return skeleton_arabic(a) or a

    # -- keys: (skeleton key, table name or None) ----------------------------------
    def known_latin(self, t: str) -> str | None:
        return self.latin.get(t) or self.latin_weak.get(t)

    def _named(self, name: str) -> tuple[str, str]:
        return self.skey.get(name) or name, name

    def latin_key(self, t: str, depth: int = 0) -> tuple[str, str | None]:
        k = self._lk.get(t)
        if k is None:
            k = self._lk[t] = self._latin_key(t, depth)
        return k

    def _latin_key(self, t: str, depth: int) -> tuple[str, str | None]:
        name = self.known_latin(t)
        if name:
            return self._named(name)
        # a long vowel written double ("Abdallaah", "Ibraahim", "Nizaar"), as the
        # chat alphabet and phonetic hands write it: the table's spelling has one
        single = _DOUBLE_VOWEL.sub(r"\1", t)
        if single != t:
            return self.latin_key(single, depth)
        if depth < 2 and len(t) > 4:
            if t.startswith("abd"):
                for p in _ABD_PREFIXES:
                    rest = t[len(p):]
                    if t.startswith(p) and len(rest) >= 2 and self.known_latin(rest):
                        return _compose("abd_", self.latin_key(rest, depth + 1), "")
                rest = t[5:] if t.startswith(("abdul", "abdel", "abdal")) and len(t) > 7 else t[3:]
                return _compose("abd_", self.latin_key(rest, depth + 1), "")
            for p in _ABU_PREFIXES:
                if t.startswith(p) and len(t) - len(p) >= 3:
                    return _compose("abu_", self.latin_key(self._strip_article(t[len(p):]), depth + 1), "")
            m = _DIN_SUFFIX.match(t)
            if m and len(t) >= 6:
                rest = m.group("rest")
                return _compose("", self.latin_key(rest, depth + 1), "_din")
            m = _ALLAH_SUFFIX.match(t)
            if m and self.known_latin(m.group("rest")):
                return _compose("", self.latin_key(m.group("rest"), depth + 1), "_allah")
            s = self._strip_article(t)
            if s != t:
                return self.latin_key(s, depth + 1)
        kh = self._h_for_kh(t)
        if kh:
            return self._named(kh)
        # an initial "I" before a vowel written for ي (Iassir, Ioussef, Iaqoubi:
        # the Russian- and Spanish-style spelling of Yasir, Yusuf, Yaqubi) keyed
        # as a vowel; read as y (Iyad, Ibrahim, Issa: i before a consonant, kept)
        if depth < 3 and len(t) > 3 and t[0] == "i" and t[1] in "aou":
            return self.latin_key("y" + t[1:], depth + 1)
        return skeleton_latin(t) or t, None

    def _h_for_kh(self, t: str) -> str | None:
        """The table's name for ``t`` read with one "h" as "kh": Turkish-style and
        careless hands write خ as h ("Halid", "Abou Fahr", "Hadour"), which keyed
        it as ح. Only a word the table does not know, and only where the reading
        lands on a spelling it does know (one name), so Hasan stays Hasan."""
        if "h" not in t or not 3 <= len(t) <= 30:  # a name, not a hostile cell
            return None
        # not a final h: there it is mostly a ta marbuta or a plain h (Sheih is
        # Sheikh or Shaykh's slip, not a reading)
        found = {self.known_latin(t[:i] + "k" + t[i:]) for i, ch in enumerate(t[:-1])
                 if ch == "h" and (i == 0 or t[i - 1] not in "kscgdtz")}
        found.discard(None)
        return found.pop() if len(found) == 1 else None

    def _strip_article(self, t: str) -> str:
        if t.startswith(("al", "el")) and len(t) > 4:
            rest = t[2:]
            if self.known_latin(rest) or (len(rest) >= 4 and rest[0] not in "aeiouwy") or len(rest) >= 5:
                return rest
        if len(t) >= 7 and t[0] == "a" and t[1] == t[2] and t[1] in _SUN and self.known_latin(t[2:]):
            return t[2:]
        return t

    def arabic_key(self, a: str, depth: int = 0) -> tuple[str, str | None]:
        k = self._ak.get(a)
        if k is None:
            k = self._ak[a] = self._arabic_key(a, depth)
        return k

    def _arabic_key(self, a: str, depth: int) -> tuple[str, str | None]:
        name = self.arabic.get(a)
        if name:
            return self._named(name)
        if depth < 2 and len(a) > 3:
            if a.startswith("عبد") and len(a) >= 5:
                return _compose("abd_", self.arabic_key(a[3:], depth + 1), "")
            if a.startswith("ابو") and len(a) >= 5:
                return _compose("abu_", self.arabic_key(a[3:], depth + 1), "")
            if a.endswith("الدين") and len(a) >= 7:
                return _compose("", self.arabic_key(a[:-5], depth + 1), "_din")
            if a.endswith("الله") and len(a) >= 6:
                return _compose("", self.arabic_key(a[:-4], depth + 1), "_allah")
            if a.startswith("ال") and len(a) >= 4:
                return self.arabic_key(a[2:], depth + 1)
            if "ء" in a:
                name = self.arabic.get(a.replace("ء", ""))
                if name:
                    return self._named(name)
        return skeleton_arabic(a) or a, None


def _compose(prefix: str, inner: tuple[str, str | None], suffix: str) -> tuple[str, str | None]:
    skel, name = inner
    return prefix + skel + suffix, (prefix + name + suffix) if name else None


@lru_cache(maxsize=1)
def _index() -> _Index:
    return _Index(load_name_table())


# --------------------------------------------------------------------------- units

_TITLES_AR = {
    "الشهيد", "الشهيدة", "الشهيده", "شهيد", "الدكتور", "الدكتورة", "الدكتوره", "د", "دكتور", "المهندس",
    "المهندسة", "م", "الشيخ", "شيخ", "الحاج", "الحاجة", "الحاجه", "حاج", "الحجة", "السيد", "السيدة", "السيده",
    "الأستاذ", "الاستاذ", "الأستاذة", "الاستاذه", "الطفل", "الطفلة", "الطفله", "الشاب", "الشابة", "الشابه",
    "المسن", "المسنة", "المسنه", "العميد", "اللواء", "العقيد", "المقدم", "الرائد", "النقيب", "الملازم",
    "المساعد", "الرقيب", "العريف", "المجند", "الجندي", "الأب", "الاب", "الخوري", "المطران", "الأم", "الراهب",
    "الراهبة", "الامام", "الإمام", "الملا", "المواطن", "المواطنة", "السيد/ة", "الآنسة", "الانسة", "المحامي",
    "القاضي", "الصيدلاني", "الممرض", "الممرضة", "المعلم", "المعلمة", "الرضيع", "الرضيعة", "الفتى", "الفتاة",
    "البطل", "المرحوم", "المرحومة", "المرحومه", "الفقيد", "الفقيدة", "الفقيده", "الشاب", "العم", "الخال",
}
_TITLES_LAT = {
    "dr", "doctor", "eng", "engineer", "sheikh", "shaykh", "sheik", "shaikh", "cheikh", "hajj", "haj", "hajji",
    "hajja", "hajjah", "haja", "sayyid", "mr", "mrs", "ms", "miss", "prof", "professor", "martyr", "shahid",
    "shaheed", "child", "baby", "infant", "boy", "girl", "young", "elderly", "brig", "gen", "general", "col",
    "colonel", "maj", "major", "capt", "captain", "lt", "lieutenant", "sgt", "sergeant", "pvt", "private",
    "cpl", "corporal", "father", "fr", "rev", "imam", "mulla", "mullah", "ustaz", "ustadh", "lawyer", "judge",
    "nurse", "teacher", "conscript", "soldier", "late", "the",
}
_PREFIX_TITLES_LAT = {"al-shahid", "al-shaheed", "al-sheikh", "al-hajj", "al-haj", "el-sheikh"}
_ARTICLES_LAT = {"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath", "ed", "es", "er",
                 "et", "ez", "en", "esh", "il", "l"}
_CONNECT_LAT = {"bin", "ibn", "ben", "bn", "b", "bint", "bnt", "ibnat", "son", "daughter", "of"}
_CONNECT_AR = {"بن", "ابن", "بنت", "إبن", "ابنة", "إبنة", "ابنه"}
_ABD_LAT_STRONG = {"abd", "abdel", "abdul", "abdal", "abdol", "abdil", "abdur", "abdus", "abder", "abdes", "abdelle"}
_ABD_LAT_WEAK = {"abed", "abdu", "abdou", "abdo", "abid", "abde"}
#: a doubled letter ("Abbu Kanj", "Abuu Talal") is a slip of the keyboard, not another word
_ABU_LAT = {"abu", "abou", "abo", "aboo", "abū", "abbu", "abuu", "abbou", "abbo"}
_UMM_LAT = {"umm", "um", "om", "oum", "omm", "umma"}
_DIN_LAT = {"din", "deen", "dine", "eddine", "eddin", "uddin", "addin", "aldin", "eldin", "ed-din", "ud-din",
            "ad-din", "al-din", "el-din", "uddeen", "eddeen", "aldeen", "eldeen"}
_ALLAH_LAT = {"allah", "ullah", "ollah", "alla", "illah", "ellah", "allaah"}
_CONNECT_AR_F = frozenset(fold_arabic(c) for c in _CONNECT_AR)
_PREFIX_TITLES_LAT_F = frozenset(p.replace("-", "") for p in _PREFIX_TITLES_LAT)
_fold_ar_word = lru_cache(maxsize=100_000)(fold_arabic)


@lru_cache(maxsize=100_000)
def _latin_word(w: str) -> tuple[tuple[str, str], ...]:
    """One whitespace word → (display, folded letters) pieces split at hyphens."""
    f = fold_latin(w)
    if f in _PREFIX_TITLES_LAT:
        return ((w, f.replace("-", "")),)
    out = []
    for p in re.split(r"[-‐‑–—]+", w):
        if p:
            fp = re.sub("[^a-z]", "", _dechat(fold_latin(p)))
            if fp:
                out.append((p, fp))
    return tuple(out)


#: A record that names its person only by a relative ("زوجة أحمد علي", "wife of
#: Ahmad Ali", "والدة الشهيد X", "mother of X"): the name is someone else's. An
#: honorific may come first ("الشهيدة زوجة X"); without it read as a title, the
#: relation word became the given name.
_RELATION = re.compile(
    r"^\s*(?:(?:الشهيد|الشهيدة|الشهيده|الحاجة|الحاجه|السيدة|السيده)\s+)?"
    r"(?:(?:the\s+)?(?P<lat>wife|husband|son|daughter|mother|father|brother|sister|child|children|widow)\s+of\b|"
    r"(?P<ar>زوجة|زوجه|زوج|ابن|ابنة|ابنه|بنت|والد|والدة|والده|شقيق|شقيقة|شقيقه|أخ|اخ|أخت|اخت|أرملة|ارملة|"
    r"أطفال|اطفال|عائلة|عائله|أسرة|اسرة)\s)",
    re.IGNORECASE,
)
#: relation word -> (the relation, the sex it says of the record's own person).
#: Groups ("children of", "عائلة X") name no one person and get neither.
_RELATION_KIND = {
    "wife": ("wife", "female"), "widow": ("wife", "female"), "زوجة": ("wife", "female"),
    "زوجه": ("wife", "female"), "أرملة": ("wife", "female"), "ارملة": ("wife", "female"),
    "husband": ("husband", "male"), "زوج": ("husband", "male"),
    "mother": ("mother", "female"), "والدة": ("mother", "female"), "والده": ("mother", "female"),
    "father": ("father", "male"), "والد": ("father", "male"),
    "brother": ("brother", "male"), "شقيق": ("brother", "male"), "أخ": ("brother", "male"),
    "اخ": ("brother", "male"),
    "sister": ("sister", "female"), "شقيقة": ("sister", "female"), "شقيقه": ("sister", "female"),
    "أخت": ("sister", "female"), "اخت": ("sister", "female"),
    "son": (None, "male"), "ابن": (None, "male"), "daughter": (None, "female"),
    "ابنة": (None, "female"), "بنت": (None, "female"),
}
#: "ابن حسين سلوم", "طفلة غسان البهو", "daughter of Mohammad Al-Batrikhi": a child
#: known by its father. Unlike a wife or a mother (whose own names are not the
#: husband's or the son's), a child's father's name and family name ARE its own
#: name's father and family parts. "طفل X" without the article is the construct
#: "X's child" ("الطفل X", the child X, is a title before the child's own name).
_CHILD_OF = re.compile(
    r"^\s*(?:(?:الشهيد|الشهيدة|الشهيده)\s+)?(?:(?:the\s+)?(?P<lat>son|daughter|child)\s+of\s+|"
    r"(?P<ar>ابن|ابنة|ابنه|بنت|طفل|طفلة|طفله)\s+)(?=\S)",
    re.IGNORECASE,
)
#: the child's sex as its relation word says it ("child of", "ابنه": either): the
#: relation words' own (son, ابن, daughter, ابنة, بنت), and the construct's طفل / طفلة
_CHILD_SEX = {**{w: sex for w, (relation, sex) in _RELATION_KIND.items() if relation is None},
              "طفل": "male", "طفلة": "female", "طفله": "female"}
#: titles that say the sex of the person they stand before (Arabic titles agree
#: with the person's gender: الشهيد / الشهيدة, الطفل / الطفلة, الحاج / الحاجة)
_FEMALE_TITLES = frozenset({
    "الشهيدة", "الشهيده", "الحاجة", "الحاجه", "الحجة", "السيدة", "السيده", "الأستاذة", "الاستاذه", "الطفلة",
    "الطفله", "الشابة", "الشابه", "المسنة", "المسنه", "الدكتورة", "الدكتوره", "المهندسة", "الراهبة", "المواطنة",
    "الآنسة", "الانسة", "الممرضة", "المعلمة", "الرضيعة", "الفتاة", "المرحومة", "المرحومه", "الفقيدة", "الفقيده",
    "mrs", "ms", "miss", "girl", "hajja", "hajjah", "haja",
})
_MALE_TITLES = frozenset({
    "الشهيد", "الحاج", "السيد", "الأستاذ", "الاستاذ", "الطفل", "الشاب", "المسن", "الدكتور", "المهندس",
    "الراهب", "المواطن", "الممرض", "المعلم", "الرضيع", "الفتى", "المرحوم", "الفقيد", "الخوري", "المطران",
    "mr", "boy",
})
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_SPLIT = re.compile(r"[\s,;:/\\|()\[\]{}\"<>«»“”.،؛]+")


def _unit_text(words: list[str]) -> str:
    return " ".join(words)


@dataclass(slots=True)
class _Unit:
    words: list[str]
    key: tuple[str, str | None]
    role: str = ""  # "", "kunya", "title", "family_marker", "after_bin"


def _latin_units(text: str) -> list[_Unit]:
    idx = _index()
    words: list[tuple[str, str]] = []  # (display, folded)
    for w in _SPLIT.split(text):
        if w:
            words.extend(_latin_word(w))
    units: list[_Unit] = []
    i = 0
    n = len(words)
    while i < n:
        disp, f = words[i]
        nxt = words[i + 1][1] if i + 1 < n else ""
        if all(u.role == "title" for u in units) and (f in _TITLES_LAT or f in _PREFIX_TITLES_LAT_F) and i + 1 < n:
            units.append(_Unit([disp], ("", None), "title"))
            i += 1
            continue
        if f in _CONNECT_LAT and units and i + 1 < n:
            i += 1
            if f in ("son", "daughter") and i < n and words[i][1] == "of":
                i += 1
            if i < n:
                units.append(_Unit([], ("", None), "after_bin"))
            continue
        if f in _ARTICLES_LAT and i + 1 < n:
            # article + word: one unit, marked as a family-style form
            j = i + 1
            d2, f2 = words[j]
            if f2 in _DIN_LAT and units and units[-1].words and units[-1].role != "title":
                units[-1].words += [disp, d2]
                units[-1].key = _compose("", units[-1].key, "_din")
                i = j + 1
                continue
            units.append(_Unit([f"{disp}-{d2}"], idx.latin_key(f2), "family_marker"))
            i = j + 1
            continue
        is_abd = f in _ABD_LAT_STRONG or (
            f in _ABD_LAT_WEAK and i + 1 < n and (nxt in _ARTICLES_LAT or idx.known_latin(nxt) and
                                                  ("abd_" + idx.known_latin(nxt)) in idx.weight))
        if is_abd and i + 1 < n:
            j = i + 1
            ws = [disp]
            if words[j][1] in _ARTICLES_LAT and j + 1 < n:
                ws.append(words[j][0])
                j += 1
            ws.append(words[j][0])
            rest = words[j][1]
            if rest.startswith(("al", "el")) and not idx.known_latin(rest):
                rest = idx._strip_article(rest)
            units.append(_Unit(ws, _compose("abd_", idx.latin_key(rest), "")))
            i = j + 1
            continue
        if (f in _ABU_LAT or f in _UMM_LAT) and i + 1 < n:
            j = i + 1
            ws = [disp]
            if words[j][1] in _ARTICLES_LAT and j + 1 < n:
                ws.append(words[j][0])
                j += 1
            ws.append(words[j][0])
            pre = "abu_" if f in _ABU_LAT else "umm_"
            units.append(_Unit(ws, _compose(pre, idx.latin_key(idx._strip_article(words[j][1])), ""), "kunya"))
            i = j + 1
            continue
        if units and units[-1].role != "title" and units[-1].words and (f in _DIN_LAT or f in _ALLAH_LAT):
            u = units[-1]
            base = u.key
            u.words.append(disp)
            if f in _DIN_LAT:
                last = u.words[-2]
                lf = _latin_letters(last)
                if len(u.words) == 2 and lf.endswith(("al", "ul", "el")) and len(lf) >= 4 and not idx.known_latin(lf):
                    base = idx.latin_key(lf[:-2])  # "Nooral-Deen", "Azal Deen": the article ran into the name
                u.key = _compose("", base, "_din")
            elif not base[0].startswith("abd_"):
                u.key = _compose("", base, "_allah")
            i += 1
            continue
        if units and units[-1].role == "after_bin" and not units[-1].words:
            units[-1].words = [disp]
            units[-1].key = idx.latin_key(f)
            i += 1
            continue
        units.append(_Unit([disp], idx.latin_key(f)))
        i += 1
    return [u for u in units if u.words]


@lru_cache(maxsize=100_000)
def _split_run_together(word: str) -> tuple[str, ...]:
    """Split two names written without a space (فاطمةالزهراء, جادالحق, محمدداوود).

    Only when the whole is not a known name, is not an ``عبد``/``ابو``/``الدين``/
    ``الله`` compound, and both halves are names of the table (the second may
    carry the article).
    """
    idx = _index()
    f = fold_arabic(word)
    if len(f) < 6 or f in idx.arabic or f.startswith(("عبد", "ابو", "ال")) or f.endswith(("الدين", "الله")):
        return (word,)
    for i in range(2, len(word) - 2):
        a, b = word[:i], word[i:]
        fa, fb = fold_arabic(a), fold_arabic(b)
        if fa not in idx.arabic:
            continue
        if fb.startswith("ال") and len(fb) >= 4 and (fb in idx.arabic or fb[2:] in idx.arabic):
            return (a, b)
        if fb in idx.arabic and len(fa) >= 3 and (len(fb) >= 4 or (len(fb) == 3 and idx.weight[idx.arabic[fa]] >= 100)):
            return (a, b)
    return (word,)


def _arabic_units(text: str) -> list[_Unit]:
    idx = _index()
    raw = [w for w in _SPLIT.split(clean_arabic(text)) if w]
    words = []
    for w in raw:
        for p in w.split("-") if "-" in w else (w,):
            if p:
                for q in _split_run_together(p):
                    words.append((q, _fold_ar_word(q)))
    units: list[_Unit] = []
    i, n = 0, len(words)
    while i < n:
        disp, f = words[i]
        if all(u.role == "title" for u in units) and clean_arabic(disp) in _TITLES_AR and i + 1 < n:
            units.append(_Unit([disp], ("", None), "title"))
            i += 1
            continue
        if f in _CONNECT_AR_F and units and i + 1 < n:
            units.append(_Unit([], ("", None), "after_bin"))
            i += 1
            continue
        if f == "الابو" and i + 1 < n:
            # "الأبو فخر": the article written before a family name that is a
            # kunya ("أبو فخر", the Abu Fakhr family) had made الأبو the father's
            # name and فخر the family
            f = "ابو"
        if f in ("عبد", "ابو", "ام", "ال", "بو") and i + 1 < n:
            d2, f2 = words[i + 1]
            if f == "عبد" and not (f2.startswith("ال") or idx.arabic.get("عبد" + f2) or f2 in ("ربه", "ربو")):
                units.append(_Unit([disp], idx.arabic_key(f)))
                i += 1
                continue
            if f == "ام" and (units or i + 2 >= n) and f2 not in idx.arabic:
                pass
            if f == "ال":
                units.append(_Unit([disp, d2], idx.arabic_key(f2), "family_marker"))
            elif f == "عبد":
                units.append(_Unit([disp, d2], idx.arabic_key(f + f2)))
            else:
                pre = "abu_" if f in ("ابو", "بو") else "umm_"
                units.append(_Unit([disp, d2], _compose(pre, idx.arabic_key(f2), ""), "kunya"))
            i += 2
            continue
        if units and units[-1].words and units[-1].role != "title" and f in ("الدين", "الله", "دين"):
            u = units[-1]
            u.words.append(disp)
            if f == "الله":
                if not u.key[0].startswith("abd_"):
                    u.key = _compose("", u.key, "_allah")
            else:
                u.key = _compose("", u.key, "_din")
            i += 1
            continue
        role = "family_marker" if f.startswith("ال") and len(f) > 3 and f != "الله" else ""
        if f.startswith("ابو") and len(f) >= 5 and f not in idx.arabic:
            role = "kunya"
        if units and units[-1].role == "after_bin" and not units[-1].words:
            units[-1].words = [disp]
            units[-1].key = idx.arabic_key(f)
        else:
            units.append(_Unit([disp], idx.arabic_key(f), role))
        i += 1
    return [u for u in units if u.words]


_TRAILING_DESCRIPTORS = frozenset({
    "child", "boy", "girl", "infant", "baby", "woman", "man", "elderly", "martyr", "minor", "teen", "teenager",
    "طفل", "طفلة", "طفله", "الطفل", "الطفلة", "الطفله", "رضيع", "رضيعة", "الشهيد", "شهيد", "الشهيدة", "شهيدة", "مسن",
    "مسنة", "امرأة", "امراة", "قاصر",
    # a profession after the name ("عمر فادي الحلبي الدكتور"), as community pages write it
    "الدكتور", "الدكتورة", "الدكتوره", "المهندس", "المهندسة", "المهندسه", "doctor", "engineer",
})


def _drop_trailing_descriptors(units: list[_Unit]) -> list[_Unit]:
    """"Ahmad Ali (child)", "أحمد علي طفل": a trailing age/role word is a title, not a family name."""
    while len(units) >= 3 and units[-1].role != "title" and len(units[-1].words) == 1:
        w = units[-1].words[0]
        if w.lower().strip(".") in _TRAILING_DESCRIPTORS or clean_arabic(w) in _TRAILING_DESCRIPTORS:
            units = units[:-1] + [_Unit([w], ("", None), "title")]
            units.insert(0, units.pop())  # keep titles first so the chain stays in order
        else:
            break
    return units


def _assign_parts(units: list[_Unit]) -> tuple[dict, dict, tuple[str, ...]]:
    parts: dict[str, str | None] = dict.fromkeys(PARTS)
    keys: dict[str, str | None] = dict.fromkeys(PARTS)
    titles = [u for u in units if u.role == "title"]
    if titles:
        parts["title"] = " ".join(_unit_text(u.words) for u in titles)
    rest = [u for u in units if u.role != "title"]
    # a kunya at the start (Abu Mohammad Ahmad ...) or in the middle; at the end it is a family name
    for pos, u in enumerate(rest):
        if u.role == "kunya" and (pos < len(rest) - 1 or len(rest) == 1):
            parts["kunya"] = _unit_text(u.words)
            keys["kunya"] = u.key[0]
            rest = rest[:pos] + rest[pos + 1:]
            break
    extra: tuple[str, ...] = ()
    slots: list[str]
    n = len(rest)
    if n == 0:
        slots = []
    elif n == 1:
        slots = ["family"] if rest[0].role == "family_marker" else ["given"]
    elif n == 2:
        slots = ["given", "family"]
    elif n == 3:
        slots = ["given", "father", "family"]
    else:
        slots = ["given", "father", "grandfather"] + ["extra"] * (n - 4) + ["family"]
    ex = []
    for slot, u in zip(slots, rest):
        if slot == "extra":
            ex.append(_unit_text(u.words))
            continue
        parts[slot] = _unit_text(u.words)
        keys[slot] = u.key[0]
    extra = tuple(ex)
    return parts, keys, extra


def clean_name(text: str) -> str:
    """The name as written, with Arabic clean-up and spaces normalized (no folding)."""
    return clean_arabic(text) if has_arabic(text) else re.sub(r"\s+", " ", text).strip()


#: "مجهول من عائلة أبو مازن", "unidentified, of the al-Hamza family": a body whose
#: family alone is known (morgue registers write them so)
_UNKNOWN_OF_FAMILY = re.compile(
    r"^\s*(?:(?:جثة|جثه)\s+)?(?:مجهول|مجهولة|مجهوله)(?:\s+(?:الهوية|الهويه))?\s+(?:من\s+)?"
    r"(?:عائلة|عائله|آل|اسرة|أسرة)\s+(?P<ar>.+)$"
    r"|^\s*(?:unidentified|unknown)(?:\s+(?:body|man|woman|person|child|boy|girl))?\s*,?\s+"
    r"(?:from|of)\s+(?:the\s+)?(?P<lat>.+?)\s+family\s*$",
    re.IGNORECASE,
)
#: a bracketed aside: "سمر محمد عدنان (أم علي)", "Adham Abou Samer (Abu Nabil)"
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]+)[)\]]\s*")


def _family_only(text: str, family: str) -> NameResult:
    """The name of a body known only by its family (:data:`_UNKNOWN_OF_FAMILY`): no
    given name, the family as one unit."""
    units = _arabic_units(family) if has_arabic(family) else _latin_units(family)
    units = [u for u in units if u.role != "title"]
    if not units:
        return NameResult(text=text, clean=clean_name(text), script=script_of(text), tokens=(), keys=(),
                          names=(), parts=dict.fromkeys(PARTS), part_keys=dict.fromkeys(PARTS),
                          problems=("no name units",))
    u = units[-1]
    return NameResult(
        text=text, clean=clean_name(text), script=script_of(text), tokens=(_unit_text(u.words),),
        keys=(u.key[0],), names=(u.key[1],),
        parts={**dict.fromkeys(PARTS), "family": _unit_text(u.words)},
        part_keys={**dict.fromkeys(PARTS), "family": u.key[0]},
        problems=("unidentified: only the family is known",))


def _child_of(text: str, father_name: str, sex: str | None = None) -> NameResult | None:
    """A child known by its father (:data:`_CHILD_OF`): no given name, the
    father's given name as its father, his father as its grandfather, his
    family as its family. Read as a relation with no keys, no blocking rule met
    the child's named records in other lists (ledger profile, 50,000 records:
    865 true pairs never compared); read as a name, "طفل" was a given name.
    ``None`` when the rest names no one ("ابن" alone)."""
    units = _arabic_units(father_name) if has_arabic(father_name) else _latin_units(father_name)
    units = [u for u in units if u.role not in ("title", "kunya")]
    if not units:
        return None
    parts, keys, _ = _assign_parts(units)
    if parts["father"] is None and parts["family"] is None and parts["given"] is not None and len(units) == 1:
        parts, keys = {**parts, "family": None}, {**keys, "family": None}
    shifted = dict.fromkeys(PARTS)
    shifted_keys = dict.fromkeys(PARTS)
    for src, dst in (("given", "father"), ("father", "grandfather"), ("family", "family")):
        shifted[dst], shifted_keys[dst] = parts[src], keys[src]
    named = [u for u in units if u.role != "title"]
    return NameResult(
        text=text, clean=clean_name(text), script=script_of(text),
        tokens=tuple(_unit_text(u.words) for u in named), keys=tuple(u.key[0] for u in named),
        names=tuple(u.key[1] for u in named), parts=shifted, part_keys=shifted_keys,
        problems=("a child known by its father: no given name",), sex=sex)


def _relative_key(relation: str | None, rest: str) -> str | None:
    """The key a relation-only record is known by: the relation and its relative's
    given, father and family names ("زوجة علي حسن سلوم": ``wife:al:hsn:slm``; "wife of
    Ali Salloum": ``wife:al::slm``),
    so two lists that name one woman by her husband meet, whatever the script.
    It stands in the kunya's place: "أم X" is itself "mother of X", and a lone
    "والدة محمد" / "mother of Muhammad" is keyed as the kunya "أم محمد" is. Not
    a name of the person's own: no given, father or family key comes from it
    (a wife keeps her own family). ``None`` for groups, a relative without a
    given and family name, or a relation within a relation."""
    if relation is None or _RELATION.match(rest) or _CHILD_OF.match(rest):
        return None
    units = _arabic_units(rest) if has_arabic(rest) else _latin_units(rest)
    units = [u for u in units if u.role != "title"]
    if len(units) == 1 and relation in ("mother", "father") and units[0].role == "" and units[0].key[0]:
        return _compose("umm_" if relation == "mother" else "abu_", units[0].key, "")[0]
    parts, keys, _ = _assign_parts(units)
    given = keys["given"] or keys["kunya"]
    if not given or not keys["family"]:
        return None
    # the relative's father too, where written: "زوجة علي حسن سليمان" and "زوجة علي
    # محمد سليمان" are the wives of two namesakes (mosaic, 50,000 records: keyed on
    # given and family alone, 16 such pairs were merged against 3 right)
    return f"{relation}:{given}:{keys['father'] or ''}:{keys['family']}"


def _implied_sex(units: list[_Unit], kunya_key: str | None) -> str | None:
    """The sex a name's gendered titles or leading kunya say ("الشهيدة X": female,
    "أم علي X": female, "Abu Ali X": male); ``None`` where they say none or disagree.
    A kunya counts only before every other name: "Abu X" further on is often a
    clan's family name ("ريم أبو فخر")."""
    said = set()
    for u in units:
        if u.role == "title" and u.words:
            w = u.words[0]
            w = clean_arabic(w) if has_arabic(w) else w.lower().strip(".")
            if w in _FEMALE_TITLES:
                said.add("female")
            elif w in _MALE_TITLES:
                said.add("male")
    named = [u for u in units if u.role != "title"]
    if kunya_key and named and named[0].role == "kunya" and named[0].key[0] == kunya_key:
        if kunya_key.startswith("umm_"):
            said.add("female")
        elif kunya_key.startswith("abu_"):
            said.add("male")
    return said.pop() if len(said) == 1 else None


def _diminutive_form(text: str) -> str:
    """How a diminutive is looked up: folded Arabic, or Latin letters only. One
    function for the table's forms and the given names read against them, so
    the two cannot drift apart."""
    return fold_arabic(clean_arabic(text)) if has_arabic(text) else _latin_letters(text)


@lru_cache(maxsize=1)
def _diminutives() -> dict[str, tuple[str, str | None]]:
    """Folded diminutive form → (key, table name) of the formal given name
    (``diminutives.csv``: علوش Alloush → Ali, حمودة Hammouda → Muhammad)."""
    out: dict[str, tuple[str, str | None]] = {}
    for r in _read_csv("diminutives.csv"):
        out[_diminutive_form(r["form"].strip())] = (token_key(r["formal"]), canonical_name(r["formal"]))
    return out


def _formal_given(units: list[_Unit], parts: dict, part_keys: dict) -> None:
    """The given name written as its everyday diminutive ("علوش ميهوب", "Hammouda
    Al-Qubt", "Sulaymu Hamzah") is keyed as the formal name it stands for: lists
    that write one form and lists that write the other name one person (ledger
    profile, 50,000 records: about 170 true pairs lost to such given names).
    Only in the given-name slot of a name of two or more units: several
    diminutives (علوش, حمادة) are family names too, and a lone unit may be one."""
    unit = next(u for u in units if u.role != "title" and _unit_text(u.words) == parts["given"])
    formal = _diminutives().get(_diminutive_form(parts["given"]))
    if formal:
        unit.key = formal
        part_keys["given"] = formal[0]


def _bracketed_kunya(text: str) -> tuple[str, tuple[str, str] | None]:
    """``text`` without its bracketed asides, and a bracketed kunya (as written, key).

    A kunya in brackets is what the person was called, not a name part: read
    in place it became the family name ("سمر محمد عدنان (أم علي)": family أم علي,
    and "Adham Abou Samer (Abu Nabil)": family Abu Nabil), which no other list
    of the person gives (audit profile, 5,000 records: 77 true pairs missed)."""
    found = None
    asides = []
    for m in _BRACKETED.finditer(text):
        inner = m.group(1)
        units = _arabic_units(inner) if has_arabic(inner) else _latin_units(inner)
        if len(units) == 1 and units[0].role == "kunya":
            found = found or (_unit_text(units[0].words), units[0].key[0])
            text = text.replace(m.group(0), " ")
        elif not (inner.lower().strip(". ") in _TRAILING_DESCRIPTORS
                  or clean_arabic(inner) in _TRAILING_DESCRIPTORS):  # "(child)": a title
            asides.append(m.group(0))
    # Any other bracketed word is a nickname or title the person was known by
    # ("رامي (الأسمر) ابراهيم محمد", "سليمان (الأستاذ) علي مرشد", "هيا درويش
    # (الحجي)"), not a name of the lineage: read in place it became the father or
    # the family name, which no other list gives (heron 5,000: 58 true pairs
    # missed). Set aside only where a given and a family name stay outside the
    # brackets: "محمد (الحلبي)" may be all the family name there is.
    if asides:
        rest = text
        for aside in asides:
            rest = rest.replace(aside, " ")
        if len(rest.split()) >= 2:
            text = rest
    return " ".join(text.split()), found


@lru_cache(maxsize=16_384)  # callers pass distinct values; token-level results are memoized separately
def normalize_name(text: str) -> NameResult:
    """Split one full name into parts and key every unit (pure, cached).

    Handles Arabic script (diacritics, tatweel, alef/hamza/ta-marbuta forms,
    attached or detached ``عبد`` compounds, ``بن``/``ابن``/``بنت``) and Latin
    transliterations (``al-``/``el-`` articles, ``Abd al-X``/``Abdul X``/``Abdulx``,
    ``Abu X`` kunya, ``X al-Din``/``Xeddine``, ``X Allah``/``Xallah``,
    ``bin``/``ibn``/``bint``, leading titles such as ``Dr.``, ``Sheikh``,
    ``الشهيد``, ``الطفل``). Mixed-script text is split into its Arabic and Latin
    runs, Arabic first.

    >>> normalize_name("الشهيد أبو محمد عبدالرحمن بن علي الحسن").parts["kunya"]
    'أبو محمد'
    """
    # direction marks (RLM, embeddings, isolates) pasted with Arabic text hid the
    # relation and child-of readings: "\u200fزوجة علي حسن" read زوجة as a given name
    # and the husband's names as her father's and family
    text = _BIDI_MARKS.sub("", text)
    # matched on the text with its spaces collapsed: against runs of spaces the
    # pattern's "\s+ ... .+? \s+family" readings multiply (2,000 spaces took 10 s)
    unknown = _UNKNOWN_OF_FAMILY.match(" ".join(text.split()))
    if unknown:
        return _family_only(text, unknown.group("ar") or unknown.group("lat"))
    original = text
    text, aside = _bracketed_kunya(text) if "(" in text or "[" in text else (text, None)
    if not text:
        text, aside = original, None
    script = script_of(text)
    problems: list[str] = []
    child = _CHILD_OF.match(text)
    if child:
        word = (child.group("lat") or child.group("ar")).lower()
        result = _child_of(text, text[child.end():], _CHILD_SEX.get(word))
        if result is not None:
            return result
    rel = _RELATION.match(text)
    if rel:  # "زوجة أحمد علي", "wife of Ahmad Ali": the name is someone else's
        relation, sex = _RELATION_KIND.get((rel.group("lat") or rel.group("ar")).lower(), (None, None))
        return NameResult(text=text, clean=clean_name(text), script=script, tokens=(), keys=(), names=(),
                          parts={**dict.fromkeys(PARTS), "title": clean_name(text)},
                          part_keys={**dict.fromkeys(PARTS), "kunya": _relative_key(relation, text[rel.end():])},
                          problems=("described by a relation, not by a name",), sex=sex)
    if script == "latin" and text.count(",") == 1:
        family, _, given = text.partition(",")
        if family.strip() and given.strip():  # "AL-AHMAD, Mohammed": family name first
            text_units = f"{given.strip()} {family.strip()}"
            problems.append("reordered 'family, given'")
        else:
            text_units = text
    else:
        text_units = text
    if script == "none":
        units: list[_Unit] = []
        if text.strip():
            problems.append("no letters")
    elif script == "arabic":
        units = _arabic_units(text)
    elif script == "latin":
        units = _latin_units(text_units)
    else:
        ar = " ".join(w for w in text.split() if has_arabic(w))
        la = " ".join(w for w in text.split() if not has_arabic(w))
        units = _arabic_units(ar) + _latin_units(la)
        problems.append("mixed scripts")
    units = _drop_trailing_descriptors(units)
    parts, part_keys, extra = _assign_parts(units)
    if parts["given"] is not None and sum(u.role != "title" for u in units) >= 2:
        _formal_given(units, parts, part_keys)
    if aside and parts["kunya"] is None:
        # shown, not keyed: the linker reads a kunya key as standing where the given
        # name would ("Abu Ahmad Walid ...": Walid is the father), which an aside is not
        parts["kunya"] = aside[0]
    named = [u for u in units if u.role != "title"]
    if not named and text.strip() and script != "none":
        problems.append("no name units")
    return NameResult(
        text=original,
        clean=clean_name(original),
        script=script,
        tokens=tuple(_unit_text(u.words) for u in named),
        keys=tuple(u.key[0] for u in named),
        names=tuple(u.key[1] for u in named),
        parts=parts,
        part_keys=part_keys,
        extra=extra,
        problems=tuple(problems),
        sex=_implied_sex(units, part_keys["kunya"]),
    )


def name_keys(text: str) -> tuple[str, ...]:
    """Only the unit keys of a full name (``normalize_name(text).keys``)."""
    return normalize_name(text).keys


@lru_cache(maxsize=65_536)
def token_key(token: str) -> str:
    """Key of ONE name unit in either script (``"Mhd"`` → ``muhammad``, ``"يوسف"`` → ``yusuf``)."""
    idx = _index()
    if has_arabic(token):
        return idx.arabic_key(fold_arabic(clean_arabic(token).replace(" ", "")))[0]
    f = _latin_letters(token)
    if re.match(r"(?i)\s*(al|el)[- ]", fold_latin(token)):
        f = f[2:]
    return idx.latin_key(f)[0] if f else ""


@lru_cache(maxsize=100_000)
def canonical_name(token: str) -> str | None:
    """Readable table name of ONE unit (``"Mhd"`` → ``muhammad``), or ``None`` when unknown.

    Finer than :func:`token_key`: ``Mahmoud`` and ``Muhammad`` share the key
    ``mhmd`` but have the names ``mahmud`` and ``muhammad``.
    """
    idx = _index()
    if has_arabic(token):
        return idx.arabic_key(fold_arabic(clean_arabic(token).replace(" ", "")))[1]
    f = _latin_letters(token)
    if re.match(r"(?i)\s*(al|el)[- ]", fold_latin(token)):
        f = f[2:]
    return idx.latin_key(f)[1] if f else None


def table_weight(key: str) -> float:
    """Prior frequency weight of a key in the shipped table (0 when unknown)."""
    return float(_index().weight.get(key, 0.0))


def token_frequencies(names: Iterable[str], *, part: str | None = None) -> dict[str, float]:
    """Relative frequency of each key over many full names (for linkage TF adjustment).

    Frequencies are computed on keys, not spellings, so ``Mohammed``,
    ``Muhammad`` and ``محمد`` pool together. With ``part`` (``given``,
    ``father``, ``family``, ...) only that part of each name is counted.

    >>> token_frequencies(["Mohammed Ali", "محمد حسن"])["muhammad"]
    0.5
    """
    counts: Counter[str] = Counter()
    for name in names:
        r = normalize_name(name)
        if part is None:
            counts.update(r.keys)
        else:
            k = r.part_keys.get(part)
            if k:
                counts[k] += 1
    total = sum(counts.values())
    return {k: v / total for k, v in counts.most_common()} if total else {}
