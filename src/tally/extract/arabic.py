"""Arabic news text → casualty claims, in the same schema as the English rules.

    from tally.extract.arabic import extract_claims_ar
    claims = extract_claims_ar("وثّق المرصد السوري مقتل 5 مدنيين ...", published="2025-03-12")

Arabic reports put the verb or the casualty noun first and the count after it
("قُتل شخصان"، "مقتل 12 مدنياً"، "استشهد ثلاثة أطفال"، "جثث 7 أشخاص"), or the count
before a casualty noun ("7 قتلى"، "عشرات القتلى"). Each trigger of :data:`TRIGGERS`
takes the first count within a few words after it; a count is digits (Western or
Arabic-Indic), number words of either gender, a dual noun ("طفلين" = 2), a vague
plural (عشرات، مئات) or one singular victim ("مقتل شاب"). A trigger after a negator
("دون وقوع إصابات"، "قد يموتون") takes nothing. Counts after بينهم/منهم are subtotals,
claimed apart and never added to the total. A sentence that tolls a period ("منذ بداية
العام"، "خلال شهر تموز"، "منذ آذار") marks its claims ``cumulative``, so that the
article's main count is the event's. Dates are read against the publication date
("أمس"، "يوم الثلاثاء"، "14 آذار/مارس"), places through the gazetteer's Arabic names,
perpetrators through the shipped actor table (``perpetrator_actor``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tally.extract.ar_lexicon import (
    AR_LEXICON_VERSION,
    CIVILIAN,
    COMBATANT,
    DISTRACTOR_NOUNS,
    DUAL_OR_PLURAL,
    DUALS,
    ELEVEN,
    FILLERS,
    HUNDREDS,
    INJURED_NOUNS,
    KIN,
    KIN_PLURAL,
    KILLED_NOUNS,
    MONTHS,
    NEEDS,
    NEGATORS,
    PEOPLE,
    QUALIFIERS,
    SINGULAR,
    SOURCES,
    SUBTOTAL,
    TENS,
    TRIGGERS,
    UNITS,
    VAGUE,
    WEEKDAYS,
    fold,
)
from tally.extract.numbers import read_count
from tally.extract.sentences import split_sentences
from tally.normalize.actors import match_actor
from tally.normalize.places import resolve_place

_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]{3})*|[\u0621-\u064A\u0671-\u06D3]+|[A-Za-z]+|\S")
_PREFIXES = ("و", "ف", "ب", "ل")
_CUMULATIVE = re.compile(
    r"منذ\s+(?:بداية|مطلع|بدء|اندلاع|سقوط|انطلاق|العام|الشهر|" + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")|منذ\s+(?:عام|سنوات)|سنوات\s+(?:الحرب|الصراع|الثورة|النزاع)|خلال\s+(?:شهر|الشهر|العام|الاشهر|الاسبوع|عام)|تقرير(?:ها|ه)?\s+الشهري|الحصيلة\s+الاجمالية")


_MONTH_FIRST = frozenset(m.split()[0] for m in MONTHS)
#: qualifier phrases by their first word, longest first
_QUAL_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _q in sorted(QUALIFIERS, key=len, reverse=True):
    _QUAL_FIRST.setdefault(_q[0], []).append(_q)


@dataclass
class _Tok:
    text: str     # folded
    start: int    # offsets in the folded text
    end: int


@dataclass
class _Count:
    i: int
    j: int
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    value: int | None
    noun: str | None


def _bare(w: str) -> str:
    """A word without one clitic prefix (و، ف، ب، ل) or the article, when what remains is known."""
    for p in _PREFIXES:
        if w.startswith(p) and len(w) > 2:
            rest = w[1:]
            if rest in TRIGGERS or rest in UNITS or rest in TENS or rest in DUALS or rest in VAGUE \
                    or rest in KILLED_NOUNS or rest in INJURED_NOUNS:
                return rest
    return w


def _noun(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 4 else w


def _count_at(toks: list[_Tok], i: int) -> _Count | None:
    """The count expression starting at token ``i`` (after a prefix letter or a qualifier)."""
    start, qual, k = i, "exact", i
    if i < len(toks) and toks[i].text in _QUAL_FIRST:
        words = tuple(t.text for t in toks[i:i + 4])
        for phrase in _QUAL_FIRST[toks[i].text]:
            if words[:len(phrase)] == phrase:
                qual, k = QUALIFIERS[phrase], i + len(phrase)
                break
    if k < len(toks) and toks[k].text in ("ل", "ب", "و") and k + 1 < len(toks) and toks[k + 1].text[:1].isdigit():
        k += 1  # "لـ5 شبان", "و3 سيدات"
    if k >= len(toks):
        return None
    w = _bare(toks[k].text)
    value = j = None
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    if w[:1].isdigit():
        try:
            value = int(w.replace(",", "").replace(".", ""))
        except ValueError:
            return None
        j = k + 1
        if nxt in ("الف", "الاف"):
            value, j = value * 1000, j + 1
    elif w in VAGUE or _noun(w) in VAGUE:
        low, best, high = VAGUE[w if w in VAGUE else _noun(w)]
        noun = _noun(toks[k + 1].text) if k + 1 < len(toks) else None
        return _Count(start, k + 1, low, best, high, "vague" if qual == "exact" else qual, None, noun)
    elif w in ELEVEN and nxt in ("عشر", "عشرة"):
        value, j = 10 + ELEVEN[w], k + 2
    elif w in UNITS:
        value, j = UNITS[w], k + 1
        if nxt in ("عشر", "عشرة") and value < 10:
            value, j = 10 + value, k + 2
        elif nxt.startswith("و") and nxt[1:] in TENS:
            value, j = value + TENS[nxt[1:]], k + 2
    elif w in TENS:
        value, j = TENS[w], k + 1
    elif w in HUNDREDS:
        value, j = HUNDREDS[w], k + 1
    elif w in DUALS and w not in DUAL_OR_PLURAL or \
            w.startswith("ال") and _noun(w) in DUALS and _noun(w) in KILLED_NOUNS:  # "الشهيدين"; "المدنيين" is plural
        low, best, high = read_count(2, qual)
        return _Count(start, k + 1, low, best, high, qual, 2, _noun(w))
    else:
        return None
    noun = _noun(toks[j].text) if j < len(toks) else None
    if noun in _MONTH_FIRST or 1900 <= value <= 2099 and len(w) == 4 or (k > 0 and toks[k - 1].text in ("عام", "سنة")):
        return None  # "23 حزيران", "عام 2012"
    if noun in DISTRACTOR_NOUNS:
        return None
    low, best, high = read_count(value, qual)
    return _Count(start, j, low, best, high, qual, value, noun)


def _with_kin(toks: list[_Tok], k: int) -> tuple[int, int]:
    """How many kin follow a singular victim at token ``k`` ("وزوجته وأطفالهما الثلاثة": 1 + 3),
    and the token after them."""
    n = 0
    while k < len(toks) and toks[k].text.startswith("و") and len(toks[k].text) > 3:
        w = toks[k].text[1:]
        stem = re.sub(r"(?:هما|هم|ها|ه)$", "", w)
        if stem == w:
            break
        if stem in KIN:
            n, k = n + 1, k + 1
            continue
        if stem.endswith("ا") and stem[:-1] in KIN:
            n, k = n + 2, k + 1  # "وطفلاها": her two children
            continue
        if stem in KIN_PLURAL and k + 1 < len(toks) and _noun(toks[k + 1].text) in UNITS:
            n, k = n + UNITS[_noun(toks[k + 1].text)], k + 2
            continue
        break
    return n, k


def _negated(toks: list[_Tok], a: int) -> bool:
    return any(t.text in NEGATORS for t in toks[max(0, a - 3):a])


#: a toll's words, read with a count up to twelve words on: "ارتفعت حصيلة ... إلى 15"
_TOLLS = frozenset({"حصيلة", "عدد"})
#: verbs whose subject (the perpetrator) may stand between them and the count
_TRANSITIVE = frozenset("قتل قتلت اعدم اعدمت اغتال اغتالت اختطف اختطفت اودي اودت حصد حصدت ذبح".split())
#: verbs that follow their subject count: "20 شخصاً قتلوا"
_AFTER_VERBS = frozenset("قتلوا قضوا لقوا استشهدوا ارتقوا اعدموا اصيبوا اختطفوا قتلا قضيا".split())


@dataclass
class _Hit:
    what: str
    count: _Count
    trig: int
    subtotal: bool = False


def _hits(toks: list[_Tok]) -> list[_Hit]:
    hits: list[_Hit] = []
    used: set[int] = set()
    subtotal_from = None
    for a, t in enumerate(toks):
        w = _bare(t.text)
        if w in SUBTOTAL:
            subtotal_from = a
        if t.text in ("،", ".", ";", "؛") and subtotal_from is not None:
            subtotal_from = None
        if subtotal_from is not None and a > subtotal_from and a not in used:
            c = _count_at(toks, a)
            if c is not None and (c.noun in PEOPLE or c.noun in DUALS or c.value == 1):
                what = hits[-1].what if hits else "killed"
                hits.append(_Hit(what, c, a, subtotal=True))
                used.update(range(c.i, c.j))
            continue
        # a count before a casualty noun: "7 قتلى", "عشرات القتلى والجرحى"
        if a not in used and not _negated(toks, a):
            c = _count_at(toks, a)
            if c is not None and c.noun in KILLED_NOUNS | INJURED_NOUNS and not any(
                    h.count.i <= a < h.count.j for h in hits):
                hits.append(_Hit("killed" if c.noun in KILLED_NOUNS else "injured", c, a))
                used.update(range(c.i, c.j + 1))
                continue
        # a subject count before its verb: "أكثر من 20 شخصاً قتلوا"
        if a not in used and not _negated(toks, a):
            c = _count_at(toks, a)
            if c is not None and c.noun in PEOPLE and any(
                    _bare(x.text) in _AFTER_VERBS for x in toks[c.j + 1:c.j + 3]):
                v = next(_bare(x.text) for x in toks[c.j + 1:c.j + 3] if _bare(x.text) in _AFTER_VERBS)
                hits.append(_Hit(TRIGGERS[v], c, a))
                used.update(range(c.i, c.j + 3))
                continue
        what = TRIGGERS.get(w)
        if what is None or _negated(toks, a):
            continue
        if w in NEEDS and not any(_bare(x.text) in NEEDS[w] or _noun(x.text) in NEEDS[w]
                                  for x in toks[a + 1:a + 8]):
            continue
        window = 12 if w in _TOLLS else 6
        for k in range(a + 1, min(len(toks), a + 1 + window)):
            if k in used:
                break
            c = _count_at(toks, k)
            if c is not None:
                if c.noun in DISTRACTOR_NOUNS:
                    break
                hits.append(_Hit(what, c, a))
                used.update(range(c.i, c.j))
                break
            x = toks[k].text
            if x in ("،", ".", "؛") or (w not in _TOLLS and _bare(x) in TRIGGERS):
                break
            if _noun(x) in SINGULAR and w not in _TOLLS and w not in ("سقوط", "سقط"):
                n, end = _with_kin(toks, k + 1)
                hits.append(_Hit(what, _Count(k, end, n + 1, n + 1, n + 1, "singular" if not n else "exact",
                                              n + 1, _noun(x)), a))
                used.update(range(k, end))
                break
            if w not in _TOLLS and x not in FILLERS and k > a + (4 if w in _TRANSITIVE else 2):
                break  # "قتلت قوات الأمن العام 4 مسلحين": a transitive verb's subject between
    return hits


def _span(where: list[int], text: str, a: int, b: int) -> tuple[int, int]:
    """Folded span [a, b) → the article's offsets."""
    return where[a], where[b - 1] + 1


