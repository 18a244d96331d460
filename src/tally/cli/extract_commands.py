"""`tally extract`: casualty claims from news text, without a project.

    tally extract article.txt --published 2025-03-12 [--json]
    tally extract page.html --published 2025-03-12 [--text]
    tally extract articles.jsonl            # {id, text, published} per line

A ``.jsonl`` file gives one JSON line per article, ``{"id": ..., "claims": [...]}``;
a single article prints its claims (``--json``: a JSON array). A web page is read
in its declared or detected encoding and reduced to its main text, which the
claims' offsets index (``--text`` prints it). Unreadable files, bad dates and bad
JSON lines are refused (exit 1) with the file and line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from tally.cli._shared import safe


def _line(c: dict) -> str:
    count = c["count_best"] if c["count_best"] is not None else c["count_low"]
    if c["count_best"] is None:
        count = f"{c['count_low']}–{c['count_high'] if c['count_high'] is not None else '?'}"
    parts = [f"{c['what']} {count} ({c['qualifier']})", c["victim_group"]]
    if c["place"]:
        parts.append(f"in {c['place']}")
    if c["date_start"]:
        parts.append(c["date_start"] if c["date_start"] == c["date_end"] else f"{c['date_start']}/{c['date_end']}")
    if c["perpetrator"]:
        parts.append(f"by {c['perpetrator']} [{c['attribution']}]")
    if c["cited_source"]:
        parts.append(f"per {c['cited_source']}")
    return " · ".join(str(p) for p in parts) + f"\n    “{c['evidence_text']}” @{c['evidence_start']}–{c['evidence_end']}"


def extract(
    article: Path = typer.Argument(..., help="An article (.txt, .html) or a .jsonl file of articles."),
    published: Optional[str] = typer.Option(None, help="Publication date YYYY-MM-DD (single article)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    show_text: bool = typer.Option(False, "--text", help="Print the text read (a web page's main text), "
                                   "which the claims' offsets index, before the claims."),
) -> None:
    """Propose casualty claims (counts, victims, place, date, perpetrator) from news text.

    Example:

        tally extract examples/page.html --published 2025-03-09 --text
    """
    from tally.extract import claims_of
    from tally.ingest.articles import read_document

    doc = read_document(article, published)
    if show_text:
        for art in doc.articles:
            typer.echo(safe(art.text, markup=False))
    for art_id, claims in claims_of(doc.articles):
        if art_id is not None:
            typer.echo(json.dumps({"id": art_id, "claims": claims}, ensure_ascii=False))
        elif as_json:
            typer.echo(json.dumps(claims, ensure_ascii=False, indent=1))
        else:
            how = (f" (web page in {doc.encoding}, {doc.encoding_source}; main text of "
                   f"{len(doc.articles[0].text):,} characters)" if doc.derived else "")
            typer.echo(safe(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} in {article}{how}",
                            markup=False))
            for c in claims:
                typer.echo(safe(_line(c), markup=False))
        _warn_if_arabic(doc, art_id, claims)


def _warn_if_arabic(doc, art_id, claims) -> None:
    """On stderr: an Arabic article was not read, so its claim count says nothing."""
    from tally.extract.language import arabic_warning

    text = next((a.text for a in doc.articles if a.id == art_id), "")
    warning = arabic_warning(text, len(claims))
    if warning:
        where = f"article {art_id}: " if art_id is not None else ""
        typer.echo(safe(f"warning: {where}{warning}", markup=False), err=True)


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
