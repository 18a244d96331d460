"""Dates as written in casualty lists and news → an interval with a precision.

    >>> parse_date("٦ آذار ٢٠٢٥")
    DateResult(start=datetime.date(2025, 3, 6), end=datetime.date(2025, 3, 6), precision='day', problem=None)
    >>> parse_date("06/03/2025").precision       # day-first or month-first: both kept
    'range'
    >>> parse_date("06/03/2025", order="dmy").start
    datetime.date(2025, 3, 6)

Every result is a closed interval ``[start, end]``; ``precision`` is ``day``,
``month`` or ``year`` when the interval is exactly one of those, else
``range``. A value that cannot be read gives ``start = end = None``,
``precision = None`` and a ``problem``; nothing raises.

Understood: ISO (``2025-03-06``, ``2025-03``, ``2025``), numeric dates with a
declared ``order`` (``dmy``, ``mdy``, ``ymd``) or, without one, read both ways
when both are possible (the result spans both readings, with a problem note);
Arabic-Indic digits; Levantine (كانون الثاني … كانون الأول) and Egyptian/standard
(يناير … ديسمبر) month names and English month names; partial dates; ranges
(``start/end``, ``6-8 March 2025``, ``from … to …``, ``بين … و …``); parts of a
month or year (``early March 2025``, ``أواخر تموز``, ``mid-2025``); and, given a
``reference`` date (say the publication date), relative phrases: ``yesterday``,
``أمس``, ``last week``, ``last December``, ``كانون الأول الماضي``, ``3 days ago``,
``قبل ثلاثة أيام``, ``on Friday``, and day-month dates without a year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from tally.normalize._text import DIGITS, clean_arabic

__all__ = ["DateResult", "parse_date", "MONTHS", "numeric_date_regex"]


@dataclass(frozen=True, slots=True)
class DateResult:
    """A date interval: ``start``/``end`` inclusive, ``precision`` and a ``problem`` note."""

    start: date | None
    end: date | None
    precision: str | None
    problem: str | None = None

    def to_dict(self) -> dict:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "problem": self.problem,
        }


_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# Arabic month names after clean-up and alef/ta-marbuta folding (see _ar_fold).
_AR_MONTHS_RAW = {
    "كانون الثاني": 1, "شباط": 2, "آذار": 3, "اذار": 3, "نيسان": 4, "أيار": 5, "ايار": 5, "حزيران": 6,
    "تموز": 7, "آب": 8, "اب": 8, "أيلول": 9, "ايلول": 9, "تشرين الأول": 10, "تشرين الاول": 10,
    "تشرين الثاني": 11, "كانون الأول": 12, "كانون الاول": 12,
    "يناير": 1, "فبراير": 2, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4, "أفريل": 4,
    "مايو": 5, "ماي": 5, "يونيو": 6, "يونيه": 6, "يونية": 6, "يوليو": 7, "يوليه": 7, "يولية": 7,
    "أغسطس": 8, "اغسطس": 8, "غشت": 8, "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11,
    "ديسمبر": 12, "جانفي": 1, "فيفري": 2, "جوان": 6, "جويلية": 7, "أوت": 8,
}
MONTHS = {**_EN_MONTHS, **_AR_MONTHS_RAW}

_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"})


def _ar_fold(s: str) -> str:
    return s.translate(_AR_FOLD)


_AR_MONTHS = {_ar_fold(k): v for k, v in _AR_MONTHS_RAW.items()}
_MONTH_ALT = "|".join(sorted((re.escape(k) for k in (*_EN_MONTHS, *_AR_MONTHS)), key=len, reverse=True))
_MONTH_RE = rf"(?P<mon>{_MONTH_ALT})\.?"

_EARLY = r"early|beginning|start|first days|اوايل|اوائل|مطلع|بدايه|بداية|اول"
_MID = r"mid|middle|mid-|منتصف|اواسط|وسط"
_LATE = r"late|end|last days|اواخر|نهايه|نهاية|اخر"

_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "الاثنين": 0, "الاتنين": 0, "الثلاثاء": 1, "الثلاثا": 1, "الاربعاء": 2, "الاربعا": 2, "الخميس": 3,
    "الجمعه": 4, "السبت": 5, "الاحد": 6,
}
_AR_NUMBER_WORDS = {
    "يوم": 1, "يومين": 2, "يومان": 2, "ثلاثه": 3, "ثلاث": 3, "اربعه": 4, "اربع": 4, "خمسه": 5, "خمس": 5,
    "سته": 6, "ست": 6, "سبعه": 7, "سبع": 7, "ثمانيه": 8, "ثماني": 8, "تسعه": 9, "تسع": 9, "عشره": 10,
    "عشر": 10, "اسبوع": 7, "اسبوعين": 14, "شهر": 30, "شهرين": 60,
}
_EN_NUMBER_WORDS = {
    "one": 1, "a": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "a couple of": 2, "several": 3,
}


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _month(y: int, m: int) -> DateResult:
    return DateResult(date(y, m, 1), date(y, m, _last_day(y, m)), "month")


def _year(y: int) -> DateResult:
    return DateResult(date(y, 1, 1), date(y, 12, 31), "year")


def _span(a: DateResult, b: DateResult, problem: str | None = None) -> DateResult:
    start, end = min(a.start, b.start), max(a.end, b.end)
    return _make(start, end, problem)


def _make(start: date, end: date, problem: str | None = None) -> DateResult:
    if start == end:
        prec = "day"
    elif start.day == 1 and end.year == start.year and end.month == start.month and end.day == _last_day(
        end.year, end.month
    ):
        prec = "month"
    elif (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        prec = "year"
    else:
        prec = "range"
    return DateResult(start, end, prec, problem)


def _fail(problem: str) -> DateResult:
    return DateResult(None, None, None, problem)


def _year_of(s: str, reference: date | None) -> int:
    y = int(s)
    if len(s) == 2:
        # two-digit years: 00-69 → 2000s, 70-99 → 1900s (reference date's century when given)
        base = (reference.year // 100) * 100 if reference else 2000
        y = base + y if y < 70 else base - 100 + y
    return y


def _prep(text: str) -> str:
    t = clean_arabic(text).translate(DIGITS)
    t = _ar_fold(t).lower()
    t = re.sub(r"(?<=\d)\s*م\b", "", t)  # "2025م" (Gregorian marker)
    t = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", t)
    t = re.sub(r"\b(the|on|in|of|around|about|approximately|approx|circa|ca|c)\b\.?", " ", t)
    t = re.sub(r"(^|\s)(في|يوم|تاريخ|بتاريخ|حوالي|نحو|عام|سنه|شهر)(?=\s)", " ", t)
    t = re.sub(r"[،,]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    # a weekday before a full date adds nothing: "Thursday 6 March 2025", "الخميس 6 آذار"
    m = re.match(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|الاثنين|الثلاثاء|الاربعاء|الخميس|"
                 r"الجمعه|السبت|الاحد)\s+(?=\d)", t)
    if m:
        t = t[m.end():]
    return t


def _numeric(a: str, b: str, c: str, order: str | None, reference: date | None) -> DateResult:
    """Three numeric fields a/b/c."""
    try:
        if len(a) == 4:  # y-m-d
            return _make(*(2 * [date(int(a), int(b), int(c))]))
        y = _year_of(c, reference)
        x, z = int(a), int(b)
        if order == "dmy":
            d = date(y, z, x)
            return _make(d, d)
        if order == "mdy":
            d = date(y, x, z)
            return _make(d, d)
        if order == "ymd":
            d = date(_year_of(a, reference), int(b), int(c))
            return _make(d, d)
    except ValueError:
        return _fail(f"not a calendar date: {a}/{b}/{c}")
    options = []
    for day, mon in ((x, z), (z, x)):
        try:
            options.append(date(y, mon, day))
        except ValueError:
            pass
    if not options:
        return _fail(f"not a calendar date: {a}/{b}/{c}")
    if len(options) == 1 or options[0] == options[1]:
        return _make(options[0], options[0])
    lo, hi = sorted(options)
    return _make(lo, hi, "ambiguous day/month order: both readings kept")


# Digit classes for numeric_date_regex: ASCII, Arabic-Indic and Persian forms alike.
_ANY_DIGIT = "[0-9٠-٩۰-۹]"
_NONZERO = "[1-9١-٩۱-۹]"
_DAY = f"(?:[0٠۰]?{_NONZERO}|[12١٢۱۲]{_ANY_DIGIT}|[3٣۳][01٠١۰۱])"
_MON = f"(?:[0٠۰]?{_NONZERO}|[1١۱][012٠-٢۰-۲])"
_YR = f"(?:{_ANY_DIGIT}{{4}}|{_ANY_DIGIT}{{2}})"
_SEP = "[-/.]"
_NUMERIC_BY_ORDER = {
    "dmy": f"{_DAY}{_SEP}{_MON}{_SEP}{_YR}",
    "mdy": f"{_MON}{_SEP}{_DAY}{_SEP}{_YR}",
    # after a two-digit year the day has two digits too (24/01/05, not 24/1/5)
    "ymd": f"(?:{_ANY_DIGIT}{{4}}{_SEP}{_MON}{_SEP}{_DAY}"
           f"|{_ANY_DIGIT}{{2}}{_SEP}{_MON}{_SEP}(?:[0٠۰]{_NONZERO}|[12١٢۱۲]{_ANY_DIGIT}|[3٣۳][01٠١۰۱]))",
}


def numeric_date_regex(order: str) -> str:
    """A regular expression (Python ``re`` and DuckDB's RE2 alike; not anchored) for the
    numeric dates that :func:`parse_date` reads as one day when a list declares ``order``.

    A list whose mapping says ``date_order = "dmy"`` writes ``06/03/2025`` for 6 March:
    not an ambiguous date but the declared shape, so ingest need not flag it. Day and
    month are bounded (1-31, 1-12); an impossible day such as 31/02 still gets its
    problem note from :func:`parse_date` ("not a calendar date").

        >>> import re
        >>> bool(re.fullmatch(numeric_date_regex("dmy"), "25/05/2025"))
        True
        >>> bool(re.fullmatch(numeric_date_regex("mdy"), "25/05/2025"))
        False
    """
    if order not in _NUMERIC_BY_ORDER:
        raise ValueError(f"order must be dmy, mdy or ymd, not {order!r}")
    return _NUMERIC_BY_ORDER[order]


_RE_ISO_DAY = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_RE_ISO_MONTH = re.compile(r"^(\d{4})[-/.](\d{1,2})$")
_RE_YEAR = re.compile(r"^(\d{4})$")
_RE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_RE_NUM3 = re.compile(r"^(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{2,4})$")
_RE_MY_NUM = re.compile(r"^(\d{1,2})[-/.](\d{4})$")
_RE_D_MON_Y = re.compile(rf"^(?P<d>\d{{1,2}})\s*(?:-|\s)?\s*{_MONTH_RE}(?:\s*[-/,]?\s*(?P<y>\d{{4}}|\d{{2}}))?$")
_RE_MON_D_Y = re.compile(rf"^{_MONTH_RE}\s*(?P<d>\d{{1,2}})(?:\s*[,]?\s*(?P<y>\d{{4}}))?$")
_RE_MON_Y = re.compile(rf"^{_MONTH_RE}(?:\s*[-/,]?\s*(?P<y>\d{{4}}))?$")
_RE_PART_MON = re.compile(rf"^(?P<part>{_EARLY}|{_MID}|{_LATE})[\s-]*{_MONTH_RE}(?:\s*(?P<y>\d{{4}}))?$")
_RE_PART_YEAR = re.compile(rf"^(?P<part>{_EARLY}|{_MID}|{_LATE})[\s-]*(?P<y>\d{{4}})$")
_RE_RANGE_DAYS = re.compile(rf"^(?P<d1>\d{{1,2}})\s*(?:-|–|—|to|until|till|and|الى|الي|حتى|و)\s*(?P<d2>\d{{1,2}})\s+{_MONTH_RE}(?:\s*(?P<y>\d{{4}}))?$")


def _resolve_yearless(m: int, d: int | None, reference: date | None) -> tuple[int | None, str | None]:
    if reference is None:
        return None, "no year and no reference date"
    y = reference.year
    probe = date(y, m, d or 1)
    if probe > reference:
        y -= 1
    return y, None


def _single(t: str, reference: date | None, order: str | None) -> DateResult | None:
    if m := _RE_ISO_DAY.match(t):
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return _fail(f"not a calendar date: {t}")
        return _make(d, d)
    if m := _RE_COMPACT.match(t):
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return _make(d, d)
        except ValueError:
            return None
    if m := _RE_ISO_MONTH.match(t):
        if 1 <= int(m[2]) <= 12:
            return _month(int(m[1]), int(m[2]))
        return _fail(f"not a month: {t}")
    if m := _RE_YEAR.match(t):
        y = int(m[1])
        return _year(y) if 1900 <= y <= 2100 else _fail(f"year out of range: {y}")
    if m := _RE_NUM3.match(t):
        return _numeric(m[1], m[2], m[3], order, reference)
    if m := _RE_MY_NUM.match(t):
        if 1 <= int(m[1]) <= 12:
            return _month(int(m[2]), int(m[1]))
    if m := _RE_D_MON_Y.match(t):
        mon = MONTHS.get(m["mon"]) or _AR_MONTHS.get(m["mon"])
        d = int(m["d"])
        if m["y"]:
            y, problem = _year_of(m["y"], reference), None
        else:
            y, problem = _resolve_yearless(mon, d, reference)
            if y is None:
                return _fail(problem)
        try:
            return _make(date(y, mon, d), date(y, mon, d))
        except ValueError:
            return _fail(f"not a calendar date: {t}")
    if m := _RE_MON_D_Y.match(t):
        mon = MONTHS.get(m["mon"]) or _AR_MONTHS.get(m["mon"])
        d = int(m["d"])
        if m["y"]:
            y = int(m["y"])
        else:
            y, problem = _resolve_yearless(mon, d, reference)
            if y is None:
                return _fail(problem)
        try:
            return _make(date(y, mon, d), date(y, mon, d))
        except ValueError:
            return _fail(f"not a calendar date: {t}")
    if m := _RE_MON_Y.match(t):
        mon = MONTHS.get(m["mon"]) or _AR_MONTHS.get(m["mon"])
        if m["y"]:
            return _month(int(m["y"]), mon)
        y, problem = _resolve_yearless(mon, None, reference)
        return _month(y, mon) if y else _fail(problem)
    if m := _RE_PART_MON.match(t):
        mon = MONTHS.get(m["mon"]) or _AR_MONTHS.get(m["mon"])
        if m["y"]:
            y = int(m["y"])
        else:
            y, problem = _resolve_yearless(mon, None, reference)
            if y is None:
                return _fail(problem)
        part = m["part"]
        last = _last_day(y, mon)
        if re.fullmatch(_EARLY, part):
            return _make(date(y, mon, 1), date(y, mon, 10))
        if re.fullmatch(_MID, part):
            return _make(date(y, mon, 11), date(y, mon, 20))
        return _make(date(y, mon, 21), date(y, mon, last))
    if m := _RE_PART_YEAR.match(t):
        y = int(m["y"])
        part = m["part"]
        if re.fullmatch(_EARLY, part):
            return _make(date(y, 1, 1), date(y, 4, 30))
        if re.fullmatch(_MID, part):
            return _make(date(y, 5, 1), date(y, 8, 31))
        return _make(date(y, 9, 1), date(y, 12, 31))
    if m := _RE_RANGE_DAYS.match(t):
        mon = MONTHS.get(m["mon"]) or _AR_MONTHS.get(m["mon"])
        if m["y"]:
            y = int(m["y"])
        else:
            y, problem = _resolve_yearless(mon, None, reference)
            if y is None:
                return _fail(problem)
        try:
            a, b = date(y, mon, int(m["d1"])), date(y, mon, int(m["d2"]))
        except ValueError:
            return _fail(f"not a calendar date: {t}")
        return _make(min(a, b), max(a, b))
    return _relative(t, reference)


def _relative(t: str, ref: date | None) -> DateResult | None:
    words_rel = re.compile(
        r"^(today|yesterday|day before yesterday|last night|tonight|this morning|اليوم|امس|البارحه|اول امس|اول من امس|"
        r"ليله امس|مساء امس|صباح اليوم|صباح امس|الليله|"
        r"last week|past week|this week|الاسبوع الماضي|الاسبوع الفائت|هذا الاسبوع|"
        r"last month|this month|الشهر الماضي|الشهر الفائت|هذا الشهر|"
        r"last year|this year|العام الماضي|السنه الماضيه|العام الفائت|هذا العام|العام الحالي)$"
    )
    m_ago_en = re.match(r"^(?P<n>\d+|" + "|".join(_EN_NUMBER_WORDS) + r")\s+(?P<u>days?|weeks?|months?)\s+ago$", t)
    m_ago_ar = re.match(r"^قبل\s+(?:(?P<n>\d+)\s+)?(?P<w>\S+)(?:\s+(?P<u>ايام|يوما|يوم|اسابيع|اسبوع|اشهر|شهور))?$", t)
    m_last_mon = re.match(rf"^(?:last|past|previous)\s+{_MONTH_RE}$", t) or re.match(
        rf"^{_MONTH_RE}\s+(?:الماضي|الفائت|المنصرم|last)$", t)
    m_wd = re.match(r"^(?:last\s+|past\s+)?(?P<wd>" + "|".join(_WEEKDAYS) + r")(?:\s+(?:الماضي|الماضيه|الفائت|last))?$", t)
    if not (words_rel.match(t) or m_ago_en or m_ago_ar or m_last_mon or m_wd):
        return None
    if ref is None:
        return _fail("relative date needs a reference date")
    if m := words_rel.match(t):
        w = m[1]
        if w in ("today", "tonight", "this morning", "اليوم", "صباح اليوم", "الليله"):
            return _make(ref, ref)
        if w in ("yesterday", "last night", "امس", "البارحه", "ليله امس", "مساء امس", "صباح امس"):
            d = ref - timedelta(days=1)
            return _make(d, d)
        if w in ("day before yesterday", "اول امس", "اول من امس"):
            d = ref - timedelta(days=2)
            return _make(d, d)
        if w in ("last week", "past week", "الاسبوع الماضي", "الاسبوع الفائت"):
            return _make(ref - timedelta(days=7), ref - timedelta(days=1))
        if w in ("this week", "هذا الاسبوع"):
            return _make(ref - timedelta(days=ref.weekday()), ref)
        if w in ("last month", "الشهر الماضي", "الشهر الفائت"):
            y, mo = (ref.year, ref.month - 1) if ref.month > 1 else (ref.year - 1, 12)
            return _month(y, mo)
        if w in ("this month", "هذا الشهر"):
            return _make(date(ref.year, ref.month, 1), ref)
        if w in ("last year", "العام الماضي", "السنه الماضيه", "العام الفائت"):
            return _year(ref.year - 1)
        return _make(date(ref.year, 1, 1), ref)
    if m_ago_en:
        n = m_ago_en["n"]
        n = int(n) if n.isdigit() else _EN_NUMBER_WORDS[n]
        unit = m_ago_en["u"].rstrip("s")
        days = n * {"day": 1, "week": 7, "month": 30}[unit]
        d = ref - timedelta(days=days)
        return _make(d, d) if unit == "day" else _make(d - timedelta(days=days // 4), d + timedelta(days=days // 4))
    if m_ago_ar:
        n = int(m_ago_ar["n"]) if m_ago_ar["n"] else None
        w = m_ago_ar["w"]
        unit = m_ago_ar["u"] or w
        if n is None:
            n = _AR_NUMBER_WORDS.get(w)
            if n is None:
                return _fail(f"cannot read relative date: {t}")
            if w in ("اسبوع", "اسبوعين", "شهر", "شهرين"):
                d = ref - timedelta(days=n)
                return _make(d - timedelta(days=n // 4), d + timedelta(days=n // 4))
        if unit in ("اسابيع", "اسبوع"):
            n *= 7
        elif unit in ("اشهر", "شهور"):
            n *= 30
        d = ref - timedelta(days=n)
        return _make(d, d)
    if m_last_mon:
        mon = MONTHS.get(m_last_mon["mon"]) or _AR_MONTHS.get(m_last_mon["mon"])
        y = ref.year if mon < ref.month else ref.year - 1
        return _month(y, mon)
    if m_wd:
        wd = _WEEKDAYS[m_wd["wd"]]
        back = (ref.weekday() - wd) % 7
        if back == 0 and ("last" in t or "الماضي" in t or "الفائت" in t):
            back = 7
        d = ref - timedelta(days=back)
        return _make(d, d)
    return None


_RANGE_SPLIT = re.compile(r"\s*(?:/|–|—|\s-\s|\bto\b|\buntil\b|\btill\b|\bthrough\b|\band\b|الى|الي|حتى|لغايه|و(?=\s))\s*")


#: 1 Muharram 1 AH in the arithmetical (civil) Islamic calendar, proleptic Gregorian
_HIJRI_EPOCH = date(622, 7, 19)
_HIJRI_NUMERIC = re.compile(
    r"^\s*(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>1[3-5]\d\d)"
    r"|(?P<y2>1[3-5]\d\d)\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<d2>\d{1,2}))"
    r"\s*(?:هـ|ه|هجري|هجرية|AH)?\.?\s*$")


def _hijri(raw: str) -> DateResult:
    """A numeric Hijri date ("29/7/1446 هـ", "1446/7/29 هـ") as a three-day interval.

    Family committees and some local lists date deaths in the Hijri calendar.
    The arithmetical calendar (30-year cycle) is used: the calendar in use (Umm
    al-Qura, or a month begun by sighting the moon) differs from it by a day,
    rarely two, so the date is the converted day give or take one. Other Hijri
    forms (month names) are still refused with a note."""
    m = _HIJRI_NUMERIC.match(raw.translate(DIGITS))
    if not m:
        return _fail("Hijri calendar dates are converted only when written as numbers (D/M/YYYY هـ)")
    y, mon, d = (int(m["y"] or m["y2"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
    if not (1 <= mon <= 12 and 1 <= d <= 30):
        return _fail(f"not a Hijri calendar date: {raw}")
    day = _HIJRI_EPOCH + timedelta(
        days=(y - 1) * 354 + (3 + 11 * y) // 30 + (295 * (mon - 1) + 9) // 10 + d - 1)
    return _make(day - timedelta(days=1), day + timedelta(days=1),
                 "converted from the Hijri calendar (give or take a day)")


@lru_cache(maxsize=100_000)
def parse_date(text: str, reference: date | None = None, order: str | None = None) -> DateResult:
    """Read one date value into ``DateResult(start, end, precision, problem)`` (pure, cached).

    ``reference`` (a :class:`datetime.date`, e.g. an article's publication
    date) anchors relative phrases and dates written without a year; ``order``
    (``dmy``, ``mdy`` or ``ymd``) is how a source writes numeric dates, as
    declared in its mapping file.
    """
    if order is not None and order not in ("dmy", "mdy", "ymd"):
        raise ValueError(f"order must be dmy, mdy or ymd, not {order!r}")
    if text is None or not str(text).strip():
        return _fail("empty")
    raw = str(text)
    if re.search(r"\d\s*هـ|هجري|\bAH\b", raw):
        return _hijri(raw)
    t = _prep(raw)
    # spreadsheet exports: "2025-03-06 00:00:00", "2025-03-06T10:30:00Z", "06/03/2025 14:30"
    t = re.sub(r"(?<=\d)(?:t|\s+)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]\d{2}:?\d{2}|am|pm|ص|م)?$", "", t)
    if re.fullmatch(r"\d{5}(?:\.0+)?", t) and 20000 <= float(t) <= 60000:
        d = date(1899, 12, 30) + timedelta(days=int(float(t)))
        return DateResult(d, d, "day", "read as a spreadsheet day number")
    t = re.sub(r"^(from|between|من|بين)\s+", "", t)
    try:
        return _read(t, text, reference, order)
    except (ValueError, OverflowError):  # a day or month no calendar has ("March 34")
        return _fail(f"not a calendar date: {text}")


def _read(t: str, text: str, reference: date | None, order: str | None) -> DateResult:
    """One value or a range, already cleaned; may raise ValueError on impossible dates."""
    r = _single(t, reference, order)
    if r is not None:
        return r
    # ranges: "A/B", "A - B", "A to B", "بين A و B"
    parts = [p for p in _RANGE_SPLIT.split(t) if p]
    if len(parts) == 2:
        a_txt, b_txt = parts
        b = _single(b_txt, reference, order)
        if b is not None and b.start is not None:
            a = _single(a_txt, reference, order)
            if a is None or a.start is None:
                # "6 March - 8 April 2025", "March - April 2025": borrow the year (and month) from the end
                y = b.end.year
                a = _single(f"{a_txt} {y}", reference, order)
                if (a is None or a.start is None) and re.fullmatch(r"\d{1,2}", a_txt):
                    try:
                        d = date(y, b.start.month, int(a_txt))
                        a = _make(d, d)
                    except ValueError:
                        a = None
            if a is not None and a.start is not None:
                if a.start > b.end:
                    return _fail(f"range ends before it starts: {text}")
                problem = a.problem or b.problem
                return _span(a, b, problem)
    return _fail(f"cannot read date: {text}")
