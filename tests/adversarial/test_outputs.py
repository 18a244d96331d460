"""Harden: outputs never land on the project's own files, and a stale run is
named as stale wherever it is used.

- `tally export ... --out tally.toml` overwrote the project's settings, and
  `--out objects/<xx>/<sha>` replaced a received evidence file.
- An ingest that committed while `tally link` computed left the stored link run
  stale, and `tally estimate` used it with no warning.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tally.project import Project

pytestmark = pytest.mark.integration

LISTS = (
    ("rg-ar", "rights_group_list", "B", "arabic_list_cp1256.csv", "arabic_list.toml"),
    ("rg-en", "rights_group_list", "B", "english_list_utf16.txt", "english_list.toml"),
)


@pytest.fixture(scope="module")
def proj_template(tmp_path_factory, examples_module):
    """A project with two lists ingested and a third source (the morgue) ready, made
    through the CLI once per module; each test writes to its own copy (``proj``)."""
    from tally.cli import main

    d = tmp_path_factory.mktemp("outputs-template") / "proj"
    assert main(["init", str(d)]) == 0
    for sid, kind, grade, filename, mapping in LISTS:
        assert main(["-p", str(d), "source", "add", sid, "--name", sid, "--kind", kind,
                     "--reliability", grade]) == 0
        assert main(["-p", str(d), "ingest", str(examples_module(filename)), "--source", sid,
                     "--mapping", str(examples_module(mapping))]) == 0
    assert main(["-p", str(d), "source", "add", "morgue", "--name", "morgue", "--kind",
                 "official", "--reliability", "C"]) == 0
    return d


@pytest.fixture
def proj(tmp_path, proj_template):
    """The template copied for one test (the same files the CLI wrote, made once)."""
    d = tmp_path / "proj"
    shutil.copytree(proj_template, d)
    return d


def _object_file(proj):
    files = [p for p in (proj / "objects").rglob("*") if p.is_file()]
    assert files
    return files[0]


def _snapshot(proj):
    """The bytes of every file of the project's settings, store and objects."""
    files = [proj / "tally.toml", proj / "tally.duckdb",
             *[p for p in (proj / "objects").rglob("*") if p.is_file()]]
    return {p: p.read_bytes() for p in files}


# --------------------------------------------------------------------------- --out


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, examples_module):
    """Two lists ingested (shared by the refusals below, which must change nothing)."""
    from tally.ingest import ingest_file
    from tally.sources import add_source

    project = Project.init(tmp_path_factory.mktemp("outputs") / "proj")
    for sid, kind, grade, filename, mapping in LISTS:
        add_source(project, sid, name=sid, kind=kind, reliability=grade)
        ingest_file(project, examples_module(filename), sid, mapping=examples_module(mapping))
    return project.root


@pytest.fixture(scope="module")
def examples_module():
    from tally.demo import example_path

    return example_path


@pytest.mark.parametrize("command", [
    ("export", "records"), ("export", "persons"), ("export", "persons", "--public"),
    ("export", "estimates"), ("export", "claims"), ("export", "incidents"),
    ("incidents", "export"), ("report",),
])
@pytest.mark.parametrize("target", ["tally.toml", "object", "tally.duckdb", "tally.duckdb.wal"])
def test_no_output_lands_on_the_projects_settings_store_or_objects(cli, ingested, command, target):
    proj = ingested
    path = _object_file(proj) if target == "object" else proj / target
    before = _snapshot(proj)
    result = cli("-p", proj, *command, "--out", path)
    assert result.code == 1, (command, target, result.out, result.err)
    assert "refusing to write" in result.err and "Traceback" not in result.err
    assert _snapshot(proj) == before
    assert not (proj / "tally.duckdb.wal").exists()
    # the project still opens with its own settings
    assert Project.open(proj).config["project"]["name"] == "proj"


def test_the_exact_reproductions(cli, proj, monkeypatch):
    settings = (proj / "tally.toml").read_text(encoding="utf-8")
    result = cli("-p", proj, "export", "records", "--out", proj / "tally.toml")
    assert result.code == 1 and "the project's settings (tally.toml)" in result.err
    assert (proj / "tally.toml").read_text(encoding="utf-8") == settings
    evidence = _object_file(proj)
    sha = evidence.name
    received = evidence.read_bytes()
    # the path as a user types it, in the project folder
    monkeypatch.chdir(proj)
    result = cli("export", "records", "--out", f"objects/{evidence.parent.name}/{sha}")
    assert result.code == 1 and "received documents (objects/)" in result.err
    assert evidence.read_bytes() == received
    assert cli("-p", proj, "audit", "verify").code == 0


def test_a_link_or_roundabout_path_to_the_settings_is_refused(cli, proj, tmp_path):
    link = tmp_path / "innocent.csv"
    link.symlink_to(proj / "tally.toml")
    settings = (proj / "tally.toml").read_bytes()
    result = cli("-p", proj, "export", "records", "--out", link)
    assert result.code == 1 and "refusing to write" in result.err
    roundabout = proj / "objects" / ".." / "tally.toml"
    assert cli("-p", proj, "export", "records", "--out", roundabout).code == 1
    folder_link = tmp_path / "store"
    folder_link.symlink_to(proj / "objects")
    assert cli("-p", proj, "export", "records", "--out", folder_link / "new.csv").code == 1
    assert not (proj / "objects" / "new.csv").exists()
    assert (proj / "tally.toml").read_bytes() == settings


