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
claimed apart and never added to the total. A period phrase ("منذ بداية العام"، "خلال
شهر تموز"، "منذ آذار"، a month named alone: "في تموز/يوليو") marks the toll nearest to it
``cumulative``, so that the article's main count is the event's. Counts are read by
:mod:`.ar_counts` (clitics, the number after its noun, thousands, counts joined by و);
a subject count may stand clauses before its verb ("ثمانية عناصر، كانوا ...، لقوا
حتفهم"). A sentence about killings abroad, at an anniversary or in a past year, and a
clause under a threat ("توعد") or a denied rumour ("نفى صحة الأنباء"), give no claims. Dates are read against the publication date
("أمس"، "يوم الثلاثاء"، "14 آذار/مارس"), places through the gazetteer's Arabic names,
perpetrators through the shipped actor table (``perpetrator_actor``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from tally.extract.ar_counts import (
    RELATIVE,
    Count,
    Tok,
    count_at,
    is_people,
    joined,
    lemma,
    noun,
    number_after_noun,
    tokens,
    with_kin,
)
from tally.extract.ar_lexicon import (
    AR_LEXICON_VERSION,
    CIVILIAN,
    COMBATANT,
    FILLERS,
    INJURED_NOUNS,
    KILLED_NOUNS,
    KUNYA,
    MONTHS,
    NEEDS,
    NEGATORS,
    RUMOUR,
    SINGULAR,
    SOURCES,
    SUBTOTAL,
    THREATS,
    TRIGGERS,
    WEEKDAYS,
    fold,
)
from tally.extract.numbers import read_count
from tally.extract.sentences import split_sentences
from tally.normalize.actors import match_actor
from tally.normalize.places import resolve_place

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_END = r"(?=[\s.،؛:/!؟)]|$)"  # a word's end: space, punctuation or the text's end
_CUMULATIVE = re.compile(
    r"منذ\s+(?:بداية|بدايت|مطلع|بدء|اندلاع|سقوط|انطلاق|العام|الشهر|" + _MONTH_NAMES
    + r")|منذ\s+(?:عام|سنوات)|(?:العدد|الحصيلة)\s+(?:الكلي|الاجمالي|الكلية|النهائي)|حصيلت\S*\s+السنوية|سنوات\s+(?:الحرب|الصراع|الثورة|النزاع)|خلال\s+(?:شهر|الشهر|العام|الاشهر|الاسبوع|عام)|تقرير(?:ها|ه)?\s+الشهري|الحصيلة\s+الاجمالية|الحصيلة\s+الشهرية")
#: a month named as a whole is a period toll: "في تموز/يوليو"، "خلال آب المنصرم"، "حصيلة شباط"،
#: "في أيار الماضي" (a day of it, "في 14 تموز الماضي", is not)
_MONTH_TOLL = re.compile(
    r"(?<!\S)(?:(?:[وب]?في|خلال|طوال|حصيلة|لشهر|شهر)\s+(?:شهر\s+)?(?:" + _MONTH_NAMES + r")" + _END +
    r"|(?:" + _MONTH_NAMES + r")(?:\s*/\s*\S+)?\s+(?:الماضي|المنصرم|الفائت|المنقضي))")
#: a place abroad: the sentence's killings are not in Syria (unless it also names a Syrian place)
_FOREIGN = re.compile(
    r"(?<!\S)[وبل]?(?:في\s+)?(?:لبنان|غزة|قطاع\s+غزة|الضفة\s+الغربية|العراق|تركيا|الاردن|اليمن|السودان|ليبيا|"
    r"ايران|اوكرانيا|بيروت|بغداد|النبطية|جباليا|خان\s+يونس|رفح|الموصل|ديالي|الانبار|اليونان|ايطاليا|مصر|"
    r"السعودية|الصومال|افغانستان|باكستان|صنعاء|عدن|القاهرة|انقرة|اسطنبول|جنين|نابلس|الخليل|طولكرم|الضفة)" + _END +
    r"|(?:الاراضي|السواحل|المياه|العاصمة)\s+(?:اللبنانية|العراقية|التركية|الاردنية|الفلسطينية|الليبية|اليونانية|"
    r"الايطالية|المصرية|اليمنية|الايرانية)|(?:جنوب|شمال|شرق|غرب)(?:ي|ى)?\s+شرقي\s+تركيا|(?:محافظة|مدينة|بلدة)\s+\S+\s+"
    r"(?:العراقية|اللبنانية|التركية|الاردنية)|(?<!\S)(?:فلسطينيا|فلسطينيين|الفلسطينيين)" + _END)
#: an anniversary recalls a past massacre; a bare past year dates the killing to then
_ANNIVERSARY = re.compile(r"ذكري|ذكراه|ذكراها|يستذكر|تستذكر|استذكر|يحيون|(?<!\S)و?(?:احيا|احيت)(?!\S)"
                          r"|مرور\s+(?:عام|سنة|عامين|سنتين|\S+\s+(?:اعوام|سنوات|عاما))\s+علي"
                          r"|في\s+مثل\s+هذا\s+(?:اليوم|الشهر)|(?<!\S)قبل\s+(?:\S+\s+(?:سنوات|اعوام|عاما)|عام|سنة|عامين|سنتين)(?=[\s،.]|$)")
_PAST_YEAR = re.compile(r"(?<!\S)(?:عام|سنة|في)\s+((?:19|20)\d\d)(?!\d)")


def _negated(toks: list[Tok], a: int) -> bool:
    return any(t.text in NEGATORS for t in toks[max(0, a - 3):a])


def _unreported(toks: list[Tok], lem: list[str]) -> set[int]:
    """Tokens in the scope of a threat or warning ("توعدت ... بتنفيذ عمليات تقتل عشرات")
    or of a rumour denied ("نفى صحة الأنباء عن مقتل 20"): to the end of the clause."""
    out: set[int] = set()
    scope = False
    for a, t in enumerate(toks):
        if t.text in ("،", ".", "؛", ";", ":"):
            scope = False
            continue
        x = t.text
        if x in THREATS or (x[:1] == "و" and x[1:] in THREATS):
            scope = True
        elif lem[a] in ("نفي", "نفت", "ينفي", "تنفي", "نفوا") or x in ("ونفي", "ونفت"):
            ahead = " ".join(u.text for u in toks[a + 1:a + 6])
            scope = scope or any(r in ahead for r in RUMOUR)
        elif x == "لا" and a + 1 < len(toks) and toks[a + 1].text in ("صحة",):
            scope = True
        elif x in ("شائعات", "اشاعة", "الشائعات", "اشاعات"):
            scope = True
        elif x == "قيد" and a + 1 < len(toks) and toks[a + 1].text == "الحياة" and a > 0 and toks[a - 1].text == "علي":
            return set(range(len(toks)))  # "وتبين لاحقاً أنه لا يزال على قيد الحياة": the whole sentence
        if scope:
            out.add(a)
    return out


#: a toll's words, read with a count up to sixteen words on: "ارتفعت حصيلة ... إلى 15"
_TOLLS = frozenset({"حصيلة", "عدد", "مجموع", "اجمالي"})
#: verbs whose subject (the perpetrator) may stand between them and the count
_TRANSITIVE = frozenset("قتل قتلت اعدم اعدمت اغتال اغتالت اختطف اختطفت اودي اودت حصد حصدت ذبح قتلو".split())
#: verbs that follow their subject count: "20 شخصاً قتلوا", "ثمانية عناصر، كانوا ...، لقوا حتفهم"
_AFTER_VERBS = frozenset("قتلوا قضوا لقوا استشهدوا ارتقوا اعدموا اصيبوا اختطفوا قتلا قضيا فقدوا فارقوا ماتوا "
                         "توفوا قتلن قضين استشهدن لقين قتلتا لقيا استشهدا ارتقيا توفيا اعدما سقطوا مقتولين مقتولون "
                         "مقتولا مقتولة".split())
#: an age in apposition names one victim: "قتل مسلحون محمد الأحمد، 34 عاماً،"
_AGE = frozenset("عاما عام سنة سنوات اعوام عاماً".split())
#: an aside between a verb and its count: "، بحسب الأهالي،"
_ASIDE = frozenset("بحسب حسب وفق وفقا طبقا بحسبما كما حسبما".split())
#: a toll raised: "ليرتفع العدد إلى"
_RAISES = frozenset("ارتفع ارتفعت ليرتفع لترتفع يرتفع ترتفع وارتفع وارتفعت".split())
#: "victims" counted are the dead: "15 من ضحايا الهجوم"
_VICTIMS = frozenset({"ضحايا", "ضحية"})
#: "more than" written before the toll instead of at the count: "تجاوز عدد القتلى ... الستين"
_EXCEEDED = frozenset("تجاوز تجاوزت يتجاوز تتجاوز فاق فاقت يفوق تفوق".split())
_STOPS = frozenset((".", "؛", ";", "!", ":", "؟"))


@dataclass
class _Hit:
    what: str
    count: Count
    trig: int
    subtotal: bool = False
    cumulative: bool = False


def _has(toks: list[Tok], lem: list[str], where: range, words: tuple[str, ...], killed: bool = False) -> bool:
    """Whether a token in ``where`` is one of ``words`` (as written, without و, or as its lemma),
    or, with ``killed``, any word of killing."""
    for x in where:
        t = toks[x].text
        if t in words or t[1:] in words and t[:1] in "وب" or lem[x] in words or noun(t) in words:
            return True
        if killed and TRIGGERS.get(lem[x]) in ("killed", "executed"):
            return True
    return False


def _verb_after(toks: list[Tok], lem: list[str], c: Count) -> int | None:
    """The token of the verb whose subject is the count ``c``, up to two clauses on
    ("أحد عشر مدنياً، بينهم امرأتان، قتلوا"); None when another count or verb comes first."""
    commas, sub = 0, False
    for k in range(c.end, min(len(toks), c.end + 14)):
        x, lx = toks[k].text, lem[k]
        if x in _STOPS:
            return None
        if x == "،":
            commas, sub = commas + 1, False
            if commas > 2:
                return None
        elif lx in SUBTOTAL:
            sub = True
        elif lx in _AFTER_VERBS:
            if lx in NEEDS and not _has(toks, lem, range(k + 1, min(len(toks), k + 4)), NEEDS[lx]):
                return None
            return k
        elif lx in TRIGGERS:
            return None
        elif not sub and (x[:1].isdigit() or count_at(toks, k, lem) is not None) and x not in RELATIVE:
            return None
    return None


#: verbs of one victim's death, after their subject
_SINGULAR_VERBS = frozenset("قتل قتلت قضي قضت استشهد استشهدت توفي توفيت ارتقي ارتقت لقي لقيت".split())


def _singular_verb_after(toks: list[Tok], lem: list[str], a: int) -> int | None:
    """The verb of one victim named at ``a``, up to two clauses on, when no count follows it."""
    commas = 0
    for k in range(a + 1, min(len(toks), a + 16)):
        x, lx = toks[k].text, lem[k]
        if x in _STOPS:
            return None
        if x == "،":
            commas += 1
            if commas > 2:
                return None
        elif lx in _SINGULAR_VERBS:
            if lx in ("لقي", "لقيت") and not _has(toks, lem, range(k + 1, min(len(toks), k + 4)), NEEDS[lx]):
                return None
            if any(count_at(toks, y, lem) is not None for y in range(k + 1, min(len(toks), k + 4))):
                return None  # "الطبيب إن ... قتل 5": the verb's own count
            return k
        elif lx in TRIGGERS or x[:1].isdigit():
            return None
    return None


def _subject(toks: list[Tok], lem: list[str], c: Count) -> Count:
    """A count after its noun with the article ("أبناءها الأربعة") takes that noun."""
    if c.noun in RELATIVE or not is_people(c.noun):
        a = c.i - 1
        if a >= 0 and toks[c.i].text.startswith("ال"):
            after = number_after_noun(toks, a, lem)
            if after is not None and after.value == c.value:
                return after
    return c


def _hits(toks: list[Tok]) -> list[_Hit]:
    hits: list[_Hit] = []
    used: set[int] = set()
    lem = [lemma(t.text) for t in toks]
    quiet = _unreported(toks, lem)
    subtotal_from = None
    for a, t in enumerate(toks):
        w = lem[a]
        if w in SUBTOTAL:
            subtotal_from = a
        if t.text in ("،", ".", ";", "؛") and subtotal_from is not None:
            subtotal_from = None
        if subtotal_from is not None and a > subtotal_from and a not in used:
            c = count_at(toks, a, lem)
            if c is not None and (c.noun in SINGULAR or is_people(c.noun) or c.value == 1):
                what = hits[-1].what if hits else "killed"
                hits.append(_Hit(what, c, a, subtotal=True))
                used.update(range(c.i, c.j))
            continue
        if a in used or a in quiet:
            continue
        c = None if _negated(toks, a) else count_at(toks, a, lem)
        if c is not None:
            # a subject count before its verb: "أكثر من 20 شخصاً قتلوا", "14 من الجرحى فارقوا الحياة"
            s = _subject(toks, lem, c)
            if is_people(s.noun) or s.noun in INJURED_NOUNS or s is not c:
                s = joined(toks, lem, s)
                v = _verb_after(toks, lem, s)
                if v is not None:
                    hits.append(_Hit(TRIGGERS[lem[v]], s, v))
                    used.update(range(s.i, s.end))
                    used.add(v)
                    continue
            # "6 حالات قتل"، "3 حالات إعدام"
            if c.noun in ("حالات", "حالة") and c.j + 1 < len(toks) and TRIGGERS.get(lem[c.j + 1]):
                hits.append(_Hit(TRIGGERS[lem[c.j + 1]], c, c.j + 1))
                used.update(range(c.i, c.j + 2))
                continue
            # a count before a casualty noun: "7 قتلى", "عشرات القتلى والجرحى", "دفن 15 من ضحايا الهجوم"
            if c.noun in KILLED_NOUNS or c.noun in _VICTIMS or c.noun in INJURED_NOUNS and c.end == c.j + 1:
                hits.append(_Hit("injured" if c.noun in INJURED_NOUNS else "killed", joined(toks, lem, c), a))
                used.update(range(c.i, c.j + 1))
                continue
        if a + 1 < len(toks) and lem[a + 1] in ("مقتولا", "مقتولة") and not _negated(toks, a) \
                and (noun(t.text) in SINGULAR or t.text in ("عليه", "عليها", "وجدته", "وجدوه")):
            # "عثر على شاب مقتولاً"، "قبل أن يعثر عليه مقتولاً": one victim
            hits.append(_Hit("killed", Count(a, a + 1, 1, 1, 1, "singular", 1, noun(t.text), end=a + 1), a + 1))
            used.update((a, a + 1))
            continue
        if noun(t.text) in SINGULAR and t.text.startswith("ال") and (a == 0 or toks[a - 1].text in ("ان", "بان")):
            v = _singular_verb_after(toks, lem, a)
            if v is not None:  # "أشار ناشطون إلى أن الشاب سامر، وهو طالب ...، قتل برصاص قناص"
                hits.append(_Hit(TRIGGERS[lem[v]], Count(a, a + 1, 1, 1, 1, "singular", 1, noun(t.text), end=a + 1), v))
                used.update((a, v))
                continue
        what = TRIGGERS.get(w)
        if what is None or _negated(toks, a):
            continue
        if w in ("عدد", "مجموع", "اجمالي"):  # "عدد القتلى"، "عدد من قتلوا"، "مجموع من قتلوا"، "وعددهم ثلاثة"
            if not (_has(toks, lem, range(a + 1, min(len(toks), a + 8)), NEEDS["عدد"], killed=True)
                    or (t.text.endswith(("هم", "هن")) or a > 0 and lem[a - 1] in _RAISES)
                    and any(TRIGGERS.get(lem[x]) in ("killed", "executed") or lem[x] in KILLED_NOUNS
                            for x in range(max(0, a - 12), a))):
                continue  # "... 6 جثث جديدة ليرتفع العدد الكلي إلى 38"
        elif w in NEEDS and not _has(toks, lem, range(a + 1, min(len(toks), a + 8)), NEEDS[w]):
            continue
        window = 16 if w in _TOLLS else 6
        skipped, aside_end = 0, -1
        for k in range(a + 1, min(len(toks), a + 1 + window + 10)):
            if k - skipped > a + window:
                break
            if k in used:
                break
            if _date_part(toks, k):  # "قتل بتاريخ 8/3/2025 خمسة مدنيين"
                skipped += 1
                continue
            if toks[k].text in KUNYA and k > 0 and noun(toks[k - 1].text) in ("عائلة", "اسرة", "ال", "عشيرة"):
                skipped += 2  # "فقدت عائلة أبو فخر أحد عشر فرداً": a family's name, not a victim
                continue
            if k > 0 and toks[k - 1].text in KUNYA and noun(toks[max(0, k - 2)].text) in ("عائلة", "اسرة", "ال", "عشيرة"):
                continue
            c = count_at(toks, k, lem)
            if c is not None:
                c = joined(toks, lem, c)
                if c.qualifier == "exact" and c.value is not None and any(
                        lem[x] in _EXCEEDED or toks[x].text in _EXCEEDED for x in range(max(0, a - 3), k)):
                    lo, be, hi = read_count(c.value, "more than")
                    c = Count(c.i, c.j, lo, be, hi, "more than", c.value, c.noun, end=c.end)
                hits.append(_Hit(what, c, a))
                used.update(range(c.i, max(c.j, c.end)))
                break
            x, lx = toks[k].text, lem[k]
            if x in _STOPS and not (w in _TOLLS and x == ":"):  # "حصيلة القتلى: 25"
                break
            if x == "،" and k + 1 < len(toks) and toks[k + 1].text in _ASIDE:
                close = next((y for y in range(k + 2, min(len(toks), k + 7)) if toks[y].text == "،"), None)
                if close is not None:  # "قتل المهاجمون، بحسب الأهالي، ما يقارب الأربعين"
                    skipped += close - k + 1
                    aside_end = close
                    continue
            if k <= aside_end:
                continue
            if w in _TOLLS:
                if TRIGGERS.get(lx) in ("injured", "abducted"):
                    break
            elif x == "،" or lx in TRIGGERS:
                break
            after = number_after_noun(toks, k, lem)
            if after is not None:  # "جثامين الشهداء الخمسة"
                hits.append(_Hit(what, joined(toks, lem, after), a))
                used.update(range(k, after.end))
                break
            if w not in _TOLLS and w not in ("سقوط", "سقط") and (noun(x) in SINGULAR or x in ("الاب", "الام")
                                                            or x in ("اب", "ام") and toks[k - 1].text == "من"):
                start = k + 1
                if noun(x) in KUNYA and start < len(toks) and not toks[start].text.startswith("و"):
                    start += 1  # "أبو علي وولداه"
                one = Count(k, start, 1, 1, 1, "singular", 1, "والد" if x in ("الاب", "الام", "اب", "ام") else noun(x),
                            end=start)
                more = joined(toks, lem, one)  # "ضابط وعنصرين"، "زوجها وشقيقيه"، "رجل وزوجته وأطفالهما الثلاثة"
                if more.value > 1:
                    more = replace(more, qualifier="exact")
                hits.append(_Hit(what, more, a))
                used.update(range(k, more.end))
                break
            if w not in _TOLLS and x not in FILLERS and k - skipped > a + (4 if w in _TRANSITIVE else 2):
                break  # "قتلت قوات الأمن العام 4 مسلحين": a transitive verb's subject between
        if (not hits or hits[-1].trig != a) and what in ("killed", "executed") and w not in _TOLLS:
            age = _named_with_age(toks, lem, a, used)
            if age is not None:
                hits.append(_Hit(what, age, a))
                used.update(range(age.i, age.end))
            elif t.text.endswith("هما") and w != t.text:  # "أدى إلى مقتلهما": two
                hits.append(_Hit(what, Count(a, a + 1, 2, 2, 2, "exact", 2, None, end=a + 1), a))
    for a, t in enumerate(toks):  # a headline's lone "قتيل وثلاثة جرحى": one dead
        if t.text in ("قتيل", "شهيد") and a not in used and a not in quiet and (a == 0 or toks[a - 1].text in _STOPS
                                                                               or toks[a - 1].text == "،"):
            hits.append(_Hit("killed", Count(a, a + 1, 1, 1, 1, "singular", 1, t.text, end=a + 1), a))
            used.add(a)
    if not hits:  # an obituary: "الشهيد أبو رامي"، "ننعى الشهيدة فلانة"
        for a, t in enumerate(toks[:-1]):
            if t.text in ("الشهيد", "الشهيدة", "والشهيد") and a not in quiet and not _negated(toks, a) \
                    and toks[a + 1].text not in _STOPS and toks[a + 1].text != "،":
                hits.append(_Hit("killed", Count(a, a + 1, 1, 1, 1, "singular", 1, "شهيد", end=a + 1), a))
                break
    return hits


def _date_part(toks: list[Tok], k: int) -> bool:
    """Whether token ``k`` is part of a date in digits ("8/3/2025"، "15-7")."""
    def digit(i: int) -> bool:
        return 0 <= i < len(toks) and toks[i].text[:1].isdigit()

    def sep(i: int) -> bool:
        return 0 <= i < len(toks) and toks[i].text in ("/", "-")

    if sep(k):
        return digit(k - 1) and digit(k + 1)
    return digit(k) and (sep(k + 1) and digit(k + 2) or sep(k - 1) and digit(k - 2))


def _named_with_age(toks: list[Tok], lem: list[str], a: int, used: set[int]) -> Count | None:
    """One victim named with an age in apposition a few words after the verb: "قتل مسلحون
    مجهولون محمد الأحمد، 34 عاماً"، "مقتل أحمد (25 عاماً)"."""
    for k in range(a + 2, min(len(toks) - 1, a + 9)):
        x = toks[k].text
        if k in used or x in _STOPS or lem[k] in TRIGGERS:
            return None
        if x[:1].isdigit() and toks[k - 1].text in ("،", "(") and toks[k + 1].text in _AGE:
            return Count(k - 1, k - 1, 1, 1, 1, "singular", 1, None, end=k - 1)
    return None


def _span(where: list[int], text: str, a: int, b: int) -> tuple[int, int]:
    """Folded span [a, b) → the article's offsets."""
    return where[a], where[b - 1] + 1


def _sentence_of(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in split_sentences(text)]


_PLACE_CUE = re.compile(r"(?:^|\s)[وبل]?((?:مدينة|بلدة|قرية|حي|منطقة|ريف|العاصمة|محافظة|مخيم|ناحية|بادية|ضيعة|"
                        r"مشفي|مستشفي|مشافي|ابناء|احداث|سكان|مجزرة|ضواحي|جبال|سهل)\s+[^\s،.]+"
                        r"(?:\s+[^\s،.]+){0,3})")
#: a place written with its preposition attached: "بدمشق"، "بحمص" (not ل: "لبنان" is no "بنان")
_PLACE_ATTACHED = re.compile(r"(?:^|\s)[وف]?ب((?!ال)[^\s،.]{3,})")
_PLACE_PREP = re.compile(r"(?:^|\s)(?:اهالي|في|بـ?|قرب|محيط|اطراف|علي|الي|داخل|شمال|جنوب|شرق|غرب)\s+"
                         r"(?=([^\s،.]+(?:\s+[^\s،.]+){0,2}))")  # a lookahead: "الي المشفي الوطني في السويداء"


def _place(norm: str, where: list[int], text: str, a: int, b: int):
    """(place, start, end) of the first place the sentence names after a cue word or a
    preposition, resolved exactly in the gazetteer (or by its skeleton after a cue word)."""
    for rx in (_PLACE_CUE, _PLACE_PREP, _PLACE_ATTACHED):
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
                if pm is not None and (pm.method == "exact" or pm.method == "skeleton" and rx is _PLACE_CUE
                                       and n - a0 > 1) and not pm.spans_governorates:
                    return pm, s, e
    return None


def _near_place(place_of, sentences: list[tuple[int, int, int, int]], n: int):
    """A sentence that names no place is about the place of the sentence before it ("مقتل 4
    عناصر بكمين في ريف طرطوس. وفي وقت لاحق ... ارتفاع عدد قتلى الكمين إلى 9"), else of the
    sentence after it (a lead, then its details). ``place_of(n)``: sentence n's own place."""
    for m in (n - 1, n + 1):
        if 0 <= m < len(sentences):
            found = place_of(m)
            if found:
                return found
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


def _not_in_syria_now(norm: str, a: int, b: int, published: dt.date | None, where: list[int], text: str) -> bool:
    """The sentence's killings are abroad (a foreign place and no Syrian one), recalled at an
    anniversary, or dated to a past year ("مجزرة عام 2012"; "منذ عام 2011" is a period toll)."""
    if _ANNIVERSARY.search(norm, a, b):
        return True
    if published is not None:
        for m in _PAST_YEAR.finditer(norm, a, b):
            if int(m.group(1)) < published.year and not re.search(r"منذ\s*(?:عام|سنة)?\s*$", norm[max(a, m.start() - 12):m.start()]):
                return True
    return bool(_FOREIGN.search(norm, a, b)) and _place(norm, where, text, a, b) is None


#: words that make a later count a toll or an update, never a further group
_NOT_A_PART = frozenset("حصيلة عدد الحصيلة العدد بلغ بلغت ليرتفع لترتفع ارتفع ارتفعت ليصل لتصل اجمالي مجموع".split())


#: "bringing the toll to": a running total after the day's count
_BRINGING = frozenset("ليرتفع لترتفع ليصل لتصل ليبلغ لتبلغ".split())


def _running_totals(toks: list[Tok], hits: list[_Hit]) -> None:
    """After an event's count, "ليرتفع عدد القتلى منذ الخميس إلى 311" is a running total
    (``cumulative``), and "80 جثة ... من أصل 300 جثة" makes 300 the total and 80 its part."""
    killed = [h for h in hits if h.what in ("killed", "executed") and not h.subtotal]
    for n, h in enumerate(killed):
        if n and any(toks[x].text in _BRINGING or toks[x].text[1:] in _BRINGING
                     for x in range(max(0, h.trig - 3), h.trig + 1)):
            h.cumulative = True
        lead = min(h.trig, h.count.i)
        if n and lead >= 2 and toks[lead - 2].text == "من" and toks[lead - 1].text in ("اصل", "بين"):
            for g in killed[:n]:
                g.subtotal = True


def _sum_clauses(toks: list[Tok], hits: list[_Hit]) -> None:
    """Counts of killed in clauses joined by و add up, as a coder sums them: "27 من عناصر
    العشائر قضوا بنيران ...، و41 درزياً قتلوا ..." is 68. The first total takes the sum, the
    later ones become its parts (``subtotal``). Not a toll or an update ("وبلغت الحصيلة"),
    not a period toll, not a vague count."""
    first = None
    for h in hits:
        if h.subtotal or h.what not in ("killed", "executed") or h.cumulative or h.count.value is None \
                or h.count.qualifier in ("vague", "range"):
            if not h.subtotal:
                first = None if h.what in ("killed", "executed") else first
            continue
        if first is None or lemma(toks[first.trig].text) in _TOLLS:
            first = h
            continue
        lead = min(h.trig, h.count.i)
        between = toks[max(first.count.end, first.trig + 1, first.count.j):lead]
        head = toks[lead].text
        noun_hit = h.trig == h.count.i  # "37 قتيلاً": another source's figure unless "و" joins it directly
        clause = [t.text for t in between]
        joined_by_and = (head.startswith("و") and lemma(head) != head or head in ("كما", "و")
                         or any(t.text == "و" for t in between[-1:])
                         or not noun_hit and any(x in ("بينما", "حين", "فيما", "كما") or x.startswith("و") and len(x) > 2
                                                 and "،" in clause[:clause.index(x)] for x in clause)) \
            and not any(t.text == "بعد" for t in between)
        open_part = False  # a subtotal clause ("، بينهم طفلان،") closed before the next group does not stop it
        for t in between:
            if t.text in SUBTOTAL:
                open_part = True
            elif t.text == "،":
                open_part = False
        if not joined_by_and or any(t.text in _NOT_A_PART or t.text[1:] in _NOT_A_PART for t in between + [toks[lead]]) \
                or open_part and not any(t.text == "،" for t in between[-1:]):
            first = h
            continue
        c, d = first.count, h.count
        add = (lambda x, y: None if x is None or y is None else x + y)
        first.count = replace(c, low=add(c.low, d.low), best=add(c.best, d.best), high=add(c.high, d.high),
                              value=c.value + d.value, qualifier=c.qualifier if c.qualifier != "singular" else "exact")
        h.subtotal = True


def _mark_periods(norm: str, a: int, b: int, toks: list[Tok], hits: list[_Hit]) -> None:
    """``cumulative`` on the toll each period phrase ("منذ بداية العام"، "في تموز/يوليو") stands
    nearest to, and on its subtotals: "قتل 4 مدنيين يوم الثلاثاء، فيما بلغت حصيلة شباط 130"
    makes 130 a period toll, not 4."""
    totals = [h for h in hits if not h.subtotal]
    if not totals:
        return
    spans = []
    for h in totals:
        lo = min(h.trig, h.count.i)
        hi = max(h.trig, max(h.count.j, h.count.end) - 1, h.count.i)
        spans.append((toks[lo].start, toks[min(hi, len(toks) - 1)].end))
    for rx in (_CUMULATIVE, _MONTH_TOLL):
        for m in rx.finditer(norm, a, b):
            if rx is _MONTH_TOLL and re.search(r"[0-9]\s*$", norm[max(a, m.start() - 4):m.start()]):
                continue  # "14 تموز الماضي": a day
            dist = [max(0, s - m.end(), m.start() - e) for s, e in spans]
            totals[dist.index(min(dist))].cumulative = True
    current = None
    for h in hits:
        if not h.subtotal:
            current = h
        elif current is not None:
            h.cumulative = current.cumulative


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
    places: dict[int, object] = {}

    def place_of(m: int):
        if m not in places:
            places[m] = _place(norm, where, text, sentences[m][2], sentences[m][3])
        return places[m]

    claims = []
    for n, (s, e, fs, fe) in enumerate(sentences):
        toks = tokens(norm, fs, fe)
        hits = _hits(toks)
        if not hits or _not_in_syria_now(norm, fs, fe, published, where, text):
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
        place = place_of(n) or _near_place(place_of, sentences, n)
        when = _when(norm, fs, fe, published)
        _mark_periods(norm, fs, fe, toks, hits)
        _running_totals(toks, hits)
        _sum_clauses(toks, hits)
        for h in hits:
            c = h.count
            last = c.end if c.end > c.j + 1 else c.j
            cs, ce = _span(where, text, toks[c.i].start, toks[min(last, len(toks)) - 1].end)
            cumulative = h.cumulative
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
