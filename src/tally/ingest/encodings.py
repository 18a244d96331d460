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
    arabic = latin_accents = controls = 0
    for ch in text:
        code = ord(ch)
        if 0x0600 <= code <= 0x06FF:
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
    if len(head) >= 4 and head.count(0) > len(head) // 4:
        # UTF-16 without a BOM: ASCII characters leave a NUL in every other byte.
        even_nuls = head[0::2].count(0)
        odd_nuls = head[1::2].count(0)
        return "utf-16-be" if even_nuls > odd_nuls else "utf-16-le"
    if b"\x00" in head:
        raise IngestError("binary data, not a text table", file=filename)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best, best_score = None, None
    for candidate in _LEGACY:
        try:
            text = sample.decode(candidate)
        except UnicodeDecodeError:
            continue
        score = _arabic_score(text)
        if best_score is None or score > best_score:
            best, best_score = candidate, score
    if best is None:
        raise IngestError(
            "cannot tell the text encoding (not UTF-8, UTF-16, Windows-1256 or "
            "ISO-8859-6); give it with --encoding",
            file=filename,
        )
    return best