def test_dedupe_without_a_project_still_never_writes_into_one(cli, proj, tmp_path, examples):
    settings = (proj / "tally.toml").read_bytes()
    records = tmp_path / "records.csv"
    records.write_text("record_id,name,sex\nr1,Test One,male\nr2,Test Two,female\n",
                       encoding="utf-8")
    result = cli("dedupe", records, "--out", proj / "tally.toml")
    assert result.code == 1 and "refusing to write" in result.err
    assert (proj / "tally.toml").read_bytes() == settings
    assert cli("dedupe", records, "--out", proj / "objects" / "clusters.csv").code == 1


def test_outputs_beside_the_store_are_still_allowed(cli, proj):
    out = proj / "exports" / "records.csv"
    result = cli("-p", proj, "export", "records", "--out", out)
    assert result.code == 0, result.err
    assert out.is_file()
    assert cli("-p", proj, "export", "records", "--out", proj / "tally.toml.csv").code == 0


# --------------------------------------------------------------------------- stale runs


def _latest_link_run(proj):
    with Project.open(proj).connect(read_only=True) as con:
        return con.execute("SELECT run_id, data_version FROM link_run "
                           "ORDER BY started_at DESC LIMIT 1").fetchall()[0]


def test_estimate_on_a_link_run_made_before_an_ingest_names_it_stale(cli, proj, examples):
    assert cli("-p", proj, "link").code == 0
    run_id, _ = _latest_link_run(proj)
    fresh = cli("-p", proj, "estimate")
    assert fresh.code == 0 and "stale" not in fresh.err
    assert cli("-p", proj, "ingest", examples("morgue_list.xlsx"), "--source", "morgue").code == 0
    result = cli("-p", proj, "estimate", "--json")
    assert result.code == 0, result.err
    assert f"link run {run_id} is stale" in result.err
    assert "re-run `tally link`" in result.err
    run = json.loads(result.out)
    assert any(run_id in w for w in run["warnings"])
    # the audit event of the estimate says it used a stale linkage
    with Project.open(proj).connect(read_only=True) as con:
        details = json.loads(con.execute(
            "SELECT details FROM audit_event WHERE action = 'estimate.run' "
            "ORDER BY seq DESC LIMIT 1").fetchall()[0][0])
    assert details["link_run"] == run_id and details["link_run_stale"] is True
    # linked again: nothing stale
    assert cli("-p", proj, "link").code == 0
    again = cli("-p", proj, "estimate")
    assert again.code == 0 and "stale" not in again.err


def test_an_ingest_while_link_computes_leaves_a_run_that_says_what_it_read(proj, examples):
    from tally.ingest import ingest_file
    from tally.link import link_project
    from tally.store.runs import data_version, stale_runs

    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        read = data_version(con)

    def another_writer(message):  # the store is free while link computes
        if message.startswith("clustering"):
            ingest_file(project, examples("morgue_list.xlsx"), "morgue")

    report = link_project(project, progress=another_writer)
    run_id, stored = _latest_link_run(proj)
    assert stored == read  # the version it read, not the one it committed on
    assert any("changed while link run" in w and run_id in w for w in report.warnings)
    with project.connect(read_only=True) as con:
        assert [(s.stage, s.run_id) for s in stale_runs(con)] == [("link", run_id)]


def test_the_report_and_status_name_a_stale_link_run(cli, proj, examples, tmp_path):
    assert cli("-p", proj, "link").code == 0
    run_id, _ = _latest_link_run(proj)
    assert cli("-p", proj, "ingest", examples("morgue_list.xlsx"), "--source", "morgue").code == 0
    out = tmp_path / "report.html"
    assert cli("-p", proj, "report", "--out", out).code == 0
    html = out.read_text(encoding="utf-8")
    assert f"link run {run_id} is stale" in html and "re-run <code>tally link</code>" in html
    status = cli("-p", proj, "status")
    assert status.code == 0 and f"link run {run_id} is stale" in status.out
    as_json = json.loads(cli("-p", proj, "status", "--json").out)
    assert [s["run_id"] for s in as_json["stale_runs"]] == [run_id]


def test_incidents_on_a_stale_link_run_say_so(cli, proj, examples):
    assert cli("-p", proj, "link").code == 0
    run_id, _ = _latest_link_run(proj)
    assert cli("-p", proj, "ingest", examples("morgue_list.xlsx"), "--source", "morgue").code == 0
    result = cli("-p", proj, "incidents")
    assert result.code == 0, result.err
    assert f"link run {run_id} is stale" in result.err and "re-run `tally link`" in result.err


def test_a_public_dataset_from_a_stale_link_run_says_so(cli, proj, examples, tmp_path):
    assert cli("-p", proj, "link").code == 0
    run_id, _ = _latest_link_run(proj)
    assert cli("-p", proj, "ingest", examples("morgue_list.xlsx"), "--source", "morgue").code == 0
    out = tmp_path / "public.csv"
    result = cli("-p", proj, "export", "persons", "--public", "--out", out)
    assert result.code == 0, result.err
    assert f"link run {run_id} is stale" in result.err
    meta = json.loads((tmp_path / "public.csv.json").read_text(encoding="utf-8"))
    assert any(run_id in w for w in meta["warnings"])
