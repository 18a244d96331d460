"""The Argon2id costs a deployment uses, checked where the test suite's cheap ones
(tests/conftest.py: ``use_cheap_hashes_for_tests``, ``use_cheap_costs_for_tests``)
cannot reach: a fresh Python process running the CLI as a user does."""

from __future__ import annotations

import json
import subprocess
import sys

from tally.project import Project

SHIPPED = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}  # RFC 9106, 2nd option


def test_a_deployment_hashes_passwords_and_passphrases_with_the_strong_costs(tmp_path):
    secret = tmp_path / "pass.txt"
    secret.write_text("a long enough passphrase\n", encoding="utf-8")
    plain, sealed = tmp_path / "plain", tmp_path / "sealed"
    script = (
        "import sys\nfrom tally.cli import main\n"
        f"assert main(['init', {str(plain)!r}]) == 0\n"
        f"assert main(['-p', {str(plain)!r}, 'user', 'add', 'rana', '--role', 'admin', "
        f"'--password-file', {str(secret)!r}]) == 0\n"
        f"assert main(['init', {str(sealed)!r}, '--encrypt', '--passphrase-file', "
        f"{str(secret)!r}]) == 0\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]

    with Project.open(plain).connect(read_only=True) as con:
        (digest,) = con.execute("SELECT password_hash FROM app_user").fetchall()[0]
    assert digest.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    slots = json.loads((sealed / "keys.json").read_text(encoding="utf-8"))["slots"]
    assert slots and all(
        (s["kdf"], s["time_cost"], s["memory_cost"], s["parallelism"])
        == ("argon2id", SHIPPED["time_cost"], SHIPPED["memory_cost"], SHIPPED["parallelism"])
        for s in slots)