def _sentence_of(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(text)]


_PLACE_CUE = re.compile(r"(?:^|\s)[وب]?((?:مدينة|بلدة|قرية|حي|منطقة|ريف|العاصمة|محافظة|مخيم|ناحية|بادية)\s+[^\s،.]+"
                        r"(?:\s+[^\s،.]+){0,3})")
_PLACE_PREP = re.compile(r"(?:^|\s)(?:اهالي|في|بـ?|قرب|محيط|اطراف|علي|الي|داخل|شمال|جنوب|شرق|غرب)\s+([^\s،.]+(?:\s+[^\s،.]+){0,2})")


def _place(norm: str, where: list[int], text: str, a: int, b: int):
    for rx in (_PLACE_CUE, _PLACE_PREP):
        for m in rx.finditer(norm, a, b):
            words = m.group(1).split()
            tries = [(0, n) for n in range(len(words), 0, -1)]
            if rx is _PLACE_CUE:  # "العاصمة دمشق": the name without its cue word
                tries += [(1, n) for n in range(len(words), 1, -1)]
            for a0, n in tries:
                cand = " ".join(words[a0:n])
                s0 = m.start(1) + (len(" ".join(words[:a0])) + 1 if a0 else 0)
                s, e = _span(where, text, s0, s0 + len(cand))
                pm = resolve_place(text[s:e])
                if pm is not None and pm.method == "exact" and not pm.spans_governorates:
                    return pm, s, e
    return None


