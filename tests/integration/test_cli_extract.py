"""`tally extract`: one article, a JSON-lines file, and refused input."""

from __future__ import annotations

import json

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


def test_ingest_an_article_into_a_project_stores_proposed_claims(cli, tmp_path):
    from tally.project import Project

    proj = tmp_path / "proj"
    cli("init", proj)
    cli("-p", proj, "source", "add", "wire", "--name", "A wire service", "--kind",
        "news_outlet", "--reliability", "C")
    article = tmp_path / "article.txt"
    article.write_text("Gunmen killed at least 40 civilians in Baniyas on Friday, the Syrian "
                       "Observatory for Human Rights said.\n", encoding="utf-8")
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
