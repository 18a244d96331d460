"""Syrian place names in either script → a unit of the shipped gazetteer.

    >>> resolve_place("جبلة").id == resolve_place("Jebleh").id == "SY060200"
    True
    >>> resolve_place("Jableh", level=2).id
    'SY0602'

The gazetteer (``load_gazetteer``) holds the 14 governorates (admin level 1),
their districts (2) and sub-districts (3) with OCHA-style p-codes, and towns,
villages (4) and neighbourhoods (5) from GeoNames and from public casualty
reporting, each with parents and coordinates.

Resolution: the text is cut at commas and at words like "in"/"في"; qualifier
words (city, village, حي, قرية, countryside, ريف ...) are dropped; each piece is
looked up by exact folded name in either script, then word windows, then by
consonant skeleton. The finest unit named wins; coarser pieces ("Baniyas,
Tartous") and the ``governorate``/``district`` hints narrow candidates. When a
name is a chain of same-name units (Homs governorate ⊃ Homs district ⊃ Homs
sub-district, whose centre is the city) the finest is returned, unless a
``level`` is asked for or the text says "countryside"/"ريف" (then the
governorate when the name is also a governorate's, as in "ريف حماة", else the
district, as in "ريف جبلة").
When different units share the name and nothing narrows them, the most
populous/most important is returned with ``ambiguous=True``, all
``candidates`` and a problem note; ``spans_governorates`` says when they lie in
different governorates, so that callers can refuse the guess.

What is not matched: a name found among the words of a piece counts only when
the other words are droppable ("Arwad island") or a place that holds it
("Baniyas Tartous"), never when they are the rest of an unknown name ("Kafr
Hamra" is not Al-Kafr, "al-Mallah Farms" not Mallah); a skeleton match must be
close on the distinctive part of the name, generic words like Kafr/Tell/Deir
set aside. When a coarser piece or a hint holds none of the candidates ("X,
Aleppo" where the only X is in Sweida) the coarser unit is returned with a note,
not the same-name place elsewhere.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from tally.normalize._text import (
    clean_arabic,
    edit_distance,
    fold_arabic,
    fold_latin,
    has_arabic,
    skeleton_arabic,
    skeleton_latin,
)

__all__ = ["Place", "PlaceMatch", "load_gazetteer", "resolve_place", "place_by_id", "children_of"]



@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer unit.

    ``id`` is the p-code for governorates/districts/sub-districts, ``gn:<id>``
    for GeoNames places and ``tally:<slug>`` for places added from reporting.
    ``parent_id`` is the next unit up; ``governorate_id``/``district_id``/
    ``subdistrict_id`` name the containing units (the unit itself at its own
    level). ``origin`` records where the entry and its p-code come from.
    """

    id: str
    admin_level: int
    kind: str
    name_en: str
    name_ar: str
    alt_names: tuple[str, ...]
    parent_id: str | None
    governorate_id: str
    district_id: str | None
    subdistrict_id: str | None
    pcode: str | None
    iso3166_2: str | None
    geonames_id: str | None
    lat: float | None
    lon: float | None
    population: int | None
    origin: str

    @property
    def parents(self) -> tuple[str, ...]:
        """Ids of the containing units, nearest first (sub-district, district, governorate)."""
        out = []
        for pid in (self.subdistrict_id, self.district_id, self.governorate_id):
            if pid and pid != self.id and pid not in out:
                out.append(pid)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class PlaceMatch:
    """What :func:`resolve_place` found.

    ``id`` (p-code where one exists), names, ``admin_level`` and ``kind`` are
    those of the unit; ``parents`` are containing unit ids, nearest first;
    ``governorate``/``district`` are their English names; ``ambiguous`` says
    that other units with the same name could be meant (see ``candidates``);
    ``matched`` is the piece of text that named it, ``method`` ``exact`` or
    ``skeleton``; ``qualifier`` e.g. ``countryside``.
    """

    id: str
    name_en: str
    name_ar: str
    admin_level: int
    kind: str
    pcode: str | None
    parents: tuple[str, ...]
    governorate: str | None
    district: str | None
    lat: float | None
    lon: float | None
    ambiguous: bool
    candidates: tuple[str, ...]
    matched: str
    method: str
    qualifier: str | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def spans_governorates(self) -> bool:
        """Whether this is an ambiguous match whose candidates lie in different governorates:
        then ``id`` is only the likeliest, and its governorate a guess (see ``problems``)."""
        return self.ambiguous and len({_by_id()[c].governorate_id for c in self.candidates}) > 1

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "admin_level": self.admin_level,
            "kind": self.kind,
            "pcode": self.pcode,
            "parents": list(self.parents),
            "governorate": self.governorate,
            "district": self.district,
            "lat": self.lat,
            "lon": self.lon,
            "ambiguous": self.ambiguous,
            "candidates": list(self.candidates),
            "matched": self.matched,
            "method": self.method,
            "qualifier": self.qualifier,
            "problems": list(self.problems),
        }