def _month_at(norm: str, pos: int) -> tuple[int, int] | None:
    """(month, end) of a month name (Levantine or standard, with "/other") at ``pos``."""
    for name in sorted(MONTHS, key=len, reverse=True):
        if norm.startswith(name, pos) and not norm[pos + len(name):pos + len(name) + 1].isalpha():
            end = pos + len(name)
            m2 = re.match(r"\s*/\s*(\S+)", norm[end:])
            if m2 and m2.group(1) in MONTHS:
                end += m2.end()
            return MONTHS[name], end
    return None


def _past(d: dt.date, published: dt.date) -> dt.date:
    return d.replace(year=d.year - 1) if d > published else d


def _when(norm: str, a: int, b: int, published: dt.date | None):
    """(start, end, precision, folded span) of the first date in norm[a:b]."""
    if published is None:
        return None
    seg = norm[a:b]
    found = []
    for m in re.finditer(r"(?<!\w)امس(?!\w)", seg):
        d = published - dt.timedelta(days=1)
        found.append((m.start(), d, d, "day", m.end()))
    for m in re.finditer(r"(?:(?:فجر|صباح|مساء|ظهر|ليل)\s+)?(?<!\w)اليوم(?!\w)", seg):
        found.append((m.start(), published, published, "day", m.end()))
    for m in re.finditer(r"(?:يوم\s+)?(" + "|".join(WEEKDAYS) + r")(?!\w)", seg):
        back = (published.weekday() - WEEKDAYS[m.group(1)]) % 7
        d = published - dt.timedelta(days=back)
        found.append((m.start(), d, d, "day", m.end()))
    for m in re.finditer(r"(?<![\d])(\d{1,2})\s+(?=\S)", seg):
        mon = _month_at(seg, m.end())
        if mon:
            end = mon[1]
            y = re.match(r"\s+(\d{4})", seg[end:])
            year = int(y.group(1)) if y else published.year
            try:
                d = dt.date(year, mon[0], int(m.group(1)))
            except ValueError:
                continue
            found.append((m.start(), d if y else _past(d, published), d if y else _past(d, published), "day",
                          end + (y.end() if y else 0)))
    for m in re.finditer(r"(?:خلال\s+)?(?:شهر|الشهر)\s+", seg):
        mon = _month_at(seg, m.end())
        if mon:
            y = re.match(r"\s+(\d{4})", seg[mon[1]:])
            year = int(y.group(1)) if y else published.year
            s = dt.date(year, mon[0], 1)
            if not y:
                s = _past(s, published)
            e = dt.date(s.year + (s.month == 12), s.month % 12 + 1, 1) - dt.timedelta(days=1)
            found.append((m.start(), s, e, "month", mon[1] + (y.end() if y else 0)))
    for m in re.finditer(r"منذ\s+(?:بداية|مطلع)\s+(?:العام|السنة)", seg):
        found.append((m.start(), dt.date(published.year, 1, 1), published, "range", m.end()))
    if not found:
        return None
    pos, s, e, precision, end = min(found, key=lambda f: f[0])
    return s, e, precision, a + pos, a + end


