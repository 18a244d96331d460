"""tally forget --witness (issue 19 item 8): one witness inside a list forgotten
by destroying a key — the list is sealed again under a new key without them, the
old key destroyed — so no surviving copy of an old ciphertext opens; the other
witnesses and values stay; audit verify passes and records that a witness was
forgotten, by whom and when, never whom; a `kill -9` at any step leaves the old
or the new state and `tally forget --finish` completes it."""

from __future__ import annotations

import signal

import pytest

from tally.store import crypto
from tally.store.crashpoints import CRASH_ENV
from tests.adversarial.test_protect_encrypted import setting  # noqa: F401
from tests.conftest import tally_subprocess

pytestmark = pytest.mark.integration

GONE = "Qzgone Witness"
STAYS = "Qzstays Witness"


def _project(cli, tmp_path, inputs, notes_name=False):
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    rows = ["record_id,name,sex,date_of_death,place,witness_name,witness_contact,consent,notes"]
    for i in range(1, 7):
        who, phone = (GONE, "+963-QZ-0001") if i % 3 == 1 else (STAYS, "+963-QZ-0002")
        note = f"seen by {GONE}" if notes_name and i == 2 else f"note {i}"
        rows.append(f"r{i},Ahmad Ali Hasan{i},male,2025-03-0{i},Baniyas,{who},{phone},"
                    f"storage;legal,{note}")
    path = inputs / "list.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert cli("-p", proj, "ingest", path, "--source", "w").code == 0
    path.unlink()
    return proj


def _read(proj):
    """(record_id, unsealed values) of every record, the document's sha and bytes held."""
    from tally.ingest.sealing import unseal_record
    from tally.project import Project

    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT record_id, document_sha256, sealed FROM victim_record "
                           "ORDER BY row_number").fetchall()
        held = con.execute("SELECT held_sha256 FROM document").fetchall()[0][0]
    sha = rows[0][1]
    data = None if held == "-" else project.objects.read_bytes(sha)
    return [(r[0], unseal_record(project, *r)) for r in rows], sha, data


def _forgotten(state) -> bool:
    values, _sha, data = state
    gone = all(v.get("witness_name") != GONE for _r, v in values)
    return gone and (data is None or GONE.encode() not in data)


def _intact(state, before) -> None:
    """Everything but the forgotten witness is as it was."""
    values, _sha, _data = state
    for (rid, now), (rid0, then) in zip(values, before[0]):
        assert rid == rid0
        for field, value in then.items():
            if GONE in str(value) or "0001" in str(value):
                continue
            assert now.get(field) == value, (rid, field)
    assert sum(v.get("witness_name") == STAYS for _r, v in values) == 4


def test_forgetting_one_witness_destroys_the_key_their_old_ciphertexts_need(cli, setting):
    from tally.project import Project

    tmp_path, _temp, inputs = setting
    proj = _project(cli, tmp_path, inputs)
    before = _read(proj)
    values, sha, data = before
    assert GONE.encode() in data and values[0][1]["witness_name"] == GONE
    project = Project.open(proj)
    old_object = project.objects.path_for(sha).read_bytes()
    old_tokens = {}
    with project.connect(read_only=True) as con:
        old_tokens = dict(con.execute("SELECT record_id, sealed FROM victim_record").fetchall())

    done = cli("-p", proj, "forget", "--witness", values[0][0])
    assert done.code == 0, done.err
    assert "2 record(s)" in done.out  # both of their records in the list
    after = _read(proj)
    assert _forgotten(after)
    _intact(after, before)
    assert after[2] is not None and b"Ahmad Ali Hasan1" in after[2]  # the rest of the list held
    # every key that exists now fails on every ciphertext the project held before
    keys = Project.open(proj).objects.document_keys(sha)
    for rid, token in old_tokens.items():
        for key in keys:
            with pytest.raises(crypto.Tampered):
                crypto.unseal_text(key, token, rid)
    for key in keys:
        with pytest.raises(crypto.Tampered):
            crypto.unseal(key, old_object.split(b"\n", 1)[1], sha.encode())

    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    assert "witness was forgotten" in verified.out
    with Project.open(proj).connect(read_only=True) as con:
        event = con.execute("SELECT actor, occurred_at, subject, details FROM audit_event "
                            "WHERE action = 'witness.forgotten'").fetchall()
    assert len(event) == 1 and event[0][0] and event[0][1] and event[0][2] is None
    assert values[0][0] not in event[0][3] and GONE not in event[0][3]  # who and when, not whom
    # the received bytes put back (from a copy made before) are refused
    path = Project.open(proj).objects.path_for(sha)
    path.chmod(0o600)
    path.write_bytes(old_object)
    refused = cli("-p", proj, "audit", "verify")
    assert refused.code == 1 and sha[:12] in refused.out + refused.err


def test_a_list_naming_the_witness_elsewhere_keeps_no_bytes(cli, setting):
    tmp_path, _temp, inputs = setting
    proj = _project(cli, tmp_path, inputs, notes_name=True)
    before = _read(proj)
    assert cli("-p", proj, "forget", "--witness", before[0][0][0]).code == 0
    values, sha, data = _read(proj)
    assert data is None  # the name is in another row's notes: the list is not kept at all
    assert not (proj / "objects" / sha[:2] / sha[2:]).exists()
    assert cli("-p", proj, "audit", "verify").code == 0
    assert values[0][1].get("witness_name") is None and values[1][1]["notes"] == f"seen by {GONE}"
    # a second witness of that list forgotten later: still no bytes, nothing breaks
    stays = next(rid for rid, v in values if v.get("witness_name") == STAYS)
    done = cli("-p", proj, "forget", "--witness", stays)
    assert done.code == 0, done.err
    assert all(not v.get("witness_name") for _r, v in _read(proj)[0])
    assert cli("-p", proj, "audit", "verify").code == 0