def _opt(v: str) -> str | None:
    return v or None


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[Place, ...]:
    """All gazetteer units, coarsest first (governorates, districts, sub-districts, places).

    >>> g = load_gazetteer()
    >>> sum(p.admin_level == 1 for p in g)
    14
    """
    ref = resources.files("tally.data").joinpath("gazetteer", "gazetteer.csv")
    out = []
    with ref.open("r", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.append(
                Place(
                    id=r["id"],
                    admin_level=int(r["admin_level"]),
                    kind=r["kind"],
                    name_en=r["name_en"],
                    name_ar=r["name_ar"],
                    alt_names=tuple(a for a in r["alt_names"].split("|") if a),
                    parent_id=_opt(r["parent_id"]),
                    governorate_id=r["governorate_id"],
                    district_id=_opt(r["district_id"]),
                    subdistrict_id=_opt(r["subdistrict_id"]),
                    pcode=_opt(r["pcode"]),
                    iso3166_2=_opt(r["iso3166_2"]),
                    geonames_id=_opt(r["geonames_id"]),
                    lat=float(r["lat"]) if r["lat"] else None,
                    lon=float(r["lon"]) if r["lon"] else None,
                    population=int(r["population"]) if r["population"] else None,
                    origin=r["origin"],
                )
            )
    return tuple(out)


@lru_cache(maxsize=1)
def _by_id() -> dict[str, Place]:
    return {p.id: p for p in load_gazetteer()}


def place_by_id(place_id: str) -> Place | None:
    """The unit with this id (p-code, ``gn:...`` or ``tally:...``), or ``None``."""
    return _by_id().get(place_id)


def children_of(place_id: str) -> list[Place]:
    """Units whose parent is ``place_id`` (for drawing places under a district, say)."""
    return [p for p in load_gazetteer() if p.parent_id == place_id]


# --------------------------------------------------------------------------- keys

_LAT_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ath|adh|ed|er|es|et|ez|en)[- ]+|^(?:al|el)(?=[a-z]{4})")
_LAT_ARTICLE_WORD = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|an|ath|adh|ed|er|es|et|ez|en)[- ]+")
_AR_PREFIX = re.compile(r"^ال(?=..)")
_AR_INNER_ARTICLE = re.compile(r"(?<=\s)ال(?=..)")


@lru_cache(maxsize=65_536)
def _key(text: str) -> str:
    """Exact-match key of a place name: folded, articles and punctuation removed."""
    if has_arabic(text):
        t = fold_arabic(clean_arabic(text))
        t = _AR_PREFIX.sub("", t)
        t = _AR_INNER_ARTICLE.sub("", t)
        return re.sub(r"[^\u0621-\u064a0-9]", "", t)
    t = fold_latin(text)
    t = _LAT_ARTICLE.sub("", t)
    t = _LAT_ARTICLE_WORD.sub(" ", t)
    return re.sub(r"[^a-z0-9]", "", t)


def _skel(text: str) -> str:
    """Consonant skeleton of a place name (per word, articles dropped)."""
    if has_arabic(text):
        words = clean_arabic(text).split()
        out = []
        for i, w in enumerate(words):
            w = _AR_PREFIX.sub("", w)
            if i < len(words) - 1 and w.endswith("ة"):
                w = w[:-1] + "ت"
            out.append(skeleton_arabic(w))
        return "".join(out)
    words = re.split(r"[\s\-]+", fold_latin(text))
    out = []
    for w in words:
        w = re.sub("[^a-z0-9]", "", w)
        if not w or w in {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "ed", "er", "es", "et", "ez", "en"}:
            continue
        w = re.sub(r"^(?:al|el)(?=[a-z]{4})", "", w)
        out.append(skeleton_latin(w))
    return "".join(out)


