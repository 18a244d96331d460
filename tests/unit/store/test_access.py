"""Access groups' rule (tally.store.access) and its commands: who may read which source."""

from __future__ import annotations

import json

import pytest

from tally.errors import UsageError
from tally.sources import add_source
from tally.store.access import (add_group, add_member, denied_events, hidden_records,
                                hidden_sources, list_groups, record_denied, remove_member,
                                restrict_source, unrestrict_source)
from tally.store.accounts import add_user
from tally.store.audit import acting_as

PASSWORD = "correct horse battery"


@pytest.fixture
def team(project):
    add_source(project, "staff", name="Hospital staff", kind="witness", reliability="B")
    for name in ("rana", "omar", "boss"):
        add_user(project, name, "admin" if name == "boss" else "analyst", PASSWORD)
    add_group(project, "jableh")
    add_member(project, "jableh", "rana")
    restrict_source(project, "staff", "jableh")
    return project


def test_only_members_of_a_group_read_its_sources(team):
    assert hidden_sources(team, "rana") == frozenset()
    assert hidden_sources(team, "omar") == {"staff"}
    assert hidden_sources(team, "boss") == {"staff"}  # admins are not exempt
    assert hidden_sources(team, None) == {"staff"}    # nobody known: every restricted one
    # a second group on the same source: a member of either reads it
    add_group(team, "lawyers")
    add_member(team, "lawyers", "omar")
    restrict_source(team, "staff", "lawyers")
    assert hidden_sources(team, "omar") == frozenset()
    remove_member(team, "lawyers", "omar")
    assert hidden_sources(team, "omar") == {"staff"}
    unrestrict_source(team, "staff", "jableh")
    assert hidden_sources(team, "rana") == {"staff"}  # still restricted, to lawyers only
    unrestrict_source(team, "staff", "lawyers")
    assert hidden_sources(team, "omar") == frozenset()


def test_hidden_records_are_those_of_hidden_sources(team):
    from tally.ingest.entry import enter_record

    enter_record(team, "staff", {"given_name": "Samir", "sex": "male", "age": "30"})
    enter_record(team, "snhr", {"given_name": "Karim", "sex": "male", "age": "40"})
    with team.connect(read_only=True) as con:
        ids = dict(con.execute("SELECT source_id, record_id FROM victim_record").fetchall())
    assert hidden_records(team, "omar", ids.values()) == {ids["staff"]}
    assert hidden_records(team, "rana", ids.values()) == set()


def test_changes_and_denials_are_in_the_audit_chain(team, cli):
    with acting_as("omar"):
        record_denied(team, "person", "P-1", ["staff"])
    events = denied_events(team)
    assert events[0]["actor"] == "omar" and events[0]["read"] == "person"
    assert events[0]["subject"] == "P-1" and events[0]["sources"] == ["staff"]
    with team.connect(read_only=True) as con:
        actions = [r[0] for r in con.execute("SELECT action FROM audit_event ORDER BY seq").fetchall()]
    assert {"group.added", "group.member_added", "source.restricted",
            "access.denied"} <= set(actions)
    assert cli("-p", team.root, "audit", "verify").code == 0


def test_refusals(team):
    with pytest.raises(UsageError, match="already exists"):
        add_group(team, "jableh")
    with pytest.raises(UsageError, match="group name"):
        add_group(team, "bad name!")
    with pytest.raises(UsageError, match="no group"):
        add_member(team, "nope", "rana")
    with pytest.raises(UsageError, match="no user"):
        add_member(team, "jableh", "ghost")
    with pytest.raises(UsageError, match="no source"):
        restrict_source(team, "ghost", "jableh")
    with pytest.raises(UsageError, match="already restricted"):
        restrict_source(team, "staff", "jableh")


def test_the_commands(project, cli):
    add_source(project, "staff", name="Hospital staff", kind="witness", reliability="B")
    add_user(project, "rana", "analyst", PASSWORD)
    p = ("-p", project.root)
    assert cli(*p, "group", "add", "jableh").code == 0
    assert cli(*p, "group", "member", "add", "jableh", "rana").code == 0
    assert cli(*p, "source", "restrict", "staff", "jableh").code == 0
    listed = cli(*p, "group", "list", "--json")
    assert json.loads(listed.out) == [{"name": "jableh", "members": ["rana"],
                                       "sources": ["staff"]}]
    assert cli(*p, "source", "restrict", "ghost", "jableh").code == 1
    assert cli(*p, "group", "member", "remove", "jableh", "rana").code == 0
    assert cli(*p, "source", "unrestrict", "staff", "jableh").code == 0
    assert list_groups(project)[0].members == ()