_PERP_PATTERNS = [
    (re.compile(r"(مسلحون\s+مجهولون|مسلحين\s+مجهولين|مجهولون|مجهولين|مجموعة\s+مجهولة)"), "unidentified"),
    (re.compile(r"((?:عناصر|مسلحين|مسلحون|مجموعة|مجموعات)\s+تابعة\s+ل\S*(?:\s+(?!في|علي|بـ?|،)\S+){0,3})"),
     "affiliated"),
    (re.compile(r"((?:فصائل|مجموعات|ميليشيات|عناصر)\s+موالية\s+ل\S+(?:\s+(?!في|علي|،)\S+){0,2})"), "affiliated"),
    (re.compile(r"(?:علي\s+يد|نفذته|نفذها|ارتكبتها|ارتكبها|برصاص|بقصف|بغارة|بغارات|قصف\s+نفذته)\s+"
                r"(?!(?:طال|طالت|استهدف|استهدفت|علي|في|جوي|جوية|مدفعي|صاروخي|عنيف|مجهول|مجهولة|مصدره)(?!\S))"
                r"((?:\S+)(?:\s+(?!في|علي|الي|علي|بـ?|امس|يوم|اليوم|صباح|مساء|فجر|،|\.)\S+){0,4})"), "asserted"),
]
_ALLEGE = re.compile(r"(?:اتهم|اتهمت|يتهم|تتهم|حمل|حملت)\s+(?:اهالي\s+\S+|\S+(?:\s+(?:محليون|محليين|حقوقيون|"
                     r"معارضون))?)\s+(.+?)\s+(?:بالوقوف|بالمسؤولية|بتنفيذ|بقتل|بارتكاب|ب)")