#: words that begin many place names ("Kafr Hamra", "Tell Abyad", "دير حافر"): two names
#: are only close when what follows them is close
_GENERIC_WORDS = (
    "kafr kfar kafar kafer kfr tal tall tell tel til deir dayr dair der ain ayn ein beit bayt bait khan jisr ras "
    "umm um abu abou sheikh shaykh sheik shaikh khirbet khirbat kherbet khirba qasr bab jabal jebel jabel jbel "
    "marj bir arab harat haret hay mazraat mazraa mazraet qaryat wadi nahr "
    "كفر تل دير عين بيت خان جسر راس رأس ام أم ابو أبو شيخ الشيخ خربة خربه قصر باب جبل مرج بير بئر عرب "
    "حارة حاره حي مزرعة مزرعه وادي نهر"
).split()
_LAT_ARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh", "ed", "er", "es", "et", "ez",
                 "en"}


@lru_cache(maxsize=65_536)
def _word_keys(text: str) -> tuple[str, ...]:
    """Exact-match keys of the words of a name, articles dropped."""
    out = []
    for w in re.split(r"[\s\-]+", text.strip()):
        if not w or w.lower() in _LAT_ARTICLES or w == "ال":
            continue
        k = _key(w)
        if k:
            out.append(k)
    return tuple(out)


_GENERIC = frozenset(k for w in _GENERIC_WORDS for k in _word_keys(w))


@lru_cache(maxsize=65_536)
def _distinctive(text: str) -> str:
    """Key of the part of a name that tells it from others: generic words ("Kafr", "Tell",
    "Deir") left out unless the name is nothing else."""
    keys = _word_keys(text)
    return "".join(k for k in keys if k not in _GENERIC) or "".join(keys)


class _PlaceIndex:
    def __init__(self, places: tuple[Place, ...]):
        self.exact: dict[str, set[str]] = {}
        self.skel: dict[str, set[str]] = {}
        for p in places:
            for n in (p.name_en, p.name_ar, *p.alt_names):
                k = _key(n)
                if len(k) >= 2:
                    self.exact.setdefault(k, set()).add(p.id)
                s = _skel(n)
                if len(s) >= 3:
                    self.skel.setdefault(s, set()).add(p.id)


@lru_cache(maxsize=1)
def _pindex() -> _PlaceIndex:
    return _PlaceIndex(load_gazetteer())


# --------------------------------------------------------------------------- resolve

_QUALIFIERS_EN = {
    "countryside": "countryside", "rural": "countryside", "outskirts": "outskirts", "suburbs": "outskirts",
    "near": "near", "outside": "near", "around": "near", "vicinity": "near",
    "province": "governorate", "governorate": "governorate",
    # French press lists: "campagne de Hama", "province d'Idleb"
    "campagne": "countryside", "gouvernorat": "governorate", "banlieue": "outskirts",
    "environs": "near", "alentours": "near",
}
_FILLER_EN = {
    "city", "town", "village", "villages", "neighbourhood", "neighborhood", "district", "subdistrict",
    "sub-district", "area", "region", "the", "of", "in", "at", "quarter", "hay",
    "qaryat", "qarya", "centre", "center", "downtown", "syria", "syrian", "mohafaza", "muhafazat", "nahiya",
    "mantiqa", "municipality", "camp", "de", "du",
}
_QUALIFIERS_AR = {"محافظة": "governorate", "محافظه": "governorate", "ريف": "countryside", "قرب": "near", "محيط": "near", "أطراف": "outskirts", "اطراف": "outskirts",
                  "ضواحي": "outskirts"}
_FILLER_AR = {
    "مدينة", "مدينه", "بلدة", "بلده", "قرية", "قريه", "حي", "منطقة", "منطقه", "ناحية", "ناحيه", "محافظة",
    "محافظه", "في", "من", "بالقرب", "سوريا", "سورية", "مزرعة", "مزرعه", "مخيم", "وسط", "شمال", "جنوب", "شرق",
    "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "و",
}
_DIRECTIONS_EN = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                  "northwest", "northeast", "southwest", "southeast", "north-west", "north-east", "south-west",
                  "south-east", "northwestern", "northeastern", "southwestern", "southeastern"}
_SEGMENT_SPLIT = re.compile(r"\s*(?:[,،;/|()]|\s-\s|\bin\b|\bof\b|\bnear\b|\s+في\s+|\s+ب(?=ريف)|\s+من\s+)\s*",
                            re.IGNORECASE)


