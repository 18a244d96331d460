"""The Foundation's promises, through the command line a recorder uses."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import time

import openpyxl
import pytest

from tests.conftest import tally_subprocess

pytestmark = pytest.mark.integration

ARABIC_NAMES = ["محمد عبد الله الأحمد", "فاطمة علي إبراهيم", "يوسف محمود سليمان",
                "هند فارس أبو فخر", "نور رامي الأطرش"]


@pytest.fixture
def proj(tmp_path, cli):
    d = tmp_path / "proj"
    assert cli("init", d).code == 0
    assert cli("-p", d, "source", "add", "src", "--name", "A list", "--kind",
               "rights_group_list", "--reliability", "b", "--language", "ar").code == 0
    return d


def exported(cli, proj, tmp_path, *extra):
    out = tmp_path / "records.csv"
    result = cli("-p", proj, "export", "records", "--format", "csv", "--out", out, *extra)
    assert result.code == 0, result.err
    text = out.read_bytes().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("encoding, delimiter", [("cp1256", ";"), ("utf-16", "\t"),
                                                 ("iso8859-6", ","), ("utf-8-sig", ",")])
def test_arabic_names_survive_any_encoding_byte_for_byte(cli, proj, tmp_path, encoding, delimiter):
    path = tmp_path / f"list-{encoding}.csv"
    lines = [delimiter.join(["name", "sex", "place"])]
    lines += [delimiter.join([n, "male", "جبلة"]) for n in ARABIC_NAMES]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    result = cli("-p", proj, "ingest", path, "--source", "src")
    assert result.code == 0, result.err
    assert "ingested 5 records, 0 quarantined" in result.out
    rows = exported(cli, proj, tmp_path)
    assert [r["name"] for r in rows] == ARABIC_NAMES
    assert {r["place"] for r in rows} == {"جبلة"}
    assert all(r["source"] == "src" for r in rows)


def test_xlsx_list_with_arabic_names(cli, proj, tmp_path):
    path = tmp_path / "list.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["record_id", "name", "age"])
    for i, name in enumerate(ARABIC_NAMES, start=1):
        wb.active.append([f"X{i}", name, 20 + i])
    wb.save(path)
    assert cli("-p", proj, "ingest", path, "--source", "src").code == 0
    rows = exported(cli, proj, tmp_path, "--raw")
    assert [r["name"] for r in rows] == ARABIC_NAMES
    assert [r["age"] for r in rows] == ["21", "22", "23", "24", "25"]
    assert json.loads(rows[0]["raw"]) == {"record_id": "X1", "name": ARABIC_NAMES[0], "age": "21"}


def test_encoding_given_by_hand_overrides_detection(cli, proj, tmp_path):
    path = tmp_path / "list.csv"
    path.write_bytes("name\nعلي حسن\n".encode("iso8859-6"))
    assert cli("-p", proj, "ingest", path, "--source", "src", "--encoding", "ISO-8859-6").code == 0
    assert exported(cli, proj, tmp_path)[0]["name"] == "علي حسن"


def test_three_broken_rows_in_a_thousand(cli, proj, tmp_path):
    path = tmp_path / "big.csv"
    rows = ["record_id,name,age,place"]
    for i in range(1, 1001):
        if i == 10:
            rows.append(f"{i},Broken Row,30,Homs,extra-field")
        elif i == 500:
            rows.append(f"{i},,,")  # nothing that identifies anyone
        elif i == 999:
            rows.append(f"{i},truncated")
        else:
            rows.append(f"{i},Person {i},{i % 90},Homs")
    path.write_text("\n".join(rows) + "\n")
    result = cli("-p", proj, "ingest", path, "--source", "src")
    assert result.code == 0 and "ingested 997 records, 3 quarantined rows" in result.out

    st = json.loads(cli("-p", proj, "status", "--json").out)
    assert st["totals"]["records"] == 997 and st["totals"]["quarantined"] == 3
    from tally.project import Project

    with Project.open(proj).connect() as con:
        q = con.execute("SELECT row_number, problem FROM quarantine ORDER BY row_number").fetchall()
    assert q == [(10, "has 5 fields, the header has 4"),
                 (500, "no name and no other identifying field"),
                 (999, "has 2 fields, the header has 4")]

    again = cli("-p", proj, "ingest", path, "--source", "src")
    assert again.code == 0 and "already ingested" in again.out
    assert json.loads(cli("-p", proj, "status", "--json").out)["totals"]["records"] == 997


def test_status_shows_sources_documents_and_quarantine(cli, proj, examples):
    cli("-p", proj, "ingest", examples("arabic_list_cp1256.csv"), "--source", "src",
        "--mapping", examples("arabic_list.toml"))
    result = cli("-p", proj, "status")
    assert result.code == 0
    assert "Documents" in result.out and "cp1256" in result.out
    assert "1 sources, 1 documents, 11 records, 1 quarantined rows" in result.out
    doc = json.loads(cli("-p", proj, "status", "--json").out)["documents"][0]
    assert (doc["original_name"], doc["encoding"], doc["records"], doc["quarantined"]) == (
        "arabic_list_cp1256.csv", "cp1256", 11, 1)


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_export_other_formats(cli, proj, tmp_path, examples, fmt):
    import duckdb

    cli("-p", proj, "ingest", examples("morgue_list.xlsx"), "--source", "src")
    out = tmp_path / f"records.{fmt}"
    assert cli("-p", proj, "export", "records", "--format", fmt, "--out", out).code == 0
    rows = duckdb.sql(f"SELECT name, sex FROM '{out}' ORDER BY row_number").fetchall()
    assert rows[1] == ("محمد عبدالله الاحمد", "male") and len(rows) == 5


def test_refusals_exit_1_with_a_message(cli, proj, tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = cli("-p", proj, "ingest", empty, "--source", "src")
    assert result.code == 1 and "empty.csv" in result.err and "empty" in result.err

    result = cli("-p", tmp_path / "nowhere", "status")
    assert result.code == 1 and "is not a Tally project" in result.err

    result = cli("-p", proj, "source", "add", "x", "--name", "X", "--kind", "blog",
                 "--reliability", "A")
    assert result.code == 1 and "source kind 'blog' is not one of" in result.err

    result = cli("-p", proj, "source", "add", "x", "--name", "X", "--kind", "other",
                 "--reliability", "G")
    assert result.code == 1 and "Admiralty grade" in result.err

    assert cli("-p", proj, "source", "add", "src", "--name", "Again", "--kind", "other",
               "--reliability", "A").code == 1
    st = json.loads(cli("-p", proj, "status", "--json").out)
    assert st["totals"] == {"sources": 1, "documents": 0, "records": 0, "quarantined": 0,
                            "audit_events": 2}


def test_usage_errors_exit_2(cli, proj):
    assert cli("-p", proj, "ingest").code == 2
    assert cli("no-such-command").code == 2


def test_source_list(cli, proj):
    result = cli("-p", proj, "source", "list", "--json")
    assert json.loads(result.out)[0]["reliability"] == "B"


def test_audit_verify_reports_tampering_with_exit_1(cli, proj, examples):
    cli("-p", proj, "ingest", examples("morgue_list.xlsx"), "--source", "src")
    ok = cli("-p", proj, "audit", "verify")
    assert ok.code == 0 and "OK: 3 audit events" in ok.out
    objects = [p for p in (proj / "objects").rglob("*") if p.is_file()]
    assert len(objects) == 1
    os.chmod(objects[0], 0o644)
    data = bytearray(objects[0].read_bytes())
    data[-1] ^= 0xFF
    objects[0].write_bytes(bytes(data))
    broken = cli("-p", proj, "audit", "verify")
    assert broken.code == 1 and "object file's bytes changed" in broken.err


@pytest.mark.slow
def test_kill_9_mid_ingest_leaves_the_project_valid(tmp_path, cli, proj):
    path = tmp_path / "large.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write("record_id,name,father_name,family_name,sex,age,date_of_death,place,notes\n")
        line = "{i},محمد {i},عبد الله,الأحمد,male,{a},2025-03-07,جبلة,note number {i} with text\n"
        for i in range(300_000):  # seconds of ingest: long enough to be killed inside it
            f.write(line.format(i=i, a=i % 90))
    proc = tally_subprocess("-p", proj, "ingest", path, "--source", "src")
    deadline = time.monotonic() + 60
    while not any(p.is_file() for p in (proj / "objects").rglob("*")):  # bytes stored first
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)  # now inside the ingest transaction
    assert proc.poll() is None, "ingest finished before it could be killed; use a bigger file"
    proc.send_signal(signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    verify = cli("-p", proj, "audit", "verify")
    assert verify.code == 0, verify.err
    st = json.loads(cli("-p", proj, "status", "--json").out)
    assert st["totals"]["records"] == 0 and st["totals"]["documents"] == 0

    rerun = cli("-p", proj, "ingest", path, "--source", "src")
    assert rerun.code == 0 and "ingested 300000 records, 0 quarantined" in rerun.out
    assert cli("-p", proj, "audit", "verify").code == 0
