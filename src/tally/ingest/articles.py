"""Reading articles: one text or HTML file with its publication date, or a
JSON-lines file of ``{id, text, published}`` (optionally ``source``/``outlet``).

    from tally.ingest.articles import read_document
    doc = read_document("page.html", published="2025-03-12")
    doc.articles[0].text        # the page's main text, which claims' offsets index

A web page is read in its declared or detected encoding and reduced to its main
text (:mod:`.pages`); a plain text file is UTF-8 (with or without BOM), else
the legacy encoding :mod:`.encodings` detects. Everything is read and checked
before anything is stored; the claims are Extract's (:func:`tally.extract.claims_of`).
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tally.errors import IngestError
from tally.extract import claims_of
from tally.ingest.encodings import detect_encoding
from tally.ingest.errors import ArticleError
from tally.ingest.pages import METHOD as HTML_METHOD
from tally.ingest.pages import read_html

JSONL_SUFFIXES = (".jsonl", ".ndjson")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL)


class ArticleLine(NamedTuple):
    """One article: its id (None for a single-article file), text, publication date
    and the outlet that published it (a JSON line's ``source`` or ``outlet``)."""

    id: str | None
    text: str
    published: dt.date | None
    outlet: str | None = None


@dataclass
class ReadDocument:
    """What a received article file holds, as read."""

    media_type: str                      # text/plain | text/html | application/x-ndjson
    articles: list[ArticleLine]
    encoding: str | None = None          # of the bytes as received
    encoding_source: str | None = None   # bom | declared | detected (HTML pages)
    derived: bool = False                # the text is derived from the bytes (HTML), not the bytes themselves
    method: str | None = None            # how a derived text was made
    title: str | None = None
    notes: list[str] = field(default_factory=list)


def parse_published(value: object, *, file: str | None = None, line: int | None = None) -> dt.date:
    """A publication date ``YYYY-MM-DD``, or :class:`ArticleError`."""
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise ArticleError(f"published must be a date YYYY-MM-DD, not {value!r}", file=file, line=line) from None


def _outlet(obj: dict, path: Path, n: int) -> str | None:
    for key in ("outlet", "source"):
        v = obj.get(key)
        if v is None or v == "":
            continue
        if not isinstance(v, str) or not v.strip():
            raise ArticleError(f"{key} must be a text naming the outlet", file=str(path), line=n)
        return v.strip()
    return None


def read_articles(path: str | Path) -> Iterator[ArticleLine]:
    """One :class:`ArticleLine` for each line of a JSON-lines articles file."""
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror}", file=str(path)) from None
    with fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ArticleError(f"not JSON: {exc.msg}", file=str(path), line=n) from None
            if not isinstance(obj, dict):
                raise ArticleError("each line must be an object {id, text, published}", file=str(path), line=n)
            missing = [k for k in ("id", "text", "published") if k not in obj]
            if missing:
                raise ArticleError(f"missing {', '.join(missing)}", file=str(path), line=n)
            if not isinstance(obj["text"], str):
                raise ArticleError("text must be a string", file=str(path), line=n)
            yield ArticleLine(str(obj["id"]), obj["text"],
                              parse_published(obj["published"], file=str(path), line=n), _outlet(obj, path, n))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"cannot read: {exc.strerror}", file=str(path)) from None


def decode_text(data: bytes, filename: str = "") -> tuple[str, str]:
    """A plain-text article's ``(text, encoding)``: UTF-8 (BOM or not), else a detected legacy encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8):].decode("utf-8", "strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        codec = detect_encoding(data, filename)
        return data.decode(codec), codec
    except (IngestError, UnicodeDecodeError):
        raise ArticleError("not UTF-8 text, and no other encoding fits", file=filename or None) from None


def is_html(path: Path, data: bytes) -> bool:
    """A web page: by its name, or by how it begins."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:2048].lstrip(codecs.BOM_UTF8)))


def read_document(path: str | Path, published: dt.date | str | None = None) -> ReadDocument:
    """Read an article file (text, HTML) or a JSON-lines file of articles, checking everything."""
    path = Path(path)
    if path.suffix.lower() in JSONL_SUFFIXES:
        return ReadDocument("application/x-ndjson", list(read_articles(path)), encoding="utf-8")
    if published is None:
        raise ArticleError("--published YYYY-MM-DD is required for a single article", file=str(path))
    pub = published if isinstance(published, dt.date) else parse_published(published, file=str(path))
    data = _read_bytes(path)
    if is_html(path, data):
        page = read_html(data, str(path))
        return ReadDocument("text/html", [ArticleLine(None, page.text, pub)], encoding=page.encoding,
                            encoding_source=page.encoding_source, derived=True, method=HTML_METHOD,
                            title=page.title)
    text, encoding = decode_text(data, str(path))
    return ReadDocument("text/plain", [ArticleLine(None, text, pub)], encoding=encoding)


def extract_file(path: str | Path, published: dt.date | str | None = None) -> Iterator[tuple[str | None, list[dict]]]:
    """Claims of an article file: ``(None, claims)`` for a text or HTML file (offsets
    index its text: for a page, the main text :func:`read_document` derives), or
    ``(id, claims)`` per line of a ``.jsonl`` file (each claim also gets ``article_id``)."""
    yield from claims_of(read_document(path, published).articles)
