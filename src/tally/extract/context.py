"""When and where a claim happened, read from its sentence and resolved with
Normalize: dates against the article's publication date, places against the
gazetteer ("across Syria" is the country)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tally.normalize import parse_date, resolve_place

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")
#: a day and month; the day's digits end there ("July 2012" is a month, not July 20)
_DAYMONTH = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?!\d)(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WHEN = re.compile(
    rf"\b(?:(?:between|from)\s+{_DAYMONTH}\s+(?:and|to|until)\s+{_DAYMONTH}"
    rf"|since\s+(?:{_DAYMONTH}|{_MONTH}(?:\s+last\s+year|\s+\d{{4}})?)"
    rf"|(?:in\s+)?recent\s+(?:days|weeks)|over\s+the\s+(?:summer|winter|spring|autumn)"
    rf"|{_DAYMONTH}|(?:(?:early|late|mid-?)\s*)?{_MONTH}(?:\s+\d{{4}})?(?!\w)"
    rf"|(?:last|this)\s+(?:week|month|year)|yesterday|{_WEEKDAY}(?:\s+(?:night|morning|evening))?)",
)
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11)}
_ACROSS_COUNTRY = re.compile(r"\b(?:across|throughout|all over|in)\s+(Syria)\b")
_PARTICLE = r"(?:al|el|ez|es|as|ad|ar|an|at|az|ash|ed|er)-[\w'’-]+"
_NAME = rf"((?:[A-Z][\w'’-]*|{_PARTICLE})(?:[\s-](?:[A-Z][\w'’-]*|{_PARTICLE})){{0,3}})"
#: a place name after a preposition, after "the city/town/province of", or after a compass
#: adjective, with up to three lower-case words between ("in rebel-held Idlib", "in the
#: northern Syrian city of Aleppo", "parts of eastern Aleppo")
_PLACE_CUE = re.compile(
    r"\b(?:[Ii]n|at|near|on|outside|around|across|from|into|(?:city|town|village|province|governorate|"
    r"district|neighbou?rhood|suburb|region|countryside|outskirts|area)\s+of)\s+(?:the\s+)?"
    r"(?:[a-z][\w'’-]*\s+){0,3}?" + _NAME
    + r"|\b(?:eastern|western|northern|southern|central|rural|besieged)\s+" + _NAME)


@dataclass(frozen=True)
class When:
    start: dt.date | None
    end: dt.date | None
    precision: str | None
    text: str
    span_start: int
    span_end: int


@dataclass(frozen=True)
class Where:
    place: str
    place_id: str | None
    admin_level: int | None  # None: a place outside Syria, kept as written
    text: str
    span_start: int
    span_end: int


def _parse(text: str, published: dt.date | None):
    """parse_date, with an impossible day ("March 34") read as no date."""
    try:
        return parse_date(text, reference=published)
    except ValueError:  # parse_date raises on some impossible days instead of noting a problem
        return parse_date("", reference=published)


def _read(phrase: str, published: dt.date | None) -> tuple[dt.date | None, dt.date | None, str | None]:
    p = phrase.lower()
    if "recent" in p and published:
        return published - dt.timedelta(days=7 if "days" in p else 30), published, "range"
    m = re.match(r"over the (\w+)", p)
    if m and published:
        if m.group(1) == "winter":
            y = published.year if published.month >= 12 else published.year - 1
            return dt.date(y, 12, 1), dt.date(y + 1, 2, 28), "season"
        a, b = _SEASONS[m.group(1)]
        y = published.year if published.month > b else published.year - 1
        return dt.date(y, a, 1), (dt.date(y, b + 1, 1) - dt.timedelta(days=1)), "season"
    if p.startswith("since"):
        rest = re.sub(r"^since\s+", "", phrase)
        last_year = "last year" in rest
        rest = re.sub(r"\s+last\s+year", "", rest)
        r = _parse(rest, published)
        if r.start and published:
            start = r.start
            if last_year:
                start = start.replace(year=published.year - 1)
            elif start > published:
                start = start.replace(year=start.year - 1)
            return start, published, "range"
        return None, None, None
    r = _parse(phrase, published)
    if r.start and published and r.start > published and r.precision in ("day", "month", "range"):
        # an article reports the past: "in December" read in January is last year's
        try:
            return r.start.replace(year=r.start.year - 1), r.end.replace(year=r.end.year - 1), r.precision
        except ValueError:
            return None, None, None
    return r.start, r.end, r.precision


def when_in(text: str, start: int, end: int, published: dt.date | None) -> When | None:
    """The first date expression in ``text[start:end]`` that resolves, or None."""
    for m in _WHEN.finditer(text, start, end):
        phrase = m.group()
        if re.fullmatch(r"(?i)may|mar|march", phrase) and not re.search(r"\b(?:in|of|early|late|since)\s+$", text[max(start, m.start() - 8):m.start()]):
            continue  # "may" the verb, "march" the protest
        s, e, precision = _read(phrase, published)
        if s is not None:
            return When(s, e, precision, phrase, m.start(), m.end())
    return None


#: a text about Syria: it names the country or a governorate's centre
_ABOUT_SYRIA = re.compile(r"\bSyria(?:n|ns|'s|’s)?\b|\b(?:Damascus|Aleppo|Idlib|Idleb|Homs|Hama|Latakia|Lattakia|"
                          r"Tartus|Tartous|Raqqa|Hasakah|Hasakeh|Daraa|Deraa|Dara'a|Sweida|Suwayda|Quneitra)\b"
                          r"|\bDeir\s+ez-?\s*Zor\b|سوري")
#: countries and regions a place cue may name: kept as written, never a Syrian unit
_FOREIGN = frozenset(
    "nigeria iraq turkey lebanon jordan israel iran afghanistan yemen libya egypt sudan somalia mali pakistan "
    "india peru mexico kenya ethiopia congo myanmar burma ukraine russia gaza palestine niger chad cameroon "
    "burkina faso colombia philippines bangladesh".split())


def about_syria(text: str) -> bool:
    """Whether ``text`` is about Syria: it names the country or a governorate's centre."""
    return bool(_ABOUT_SYRIA.search(text))


