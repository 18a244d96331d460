"""Text from lists and articles, made safe to show to a person.

A list or an article is written by someone else: a name can carry terminal
escape sequences (``ESC[2J`` clears the reviewer's screen, OSC 8 plants a
hyperlink), C1 controls, or Unicode bidi controls (U+202E shows a stored
"secrof tnemnrevog" as "government forces"). Tally keeps such text exactly as
received in the store; only what is *shown* passes through here, so that the
reviewer sees that the text holds a control instead of its effect.

Every control is replaced by its Python escape (``\\x1b``, ``\\u202e``): plain
ASCII, unambiguous, and what a developer would type to find it again.
Newlines and tabs are kept (an article's evidence sentence may hold them).
"""

from __future__ import annotations

import re

# Explicit directional formatting characters (Unicode bidi algorithm, UAX #9):
# ALM, LRM, RLM, embeddings and overrides (LRE RLE PDF LRO RLO), isolates.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# C0 except tab and newline, DEL, C1; bidi controls; line and paragraph
# separators (they break a terminal line where none is seen).
_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029]")


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise_bidi(text: str) -> str:
    """``text`` with every bidi control replaced by its visible escape (``\\u202e``)."""
    return _BIDI.sub(_escaped, text)


def visible_controls(text: str) -> str:
    """``text`` with control characters, escape sequences' introducers and bidi
    controls replaced by their visible escapes; everything else unchanged."""
    return _UNSAFE.sub(_escaped, text)


# Characters a terminal may act on that json.dumps(ensure_ascii=False) leaves raw
# (it escapes only C0): DEL, C1, bidi controls, line and paragraph separators.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}\u2028\u2029]")


def json_safe(text: str) -> str:
    """JSON text with the characters above written as ``\\uXXXX`` escapes: the same
    JSON once parsed, but nothing in it acts on the terminal it is printed to.
    (They can only occur inside JSON strings, where the escape means the same.)"""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