_ASCRIBE = re.compile(r"(?:نسب|نسبت|ينسب)\s+\S+\s+(?:الهجوم|المجزرة|الحادثة|العملية|الاعتداء|التفجير)\s+(?:الي)\s+"
                      r"([^،.]+?)(?=،|\.|$|\s+في\s+حين)")
_SUSPECT = re.compile(r"(?:يعتقد|يرجح|يشتبه)\s+(?:ان\s+)?((?:\S+)(?:\s+(?!تقف|هي|هم|كانت|وراء|بحسب)\S+){0,4})")
_DENY = re.compile(r"(?<!\S)و?(?:نفت|نفي|ينفي|تنفي|نفوا)(?!\S)")


def _attribution(norm: str, a: int, b: int) -> tuple[str, int, int] | None:
    """(strength, folded start, end) of the perpetrator named in norm[a:b]."""
    seg = norm[a:b]
    for rx, strength in ((_ASCRIBE, "alleged"), (_ALLEGE, "alleged"), (_SUSPECT, "suspected")):
        m = rx.search(seg)
        if m:
            return strength, a + m.start(1), a + m.end(1)
    for rx, strength in _PERP_PATTERNS:
        m = rx.search(seg)
        if m:
            inner = m.group(1)
            u = _PERP_PATTERNS[0][0].search(inner)
            if u and strength != "unidentified":
                return "unidentified", a + m.start(1) + u.start(1), a + m.start(1) + u.end(1)
            return strength, a + m.start(1), a + m.end(1)
    return None


def _source(norm: str, a: int, b: int) -> tuple[int, int] | None:
    seg = norm[a:b]
    best = None
    for name in SOURCES:
        for m in re.finditer(r"(?<!\S)" + re.escape(name) + r"(?!\w)", seg):
            if best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1]):
                best = (m.start(), m.end())
    return (a + best[0], a + best[1]) if best else None


def _actor(perp: str | None):
    """The shipped table's actor a perpetrator phrase names: "عناصر تابعة لقوات سوريا
    الديمقراطية" names the SDF (the affiliation is the claim's strength, not the actor)."""
    if not perp:
        return None
    actor = match_actor(perp)
    if actor is None:
        rest = re.sub(r"^.*?(?:تابعة|التابعة|موالية|الموالية)\s+ل\u0640?", "", perp)
        if rest != perp and rest:
            actor = match_actor(rest)
    return actor


