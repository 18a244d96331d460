"""The workspace in a real headless Chromium (Debian's ``chromium``), served by
uvicorn on 127.0.0.1: sign in, review ten pairs by keyboard (m / n / u, one note
typed), open a person; run linkage as a job and watch its progress (htmx polling),
accept a claim; all in Arabic; the pages are right-to-left, screenshots
are written (``TALLY_SCREENSHOTS=DIR`` keeps them), and the browser saw no
console error and asked for nothing outside the workspace.

Skipped where no Chromium is installed (``apt-get install chromium``)."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from tests.web.cdp import CHROMIUM, Chromium, served
from tests.web.review_project import PASSWORD, review_project

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not CHROMIUM, reason="no chromium installed "
                                                      "(apt-get install chromium)")]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tally.web import create_app

    app = create_app(review_project(tmp_path_factory, "browser").root)
    with served(app) as base:
        yield app, base


def _keep(shot: Path) -> None:
    keep = os.environ.get("TALLY_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / shot.name)


def test_review_by_keyboard_and_a_person_in_arabic(server, tmp_path):
    app, base = server
    with Chromium() as browser:
        browser.goto(f"{base}/lang/ar?next=/login")
        browser.wait_path("/login")
        assert browser.evaluate("document.documentElement.dir") == "rtl"
        browser.type_into("input[name=name]", "reviewer")
        browser.type_into("input[name=password]", PASSWORD)
        browser.mark()
        browser.evaluate("document.querySelector('form.stack button').click()")
        browser.wait_new_page()
        browser.wait_path("/")

        browser.goto(f"{base}/review/pairs")
        assert browser.evaluate("document.documentElement.lang") == "ar"
        assert browser.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert browser.evaluate("document.querySelectorAll('section.pair').length") == 10
        browser.wait_for("document.querySelector('section.pair.current') !== null")
        _keep(browser.screenshot(tmp_path / "review-pairs-ar.png"))

        # first pair: a note typed, Escape back to the pair, then its key
        browser.evaluate("document.querySelector('section.pair.current input[name=note]').focus()")
        browser.call("Input.insertText", {"text": "الأب مختلف"})
        browser.press("Escape")
        keys = "nmuumnnmun"
        for done, key in enumerate(keys, start=1):
            browser.press(key)
            browser.wait_for(f"document.querySelectorAll('section.pair.done').length === {done}")
        _keep(browser.screenshot(tmp_path / "review-done-ar.png"))

        with app.state.project.connect(read_only=True) as con:
            stored = con.execute("SELECT verdict, note, decided_by FROM review_decision "
                                 "ORDER BY decision_id").fetchall()
        verdicts = {"m": "match", "n": "no-match", "u": "unsure"}
        assert [v for v, _, _ in stored] == [verdicts[k] for k in keys]
        assert stored[0][1] == "الأب مختلف" and all(n is None for _, n, _ in stored[1:])
        assert {who for _, _, who in stored} == {"reviewer"}

        browser.goto(f"{base}/records")
        person = browser.wait_for("(document.querySelector('a[href^=\"/persons/\"]') || {}).href")
        browser.goto(person)
        assert browser.evaluate("document.querySelectorAll('main section').length") >= 1
        assert browser.evaluate("document.documentElement.dir") == "rtl"
        _keep(browser.screenshot(tmp_path / "person-ar.png"))

        problems = browser.problems()
        outside = browser.requested_outside(base)
    assert problems == []
    assert outside == []


def test_a_linkage_job_watched_and_a_claim_accepted(server, tmp_path):
    app, base = server
    with Chromium() as browser:
        browser.goto(f"{base}/lang/ar?next=/login")
        browser.type_into("input[name=name]", "admin")
        browser.type_into("input[name=password]", PASSWORD)
        browser.mark()
        browser.evaluate("document.querySelector('form.stack button').click()")
        browser.wait_new_page()

        browser.goto(f"{base}/jobs")
        browser.mark()
        browser.evaluate("document.querySelector('button[value=link]').click()")
        browser.wait_new_page()
        assert browser.evaluate("location.pathname").startswith("/jobs/")
        # htmx polls the job's status until it is done; the log fills as it runs
        end = time.monotonic() + 180
        while time.monotonic() < end:
            state = browser.evaluate("document.querySelector('#job').dataset.state")
            if state in ("done", "failed"):
                break
            time.sleep(0.2)
        assert state == "done", browser.evaluate("document.querySelector('#job').innerText")
        # the stage's own progress lines, in the page's language (Arabic here)
        assert "تجهيز مدخلات الربط" in browser.evaluate("document.querySelector('pre.log').innerText")
        _keep(browser.screenshot(tmp_path / "job-done-ar.png"))

        browser.goto(f"{base}/review/claims")
        claim = browser.evaluate("document.querySelector('section.claim').id")
        assert browser.evaluate("document.querySelectorAll('section.claim mark').length") >= 1
        browser.evaluate(f"document.querySelector('#{claim} button[value=accept]').click()")
        browser.wait_for(f"document.querySelector('#{claim}') && "
                         f"document.querySelector('#{claim} h2').innerText.includes('مقبول')")
        _keep(browser.screenshot(tmp_path / "claim-accepted-ar.png"))
        problems = browser.problems()
        outside = browser.requested_outside(base)
    with app.state.project.connect(read_only=True) as con:
        assert con.execute("SELECT verdict, decided_by FROM claim_decision").fetchall() == [
            ("accept", "admin")]
        assert con.execute("SELECT actor FROM audit_event WHERE action = 'link.run' "
                           "ORDER BY seq DESC LIMIT 1").fetchall() == [("admin",)]
    assert problems == []
    assert outside == []
