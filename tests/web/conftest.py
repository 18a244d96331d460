"""A real project in tmp with one account per role, and in-process clients (FastAPI's
TestClient: the app's own code, no network) signed in as each."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tally.project import Project
from tally.sources import add_source
from tally.store.accounts import ROLES, add_user

PASSWORD = "correct horse battery"
EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>\u202eevil'


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD):
    token = csrf_of(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password, "csrf_token": token,
                                       "next": "/"}, follow_redirects=False)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("web") / "proj"
    project = Project.init(root, name="Coast")
    for role in ROLES:
        add_user(project, role, role, PASSWORD)
    add_source(project, "snhr", name="Syrian Network", kind="rights_group_list", reliability="B")
    add_source(project, "evil", name=EVIL, kind="other", reliability="C", notes=EVIL)
    return project


@pytest.fixture(scope="module")
def app(project):
    from tally.web import create_app

    return create_app(project.root)


@pytest.fixture(scope="module")
def clients(app):
    """A signed-in client per role, and ``None``: a signed-out one."""
    out = {}
    for role in ROLES:
        client = TestClient(app)
        assert sign_in(client, role).status_code == 303
        out[role] = client
    out[None] = TestClient(app)
    out[None].get("/login")
    return out
