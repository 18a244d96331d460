"""Every route of the workspace, found on the live application (not from a list a
test keeps), tried for every role and signed out, with and without the form token.

The routers the other tests walk (``app.state.routers``) once missed the routes
nested in another router (access groups, exports); these tests walk the app's own
route tree, so a new route is covered the day it is added, and check that the list
the other tests read holds them all.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tally.store.accounts import ROLES
from tally.store.api_tokens import create_token
from tally.web.security import PERMISSIONS
from tests.web.conftest import app, clients, csrf_of, project  # noqa: F401  (fixtures)

#: reached signed out on purpose (sign-in, language, the API's own document)
PUBLIC = {"/login", "/login/code", "/lang/{code}", "/openapi.json", "/api/openapi.json",
          "/api/{rest:path}"}
#: any signed-in user (their own account, re-authentication, signing out)
SIGNED_IN = {"/account", "/account/totp", "/reauth", "/logout"}
FILL = {"{person_or_record}": "nobody", "{claim_id}": "no-claim", "{incident_id}": "inc-0",
        "{job_id}": "nojob", "{token}": "x" * 32, "{token_id}": "deadbeef",
        "{request_id}": "X-000000000000", "{code}": "en", "{rest:path}": "nothing"}


def walk(routes, extra_deps=()):
    """(method, path, permission or None, fresh, router dependencies) of every route."""
    for route in routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:  # a router included in another (FastAPI keeps it nested)
            deps = [getattr(d.dependency, "__name__", "")
                    for d in getattr(route.include_context, "dependencies", None) or ()]
            yield from walk(inner.routes, (*extra_deps, *deps))
            continue
        if not hasattr(route, "methods") or route.path.startswith("/static"):
            continue
        calls = [d.call for d in route.dependant.dependencies]
        perms = [c.permission for c in calls if hasattr(c, "permission")]
        fresh = any(getattr(c, "fresh", False) for c in calls)
        names = {*extra_deps, *(getattr(c, "__name__", "") for c in calls)}
        for method in route.methods - {"HEAD"}:
            yield method, route.path, (perms[0] if perms else None), fresh, names


def fill(path: str) -> str:
    for key, value in FILL.items():
        path = path.replace(key, value)
    return path


@pytest.fixture(scope="module")
def routes(app):
    return sorted(set((m, p, perm, fresh) for m, p, perm, fresh, _ in walk(app.routes)))


def test_every_route_names_a_permission_or_is_meant_to_be_open(app, routes):
    for method, path, permission, _ in routes:
        if path in PUBLIC or path in SIGNED_IN:
            continue
        assert permission in PERMISSIONS, (method, path)
    found = {p for _, p, _, _ in routes}
    for expected in ("/access", "/exports", "/exports/{request_id}/approve",
                     "/exports/{request_id}/download", "/tokens/{token_id}/revoke"):
        assert expected in found


def test_the_routers_the_other_tests_walk_hold_every_page_route(app, routes):
    """tests/web's role x route and CSRF tests read ``app.state.routers``: a route
    missing from it is a route nobody's test tries."""
    listed = {r.path for router in app.state.routers for r in router.routes
              if hasattr(r, "path")}  # what test_workspace / test_access_groups read
    pages = {p for _, p, _, _ in routes if not p.startswith("/api") and "openapi" not in p}
    assert pages - listed == set()


def test_every_post_route_checks_the_form_token(app, clients):
    posts = [(m, p) for m, p, _, _, deps in walk(app.routes)
             if m == "POST" and not p.startswith("/api")]
    assert len(posts) >= 20
    for _, path in posts:
        for role in (*ROLES, None):
            client = clients[role]
            missing = client.post(fill(path), data={"name": "x"}, follow_redirects=False)
            wrong = client.post(fill(path), data={"name": "x", "csrf_token": "forged"},
                                follow_redirects=False)
            assert missing.status_code == 403, (role, path, missing.status_code)
            assert wrong.status_code == 403, (role, path, wrong.status_code)


def test_every_page_for_every_role_and_signed_out(app, clients, routes):
    for method, path, permission, fresh in routes:
        if path.startswith("/api") or "openapi" in path or path in PUBLIC or path == "/logout":
            continue  # (signing out would end the clients' sessions for the next routes)
        for role in (*ROLES, None):
            client = clients[role]
            if method == "GET":
                response = client.get(fill(path), follow_redirects=False)
            else:
                token = csrf_of(client.get("/login" if role is None else "/account").text)
                response = client.post(fill(path), data={"csrf_token": token},
                                       follow_redirects=False)
            status = response.status_code
            assert status < 500 and "Traceback" not in response.text, (role, path)
            if role is None:
                assert status == 303 and response.headers["location"].startswith("/login"), \
                    (path, status)
            elif permission and role not in PERMISSIONS[permission]:
                assert status == 403, (role, method, path, status)
            else:
                assert "token is missing" not in response.text, (role, method, path)


def test_every_api_endpoint_for_every_role_and_without_a_token(app, routes):
    tokens = {role: create_token(app.state.project, role, "attack") for role in ROLES}
    client = TestClient(app)
    for method, path, permission, _ in routes:
        if not path.startswith("/api") or path in PUBLIC:
            continue
        answer = client.request(method, fill(path), json={})
        assert answer.status_code == 401, (method, path)
        # a signed-in browser's cookie is not a token: the API never reads cookies
        assert answer.json().keys() == {"error"}
        for role in ROLES:
            answer = client.request(method, fill(path), json={},
                                    headers={"Authorization": f"Bearer {tokens[role]}"})
            assert answer.status_code < 500, (role, path)
            if role not in PERMISSIONS[permission]:
                assert answer.status_code == 403, (role, method, path)
            else:
                assert answer.status_code != 403 and answer.status_code != 401, (role, path)


def test_the_api_ignores_a_signed_in_cookie(app, clients):
    for role in ROLES:
        assert clients[role].get("/api/me").status_code == 401
        assert clients[role].post("/api/jobs", json={"kind": "report"}).status_code == 401
