"""An article's language is kept with its document even when it gives no claims, so
that "no claims" can be told apart from "not read" later, not only on the day of ingest."""

from __future__ import annotations

import json

from tally.ingest.claims import ingest_article


def _ingested_details(project) -> dict:
    with project.connect() as con:
        (details,), = con.execute("SELECT details FROM audit_event WHERE action = 'document.ingested'").fetchall()
    return json.loads(details)


def test_language_of_an_article_without_claims_is_stored(project, tmp_path):
    f = tmp_path / "calm.txt"
    f.write_text("أعلنت المحافظة افتتاح مدرسة جديدة في حي الزراعة بمدينة اللاذقية صباح اليوم.\n",
                 encoding="utf-8")
    r = ingest_article(project, f, "snhr", published="2025-03-12")
    assert r.claims == 0
    assert _ingested_details(project)["languages"] == [[None, "ar"]]


def test_each_article_of_a_jsonl_file_keeps_its_language(project, tmp_path):
    lines = [{"id": "fr1", "published": "2025-03-12",
              "text": "Des affrontements ont éclaté dans la ville et plusieurs habitants ont fui vers le sud."},
             {"id": "ar1", "published": "2025-03-12", "text": "قتل ثلاثة مدنيين في قصف على بلدة الكفر."},
             {"id": "en1", "published": "2025-03-12",
              "text": "The council met on Monday to discuss the water supply of the town and its schools."}]
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    r = ingest_article(project, f, "snhr")
    assert r.claims == 1
    details = _ingested_details(project)
    assert details["languages"] == [["fr1", "und"], ["ar1", "ar"], ["en1", "en"]]
    assert details["unread"] == 1