def _starts_name(words: list[str], i: int) -> bool:
    """``words[i]`` begins a gazetteer name of two or three words: "ريف" in
    "ريف دمشق" and "Rural" in "Rural Damascus" name the governorate Rif
    Dimashq, not the countryside around Damascus city."""
    idx = _pindex()
    return any(len(k := _key(" ".join(words[i:i + n]))) >= 3 and k in idx.exact
               for n in (2, 3) if i + n <= len(words))


def _strip_words(seg: str) -> tuple[str, str | None]:
    """The segment without its qualifier and filler words, and the qualifier.

    A qualifier that begins a place's own name stays: news lists write Rif
    Dimashq's countryside as "ريف ريف دمشق", "Rural Damascus province" or
    "محافظة ريف دمشق", and stripped of every "ريف"/"Rural" those read as
    Damascus city's governorate (audit profile, 5,000 records: 24 true pairs
    never compared for it)."""
    qualifier = None
    words = seg.split()
    kept = []
    arabic = has_arabic(seg)
    for i, w in enumerate(words):
        lw = w.lower().strip(".")
        if (lw in _QUALIFIERS_EN or (arabic and clean_arabic(w) in _QUALIFIERS_AR)) \
                and _starts_name(words, i):
            kept.append(w)
            continue
        if arabic:
            wc = clean_arabic(w)
            if wc in _QUALIFIERS_AR:
                qualifier = _QUALIFIERS_AR[wc]
                continue
            if wc.startswith("بريف"):
                qualifier = "countryside"
                continue
            if wc in _FILLER_AR:
                continue
            if wc.startswith("ب") and len(wc) > 3 and _key(wc[1:]) in _pindex().exact and _key(wc) not in _pindex().exact:
                w = wc[1:]  # بجبلة → جبلة
            kept.append(w)
        else:
            if lw[:2] in ("d'", "d’") and len(lw) > 3:  # French "d'Alep": of Aleppo
                w, lw = w[2:], lw[2:]
            if lw in _QUALIFIERS_EN:
                qualifier = _QUALIFIERS_EN[lw]
                continue
            if lw in _FILLER_EN or lw in _DIRECTIONS_EN:
                continue
            kept.append(w)
    return " ".join(kept), qualifier


#: words a name may be followed or preceded by in a text without being part of it
_DROPPABLE_EN = {"island", "islands", "old", "syrias", "syria's", "syria’s"}


def _droppable(word: str) -> bool:
    """A word that names no place and adds nothing to the one named beside it
    ("island" in "Arwad island", الغربي in "السويداء الغربي")."""
    lw = word.lower().strip(".")
    if lw.isdigit():  # "Jableh 2", a house or kilometre number
        return True
    if has_arabic(word):
        wc = clean_arabic(word)
        bare = wc[2:] if wc.startswith("ال") and len(wc) > 3 else wc
        return bool({wc, bare} & (_FILLER_AR | set(_QUALIFIERS_AR)))
    bare = re.sub(r"^(?:al|el)-", "", lw)
    return bool({lw, bare} & (_FILLER_EN | _DIRECTIONS_EN | set(_QUALIFIERS_EN) | _DROPPABLE_EN))


def _rest_places(words: list[str]) -> list[tuple[set[str], str]] | None:
    """What the words left beside a name are: ``[]`` when all are droppable, the places
    they name (exactly) when they are names, ``None`` when some word is neither: then the
    words are part of a name the gazetteer does not hold ("Kafr Hamra" is not "Kafr")."""
    idx = _pindex()
    rest = [w for w in words if not _droppable(w)]
    if not rest:
        return []
    k = _key(" ".join(rest))
    if len(k) >= 3 and k in idx.exact:
        return [(set(idx.exact[k]), " ".join(rest))]
    return None


def _window(words: list[str], start: int, size: int, ids: set[str]) -> list[tuple[set[str], str]] | None:
    """The other places named beside ``words[start:start+size]`` (see :func:`_rest_places`),
    or ``None`` when the window is not a name on its own: other words are part of the name,
    or they name a place that holds none of the window's candidates ("Kafr Hamra" is
    neither Al-Kafr nor Hamra; "Baniyas Tartous" is Baniyas in Tartous)."""
    out = []
    for part in (words[:start], words[start + size:]):
        rest = _rest_places(part) if part else []
        if rest is None:
            return None
        out += rest
    by_id = _by_id()
    for r_ids, _ in out:
        if not any(_within(by_id[i], c) for i in ids for c in r_ids):
            return None
    return out


