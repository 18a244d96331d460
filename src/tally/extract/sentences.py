"""Sentences with their character offsets into the article."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = ("Mr", "Mrs", "Ms", "Dr", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "St", "No", "Jan", "Feb",
           "Mar", "Apr", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "U.S", "U.N", "U.K", "e.g", "i.e",
           "vs", "Gov", "Sen", "Rep", "Prof", "Jr", "Sr", "Inc", "Co", "Ltd")
_BOUNDARY = re.compile(r"(?<=[.!?؟])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9٠-٩\u0600-\u06FF])|\n\s*\n|\n(?=\S)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    headline: bool  # a line without closing punctuation (title, dateline)


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; ``text[s.start:s.end]`` is the stripped sentence."""
    out: list[Sentence] = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        before = text[pos:m.start()]
        last = re.search(r"(\S+)$", before)
        if m.group().strip() == "" and "\n" not in m.group() and last and (
                last.group(1).rstrip(".") in _ABBREV or re.fullmatch(r"[A-Z]\.", last.group(1))):
            continue
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, a: int, b: int, out: list[Sentence]) -> None:
    seg = text[a:b]
    stripped = seg.strip()
    if not stripped:
        return
    s = a + (len(seg) - len(seg.lstrip()))
    e = s + len(stripped)
    out.append(Sentence(s, e, not re.search(r"[.!?؟:\"”')\]]$", stripped)))
