"""`tally extract`: one article, a JSON-lines file, and refused input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ARTICLE = ("Attack in Baniyas leaves dozens dead\nCoastal Observer\n\n"
           "Dozens of Alawite civilians were killed in Baniyas on Sunday, according to local activists. "
           "Activists shared hundreds of videos of the aftermath.\n")


def test_single_article_json(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = cli("extract", f, "--published", "2025-03-12", "--json")
    assert r.code == 0, r.err
    claims = json.loads(r.out)
    assert len(claims) == 1
    c = claims[0]
    assert (c["killed_low"], c["killed_best"], c["killed_high"]) == (24, None, 99)
    assert c["victim_group"] == "alawite civilians"
    assert c["date_start"] == "2025-03-09"
    assert ARTICLE[c["evidence_start"]:c["evidence_end"]] == c["evidence_text"]


def test_single_article_text(cli, tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = cli("extract", f, "--published", "2025-03-12")
    assert r.code == 0, r.err
    assert "1 claim" in r.out and "killed" in r.out


def test_jsonl_gives_one_line_per_article(cli, tmp_path):
    f = tmp_path / "arts.jsonl"
    rows = [{"id": "a1", "text": ARTICLE, "published": "2025-03-12"},
            {"id": "a2", "text": "Nothing happened today.", "published": "2025-03-12"}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    r = cli("extract", f, "--json")
    assert r.code == 0, r.err
    lines = [json.loads(x) for x in r.out.splitlines()]
    assert [x["id"] for x in lines] == ["a1", "a2"]
    assert len(lines[0]["claims"]) == 1 and lines[0]["claims"][0]["article_id"] == "a1"
    assert lines[1]["claims"] == []


@pytest.mark.parametrize("content,where", [
    ('{"id": "a1", "text": "x", "published": "2025-03-12"}\n{not json\n', "line 2"),
    ('{"id": "a1", "text": "x", "published": "12/03/2025"}\n', "line 1"),
    ('{"id": "a1", "text": "x"}\n', "line 1"),
    ('["a1"]\n', "line 1"),
])
def test_bad_jsonl_is_refused_with_its_line(cli, tmp_path, content, where):
    f = tmp_path / "arts.jsonl"
    f.write_text(content, encoding="utf-8")
    r = cli("extract", f)
    assert r.code == 1
    assert "arts.jsonl" in r.err and where in r.err


def test_missing_file_bad_date_and_missing_date(cli, tmp_path):
    r = cli("extract", tmp_path / "none.txt", "--published", "2025-03-12")
    assert r.code == 1 and "none.txt" in r.err
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    r = cli("extract", f, "--published", "2025-13-01")
    assert r.code == 1 and "published" in r.err
    r = cli("extract", f)
    assert r.code == 1 and "--published" in r.err


def _wire_project(cli, tmp_path):
    """A project with a news-outlet source and an article file beside it."""
    proj = tmp_path / "proj"
    cli("init", proj)
    cli("-p", proj, "source", "add", "wire", "--name", "A wire service", "--kind",
        "news_outlet", "--reliability", "C")
    article = tmp_path / "article.txt"
    article.write_text("Gunmen killed at least 40 civilians in Baniyas on Friday, the Syrian "
                       "Observatory for Human Rights said.\n", encoding="utf-8")
    return proj, article


def test_ingest_an_article_into_a_project_stores_proposed_claims(cli, tmp_path):
    from tally.project import Project

    proj, article = _wire_project(cli, tmp_path)
    result = cli("-p", proj, "ingest", article, "--source", "wire", "--published", "2025-03-09")
    assert result.code == 0, result.err
    assert "stored 1 article(s), 1 proposed claims" in result.out
    with Project.open(proj).connect() as con:
        low, status = con.execute("SELECT killed_low, review_status FROM claim").fetchall()[0]
    assert (low, status) == (40, "proposed")
    assert cli("-p", proj, "audit", "verify").code == 0
    mixed = cli("-p", proj, "ingest", article, "--source", "wire", "--published", "2025-03-09",
                "--dry-run")
    assert mixed.code == 2


PAGES = Path(__file__).resolve().parents[1] / "data" / "articles"


def test_extract_a_web_page_in_windows_1256(cli):
    page = PAGES / "sweida_cp1256.html"
    r = cli("extract", page, "--published", "2025-07-16", "--text")
    assert r.code == 0, r.err
    assert r.out.startswith("مقتل مدنيين دروز في السويداء - Sweida killings\n")
    assert "1 claim in" in r.out and "web page in cp1256, declared" in r.out
    assert "druze civilians" in r.out and "1000" not in r.out
    r = cli("extract", page, "--published", "2025-07-16", "--json")
    from tally.ingest.pages import read_html

    text = read_html(page.read_bytes()).text
    assert [text[c["evidence_start"]:c["evidence_end"]] for c in json.loads(r.out)] == \
        ["At least 30 Druze civilians were killed in Sweida on Tuesday, local activists said."]


def test_ingest_a_web_page_keeps_it_as_received(cli, tmp_path):
    from tally.ingest import article_text
    from tally.project import Project

    proj = tmp_path / "proj"
    cli("init", proj)
    cli("-p", proj, "source", "add", "obs", "--name", "Coastal Observer", "--kind", "news_outlet",
        "--reliability", "C")
    page = PAGES / "baniyas_utf8.html"
    r = cli("-p", proj, "ingest", page, "--source", "obs")          # a page is an article: it needs its date
    assert r.code == 1 and "--published" in r.err
    r = cli("-p", proj, "ingest", page, "--source", "obs", "--published", "2025-03-10", "--json")
    assert r.code == 0, r.err
    report = json.loads(r.out)
    assert (report["media_type"], report["encoding"], report["claims"]) == ("text/html", "utf-8", 2)
    project = Project.open(proj)
    assert project.objects.read_bytes(report["sha256"]) == page.read_bytes()
    text = article_text(project, report["sha256"])
    with project.connect() as con:
        for s, e, ev in con.execute("SELECT evidence_start, evidence_end, evidence_text FROM claim").fetchall():
            assert text[s:e] == ev
    assert cli("-p", proj, "audit", "verify").code == 0


def _project_with_a_claim(cli, tmp_path):
    from tally.project import Project

    proj, article = _wire_project(cli, tmp_path)
    assert cli("-p", proj, "ingest", article, "--source", "wire",
               "--published", "2025-03-09").code == 0
    with Project.open(proj).connect() as con:
        (claim_id,), = con.execute("SELECT claim_id FROM claim").fetchall()
    return proj, claim_id


def test_review_claims_lists_proposed_claims_with_their_evidence(cli, tmp_path):
    proj, claim_id = _project_with_a_claim(cli, tmp_path)
    shown = cli("-p", proj, "review", "claims")
    assert shown.code == 0, shown.err
    assert claim_id in shown.out and "Gunmen" in shown.out and "proposed" in shown.out
    listed = json.loads(cli("-p", proj, "review", "claims", "--json").out)
    assert [c["claim_id"] for c in listed] == [claim_id]
    assert {s["slot"]: s["text"] for s in listed[0]["spans"]}["count"] == "at least 40 civilians"
    assert listed[0]["evidence_text"].startswith("Gunmen killed at least 40")


def test_review_claim_accept_edit_reject(cli, tmp_path):
    from tally.project import Project

    proj, claim_id = _project_with_a_claim(cli, tmp_path)
    edit = cli("-p", proj, "review", "claim", claim_id, "edit", "--killed-low", "35",
               "--killed-best", "38", "--killed-high", "45", "--perpetrator", "armed men",
               "--attribution", "alleged", "--note", "later SOHR count")
    assert edit.code == 0, edit.err
    assert cli("-p", proj, "review", "claims", "--json").out.strip() == "[]"
    (c,) = json.loads(cli("-p", proj, "review", "claims", "--all", "--json").out)
    assert c["status"] == "edited"
    assert (c["values"]["killed_low"], c["values"]["killed_best"], c["values"]["killed_high"],
            c["values"]["perpetrator"]) == (35, 38, 45, "armed men")
    assert c["decisions"][0]["note"] == "later SOHR count" and c["decisions"][0]["decided_by"]
    with Project.open(proj).connect() as con:
        low, perp, proposal = con.execute(
            "SELECT killed_low, perpetrator, proposal FROM claim").fetchall()[0]
    assert (low, perp, json.loads(proposal)["killed_low"]) == (40, "Gunmen", 40)
    assert cli("-p", proj, "review", "claim", claim_id, "reject", "--note", "duplicate").code == 0
    (c,) = json.loads(cli("-p", proj, "review", "claims", "--all", "--json").out)
    assert c["status"] == "rejected" and [d["verdict"] for d in c["decisions"]] == ["edit", "reject"]
    assert cli("-p", proj, "review", "claim", claim_id, "accept").code == 0
    assert cli("-p", proj, "audit", "verify").code == 0


def test_review_claim_refuses_unknown_claims_and_verdicts(cli, tmp_path):
    proj, claim_id = _project_with_a_claim(cli, tmp_path)
    unknown = cli("-p", proj, "review", "claim", "nope-1", "accept")
    assert unknown.code == 1 and "no claim nope-1" in unknown.err
    assert cli("-p", proj, "review", "claim", claim_id, "maybe").code in (1, 2)
    assert cli("-p", proj, "review", "claim", claim_id, "edit").code == 1
    assert cli("-p", proj, "review", "claim", claim_id, "edit", "--killed-best", "-3").code == 2
    assert cli("-p", proj, "review", "claim", claim_id, "edit", "--killed-best", "10").code == 1
    assert json.loads(cli("-p", proj, "review", "claims", "--json").out)[0]["status"] == "proposed"
    assert cli("-p", proj, "audit", "verify").code == 0


def test_jsonl_carries_each_articles_language_and_main_count(cli, tmp_path):
    f = tmp_path / "arts.jsonl"
    rows = [{"id": "ar1", "published": "2025-03-12",
             "text": "وثّق المرصد السوري لحقوق الإنسان مقتل ١٢ شخصاً، بينهم ٣ أطفال، جراء قصف على مدينة جبلة أمس. "
                     "وبذلك ترتفع حصيلة القتلى منذ بداية العام إلى 287 شخصاً."},
            {"id": "en1", "published": "2025-03-12", "text": ARTICLE},
            {"id": "fr1", "published": "2025-03-12",
             "text": "Le bombardement a fait douze morts et des dizaines de blessés dans la ville selon les secouristes."}]
    f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    r = cli("extract", f)
    assert r.code == 0, r.err
    ar, en, fr = (json.loads(x) for x in r.out.splitlines())
    assert (ar["language"], en["language"], fr["language"]) == ("ar", "en", "und")
    main = ar["main_count"]
    assert main["killed_best"] == 12 and not main["cumulative"]
    assert ar["claims"][main["claim"]]["main"] and ar["claims"][main["claim"]]["count_best"] == 12
    assert any(c["cumulative"] and c["count_best"] == 287 for c in ar["claims"])
    assert fr["main_count"] is None and fr["claims"] == [] and "not in English or Arabic" in fr["warning"]
    assert "article fr1: " in r.err and "does not mean no casualties" in r.err


def test_single_article_says_its_language_and_main_count(cli, tmp_path):
    f = tmp_path / "ar.txt"
    f.write_text("قُتل شخصان وأصيب ثلاثة آخرون بانفجار عبوة ناسفة في مدينة جبلة أمس.", encoding="utf-8")
    r = cli("extract", f, "--published", "2025-03-12")
    assert r.code == 0, r.err
    assert "language ar; main count 2 (claim 1)" in r.out and r.err == ""
    claims = json.loads(cli("extract", f, "--published", "2025-03-12", "--json").out)
    assert [c["main"] for c in claims] == [True, False] and {c["language"] for c in claims} == {"ar"}
