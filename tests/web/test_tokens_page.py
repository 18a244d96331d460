"""The admins' API tokens page: make a token (shown once, works on the API), revoke it."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.web.conftest import EVIL, csrf_of, sign_in


def test_admin_makes_and_revokes_a_token(app):
    admin = TestClient(app)
    sign_in(admin, "admin")
    page = admin.get("/tokens")
    assert page.status_code == 200
    made = admin.post("/tokens", data={"csrf_token": csrf_of(page.text), "user": "reviewer",
                                       "label": EVIL})
    assert made.status_code == 200
    token = re.search(r'id="new-token">([^<]+)<', made.text).group(1)
    assert "<script>" not in made.text and "&lt;script&gt;" in made.text
    api = TestClient(app)
    assert api.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()["role"] == "reviewer"
    # shown once: the list never shows it again
    assert token not in admin.get("/tokens").text
    token_id = token.split("_")[1]
    revoked = admin.post(f"/tokens/{token_id}/revoke", data={"csrf_token": csrf_of(page.text)},
                         follow_redirects=False)
    assert revoked.status_code == 303
    assert api.get("/api/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_only_admins_and_only_with_the_form_token(app, clients):
    for role, client in clients.items():
        if role in ("admin", None):
            continue
        assert client.get("/tokens").status_code == 403
        assert client.post("/tokens", data={"csrf_token": csrf_of(client.get("/").text),
                                            "user": role}).status_code == 403
    assert clients[None].get("/tokens", follow_redirects=False).status_code == 303
    assert clients["admin"].post("/tokens", data={"user": "admin"}).status_code == 403
