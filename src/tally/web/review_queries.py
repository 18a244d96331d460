"""Reads the review pages need that no stage function answers yet (as W1's
:mod:`tally.web.queries`): the stored incidents of the latest run, largest first;
the article text around a claim's evidence sentence.

When the incident stage grows a list function for the CLI, the page should call
that instead and this goes.
"""

from __future__ import annotations

import json

from tally.errors import TallyError
from tally.store.runs import latest_run

INCIDENT_COLUMNS = ("incident_id", "date_start", "date_end", "place_id", "victim_group",
                    "killed_low", "killed_best", "killed_high", "documented", "claims", "records")


def stored_incidents(project, limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
    """The latest incident run's incidents (largest first) and how many there are;
    ``([], -1)`` when incidents were never built."""
    with project.connect(read_only=True) as con:
        if not latest_run(con, "incident_run"):
            return [], -1
        total = con.execute("SELECT count(*) FROM incident").fetchall()[0][0]
        rows = con.execute(
            f"""SELECT {', '.join(INCIDENT_COLUMNS)} FROM incident
                ORDER BY coalesce(killed_best, documented) DESC, documented DESC, incident_id
                LIMIT ? OFFSET ?""", [limit, offset]).fetchall()
        perps = con.execute(
            "SELECT incident_id, perpetrator, grade FROM incident_perpetrator "
            "ORDER BY incident_id, perpetrator").fetchall()
    found = [dict(zip(INCIDENT_COLUMNS, r)) for r in rows]
    by_id: dict[str, list] = {}
    for iid, perp, grade in perps:
        by_id.setdefault(iid, []).append({"perpetrator": perp, "grade": grade})
    for item in found:
        item["date_start"] = str(item["date_start"]) if item["date_start"] else None
        item["date_end"] = str(item["date_end"]) if item["date_end"] else None
        item["perpetrators"] = by_id.get(item["incident_id"], [])
    return found, total


#: characters of the article shown on either side of a claim's evidence sentence
CONTEXT_CHARS = 1200


def _article(project, document: str, article_id: str | None, cache: dict) -> str | None:
    """The text a claim's offsets index: the article's own text (a line of a
    JSON-lines file, found by its id), else the document's (``article_text``)."""
    from tally.ingest.claims import article_text

    key = (document, article_id)
    if key in cache:
        return cache[key]
    text = None
    try:
        if article_id is None:
            text = article_text(project, document)
        else:
            if document not in cache:
                cache[document] = project.objects.read_bytes(document).decode("utf-8", "replace")
            for line in cache[document].splitlines():
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except ValueError:
                    continue
                if isinstance(obj, dict) and str(obj.get("id")) == article_id:
                    text = obj.get("text") if isinstance(obj.get("text"), str) else None
                    break
    except (TallyError, OSError, UnicodeDecodeError):
        text = None
    cache[key] = text
    return text


def claim_contexts(project, claim_ids: list[str]) -> dict[str, tuple[str, str]]:
    """For each claim whose article text can be read, the article text just before
    and just after its evidence sentence (at most CONTEXT_CHARS each side), so the
    page shows the sentence, spans marked, in its article. Claims whose sentence is
    not where the offsets say are left out (the page then shows the sentence alone)."""
    if not claim_ids:
        return {}
    with project.connect(read_only=True) as con:
        rows = con.execute(
            f"""SELECT claim_id, document_sha256, article_id, evidence_start, evidence_end,
                       evidence_text
                FROM claim WHERE claim_id IN ({', '.join('?' * len(claim_ids))})""",
            list(claim_ids)).fetchall()
    cache: dict = {}
    found = {}
    for cid, document, article_id, start, end, evidence in rows:
        text = _article(project, document, article_id, cache)
        if text is None or start is None or end is None or text[start:end] != evidence:
            continue
        before = text[max(0, start - CONTEXT_CHARS):start]
        after = text[end:end + CONTEXT_CHARS]
        found[cid] = ("…" + before if start > CONTEXT_CHARS else before,
                      after + "…" if end + CONTEXT_CHARS < len(text) else after)
    return found
