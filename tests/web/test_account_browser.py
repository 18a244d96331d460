"""The account pages in a real headless Chromium, in Arabic and in English: a user
changes their own password on the Account page (a second browser signed in as the
same user is signed out by it), and an admin disables that user with the Users
page's button (after confirming who they are). The pages' direction is checked,
screenshots written (``TALLY_SCREENSHOTS=DIR`` keeps them), and the browser saw no
console error and asked for nothing outside the workspace.

Skipped where no Chromium is installed (``apt-get install chromium``)."""

from __future__ import annotations


import pytest

from tally.project import Project
from tally.store.accounts import add_user
from tests.web.cdp import CHROMIUM, Chromium, served
from tests.web.test_browser import _keep

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM, reason="no chromium installed "
                                                      "(apt-get install chromium)")]

PASSWORD = "correct horse battery"
NEW = "another long passphrase"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tally.web import create_app

    root = tmp_path_factory.mktemp("account-browser") / "proj"
    project = Project.init(root, name="Coast")
    add_user(project, "boss", "admin", PASSWORD)
    for name in ("rana", "omar"):
        add_user(project, name, "documenter", PASSWORD)
    app = create_app(root)
    with served(app) as base:
        yield app, base


def _sign_in(browser: Chromium, base: str, lang: str, name: str, password: str) -> None:
    browser.goto(f"{base}/lang/{lang}?next=/login")
    browser.wait_path("/login")
    browser.type_into("input[name=name]", name)
    browser.type_into("input[name=password]", password)
    browser.mark()
    browser.evaluate("document.querySelector('form.stack button').click()")
    browser.wait_new_page()
    browser.wait_path("/")


def _submit(browser: Chromium, selector: str) -> None:
    browser.mark()
    browser.evaluate(f"document.querySelector({selector!r}).click()")
    browser.wait_new_page()


@pytest.mark.parametrize("lang,direction,name", [("ar", "rtl", "rana"), ("en", "ltr", "omar")])
def test_change_a_password_then_an_admin_disables_the_account(server, tmp_path, lang,
                                                              direction, name):
    app, base = server
    with Chromium() as owner, Chromium() as other, Chromium() as admin:
        app.state.project.config.setdefault("workspace", {})["single_session"] = False
        _sign_in(other, base, lang, name, PASSWORD)  # e.g. a forgotten office computer
        _sign_in(owner, base, lang, name, PASSWORD)
        app.state.project.config["workspace"]["single_session"] = True

        owner.goto(f"{base}/account")
        assert owner.evaluate("document.documentElement.dir") == direction
        assert owner.evaluate("getComputedStyle(document.body).direction") == direction
        owner.type_into("#password-form input[name=current]", PASSWORD)
        owner.type_into("#password-form input[name=password]", NEW)
        owner.type_into("#password-form input[name=again]", NEW)
        _keep(owner.screenshot(tmp_path / f"account-password-{lang}.png"))
        _submit(owner, "#password-form button")
        owner.wait_for("document.querySelector('#password-changed') !== null")
        _keep(owner.screenshot(tmp_path / f"account-password-changed-{lang}.png"))

        other.goto(f"{base}/account")
        other.wait_path("/login")  # the other session ended with the old password

        _sign_in(admin, base, lang, "boss", PASSWORD)
        admin.goto(f"{base}/users")
        assert admin.evaluate("document.documentElement.dir") == direction
        button = f"form[action='/users/{name}/disable'] button"
        assert admin.evaluate(f"document.querySelector({button!r}) !== null")
        _keep(admin.screenshot(tmp_path / f"users-disable-{lang}.png"))
        _submit(admin, button)
        admin.wait_path("/users")
        assert admin.evaluate(f"document.querySelector(\"form[action='/users/{name}/enable']"
                              " button\") !== null")
        _keep(admin.screenshot(tmp_path / f"users-disabled-{lang}.png"))

        owner.goto(f"{base}/account")
        owner.wait_path("/login")  # disabled: the owner's own session is over too
        problems = owner.problems() + other.problems() + admin.problems()
        outside = owner.requested_outside(base) + admin.requested_outside(base)
    with app.state.project.connect(read_only=True) as con:
        actions = [a for (a,) in con.execute(
            "SELECT action FROM audit_event WHERE subject = ? ORDER BY seq", [name]).fetchall()]
    assert actions[-2:] == ["user.password_changed", "user.disabled"]
    assert problems == [] and outside == []