def _lookup(seg: str) -> tuple[set[str], str, str, list[tuple[set[str], str]]]:
    """Candidates for one segment: (ids, method, matched text, other places the segment names).

    A name found among the words of the segment only counts when the other words are
    droppable or are themselves a place ("Baniyas Tartous"); a spelling found by skeleton
    only when it is close to the text on the distinctive part of the name (:func:`_close`).
    """
    idx = _pindex()
    k = _key(seg)
    if k in idx.exact:
        return set(idx.exact[k]), "exact", seg, []
    words = seg.split()
    # longest word window first
    for size in range(min(len(words), 4), 0, -1):
        for start in range(0, len(words) - size + 1):
            piece = " ".join(words[start:start + size])
            if size == len(words):
                continue
            kp = _key(piece)
            if len(kp) >= 3 and kp in idx.exact:
                rest = _window(words, start, size, idx.exact[kp])
                if rest is not None:
                    return set(idx.exact[kp]), "exact", piece, rest
    s = _skel(seg)
    if len(s) >= 3 and s in idx.skel:
        close = _close(seg, idx.skel[s])
        if close:
            return close, "skeleton", seg, []
    for size in range(min(len(words), 4) - 1, 0, -1):
        for start in range(0, len(words) - size + 1):
            piece = " ".join(words[start:start + size])
            sp = _skel(piece)
            if len(sp) >= 3 and sp in idx.skel:
                close = _close(piece, idx.skel[sp])
                rest = _window(words, start, size, close) if close else None
                if rest is not None:
                    return close, "skeleton", piece, rest
    return set(), "", "", []


