"""Which text encoding a received list is in.

Casualty lists reach a team as UTF-8 (with or without BOM), UTF-16 (Excel's
"Unicode text"), and the Arabic legacy encodings Windows-1256 and ISO-8859-6.
Byte-order marks decide first; then strict UTF-8; then each legacy candidate is
decoded and scored by how Arabic (and how little mojibake) the text looks.

A list that is overwhelmingly UTF-8 with a few stray bytes (one pasted name, a
row typed on an old machine) is still UTF-8 when the caller asks for that
tolerance (``stray_bytes_ok``): reading it as Windows-1256 would turn every
Arabic name into mojibake (محمد → ظ…ط­ظ…ط¯) to accommodate a handful of bytes. The
list reader then quarantines the rows that hold the stray bytes.
:func:`mojibake_pairs` recognises text that is UTF-8 Arabic read as Windows-1256.
"""

from __future__ import annotations

import codecs
import re

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

#: Readable names for the codecs Tally detects, for messages.
LABELS = {
    "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
    "utf-16-be": "UTF-16", "utf-32": "UTF-32", "cp1256": "Windows-1256",
    "iso8859-6": "ISO-8859-6", "cp1252": "Windows-1252", "latin-1": "Latin-1",
}

#: Valid UTF-8 multi-byte characters needed per undecodable byte for one line
#: to count as UTF-8 with a stray byte. A Windows-1256 Arabic line has almost no
#: valid multi-byte UTF-8 sequences, so any ratio well above 1 separates them.
UTF8_MAJORITY = 10

# UTF-8 encodes Arabic letters as 0xD8/0xD9 followed by a byte 0x80-0xBF. Read as
# Windows-1256, 0xD8 is ط and 0xD9 is ظ, and the second byte one of these.
_MOJIBAKE_TAIL = bytes(range(0x80, 0xC0)).decode("cp1256")
_MOJIBAKE = re.compile("[\u0637\u0638][" + re.escape(_MOJIBAKE_TAIL) + "]")


def label(codec: str) -> str:
    """A codec's name as a user knows it (Windows-1256, not cp1256)."""
    return LABELS.get(codec, codec)


def may_be_mojibake(text: str) -> bool:
    """A quick test (C speed over a whole block) before :func:`mojibake_pairs`."""
    return _MOJIBAKE.search(text) is not None


def mojibake_pairs(text: str) -> int:
    """How many ط/ظ + tail pairs in ``text`` are UTF-8 Arabic read as Windows-1256.

    Returns 0 unless such pairs make up most of the text's Arabic-script
    letters: genuine Arabic puts one of those tails after ط or ظ only rarely
    ("ضابط،"), mojibake does it for every letter ("علي" → "ط¹ظ„ظٹ").
    """
    if "\u0637" not in text and "\u0638" not in text:
        return 0
    pairs = len(_MOJIBAKE.findall(text))
    if pairs < 2:
        return 0
    arabic = sum(1 for ch in text if 0x0600 <= ord(ch) <= 0x06FF)
    return pairs if 2 * pairs >= arabic * 0.6 else 0


def utf8_with_stray_bytes(sample: bytes) -> bool:
    """True when ``sample`` is UTF-8 text in which a few bytes do not decode.

    Lines decide: when most lines with letters beyond ASCII are valid UTF-8,
    the file is UTF-8 and the other lines are strays (a legacy Arabic or
    Western line is practically never valid UTF-8, so a genuine legacy file
    has no such majority). A sample of one such line is judged by its bytes:
    many valid multi-byte characters against few undecodable bytes.
    """
    lines = [ln for ln in sample.splitlines() if not ln.isascii()]
    if len(sample) >= SAMPLE_BYTES and lines:
        lines.pop()  # the sample may cut its last line inside a character
    if len(lines) >= 2:
        valid = 0
        for line in lines:
            try:
                line.decode("utf-8")
                valid += 1
            except UnicodeDecodeError:
                pass
        return valid > len(lines) - valid
    text = codecs.getincrementaldecoder("utf-8")("surrogateescape").decode(sample, final=False)
    stray = sum(1 for ch in text if 0xDC80 <= ord(ch) <= 0xDCFF)
    valid = sum(1 for ch in text if ord(ch) > 0x7F) - stray
    return valid > 0 and valid >= UTF8_MAJORITY * stray


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


def detect_encoding(sample: bytes, filename: str = "", *, stray_bytes_ok: bool = False) -> str:
    """Guess the encoding of a file from its first bytes.

    With ``stray_bytes_ok``, a sample that is overwhelmingly UTF-8 with a few
    undecodable bytes is UTF-8 (the caller must then deal with those bytes).
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
    if stray_bytes_ok and utf8_with_stray_bytes(sample):
        return "utf-8"
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
