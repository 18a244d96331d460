"""The person page: every member record with its raw values, for the roles that may
see identities; public fields only for a viewer."""

from __future__ import annotations

from importlib import resources

import pytest
from fastapi.testclient import TestClient

from tally.ingest import ingest_file
from tally.link import link_project
from tally.project import Project
from tally.sources import add_source
from tally.store.accounts import add_user
from tests.web.conftest import PASSWORD, sign_in

EXAMPLES = resources.files("tally.data") / "examples"


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    project = Project.init(tmp_path_factory.mktemp("person") / "p")
    add_source(project, "ar", name="قائمة عربية", kind="rights_group_list", reliability="B")
    add_source(project, "en", name="English list", kind="rights_group_list", reliability="B")
    ingest_file(project, EXAMPLES / "arabic_list_cp1256.csv", "ar",
                mapping=EXAMPLES / "arabic_list.toml")
    ingest_file(project, EXAMPLES / "english_list_utf16.txt", "en",
                mapping=EXAMPLES / "english_list.toml")
    link_project(project)
    for role in ("reviewer", "viewer"):
        add_user(project, role, role, PASSWORD)
    with project.connect() as con:
        person = con.execute(
            """SELECT person_id FROM person_record JOIN victim_record USING (record_id)
               GROUP BY person_id HAVING count(DISTINCT source_id) = 2
               ORDER BY person_id LIMIT 1""").fetchall()[0][0]
    from tally.web import create_app

    return create_app(project.root), person


def test_person_page_shows_every_member_and_its_raw_values(linked):
    app, person = linked
    client = TestClient(app)
    sign_in(client, "reviewer")
    page = client.get(f"/persons/{person}")
    assert page.status_code == 200
    assert page.text.count("<section>") == 2           # one record from each list
    assert "Raw values" in page.text and "الاسم" in page.text   # the Arabic list's own column
    # the records list links to it, and finds the person's Arabic record by a Latin name
    found = client.get("/records", params={"name": "Mohammed al-Ahmad"}).text
    assert f'href="/persons/{person}"' in found


def test_viewer_sees_public_fields_only(linked):
    app, person = linked
    client = TestClient(app)
    sign_in(client, "viewer")
    page = client.get(f"/persons/{person}").text
    assert "Raw values" not in page and "الاسم" not in page
    assert "محمد" not in page and "Mohammed" not in page


def test_unknown_person_is_a_404(linked):
    app, _ = linked
    client = TestClient(app)
    sign_in(client, "reviewer")
    assert client.get("/persons/nobody").status_code == 404