def where_in(text: str, start: int, end: int, syria: bool | None = None) -> Where | None:
    """The first place named in ``text[start:end]`` that the gazetteer knows.

    Scope: a name the gazetteer matches only by its consonant skeleton ("Taraba" for
    Atareb, "Erbil" for Arbin, "Damasak" for Damascus, "Kansas" for Kansaba) is a Syrian
    place only in a text about Syria (``syria``; read from the whole ``text`` when None);
    otherwise, like a country's name, it is kept as written with no p-code, so that
    deaths abroad are never put in a Syrian governorate."""
    if syria is None:
        syria = about_syria(text)
    m = _ACROSS_COUNTRY.search(text, start, end)
    if m and m.group().lower().startswith(("across", "throughout", "all over")):
        return Where("Syria", "SY", 0, m.group(1), m.start(1), m.end(1))
    cues = []
    for m in _PLACE_CUE.finditer(text, start, end):
        g = 1 if m.group(1) is not None else 2
        if not re.fullmatch(_MONTH + r"|" + _WEEKDAY, m.group(g)):
            cues.append((m, g, m.group(g)))
    for m, g, name in cues:
        if name.lower() in _FOREIGN:
            return Where(name, None, None, name, m.start(g), m.end(g))
        pm = resolve_place(name)
        if pm is not None and pm.method != "exact" and not syria:
            return Where(name, None, None, name, m.start(g), m.end(g))
        if pm is not None and pm.spans_governorates:
            # "Hader" is a village in Quneitra and a sub-district in Aleppo: another place
            # named in the sentence may tell which; a guess would put the deaths in the
            # wrong governorate, so without one the name is passed over
            pm = next((n for _, _, other in cues if other != name
                       and (n := resolve_place(f"{name}, {other}")) is not None
                       and n.id in pm.candidates and not n.spans_governorates), None)
        if pm is not None:
            at = name.find(pm.matched) if pm.matched else -1
            if at >= 0:  # "Syrias Hasakah": the span is the name the gazetteer knew
                return Where(pm.name_en, pm.id, pm.admin_level, pm.matched, m.start(g) + at,
                             m.start(g) + at + len(pm.matched))
            return Where(pm.name_en, pm.id, pm.admin_level, name, m.start(g), m.end(g))
    if m := _ACROSS_COUNTRY.search(text, start, end):
        return Where("Syria", "SY", 0, m.group(1), m.start(1), m.end(1))
    unknown = [(m, g, name) for m, g, name in cues if resolve_place(name) is None]
    if unknown and not syria:
        m, g, name = unknown[0]  # "in Mosul" in a text not about Syria: where it happened, as written
        return Where(name, None, None, name, m.start(g), m.end(g))
    return None
