"""News web pages: encoding, main text without boilerplate, claims indexing that text,
and the page kept exactly as received beside its derived text."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tally.ingest.articles import read_document
from tally.ingest.claims import article_text, ingest_article
from tally.ingest.errors import ArticleError
from tally.ingest.pages import decode_html, declared_charset, html_text, read_html
from tally.store.audit import verify_audit

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
UTF8 = ARTICLES / "baniyas_utf8.html"
CP1256 = ARTICLES / "sweida_cp1256.html"


def test_utf8_page_main_text_leaves_out_scripts_navigation_and_boilerplate():
    doc = read_document(UTF8, "2025-03-10")
    text = doc.articles[0].text
    assert (doc.media_type, doc.encoding, doc.encoding_source) == ("text/html", "utf-8", "declared")
    assert text.startswith("Gunmen kill 12 Alawite civilians in Baniyas | Coastal Observer\n\n")
    for kept in ("At least 12 Alawite civilians were killed in Baniyas on Saturday, according to the "
                 "Syrian Observatory for Human Rights.",
                 "carrying out the killings; a spokesman",          # one <br> inside a paragraph
                 "\n\nFunerals\n\n",                                 # a heading is its own block
                 "The bodies of four women were found near the village of Al-Qusour."):
        assert kept in text
    for dropped in ("500 people", "40 people", "Home", "cookies", "Share", "20 killed in Aleppo",
                    "Hundreds of civilians killed in Homs", "Mourners", "7 offices"):
        assert dropped not in text
    assert text.count("Gunmen kill 12") == 1  # the <h1> repeating the title is not repeated


def test_windows_1256_page_with_a_meta_charset_is_read_in_it():
    raw = CP1256.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert declared_charset(raw) == "cp1256"
    doc = read_document(CP1256, "2025-07-16")
    text = doc.articles[0].text
    assert (doc.encoding, doc.encoding_source) == ("cp1256", "declared")
    assert text.startswith("مقتل مدنيين دروز في السويداء - Sweida killings\n\n")
    assert "قُتل ما لا يقل عن ثلاثين مدنياً من الطائفة الدرزية في مدينة السويداء يوم الثلاثاء." in text
    assert "الرئيسية" not in text and "1000 killed" not in text and "جميع الحقوق" not in text


def test_encoding_without_a_declaration_bom_and_a_wrong_declaration():
    body = "<p>قتل خمسة مدنيين في حمص.</p>"
    assert decode_html(("<html>" + body).encode("cp1256"))[1:] == ("cp1256", "detected")
    assert decode_html(codecs.BOM_UTF8 + body.encode("utf-8"))[1:] == ("utf-8-sig", "bom")
    # declared UTF-8, but the bytes are Windows-1256: detected instead of garbled
    wrong = ('<meta charset="utf-8">' + body).encode("cp1256")
    markup, codec, how = decode_html(wrong)
    assert (codec, how) == ("cp1256", "detected") and "خمسة" in markup
    assert declared_charset(b'<meta charset="ISO-8859-1">') == "cp1252"  # as browsers read it


def test_paragraph_structure_and_link_lists():
    text, title = html_text("<title>T</title><body><div>Loose text<p>One.<br><br>Two.</p>"
                            "<ul><li><a href='/x'>Other story one</a></li></ul>"
                            "<p>See <a href='/y'>this</a> report on the killings.</p></div>")
    assert title == "T"
    assert text == "T\n\nLoose text\n\nOne.\n\nTwo.\n\nSee this report on the killings.\n"
    assert html_text("")[0] == ""


@pytest.mark.parametrize("path,published", [(UTF8, "2025-03-10"), (CP1256, "2025-07-16")])
def test_claims_of_a_page_index_its_main_text(path, published):
    doc = read_document(path, published)
    text = doc.articles[0].text
    from tally.extract import claims_of

    ((_, claims),) = list(claims_of(doc.articles))
    assert claims
    for c in claims:
        assert text[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]
        assert text[c["count_start"]:c["count_end"]] in c["evidence_text"]
    main = max(claims, key=lambda c: c["killed_best"] or 0)
    assert main["killed_low"] in (12, 30) and main["victim_group"] in ("alawite civilians", "druze civilians")


def test_a_page_is_stored_as_received_and_its_text_beside_it(project, tmp_path):
    report = ingest_article(project, CP1256, "snhr", published="2025-07-16")
    assert (report.status, report.media_type, report.encoding) == ("ingested", "text/html", "cp1256")
    raw = CP1256.read_bytes()
    assert project.objects.read_bytes(report.sha256) == raw              # kept exactly as received
    text = read_html(raw).text
    assert project.objects.read_bytes(report.text_sha256) == text.encode("utf-8")
    assert article_text(project, report.sha256) == text
    with project.connect() as con:
        row = con.execute("SELECT text_sha256, media_type, encoding, encoding_source, method, chars "
                          "FROM document_text WHERE document_sha256 = ?", [report.sha256]).fetchall()
        assert row == [(report.text_sha256, "text/html", "cp1256", "declared", "html-main-text-1", len(text))]
        doc = con.execute("SELECT media_type, encoding, parser FROM document").fetchall()
        assert doc[0][:2] == ("text/html", "cp1256") and doc[0][2].endswith("+html-main-text-1")
        claims = con.execute("SELECT evidence_start, evidence_end, evidence_text, text_sha256 "
                             "FROM claim").fetchall()
        assert claims and all(text[s:e] == ev and t == report.text_sha256 for s, e, ev, t in claims)
        details = json.loads(con.execute("SELECT details FROM audit_event WHERE action = 'document.ingested'")
                             .fetchall()[0][0])
        assert details["text_sha256"] == report.text_sha256 and details["encoding"] == "cp1256"
        assert verify_audit(con, project.objects).ok
    assert ingest_article(project, CP1256, "snhr", published="2025-07-16").status == "duplicate"


def test_a_page_needs_its_publication_date_and_readable_bytes(tmp_path):
    with pytest.raises(ArticleError, match="--published"):
        read_document(UTF8)
    bad = tmp_path / "x.html"
    bad.write_bytes(b"\x81\x00\x9f\x01\x02" * 500)
    with pytest.raises(ArticleError, match="encoding"):
        read_document(bad, "2025-03-10")


def test_audit_verify_notices_a_changed_page_text(project):
    import os

    report = ingest_article(project, UTF8, "snhr", published="2025-03-09")
    path = project.objects.path_for(report.text_sha256)
    os.chmod(path, 0o644)
    data = bytearray(path.read_bytes())
    data[0] ^= 0x01
    path.write_bytes(bytes(data))
    with project.connect() as con:
        problems = verify_audit(con, project.objects).problems
    assert len(problems) == 1 and problems[0].startswith("text of document")
