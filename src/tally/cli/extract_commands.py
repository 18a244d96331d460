"""`tally extract`: casualty claims from news text, without a project.

    tally extract article.txt --published 2025-03-12 [--json]
    tally extract page.html --published 2025-03-12 [--text]
    tally extract articles.jsonl            # {id, text, published} per line

A ``.jsonl`` file gives one JSON line per article, ``{"id", "language", "main_count",
"warning", "claims"}``, ``main_count`` naming the claim it came from (its index); a
single article prints its language, main count and claims (``--json``: a JSON array of
claims, each with ``language`` and ``main``, the main count's claim ``main: true``).
Arabic and English are read; text in another language is named on stderr as not read. A web page is read
in its declared or detected encoding and reduced to its main text, which the
claims' offsets index (``--text`` prints it). Unreadable files, bad dates and bad
JSON lines are refused (exit 1) with the file and line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from tally.cli._shared import echo_json, safe


def _line(c: dict) -> str:
    count = c["count_best"] if c["count_best"] is not None else c["count_low"]
    if c["count_best"] is None:
        count = f"{c['count_low']}–{c['count_high'] if c['count_high'] is not None else '?'}"
    parts = [f"{c['what']} {count} ({c['qualifier']})"
             + (" [of them]" if c["scope"] == "subtotal" else "")
             + (" [period toll]" if c.get("cumulative") else ""), c["victim_group"]]
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
    from tally.extract.per_article import article_summary
    from tally.ingest.articles import read_document

    doc = read_document(article, published)
    if show_text:
        for art in doc.articles:
            typer.echo(safe(art.text, markup=False))
    texts = {a.id: a.text for a in doc.articles}
    for art_id, claims in claims_of(doc.articles):
        summary = article_summary(texts[art_id], claims)
        if art_id is not None:
            echo_json({"id": art_id, **summary})
        elif as_json:
            echo_json(claims, indent=1)
        else:
            how = (f" (web page in {doc.encoding}, {doc.encoding_source}; main text of "
                   f"{len(doc.articles[0].text):,} characters)" if doc.derived else "")
            typer.echo(safe(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} in {article}{how}; "
                            f"language {summary['language']}; main count {_main(summary['main_count'])}",
                            markup=False))
            for c in claims:
                typer.echo(safe(_line(c), markup=False))
        if summary["warning"]:
            where = f"article {art_id}: " if art_id is not None else ""
            typer.echo(safe(f"warning: {where}{summary['warning']}", markup=False), err=True)


def _main(m: dict | None) -> str:
    """The main count as a line shows it: "12 (claim 1)", "none"."""
    if m is None:
        return "none"
    n = m["killed_best"] if m["killed_best"] is not None else m["stated"]
    if n is None:
        n = f"{m['killed_low']}–{m['killed_high'] if m['killed_high'] is not None else '?'}"
    return f"{n} (claim {m['claim'] + 1}{', a period toll' if m['cumulative'] else ''})"


def register(app: typer.Typer) -> None:
    app.command("extract")(extract)
