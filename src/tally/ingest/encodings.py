"""Which text encoding a received list is in.

Casualty lists reach a team as UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text"), and the Arabic legacy encodings Windows-1256 and ISO-8859-6.
Byte-order marks decide first; then strict UTF-8; then each legacy candidate is
decoded and scored by how Arabic (and how little mojibake) the text looks.
"""

from __future__ import annotations

import codecs

from tally.errors import IngestError

#: Encodings a user may name with --encoding, with their common aliases.
ALIASES = {
    "utf8": "utf-8",
    "utf-8": "utf-8",
    "utf-8-sig": "utf-8-sig",
    "utf16": "utf-16",
    "utf-16": "utf-16",
    "utf-16le": "utf-16-le",
    "utf-16-le": "utf-16-le",
    "utf-16be": "utf-16-be",
    "utf-16-be": "utf-16-be",
    "windows-1256": "cp1256",
    "cp1256": "cp1256",
    "arabic": "iso8859-6",
    "iso-8859-6": "iso8859-6",
    "iso8859-6": "iso8859-6",
    "windows-1252": "cp1252",
    "cp1252": "cp1252",
    "latin-1": "latin-1",
    "iso-8859-1": "latin-1",
}

_LEGACY = ("cp1256", "iso8859-6", "cp1252")
SAMPLE_BYTES = 1 << 20


def canonical_encoding(name: str) -> str:
    """Validate a user-given encoding name and return Python's codec name."""
    key = name.strip().lower()
    if key in ALIASES:
        return ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        raise IngestError(f"unknown encoding {name!r}") from None


def _arabic_score(text: str) -> int:
    """Arabic letters in Arabic words, minus what looks like mojibake.

    An Arabic letter touching an ASCII letter ("Josى") is how a Western
    accented letter reads in an Arabic code page, so it counts against.
    """
    arabic = latin_accents = controls = 0
    for i, ch in enumerate(text):
        code = ord(ch)
        if 0x0600 <= code <= 0x06FF:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
                arabic -= 2
            else:
                arabic += 1
        elif 0x00C0 <= code <= 0x00FF or code == 0x00D7:
            latin_accents += 1
        elif 0x0080 <= code <= 0x009F:
            controls += 1
    return arabic - 5 * latin_accents - 10 * controls


def detect_encoding(sample: bytes, filename: str = "") -> str:
    """Guess the encoding of a file from its first bytes.

    Raises :class:`IngestError` when no candidate decodes the sample.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = sample[:4096]
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0D))
    if controls > len(head) // 20:
        # UTF-16 without a BOM: Arabic letters give 0x06 bytes, ASCII gives NULs.
        utf16 = _plausible_utf16(head)
        if utf16:
            return utf16
        raise IngestError("binary data, not a text table", file=filename)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    scores = {}
    for candidate in _LEGACY:
        try:
            scores[candidate] = _arabic_score(sample.decode(candidate))
        except UnicodeDecodeError:
            continue
    if not scores:
        raise IngestError(
            "cannot tell the text encoding (not UTF-8, UTF-16, Windows-1256 or "
            "ISO-8859-6); give it with --encoding",
            file=filename,
        )
    best = max(scores, key=lambda c: scores[c])  # ties: the order of _LEGACY
    if scores[best] <= 0 and "cp1252" in scores:
        return "cp1252"  # no Arabic anywhere: a Western legacy file
    return best


def _plausible_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' if the bytes read as text in that form, else None."""
    head = head[: len(head) - len(head) % 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        if not text:
            continue
        readable = sum(
            1 for ch in text
            if ch.isspace() or 0x20 <= ord(ch) < 0x7F or 0x0600 <= ord(ch) <= 0x06FF
            or 0xA0 <= ord(ch) <= 0xFF
        )
        if readable / len(text) >= 0.95:
            return codec
    return None
