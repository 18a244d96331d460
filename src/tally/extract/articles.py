"""Reading articles: one text file with its publication date, or a JSON-lines file
of ``{id, text, published}``."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

from tally.extract.claims import extract_claims
from tally.extract.errors import ExtractError


def parse_published(value: object, *, file: str | None = None, line: int | None = None) -> dt.date:
    """A publication date ``YYYY-MM-DD``, or :class:`ExtractError`."""
    try:
        return dt.date.fromisoformat(str(value))
    except (TypeError, ValueError):
        raise ExtractError(f"published must be a date YYYY-MM-DD, not {value!r}", file=file, line=line) from None


def read_articles(path: str | Path) -> Iterator[tuple[str, str, dt.date]]:
    """``(id, text, published)`` for each line of a JSON-lines articles file."""
    path = Path(path)
    try:
        fh = path.open(encoding="utf-8")
    except OSError as exc:
        raise ExtractError(f"cannot read: {exc.strerror}", file=str(path)) from None
    with fh:
        for n, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ExtractError(f"not JSON: {exc.msg}", file=str(path), line=n) from None
            if not isinstance(obj, dict):
                raise ExtractError("each line must be an object {id, text, published}", file=str(path), line=n)
            missing = [k for k in ("id", "text", "published") if k not in obj]
            if missing:
                raise ExtractError(f"missing {', '.join(missing)}", file=str(path), line=n)
            if not isinstance(obj["text"], str):
                raise ExtractError("text must be a string", file=str(path), line=n)
            yield str(obj["id"]), obj["text"], parse_published(obj["published"], file=str(path), line=n)


def read_text(path: str | Path) -> str:
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractError(f"cannot read: {exc.strerror}", file=str(path)) from None
    except UnicodeDecodeError:
        raise ExtractError("not UTF-8 text", file=str(path)) from None


def extract_file(path: str | Path, published: dt.date | str | None = None) -> Iterator[tuple[str | None, list[dict]]]:
    """Claims of an article file: ``(None, claims)`` for a text file, or
    ``(id, claims)`` per line of a ``.jsonl`` file (each claim also gets ``article_id``)."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        for art_id, text, pub in read_articles(path):
            claims = extract_claims(text, pub)
            for c in claims:
                c["article_id"] = art_id
            yield art_id, claims
        return
    if published is None:
        raise ExtractError("--published YYYY-MM-DD is required for a single article", file=str(path))
    pub = published if isinstance(published, dt.date) else parse_published(published, file=str(path))
    yield None, extract_claims(read_text(path), pub)
