"""Which language a text is in, so that a reader is told what was not read.

    >>> language_of("قُتل شخصان في جبلة أمس"), language_of("Two people were killed in Jableh.")
    ('ar', 'en')

Tally reads English and Arabic news (:mod:`.claims`, :mod:`.arabic`). A text in
another language gives no claims, and "0 proposed claims" would read as "no
casualties in this article"; :func:`language_warning` says instead that the text
was not read. The language is decided by script (Arabic letters: ``ar``), then, for
Latin script, by English function words: a French or Turkish report has almost none
of them (``und``: a language Tally does not read).
"""

from __future__ import annotations

import re
import unicodedata

#: English function words; at least this share of a Latin-script text's words is one of them
_ENGLISH = frozenset("the a an of and or in on at to was were is are has have had been by for from with "
                     "that this it its as said says after before who which their they he she his her "
                     "killed people".split())
_ENGLISH_SHARE = 0.08
_LETTER = re.compile(r"[^\W\d_]")
#: the Arabic blocks: Arabic, Supplement, Extended-A, Presentation Forms A and B
_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF](?<=[^\W\d_])")
#: below this many words the text is too short to judge: read as English
_SHORT = 8


def arabic_share(text: str) -> float:
    """The share of the text's letters that are in Arabic script (0 when it has none)."""
    letters = len(_LETTER.findall(text))
    return len(_ARABIC.findall(text)) / letters if letters else 0.0


def language_of(text: str) -> str:
    """``ar``, ``en`` or ``und`` (a language Tally does not read)."""
    if arabic_share(text) >= 0.5:
        return "ar"
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "en"
    latin = sum("LATIN" in unicodedata.name(ch, "") for ch in letters) / len(letters)
    if latin < 0.5:
        return "und"
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < _SHORT:
        return "en"
    return "en" if sum(w in _ENGLISH for w in words) / len(words) >= _ENGLISH_SHARE else "und"


def language_warning(text: str, claims: int) -> str | None:
    """A warning when the text (or a part of it) is in a language Tally does not read; None otherwise."""
    lang = language_of(text)
    if lang == "und":
        return (f"this text is not in English or Arabic, the languages Tally reads, so {claims} "
                f"claim{'s' if claims != 1 else ''} does not mean no casualties")
    return None


#: the former name, from when Arabic was not read
arabic_warning = language_warning


def articles_warning(texts: list[str], claims: int) -> str | None:
    """:func:`language_warning` for one article; for several, how many were not read."""
    if len(texts) == 1:
        return language_warning(texts[0], claims)
    unread = sum(language_of(t) == "und" for t in texts)
    if not unread:
        return None
    return (f"{unread} of {len(texts)} articles are not in English or Arabic, the languages Tally reads: "
            "they gave no claims, which does not mean no casualties")