def test_forget_witness_refuses_a_plain_project_and_a_record_without_a_witness(cli, setting):
    tmp_path, _temp, inputs = setting
    proj = _project(cli, tmp_path, inputs)
    rid = _read(proj)[0][0][0]
    assert cli("-p", proj, "forget", "--witness", rid).code == 0
    again = cli("-p", proj, "forget", "--witness", rid)
    assert again.code == 1 and "names no witness" in again.err
    assert cli("-p", proj, "forget", "--witness", "nope-1").code == 1
    plain = tmp_path / "plain"
    assert cli("init", plain).code == 0
    assert cli("-p", plain, "forget", "--witness", rid).code == 1


@pytest.mark.slow  # ~10 s each
@pytest.mark.parametrize("point", ["forget-witness:next-written", "forget-witness:committed",
                                   "forget-witness:object-installed",
                                   "forget-witness:old-key-destroyed"])
def test_kill_9_at_each_step_of_forgetting_a_witness(cli, setting, monkeypatch, point):
    tmp_path, _temp, inputs = setting
    proj = _project(cli, tmp_path, inputs)
    before = _read(proj)
    monkeypatch.setenv(CRASH_ENV, point)
    proc = tally_subprocess("-p", proj, "forget", "--witness", before[0][0][0])
    proc.communicate(timeout=120)
    monkeypatch.delenv(CRASH_ENV)
    assert proc.returncode == -signal.SIGKILL

    committed = point != "forget-witness:next-written"
    state = _read(proj)  # opens, every value readable
    _intact(state, before)
    # committed: the records are without the witness (the received bytes stay readable
    # until the replacement is moved into place, which verify names as interrupted)
    assert all(v.get("witness_name") != GONE for _r, v in state[0]) is committed
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0, verified.err
    assert ("interrupted" in verified.out) is committed

    finished = cli("-p", proj, "forget", "--finish")
    assert finished.code == 0, finished.err
    assert not list((proj / "objects").rglob("*.next"))
    state = _read(proj)
    _intact(state, before)
    assert _forgotten(state) is committed
    verified = cli("-p", proj, "audit", "verify")
    assert verified.code == 0 and "interrupted" not in verified.out
    if not committed:  # the old state: forgetting works from there
        assert cli("-p", proj, "forget", "--witness", before[0][0][0]).code == 0
        assert _forgotten(_read(proj))


def test_an_interrupted_forgetting_of_a_list_with_only_witness_values_finishes(
        cli, setting, monkeypatch):
    """When nothing else of the list is sealed, the held hash the store committed says
    whether to finish: the witness's cells must not come back with the old object."""
    tmp_path, _temp, inputs = setting
    proj = tmp_path / "proj"
    assert cli("init", proj, "--encrypt").code == 0
    assert cli("-p", proj, "source", "add", "w", "--name", "W", "--kind", "witness",
               "--reliability", "B").code == 0
    path = inputs / "list.csv"
    path.write_text(f"record_id,name,witness_name\nr1,Ahmad Ali,{GONE}\n", encoding="utf-8")
    assert cli("-p", proj, "ingest", path, "--source", "w").code == 0
    rid = _read(proj)[0][0][0]
    monkeypatch.setenv(CRASH_ENV, "forget-witness:committed")
    proc = tally_subprocess("-p", proj, "forget", "--witness", rid)
    proc.communicate(timeout=120)
    monkeypatch.delenv(CRASH_ENV)
    assert proc.returncode == -signal.SIGKILL
    assert cli("-p", proj, "forget", "--finish").code == 0
    values, _sha, data = _read(proj)
    assert data is not None and GONE.encode() not in data and b"Ahmad Ali" in data
    assert all(not v for _r, v in values)
    assert cli("-p", proj, "audit", "verify").code == 0


def test_everywhere_forgets_the_witness_in_every_list_naming_them(cli, setting):
    from tally.ingest.sealing import unseal_record
    from tally.project import Project

    tmp_path, _temp, inputs = setting
    proj = _project(cli, tmp_path, inputs)
    other = inputs / "other.csv"
    other.write_text(f"record_id,name,witness_name,witness_contact,notes\n"
                     f"o1,Khalil Omar,{GONE.upper()},,kept\n"  # the same name, written otherwise
                     f"o2,Rami Omar,Someone Else,+963-QZ-0001,kept\n"  # the same contact
                     f"o3,Huda Omar,{STAYS},+963-QZ-0002,kept\n", encoding="utf-8")
    assert cli("-p", proj, "ingest", other, "--source", "w").code == 0
    first = _read(proj)[0][0][0]
    done = cli("-p", proj, "forget", "--witness", first, "--everywhere")
    assert done.code == 0, done.err
    assert "4 record(s) in 2 list(s)" in done.out
    project = Project.open(proj)
    with project.connect(read_only=True) as con:
        rows = con.execute("SELECT record_id, document_sha256, sealed FROM victim_record").fetchall()
        events = con.execute("SELECT count(*) FROM audit_event WHERE action = 'witness.forgotten'"
                             ).fetchall()[0][0]
    opened = [unseal_record(project, *r) for r in rows]
    assert not [v for v in opened if _same_witness(v)]
    assert sum(v.get("witness_name") == STAYS for v in opened) == 5
    assert all(v.get("notes") for v in opened)
    assert events == 2
    assert cli("-p", proj, "audit", "verify").code == 0


def _same_witness(values) -> bool:
    return (str(values.get("witness_name", "")).casefold() == GONE.casefold()
            or values.get("witness_contact") == "+963-QZ-0001")