def extract_claims_ar(text: str, published: dt.date | str | None = None) -> list[dict]:
    """Casualty claims in Arabic ``text`` (see the module's docstring); the keys of
    :func:`tally.extract.claims.extract_claims`, offsets into ``text``."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    norm, where = fold(text)
    back = {}
    for k, i in enumerate(where):
        back.setdefault(i, k)
    sentences = []
    for s, e in _sentence_of(text):
        fs = next((back[i] for i in range(s, e) if i in back), None)
        fe = next((back[i] + 1 for i in range(e - 1, s - 1, -1) if i in back), None)
        if fs is not None and fe is not None:
            sentences.append((s, e, fs, fe))
    claims = []
    for n, (s, e, fs, fe) in enumerate(sentences):
        toks = [_Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(norm, fs, fe)]
        hits = _hits(toks)
        if not hits:
            continue
        nfs, nfe = (sentences[n + 1][2], sentences[n + 1][3]) if n + 1 < len(sentences) else (fe, fe)
        att = _attribution(norm, fs, fe) or (_attribution(norm, nfs, nfe) if nfe > nfs else None)
        strength = "unknown"
        perp = perp_span = None
        src = _source(norm, fs, fe) or (_source(norm, nfs, nfe) if nfe > nfs else None)
        if att:
            strength = att[0]
            perp_span = _span(where, text, att[1], att[2])
            perp = text[perp_span[0]:perp_span[1]]
            if strength == "asserted" and src:
                strength = "claimed_by_source"
            if strength != "unidentified" and (_DENY.search(norm, fs, fe) or (nfe > nfs and _DENY.search(norm, nfs, nfe))):
                strength = "contested"
        src_span = _span(where, text, *src) if src else None
        place = _place(norm, where, text, fs, fe)
        when = _when(norm, fs, fe, published)
        cumulative = bool(_CUMULATIVE.search(norm, fs, fe))
        for h in hits:
            c = h.count
            cs, ce = _span(where, text, toks[c.i].start, toks[min(c.j, len(toks)) - 1].end)
            killed = h.what in ("killed", "executed")
            noun = c.noun or ""
            status = ("civilian" if noun in CIVILIAN else "combatant" if noun in COMBATANT else "unknown")
            actor = _actor(perp)
            claims.append({
                "what": h.what,
                "count_low": c.low, "count_best": c.best, "count_high": c.high, "count_stated": c.value,
                "killed_low": c.low if killed else None, "killed_best": c.best if killed else None,
                "killed_high": c.high if killed else None,
                "qualifier": c.qualifier, "scope": "subtotal" if h.subtotal else "total",
                "count_start": cs, "count_end": ce,
                "incident_count_low": None, "incident_count_high": None,
                "victim_group": {"civilian": "civilians", "combatant": "combatants"}.get(status, "people"),
                "community": None, "status": status,
                "place": place[0].name_en if place else None, "place_id": place[0].id if place else None,
                "place_admin_level": place[0].admin_level if place else None,
                "place_start": place[1] if place else None, "place_end": place[2] if place else None,
                "date_start": when[0].isoformat() if when else None,
                "date_end": when[1].isoformat() if when else None,
                "date_precision": when[2] if when else None,
                "date_text_start": _span(where, text, when[3], when[4])[0] if when else None,
                "date_text_end": _span(where, text, when[3], when[4])[1] if when else None,
                "perpetrator": perp, "attribution": strength,
                "perpetrator_start": perp_span[0] if perp_span else None,
                "perpetrator_end": perp_span[1] if perp_span else None,
                "perpetrator_actor": actor.id if actor else None,
                "cited_source": text[src_span[0]:src_span[1]] if src_span else None,
                "cited_source_start": src_span[0] if src_span else None,
                "cited_source_end": src_span[1] if src_span else None,
                "evidence_text": text[s:e], "evidence_start": s, "evidence_end": e,
                "headline": False,
                "cumulative": cumulative or bool(when and (when[1] - when[0]).days > 62),
                "lexicon_version": AR_LEXICON_VERSION, "language": "ar",
            })
    return claims
