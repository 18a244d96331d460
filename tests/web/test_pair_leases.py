"""Two reviewers at once are not offered the same pairs: the pairs one page shows are
leased to its reviewer for a while, the other's page shows the next ones; the
lease ends, and a reviewer's own page keeps showing their pairs."""

from __future__ import annotations

import re
import time

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import sign_in
from tests.web.review_project import review_project

PAIR = re.compile(r'name="record_a" value="([^"]+)">\s*<input type="hidden" '
                  r'name="record_b" value="([^"]+)"')


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from tally.web import create_app

    return create_app(review_project(tmp_path_factory, "leases").root)


def _reviewer(app, name):
    client = TestClient(app)
    assert sign_in(client, name).status_code == 303
    return client


def _shown(client):
    page = client.get("/review/pairs")
    assert page.status_code == 200
    return PAIR.findall(page.text)


def test_two_reviewers_are_shown_different_pairs_until_the_lease_ends(app, monkeypatch):
    from tally.web import pair_queue

    rana, omar = _reviewer(app, "reviewer"), _reviewer(app, "admin")
    first = _shown(rana)
    second = _shown(omar)
    assert len(first) == len(second) == 10
    assert not set(first) & set(second)
    assert _shown(rana) == first  # her own page keeps her pairs
    assert not set(_shown(omar)) & set(first)
    # leases end: the most doubtful pairs are offered again
    monkeypatch.setattr(pair_queue, "LEASE_S", 0.05)
    assert _shown(rana) == first
    time.sleep(0.1)
    assert _shown(omar) == first
