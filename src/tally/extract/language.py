"""Which script a text is written in, so that a reader is told what was not read.

The extractor reads English news. An Arabic article gives no claims, and "0
proposed claims" would read as "no casualties in this article"; the warning
below says instead that the text was not read.
"""

from __future__ import annotations

import unicodedata


def arabic_share(text: str) -> float:
    """The share of the text's letters that are in Arabic script (0 when it has none)."""
    arabic = letters = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if "ARABIC" in unicodedata.name(ch, ""):
                arabic += 1
    return arabic / letters if letters else 0.0


def arabic_warning(text: str, claims: int) -> str | None:
    """A warning when Arabic text was not read: mostly Arabic (half its letters or more),
    or an Arabic part (a tenth or more) beside English; None otherwise."""
    share = arabic_share(text)
    if share >= 0.5:
        return (f"this text is in Arabic; Tally does not yet read Arabic news, so {claims} "
                f"claim{'s' if claims != 1 else ''} does not mean no casualties")
    if share >= 0.1:
        return (f"{share:.0%} of this text is in Arabic, which Tally does not yet read: "
                "claims made only in its Arabic part are missing")
    return None


def articles_warning(texts: list[str], claims: int) -> str | None:
    """:func:`arabic_warning` for one article; for several, how many are in Arabic."""
    if len(texts) == 1:
        return arabic_warning(texts[0], claims)
    arabic = sum(arabic_share(t) >= 0.5 for t in texts)
    if not arabic:
        return None
    return (f"{arabic} of {len(texts)} articles are in Arabic, which Tally does not yet read: "
            "they gave no claims, which does not mean no casualties")
