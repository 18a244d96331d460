"""Count expressions: the versioned lexicon that turns "at least 13", "dozens of",
"twenty-seven", "١٢" or "tens of thousands" into (low, best, high) and a qualifier.

    >>> [ (c.low, c.best, c.high, c.qualifier) for c in find_counts("at least 13 people") ]
    [(13, 13, None, 'at least')]

Change :data:`LEXICON_VERSION` whenever a reading below changes: every claim
records the version that produced it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEXICON_VERSION = "count-lexicon-4"  # 2: "between X and Y"; "Name, 30," is an age; 3: "65 to 105" a range;
# 4: "aged 7 and 9": the second age is no count; "8-10" and "some 20 to 30" ranges; "half a dozen"; "tens of"

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
          "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}

#: vague plurals: (low, best, high)
VAGUE = {
    "several": (3, None, 9),
    "a few": (2, None, 9),
    "dozens": (24, None, 99),
    "scores": (24, None, 99),
    "hundreds": (200, None, 999),
    "thousands": (2000, None, 9999),
    "tens of thousands": (20000, None, 99999),
    "tens of": (20, None, 99),
    "hundreds of thousands": (200000, None, 999999),
}

#: qualifier words before a number → qualifier name
QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "not less than": "at least", "a minimum of": "at least", "a total of": "exact",
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "in excess of": "more than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "about": "about", "around": "about", "approximately": "about", "some": "about",
    "roughly": "about", "an estimated": "about", "estimated": "about",
    "up to": "up to", "as many as": "up to",
}

#: one person's nouns, after which ", 12," is an age
_PERSONS = frozenset("boy girl man woman child baby teenager youth son daughter father mother brother sister "
                     "husband wife farmer shepherd student teacher doctor journalist activist soldier".split())
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٬", "01234567890123456789,")
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|"
           "december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
TOKEN = re.compile(r"[0-9٠-٩۰-۹](?:[0-9٠-٩۰-۹,٬.]*[0-9٠-٩۰-۹])?|[^\W\d_]+(?:['’][^\W\d_]+)?|\S",
                   re.UNICODE)


class Token:
    """One token: its text, character span and lower-cased text (computed once: the rules
    read ``low`` millions of times over a corpus)."""

    __slots__ = ("text", "start", "end", "low")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end, self.low = text, start, end, text.lower()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.text, self.start, self.end) == (other.text, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.text, self.start, self.end))

    def __repr__(self) -> str:
        return f"Token(text={self.text!r}, start={self.start}, end={self.end})"


@dataclass(frozen=True)
class Count:
    """One count expression: token range ``[i, j)``, character span, reading."""

    i: int
    j: int
    start: int
    end: int
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    value: int | None  # the number as written (None for vague plurals)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


def _digits(tok: str) -> int | None:
    t = tok.translate(_ARABIC_DIGITS)
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):
        return int(t.replace(",", ""))
    return None  # decimals, "10.000", "1,2": not a count we can read safely


def _words_at(toks: list[Token], i: int) -> tuple[int, int] | None:
    """Read a number written in words from token i: (value, next index)."""
    total, current, j, seen = 0, 0, i, False
    while j < len(toks):
        w = toks[j].low
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
            if j + 2 < len(toks) and toks[j + 1].text == "-" and toks[j + 2].low in _UNITS:
                current += _UNITS[toks[j + 2].low]
                j += 2
        elif w in _SCALES and (seen or w == "hundred"):
            current = max(current, 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total += current
                current = 0
        elif w == "and" and seen and j + 1 < len(toks) and (
                toks[j + 1].low in _UNITS or toks[j + 1].low in _TENS):
            j += 1
            continue
        elif w in ("a", "an") and not seen and j + 1 < len(toks) and toks[j + 1].low in ("hundred", "thousand", "dozen"):
            current = 1
            j += 1
            if toks[j].low == "dozen":
                return 12, j + 1
            continue
        elif w == "dozen" and seen:
            current *= 12
            j += 1
            break
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j


def _is_date_or_measure(toks: list[Token], i: int, j: int, value: int) -> bool:
    prev = toks[i - 1].low if i > 0 else ""
    nxt = toks[j].low if j < len(toks) else ""
    nxt2 = toks[j + 1].low if j + 1 < len(toks) else ""
    if re.fullmatch(_MONTHS, prev) or re.fullmatch(_MONTHS, nxt):
        return True
    if nxt == "-" and nxt2 in ("year", "years", "month", "day", "week"):
        return True
    if nxt in ("year", "years") and nxt2 == "old":
        return True
    if prev in ("aged", "age", "ages", "page", "no", "number", "resolution", "article", "route", "highway"):
        return True
    if prev in ("and", ",", "to", "-") and i > 2 and toks[i - 3].low in ("aged", "ages") \
            and toks[i - 2].text.isdigit():
        return True  # "aged 7 and 9", "aged 20 to 35": the second age
    prev2 = toks[i - 2].text if i > 1 else ""
    if prev == "," and nxt == "," and value < 120 and (prev2[:1].isupper() or prev2.lower() in _PERSONS) \
            and j - i == 1:
        return True  # "Ricardo Campos, 30, died", "a boy, 12, was killed": an age
    if nxt in ("%", "am", "pm", "gmt", "utc") or prev in ("$", "£", "€", "#") or (
            nxt == ":" and j + 1 < len(toks) and toks[j + 1].text[:1].isdigit()) or (
            prev == ":" and prev2[-1:].isdigit()):
        return True
    if 1900 <= value <= 2099 and re.fullmatch(r"\d{4}", toks[i].text.translate(_ARABIC_DIGITS)):
        return True
    return False


def _by_first_word(phrases) -> dict[str, list[tuple[str, list[str]]]]:
    """Phrases indexed by their first word, longest first: found without sorting at every token."""
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for phrase in sorted(phrases, key=lambda p: -len(p.split())):
        out.setdefault(phrase.split()[0], []).append((phrase, phrase.split()))
    return out


_VAGUE_BY_FIRST = _by_first_word(VAGUE)
_QUALIFIERS_BY_FIRST = _by_first_word(QUALIFIERS)


def _phrase_at(index, toks: list[Token], i: int) -> tuple[str, int] | None:
    if i >= len(toks):
        return None
    cands = index.get(toks[i].low)
    if not cands:
        return None
    words = [t.low for t in toks[i:i + 3]]
    for phrase, parts in cands:
        if words[:len(parts)] == parts:
            return phrase, i + len(parts)
    return None


def _vague_at(toks: list[Token], i: int) -> tuple[str, int] | None:
    return _phrase_at(_VAGUE_BY_FIRST, toks, i)


def _qualifier_at(toks: list[Token], i: int) -> tuple[str, int] | None:
    return _phrase_at(_QUALIFIERS_BY_FIRST, toks, i)


def read_count(value: int, qualifier: str) -> tuple[int | None, int | None, int | None]:
    """(low, best, high) that a number with a qualifier states."""
    if qualifier == "at least":
        return value, value, None
    if qualifier == "more than":
        return value + 1, None, None
    if qualifier == "nearly":
        return round(value * 0.9), value, value
    if qualifier == "about":
        return round(value * 0.9), value, round(value * 1.1)
    if qualifier == "up to":
        return None, None, value
    return value, value, value


def _range_at(toks: list[Token], i: int) -> Count | None:
    """"between 1000 and 1800": a range with no best value."""
    if toks[i].low != "between" or i + 1 >= len(toks):
        return None
    a = count_at(toks, i + 1)
    if a is None or a.qualifier != "exact" or a.j + 1 >= len(toks) or toks[a.j].low != "and":
        return None
    b = count_at(toks, a.j + 1)
    if b is None or b.qualifier != "exact" or b.value is None or a.value is None or not a.value < b.value:
        return None
    return Count(i, b.j, toks[i].start, toks[b.j - 1].end, a.value, None, b.value, "range", None)


def count_at(toks: list[Token], i: int) -> Count | None:
    """The count expression starting at token ``i``, or None."""
    r = _range_at(toks, i)
    if r is not None:
        return r
    start_i, qual, k = i, "exact", i
    q = _qualifier_at(toks, i)
    if q is not None:
        qual, k = QUALIFIERS[q[0]], q[1]
    v = _vague_at(toks, k)
    if v is not None:
        phrase, j = v
        if phrase in ("several", "a few") and qual != "exact":
            return None
        low, best, high = VAGUE[phrase]
        if j < len(toks) and toks[j].low != "of" and phrase not in ("several", "a few"):
            # "dozens were killed" is fine; "hundreds" alone still reads as a vague count
            pass
        return Count(start_i, j, toks[start_i].start, toks[j - 1].end, low, best, high,
                     "vague" if qual == "exact" else qual, None)
    if k >= len(toks):
        return None
    if [t.low for t in toks[k:k + 3]] == ["half", "a", "dozen"]:
        low, best, high = read_count(6, qual)  # "half a dozen soldiers"
        return Count(start_i, k + 3, toks[start_i].start, toks[k + 2].end, low, best, high, qual, 6)
    value = _digits(toks[k].text)
    if value is not None:
        j = k + 1
        if j < len(toks) and toks[j].low in ("million", "thousand"):
            value *= _SCALES[toks[j].low]
            j += 1
    else:
        w = _words_at(toks, k)
        if w is None:
            return None
        value, j = w
    if _is_date_or_measure(toks, k, j, value):
        return None
    if qual == "about" and toks[start_i].low == "some" and value < 10:
        qual = "exact"  # "some 5" is rare; "some" before small numbers is usually a determiner
    if qual == "exact" and j + 1 < len(toks) and toks[j].low == "-" and toks[j].start == toks[j - 1].end \
            and toks[j + 1].start == toks[j].end and toks[j + 1].text.isdigit() \
            and not (j + 2 < len(toks) and toks[j + 2].low in ("-", "year", "years", "month", "day")):
        b = count_at(toks, j + 1)  # "8-10 people": a range
        if b is not None and b.qualifier == "exact" and b.value is not None and value < b.value < 100000:
            return Count(start_i, b.j, toks[start_i].start, toks[b.j - 1].end, value, None, b.value, "range", None)
    if qual in ("exact", "about") and j + 1 < len(toks) and toks[j].low == "to" and (
            start_i == 0 or toks[start_i - 1].low not in ("from", "rose", "risen", "increased", "up", "climbed")):
        # "65 to 105 civilians": a range (read as 105 before); "from 20 to 35" is a change
        b = count_at(toks, j + 1)
        if b is not None and b.qualifier == "exact" and b.value is not None and value < b.value:
            return Count(start_i, b.j, toks[start_i].start, toks[b.j - 1].end, value, None, b.value, "range", None)
    low, best, high = read_count(value, qual)
    return Count(start_i, j, toks[start_i].start, toks[j - 1].end, low, best, high, qual, value)


def find_counts(text: str, toks: list[Token] | None = None) -> list[Count]:
    """Every count expression in ``text`` (or in the given tokens), left to right."""
    toks = tokenize(text) if toks is None else toks
    out: list[Count] = []
    i = 0
    while i < len(toks):
        c = count_at(toks, i)
        if c is not None:
            out.append(c)
            i = c.j
        else:
            i += 1
    return out
