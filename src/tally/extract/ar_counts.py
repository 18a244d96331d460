"""Reading one Arabic count expression: words to their lexicon form, and the count
that starts at a token (digits, number words, a dual, a vague plural) with its noun.

    toks = tokens(fold("قتل في الهجوم ستة رجال وأربع نساء")[0])
    lem = [lemma(t.text) for t in toks]
    joined(toks, lem, count_at(toks, 3, lem)).value      # 10

Arabic writes clitics on the word (و، ف، ب، ل، ك، the article ال) and pronouns at its
end (مقتلهم، حصيلتها، جثته), so a word is looked up as written, then without them
(:func:`lemma`: only when what remains is a word of the lexicon). Numbers come before
their noun ("ثلاثة أطفال"), after it with the article ("الشهداء الخمسة"), in words of
several parts ("ألف وخمسمئة"، "ثلاثة آلاف"), and with "من" before a group ("تسعة من
عناصر الأمن"); counts joined by و name one toll ("ستة رجال وأربع نساء" = 10).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from tally.extract.ar_lexicon import (
    DISTRACTOR_NOUNS,
    DUAL_OR_PLURAL,
    DUALS,
    ELEVEN,
    GROUPS,
    HUNDREDS,
    INJURED_NOUNS,
    KILLED_NOUNS,
    KIN,
    KIN_PLURAL,
    MONTHS,
    PEOPLE,
    QUALIFIERS,
    SINGULAR,
    SUBTOTAL,
    TENS,
    THOUSANDS,
    TRIGGERS,
    UNITS,
    VAGUE,
)
from tally.extract.numbers import read_count

_TOKEN = re.compile(r"[0-9]+(?:[.,][0-9]{3})*|[\u0621-\u064A\u0671-\u06D3]+|[A-Za-z]+|\S")
_MONTH_FIRST = frozenset(m.split()[0] for m in MONTHS)
#: qualifier phrases by their first word, longest first
_QUAL_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _q in sorted(QUALIFIERS, key=len, reverse=True):
    _QUAL_FIRST.setdefault(_q[0], []).append(_q)

_NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(HUNDREDS) | frozenset(THOUSANDS)
_KNOWN = (frozenset(TRIGGERS) | _NUMBER_WORDS | DUALS | frozenset(VAGUE) | KILLED_NOUNS | INJURED_NOUNS
          | SUBTOTAL | PEOPLE | GROUPS | SINGULAR)
_CLITICS = ("وبال", "فبال", "وال", "فال", "بال", "كال", "لل", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ال")
_PRONOUNS = ("هما", "هم", "هن", "ها", "ه")
#: "يوم الإثنين" is Monday, not two
_NOT_LEMMA = frozenset({"الاثنين", "والاثنين", "بالاثنين", "بالمئة", "بالمائة"})  # and "60 بالمئة" is a share
#: "على الأقل" after a count or its noun
_AT_LEAST_AFTER = ("علي", "الاقل")
#: the relative pronouns between a noun and its verb: "أبناءها الأربعة الذين قتلوا"
RELATIVE = frozenset("الذين اللذين اللذان اللتين اللتان اللواتي اللاتي التي الذي ممن من".split())


@dataclass
class Tok:
    text: str     # folded
    start: int    # offsets in the folded text
    end: int


@dataclass
class Count:
    i: int                 # first token (a qualifier's, when one leads)
    j: int                 # the noun's token, or the token after the count
    low: int | None
    best: int | None
    high: int | None
    qualifier: str
    value: int | None
    noun: str | None
    end: int = -1          # the token after the count and its noun

    def __post_init__(self):
        if self.end < 0:
            self.end = self.j


def tokens(norm: str, a: int = 0, b: int | None = None) -> list[Tok]:
    return [Tok(m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(norm, a, len(norm) if b is None else b)]


@lru_cache(maxsize=65536)
def lemma(w: str) -> str:
    """``w`` as the lexicon has it: as written, else without its clitics and a final
    pronoun (ة restored before it: حصيلتها → حصيلة), when that is a lexicon word."""
    if w in _KNOWN or len(w) < 3 or w in _NOT_LEMMA:
        return w
    for p in ("",) + _CLITICS:
        if p and not w.startswith(p):
            continue
        r = w[len(p):]
        if len(r) < 2:
            continue
        if r in _KNOWN:
            return r
        for s in _PRONOUNS:
            if r.endswith(s) and len(r) - len(s) >= 2:
                st = r[:-len(s)]
                if st in _KNOWN:
                    return st
                if st.endswith("ت") and st[:-1] + "ة" in _KNOWN:
                    return st[:-1] + "ة"
    return w


def noun(w: str) -> str:
    """A word without the article (and its clitics), or a pronoun ending: "الضحايا" → "ضحايا",
    "منتسبيها" → "منتسبي"."""
    lw = lemma(w)
    if lw != w:
        return lw
    return w[2:] if w.startswith("ال") and len(w) >= 4 else w


def is_people(n: str | None) -> bool:
    return n is not None and (n in PEOPLE or n in GROUPS or n in KILLED_NOUNS or n in DUALS or n in SINGULAR)


def dual(w: str) -> bool:
    """Whether ``w`` is the dual of a singular victim noun: "مريضين"، "طفلتين"، "شقيقيه" (his two brothers)."""
    w = re.sub(r"(?:هما|هم|ها|ه)$", "", w) if w.endswith(("يه", "اه", "يها", "اها", "يهم", "اهم")) else w
    for end in ("ين", "ان", "ي", "ا"):
        if w.endswith(end) and (end in ("ين", "ان") or w != w.rstrip()):
            stem = w[:-len(end)]
            if stem in SINGULAR or stem.endswith("ت") and stem[:-1] + "ة" in SINGULAR:
                return True
    return False


def _number_words(toks: list[Tok], k: int, lem: list[str]) -> tuple[int, int] | None:
    """(value, token after) of number words from ``k``: "ثلاثة"، "أحد عشر"، "خمسة وعشرون"،
    "ألف وخمسمئة"، "ثلاثة آلاف"، "المئة"."""
    total, pos, first = 0, k, True
    while pos < len(toks):
        w = lem[pos] if first else (toks[pos].text[1:] if toks[pos].text.startswith("و") else "")
        if not first and w not in _NUMBER_WORDS and lemma(w) in _NUMBER_WORDS:
            w = lemma(w)
        nxt = toks[pos + 1].text if pos + 1 < len(toks) else ""
        if w in ELEVEN and nxt in ("عشر", "عشرة"):
            term, pos = 10 + ELEVEN[w], pos + 2
        elif w in UNITS:
            term, pos = UNITS[w], pos + 1
            if nxt in ("عشر", "عشرة") and term < 10:
                term, pos = 10 + term, pos + 1
        elif w in TENS or w in HUNDREDS or w in THOUSANDS:
            term, pos = {**TENS, **HUNDREDS, **THOUSANDS}[w], pos + 1
        else:
            break
        after = toks[pos].text if pos < len(toks) else ""
        if term < 1000 and lemma(after) in ("الاف", "الف", "الفا"):
            term, pos = term * 1000, pos + 1
        total += term
        first = False
    return (total, pos) if not first else None


def _range_at(toks: list[Tok], i: int, lem: list[str]) -> Count | None:
    """"ما بين 1200 و1500 شخص"، "بين 40 و60": a range with no best value."""
    k = i + (toks[i].text == "ما")
    if k + 1 >= len(toks) or toks[k].text not in ("بين", "وبين"):
        return None
    a = count_at(toks, k + 1, lem)
    if a is None or a.value is None or a.end >= len(toks) or not toks[a.j].text.startswith("و"):
        return None
    b = count_at(toks, a.j, lem)
    if b is None or b.value is None or b.value <= a.value:
        return None
    return Count(i, b.j, a.value, None, b.value, "range", a.value, b.noun, end=b.end)


def count_at(toks: list[Tok], i: int, lem: list[str]) -> Count | None:
    """The count expression starting at token ``i`` (after a prefix letter or a qualifier)."""
    if toks[i].text in ("ما", "بين", "وبين"):
        r = _range_at(toks, i, lem)
        if r is not None:
            return r
    start, qual, k = i, "exact", i
    if i < len(toks):
        first = toks[i].text
        if first not in _QUAL_FIRST and first[:1] in "وبل" and first[1:] in _QUAL_FIRST:
            first = first[1:]  # "بنحو"، "ولأكثر"
        if first in _QUAL_FIRST:
            words = (first,) + tuple(t.text for t in toks[i + 1:i + 4])
            for phrase in _QUAL_FIRST[first]:
                if words[:len(phrase)] == phrase:
                    qual, k = QUALIFIERS[phrase], i + len(phrase)
                    break
    if k < len(toks) and toks[k].text in ("ل", "ب", "و", "ال") and k + 1 < len(toks) and toks[k + 1].text[:1].isdigit():
        k += 1  # "لـ5 شبان", "و3 سيدات", "قرابة الـ 60"
    if k >= len(toks):
        return None
    w = lem[k]
    value = j = None
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    if w[:1].isdigit():
        try:
            value = int(w.replace(",", "").replace(".", ""))
        except ValueError:
            return None
        j = k + 1
        if nxt in ("/", "-") and k + 2 < len(toks) and toks[k + 2].text[:1].isdigit() \
                or k > 1 and toks[k - 1].text in ("/", "-") and toks[k - 2].text[:1].isdigit():
            return None  # a date: "8/3/2025"، "15-7"
        if lemma(nxt) in ("الف", "الاف", "الفا"):
            value, j = value * 1000, j + 1
    elif w in VAGUE:
        low, best, high = VAGUE[w]
        n = noun(toks[k + 1].text) if k + 1 < len(toks) else None
        return Count(start, k + 1, low, best, high, "vague" if qual == "exact" else qual, None, n,
                     end=k + 2 if is_people(n) or n in INJURED_NOUNS else k + 1)
    elif w in ("احد", "احدي") and nxt not in ("عشر", "عشرة") and k + 1 < len(toks) \
            and (nxt.startswith("ال") or lemma(nxt) != nxt or nxt in PEOPLE or noun(nxt) in GROUPS):
        value, j = 1, k + 1  # "مقتل أحد عناصره"
    elif w in DUALS and w not in DUAL_OR_PLURAL or \
            w.startswith("ال") and noun(w) in DUALS and noun(w) in KILLED_NOUNS:  # "الشهيدين"; "المدنيين" is plural
        low, best, high = read_count(2, qual)
        return Count(start, k + 1, low, best, high, qual, 2, noun(w))
    elif w in ("واحد", "واحدة"):
        return None  # "عائلة واحدة": an adjective; "ومدني واحد" is read by joined()
    else:
        words = _number_words(toks, k, lem)
        if words is None:
            return None
        value, j = words
    n = noun(toks[j].text) if j < len(toks) else None
    if n in _MONTH_FIRST or 1900 <= value <= 2099 and len(w) == 4 and w.isdigit() or (k > 0 and toks[k - 1].text in ("عام", "سنة")):
        return None  # "23 حزيران", "عام 2012"
    if n in DISTRACTOR_NOUNS or j < len(toks) and toks[j].text in DISTRACTOR_NOUNS | {"%", "٪"} \
            or j + 1 < len(toks) and toks[j].text == "في" and toks[j + 1].text in ("المئة", "المائة"):
        return None  # "60 بالمئة"، "60 في المئة"
    end = j
    if n in ("من", "عدد") and j + 1 < len(toks) and (is_people(noun(toks[j + 1].text))
                                                    or noun(toks[j + 1].text) in INJURED_NOUNS):
        n, end = noun(toks[j + 1].text), j + 2  # "تسعة من عناصر الأمن"، "14 من الجرحى"، "إلى 14 عدد الأطفال"
    elif n is not None and (is_people(n) or n in INJURED_NOUNS or n in SINGULAR):
        end = j + 1
    if qual == "exact" and tuple(t.text for t in toks[end:end + 2]) == _AT_LEAST_AFTER \
            or qual == "exact" and tuple(t.text for t in toks[j:j + 2]) == _AT_LEAST_AFTER:
        qual = "at least"  # "ستة أشخاص على الأقل"
    low, best, high = read_count(value, qual)
    return Count(start, j, low, best, high, qual, value, n, end=end)


def number_after_noun(toks: list[Tok], k: int, lem: list[str]) -> Count | None:
    """A number word after its noun, with the article: "الشهداء الخمسة"، "مدنيين ثلاثة"،
    "أبناءها الأربعة" (the noun at ``k``)."""
    if k + 1 >= len(toks):
        return None
    n = noun(toks[k].text)
    stem = re.sub(r"(?:هما|هم|ها|ه)$", "", toks[k].text)
    if not (is_people(n) or stem in KIN_PLURAL or noun(stem) in KIN_PLURAL):
        return None
    nxt = toks[k + 1].text
    if nxt[:1].isdigit() or lem[k + 1] not in _NUMBER_WORDS:
        return None
    words = _number_words(toks, k + 1, lem)
    if words is None or words[0] < 2:
        return None
    value, end = words
    low, best, high = read_count(value, "exact")
    return Count(k, end, low, best, high, "exact", value, n, end=end)


def with_kin(toks: list[Tok], k: int) -> tuple[int, int]:
    """How many kin follow a victim at token ``k`` ("وزوجته وأطفالهما الثلاثة": 1 + 3),
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
        if stem.endswith(("ا", "ي")) and stem[:-1] in KIN:
            n, k = n + 2, k + 1  # "وطفلاها": her two children; "وشقيقيه": his two brothers
            continue
        if stem in KIN_PLURAL and k + 1 < len(toks) and noun(toks[k + 1].text) in UNITS:
            n, k = n + UNITS[noun(toks[k + 1].text)], k + 2
            continue
        break
    return n, k


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def joined(toks: list[Tok], lem: list[str], c: Count) -> Count:
    """``c`` with the counts joined to it by و ("ستة رجال وأربع نساء"، "11 عنصراً ومدني
    واحد"، "3 أطفال ووالدتهم"): one toll, their sum."""
    if not is_people(c.noun) or c.value is None:
        return c
    pos, skipped = c.end, False
    if pos < len(toks) and not toks[pos].text.startswith("و") and toks[pos].text != "مع":
        # a complement before the list goes on: "11 عنصراً من الأمن العام ومدني واحد"، "مختار قرية الرصافة مع ابنه"
        nxt = next((k for k in range(pos, min(len(toks), pos + 4))
                    if toks[k].text.startswith("و") or toks[k].text == "مع"
                    or toks[k].text in ("،", ".", "؛", ":") or toks[k].text[:1].isdigit() or lemma(toks[k].text) in TRIGGERS),
                   len(toks))
        if nxt >= len(toks) or toks[nxt].text in ("،", ".", "؛", ":") or toks[nxt].text[:1].isdigit() \
                or lemma(toks[nxt].text) in TRIGGERS:
            return c
        pos, skipped = nxt, True
    if pos < len(toks) and toks[pos].text == "مع" and pos + 1 < len(toks):  # "مع ابنه وأربعة من أحفاده"
        w = toks[pos + 1].text
        if noun(w) in SINGULAR or with_kin(toks, pos + 1)[0] or re.sub(r"(?:هما|هم|ها|ه)$", "", w) in KIN:
            c = replace(c, low=_add(c.low, 1), best=_add(c.best, 1), high=_add(c.high, 1), value=c.value + 1,
                        end=pos + 2)
            pos += 2
        else:
            return c
    while pos < len(toks) and toks[pos].text.startswith("و"):
        c2 = count_at(toks, pos, lem)
        if c2 is not None and c2.value is not None and is_people(c2.noun) and c2.qualifier in ("exact", c.qualifier):
            c = replace(c, low=_add(c.low, c2.low), best=_add(c.best, c2.best), high=_add(c.high, c2.high),
                        value=c.value + c2.value, end=c2.end)
            pos = c2.end
            continue
        w = toks[pos].text[1:]
        if dual(w) and not noun(w) in SINGULAR:  # "ممرض ومريضين"
            pos += 1
            c = replace(c, low=_add(c.low, 2), best=_add(c.best, 2), high=_add(c.high, 2), value=c.value + 2,
                        end=pos)
            continue
        if (noun(w) in SINGULAR or w in ("اب", "ام") and c.noun in SINGULAR | {"والد"}) \
                and not (skipped and re.search(r"(?:هما|هم|ها|ه)$", w) and w not in SINGULAR):
            pos += 1 + (pos + 1 < len(toks) and toks[pos + 1].text in ("واحد", "واحدة"))
            c = replace(c, low=_add(c.low, 1), best=_add(c.best, 1), high=_add(c.high, 1), value=c.value + 1,
                        end=pos)
            continue
        n, after = with_kin(toks, pos)
        if n and not skipped:  # "الشهيدين أحمد وشقيقه": kin after a name are among the counted
            c = replace(c, low=_add(c.low, n), best=_add(c.best, n), high=_add(c.high, n), value=c.value + n,
                        end=after)
            pos = after
            continue
        break
    return c
