"""The command line as a user (and a hostile list) meets it.

Text from lists and articles is printed literally: Rich markup, terminal
escape sequences and bidi controls in a name reach the reviewer as visible
text, never as their effect. Every failure a user can provoke with a bad
option ends in a one-line message and exit 1 (or 2 for Click's own usage
errors), never a traceback.
"""

from __future__ import annotations

import json
import re

import pytest

from tally.link import LinkSettings, link_project
from tally.project import Project
from tally.sources import add_source

ESC_CLEAR = "\x1b[2J"
OSC8 = "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"
RLO = "\u202e"

NAMES = [
    "Khalil [/] Mahmoud Hasan",
    "Ahmad [son of Ali] Hasan",
    f"Omar {ESC_CLEAR}Mahmoud Hasan",
    f"Salim {OSC8} Haddad",
    f"{RLO}Nour Haddad",
]


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch):
    """Tables as wide as their text, so that a name is not folded across lines."""
    monkeypatch.setenv("COLUMNS", "250")


def _write(path, rows):
    path.write_text("name,age,date_of_death,place\n"
                    + "".join(f"{n},{a},{d},{p}\n" for n, a, d, p in rows), encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """Two lists naming the same hostile names with different details: linked, with
    doubtful pairs in the review queue."""
    from tally.ingest import ingest_file

    root = tmp_path_factory.mktemp("hostile")
    p = Project.init(root / "proj")
    for sid in ("snhr", "vdc"):
        add_source(p, sid, name=f"{sid} [bold]list[/]", kind="rights_group_list",
                   reliability="B")
    _write(root / "a.csv", [(n, 40, "2025-03-07", "Jableh") for n in NAMES])
    _write(root / "b.csv", [(n, 47, "2025-03-07", "Jableh") for n in NAMES])
    ingest_file(p, root / "a.csv", "snhr")
    ingest_file(p, root / "b.csv", "vdc")
    link_project(p, LinkSettings())
    return p.root


def _record_of(project_root, name: str) -> str:
    with Project.open(project_root).connect(read_only=True) as con:
        # by the name as written: ingest removes control characters from the mapped name
        return con.execute("SELECT min(record_id) FROM victim_record "
                           "WHERE json_extract_string(raw, '$.name') = ?", [name]).fetchall()[0][0]


def _no_raw_controls(text: str) -> None:
    assert "\x1b" not in text and RLO not in text and "\x9b" not in text


def test_person_shows_square_brackets_as_written(cli, hostile):
    result = cli("-p", hostile, "person", _record_of(hostile, NAMES[1]))
    assert result.code == 0, result.err
    assert "Ahmad [son of Ali] Hasan" in result.out
    assert "Ahmad  Hasan" not in result.out


def test_review_does_not_crash_on_a_closing_tag_in_a_name(cli, hostile):
    result = cli("-p", hostile, "review", "--limit", "20")
    assert result.code == 0, result.err
    assert "Khalil [/] Mahmoud Hasan" in result.out


@pytest.mark.parametrize("name, shown", [
    (NAMES[2], "Omar \\x1b[2JMahmoud Hasan"),
    (NAMES[3], "\\x1b]8;;https://evil.example\\x1b\\click"),
    (NAMES[4], "\\u202eNour Haddad"),
])
def test_person_shows_escape_sequences_and_bidi_controls_visibly(cli, hostile, name, shown):
    result = cli("-p", hostile, "person", _record_of(hostile, name))
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    assert shown in result.out


def test_review_shows_escape_sequences_visibly(cli, hostile):
    result = cli("-p", hostile, "review", "--limit", "20")
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    # the mapped name, shown here, has its control characters removed at ingest (and
    # noted as a problem); were one left, it would be shown as \x1b
    assert re.search(r"Omar (\\x1b)?\[2JMahmoud Hasan", result.out), result.out


def test_status_shows_source_names_as_written(cli, hostile):
    result = cli("-p", hostile, "status")
    assert result.code == 0, result.err
    assert "snhr [bold]list[/]" in result.out


@pytest.mark.parametrize("name", [NAMES[2], NAMES[4]])
def test_json_output_stays_json_and_acts_on_no_terminal(cli, hostile, name):
    result = cli("-p", hostile, "person", _record_of(hostile, name), "--json")
    assert result.code == 0, result.err
    _no_raw_controls(result.out)  # U+202E written as \u202e: the same JSON once parsed
    view = json.loads(result.out)
    assert any(m["raw"].get("name") == name for m in view["members"])


def test_extract_text_output_shows_controls_visibly(cli, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(f"Gunmen killed 5 civilians in Jableh{ESC_CLEAR} on Friday, "
                       f"said the {RLO}observatory.", encoding="utf-8")
    result = cli("extract", article, "--published", "2025-03-09")
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    assert "\\x1b[2J" in result.out


def test_normalize_echo_shows_controls_visibly(cli):
    result = cli("normalize", "place", f"Nowhere{ESC_CLEAR}")
    assert result.code == 0, result.err
    _no_raw_controls(result.out)
    assert "Nowhere\\x1b[2J" in result.out


# -- errors at the edge: a bad value is a message and exit 1 (2: Click's usage errors) --

def _fake_simulation(root):
    (root / "sim" / "truth").mkdir(parents=True)
    (root / "sim" / "truth" / "records.csv").write_text("record_id,person_id,source,errors\n",
                                                         encoding="utf-8")
    (root / "bad.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (root / "big.csv").write_text("a,b,count\n1,0,99999999999999999999\n0,1,20\n1,1,5\n",
                                  encoding="utf-8")
    (root / "afile").write_text("not a folder", encoding="utf-8")
    return root


@pytest.mark.parametrize("args, code, says", [
    (["-p", "{proj}", "link", "--threshold", "0.005"], 1, "--threshold 0.005"),
    (["-p", "{proj}", "link", "--threshold", "2"], 1, "strictly between 0 and 1"),
    (["dedupe", "{tmp}/bad.csv", "--out", "{tmp}/c.csv", "--threshold", "-1"], 1,
     "strictly between 0 and 1"),
    (["-p", "{proj}", "review", "--limit", "-1"], 2, "--limit"),
    (["-p", "{proj}", "review", "claims", "--limit", "-5"], 2, "--limit"),
    (["-p", "{proj}", "estimate", "--min-observed", "-3"], 2, "--min-observed"),
    (["mse", "{tmp}/big.csv"], 1, "count 99999999999999999999 is above"),
    (["score", "{tmp}/nowhere"], 1, "not a folder written by `tally simulate`"),
    (["score", "{tmp}/sim", "--clusters", "{tmp}/bad.csv"], 1, "needs the columns record_id"),
    (["score", "{tmp}/sim", "--claims", "{tmp}/bad.csv"], 1, "not a JSON array of claims"),
    (["init", "{tmp}/afile/proj"], 1, "afile/proj"),
    (["-p", "{proj}", "incidents", "--status", "bogus"], 1, "claim status 'bogus'"),
])
def test_bad_values_end_in_a_message_not_a_traceback(cli, hostile, tmp_path, args, code, says):
    root = _fake_simulation(tmp_path)
    result = cli(*(a.format(proj=hostile, tmp=root) for a in args))
    assert result.code == code, (result.out, result.err)
    assert says in " ".join(result.err.split()), result.err
    assert "Traceback" not in result.err


def test_link_not_on_a_terminal_prints_its_steps_with_timings(cli, hostile):
    result = cli("-p", hostile, "link")
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    assert any(re.match(r"Linking: clustering [\d,]+ pairs \(at ", line) for line in lines), result.err
    assert lines[-1].startswith("Linking: done in ")


def test_review_says_how_many_pairs_it_shows_of_how_many(cli, hostile):
    total = len(json.loads(cli("-p", hostile, "review", "--json", "--limit", "100").out))
    assert total > 2
    result = cli("-p", hostile, "review", "--limit", "2", "--order", "doubt")
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert f"Showing 2 of {total} doubtful pairs, most doubtful first" in text
    assert f"--limit {total} shows all" in text
    shown = [float(p) for p in re.findall(r"p=([0-9.]+)", result.out)]
    assert [abs(p - 0.5) for p in shown] == sorted(abs(p - 0.5) for p in shown)


def test_quarantine_lists_each_row_with_its_line_and_problem(cli, project, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('name,age\nSami Nasser,30\n"unterminated,2\n,5\n', encoding="utf-8")
    assert cli("-p", project.root, "ingest", bad, "--source", "snhr").code == 0
    result = cli("-p", project.root, "quarantine")
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "1 quarantined rows" in text and "bad.csv │ 2 │ 3 │" in text
    assert "has 1 fields, the header has 2" in text
    rows = json.loads(cli("-p", project.root, "quarantine", "--document", "bad.csv", "--json").out)
    assert [(r["row"], r["line"]) for r in rows] == [(2, 3)]


def test_problems_are_grouped_with_counts_and_records(cli, project, tmp_path):
    flagged = tmp_path / "flagged.csv"
    flagged.write_text("name,age\nSami Nasser,abc\nOmar Nasser,xyz\nAli Nasser,30\n",
                       encoding="utf-8")
    assert cli("-p", project.root, "ingest", flagged, "--source", "snhr").code == 0
    result = cli("-p", project.root, "problems")
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "│ 2 │ ingest │ age is not a number, a range or a known word │" in text
    assert "flagged.csv row 1" in text and "flagged.csv row 2" in text
    assert cli("-p", project.root, "problems", "--document", "nope").code == 1


def test_extract_reads_arabic_and_says_what_it_cannot_read(cli, tmp_path):
    article = tmp_path / "ar.txt"
    article.write_text("قُتل ما لا يقل عن ثلاثين مدنياً من الطائفة الدرزية في مدينة السويداء "
                       "يوم الثلاثاء.\n", encoding="utf-8")
    result = cli("extract", article, "--published", "2025-07-16")
    assert result.code == 0, result.err
    assert "1 claim" in result.out and "language ar" in result.out and result.err == ""
    french = tmp_path / "fr.txt"
    french.write_text("Au moins trente civils ont été tués mardi dans la ville de Soueïda, selon une ONG.",
                      encoding="utf-8")
    result = cli("extract", french, "--published", "2025-07-16")
    assert "0 claims" in result.out
    assert ("this text is not in English or Arabic, the languages Tally reads, so 0 claims does "
            "not mean no casualties") in result.err
    english = tmp_path / "en.txt"
    english.write_text("Gunmen killed 5 civilians in Jableh on Friday.", encoding="utf-8")
    assert "warning" not in cli("extract", english, "--published", "2025-03-09").err


def test_ingest_of_an_article_in_an_unread_language_says_so(cli, project, tmp_path):
    from tally.sources import add_source

    add_source(project, "sana", name="SANA", kind="news_outlet", reliability="C")
    article = tmp_path / "ar.txt"
    article.write_text("قُتل ما لا يقل عن ثلاثين مدنياً من الطائفة الدرزية في مدينة السويداء "
                       "يوم الثلاثاء.\n", encoding="utf-8")
    result = cli("-p", project.root, "ingest", article, "--source", "sana",
                 "--published", "2025-07-16")
    assert result.code == 0, result.err
    assert "1 proposed claim" in result.out and "warning" not in result.err
    french = tmp_path / "fr.txt"
    french.write_text("Au moins trente civils ont été tués mardi dans la ville de Soueïda, selon une ONG.",
                      encoding="utf-8")
    result = cli("-p", project.root, "ingest", french, "--source", "sana", "--published", "2025-07-16")
    assert result.code == 0, result.err
    assert "0 proposed claims" in result.out
    assert "not in English or Arabic, the languages Tally reads, so 0 claims does not mean no casualties" in (
        " ".join(result.err.split()))


def test_person_names_the_line_a_user_finds_the_record_on(cli, project, tmp_path):
    from tally.link.persons import person_view

    listed = tmp_path / "titled.csv"
    listed.write_text("Victims of the coast, March 2025\nCompiled by the team\n"
                      "name,age,date_of_death,place\nSami Nasser,30,2025-03-07,Jableh\n",
                      encoding="utf-8")
    mapping = tmp_path / "titled.toml"
    mapping.write_text('[options]\nheader_row = 3\n\n[fields]\nname = "name"\nage = "age"\n'
                       'date_of_death = "date_of_death"\nplace = "place"\n', encoding="utf-8")
    ingested = cli("-p", project.root, "ingest", listed, "--source", "snhr", "--mapping", mapping)
    assert ingested.code == 0, ingested.err
    assert cli("-p", project.root, "link").code == 0
    with project.connect(read_only=True) as con:
        (record,) = con.execute("SELECT record_id FROM victim_record").fetchone()
    assert person_view(project, record).members[0].line_number == 4
    result = cli("-p", project.root, "person", record)
    assert result.code == 0, result.err
    assert "titled.csv row 1 (line 4)" in result.out


def test_ingest_shows_a_file_name_with_markup_as_written(cli, project, tmp_path):
    listed = tmp_path / "[red]list.csv"
    listed.write_text("name,age\nSami Nasser,30\n", encoding="utf-8")
    result = cli("-p", project.root, "ingest", listed, "--source", "snhr")
    assert result.code == 0, result.err
    assert "[red]list.csv: ingested 1 records" in result.out
    again = cli("-p", project.root, "ingest", listed, "--source", "snhr")
    assert "as [red]list.csv at" in " ".join(again.out.split())


def test_review_claims_and_incidents_show_hostile_article_text_as_written(cli, project, tmp_path):
    from tally.sources import add_source

    add_source(project, "sana", name="SANA", kind="news_outlet", reliability="C")
    article = tmp_path / "hostile.txt"
    article.write_text(f"Gunmen [/] killed 5 civilians in Jableh{ESC_CLEAR} on Friday, said the "
                       f"{RLO}observatory.", encoding="utf-8")
    ingested = cli("-p", project.root, "ingest", article, "--source", "sana",
                   "--published", "2025-03-09")
    assert ingested.code == 0, ingested.err
    for args in (["review", "claims"], ["incidents"]):
        result = cli("-p", project.root, *args)
        assert result.code == 0, (args, result.err)
        _no_raw_controls(result.out)
    shown = " ".join(cli("-p", project.root, "review", "claims").out.split())
    assert "Gunmen [/] killed" in shown and "\\x1b[2J" in shown and "\\u202e" in shown