def _close(text: str, ids: set[str]) -> set[str]:
    """Skeleton candidates one of whose names is also close in spelling ("Jeblah" ~ "Jableh",
    not "Iraq" ~ "Ariqa"): edit distance of the folded keys within a third of the length,
    on the whole name and on its distinctive part ("Kafr Hamra" is not close to "Kafr
    Humaira", though the whole keys differ by a third)."""
    k, dk = _key(text), _distinctive(text)
    limit, dlimit = max(1, len(k) // 3), max(1, len(dk) // 3)
    by_id = _by_id()
    out = set()
    for i in ids:
        p = by_id[i]
        for n in (p.name_en, p.name_ar, *p.alt_names):
            kn, dn = _key(n), _distinctive(n)
            if (abs(len(kn) - len(k)) <= limit and edit_distance(k, kn) <= limit
                    and abs(len(dn) - len(dk)) <= dlimit and edit_distance(dk, dn) <= dlimit):
                out.add(i)
                break
    return out


def _within(p: Place, unit_id: str) -> bool:
    return p.id == unit_id or unit_id in p.parents


def _chain(ids: list[Place]) -> bool:
    """True when every candidate contains or is contained in the finest one."""
    finest = max(ids, key=lambda p: p.admin_level)
    return all(_within(finest, p.id) for p in ids)


def _rank(p: Place) -> tuple:
    return (p.pcode is not None, p.population or 0, -p.admin_level)


@lru_cache(maxsize=16_384)
def resolve_place(
    text: str, governorate: str | None = None, district: str | None = None, level: int | None = None
) -> PlaceMatch | None:
    """Resolve free text naming a Syrian place to a gazetteer unit (pure, cached).

    ``governorate`` and ``district`` are hints in any script (names or p-codes)
    that narrow same-name candidates; ``level`` asks for a unit of exactly that
    admin level (1 governorate ... 5 neighbourhood), which is what a
    ``governorate`` or ``district`` column of a list needs. Returns ``None``
    when nothing in the text is a known place.

    >>> m = resolve_place("Baniyas, Tartous")
    >>> m.name_en, m.parents
    ('Banyas', ('SY1001', 'SY10'))
    """
    if not text or not text.strip():
        return None
    by_id = _by_id()
    problems: list[str] = []
    hint_units: list[str] = []
    for hint, lvl in ((governorate, 1), (district, 2)):
        if hint:
            if hint in by_id:
                hint_units.append(hint)
            else:
                hm = resolve_place(hint, level=lvl)
                if hm is not None:
                    hint_units.append(hm.id)
                else:
                    problems.append(f"hint not found: {hint}")
    segments = [s for s in _SEGMENT_SPLIT.split(text) if s and s.strip()]
    found: list[tuple[set[str], str, str, str | None]] = []
    qualifier = None
    whole_k = _key(text)
    if whole_k in _pindex().exact:
        found.append((set(_pindex().exact[whole_k]), "exact", text.strip(), None))
    else:
        for seg in segments:
            stripped, q = _strip_words(seg)
            qualifier = qualifier or q
            if not stripped:
                continue
            ids, method, matched, rest = _lookup(stripped)
            if ids:
                found.append((ids, method, matched, q))
                found.extend((r_ids, "exact", r_text, None) for r_ids, r_text in rest)
            else:
                problems.append(f"not in the gazetteer: {stripped!r}")
    if not found:
        return None
    # pieces other than the finest act as hints
    def finest_level(ids: set[str]) -> int:
        return max(by_id[i].admin_level for i in ids)

    found.sort(key=lambda f: (f[1] != "exact", -finest_level(f[0])))
    main_ids, method, matched, q = found[0]
    qualifier = q or qualifier
    cands = [by_id[i] for i in main_ids]
    for ctx_ids, _, ctx_text, _ in found[1:]:
        narrowed = [p for p in cands if any(_within(p, c) for c in ctx_ids)]
        if narrowed:
            cands = narrowed
        elif min(by_id[c].admin_level for c in ctx_ids) < max(p.admin_level for p in cands):
            # "al-Mallah Farms, Aleppo" where the gazetteer's only Mallah is elsewhere: the
            # text's coarser unit, not a same-name place in another governorate
            m = resolve_place(ctx_text, governorate, district, level)
            if m is None:
                return None
            note = f"{matched!r} not found in {ctx_text!r}"
            return _replace_problems(m, (*problems, note, *m.problems))
    for h in hint_units:
        narrowed = [p for p in cands if _within(p, h)]
        if narrowed:
            cands = narrowed
        else:
            # the hint (a list's governorate column) wins over a same-name place elsewhere
            problems.append(f"{matched!r} not found in hint {h}")
            cands, method, matched = [by_id[h]], "hint", by_id[h].name_en
    if level is not None:
        at_level = [p for p in cands if p.admin_level == level]
        if not at_level:
            # the place is finer than asked: climb to its unit at that level
            ups = {p.id if p.admin_level == level else
                   {1: p.governorate_id, 2: p.district_id, 3: p.subdistrict_id}.get(level) for p in cands}
            at_level = [by_id[u] for u in ups if u and u in by_id]
        if not at_level:
            return None
        cands = at_level
    elif qualifier == "governorate" and _chain(cands) and any(p.admin_level == 1 for p in cands):
        # "Hama province" / محافظة حماة: the governorate, not its capital city
        cands = [p for p in cands if p.admin_level == 1]
    elif qualifier == "countryside" and _chain(cands):
        # "Hama countryside" / ريف حماة: the governorate around its capital; "Jableh countryside": the district
        coarse = [p for p in cands if p.admin_level == 1] or [p for p in cands if p.admin_level == 2]
        if coarse:
            cands = coarse
    ambiguous = False
    if len(cands) > 1 and _chain(cands):
        best = max(cands, key=lambda p: p.admin_level)
    else:
        # prefer admin units over same-name places inside them; otherwise population
        best = max(cands, key=_rank)
        others = [p for p in cands if not (_within(best, p.id) or _within(p, best.id))]
        ambiguous = bool(others)
        if ambiguous:
            govs = sorted({by_id[p.governorate_id].name_en for p in cands if p.governorate_id in by_id})
            problems.append(f"ambiguous: {len(cands)} units named {matched!r} "
                            f"(in {', '.join(govs)}); give a governorate to choose")
    gov = by_id.get(best.governorate_id)
    dist = by_id.get(best.district_id) if best.district_id else None
    return PlaceMatch(
        id=best.id,
        name_en=best.name_en,
        name_ar=best.name_ar,
        admin_level=best.admin_level,
        kind=best.kind,
        pcode=best.pcode,
        parents=best.parents,
        governorate=gov.name_en if gov else None,
        district=dist.name_en if dist else None,
        lat=best.lat,
        lon=best.lon,
        ambiguous=ambiguous,
        candidates=tuple(sorted(p.id for p in cands)) if ambiguous else (best.id,),
        matched=matched,
        method=method,
        qualifier=qualifier,
        problems=tuple(problems),
    )


def _replace_problems(m: PlaceMatch, problems: tuple[str, ...]) -> PlaceMatch:
    return PlaceMatch(**{**{f: getattr(m, f) for f in m.__dataclass_fields__}, "problems": problems})
