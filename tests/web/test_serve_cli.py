"""`tally user add` and the served project's refusal of other writers."""

from __future__ import annotations

import json
import subprocess
import sys

from tally.cli import main
from tally.project import SERVE_NAME, Project


def test_user_add_then_a_served_project_refuses_the_cli(tmp_path, capsys):
    root = tmp_path / "p"
    Project.init(root)
    secret = tmp_path / "pw"
    secret.write_text("a long enough password\n", encoding="utf-8")
    assert main(["-p", str(root), "user", "add", "rana", "--role", "admin",
                 "--password-file", str(secret)]) == 0
    assert "a long enough password" not in capsys.readouterr().out
    with Project.open(root).connect() as con:
        stored = con.execute("SELECT role, password_hash FROM app_user").fetchall()[0]
        actions = [r[0] for r in con.execute("SELECT action FROM audit_event").fetchall()]
    assert stored[0] == "admin" and stored[1].startswith("$argon2id$")
    assert "user.added" in actions
    assert main(["-p", str(root), "user", "add", "x", "--role", "boss",
                 "--password-file", str(secret)]) == 1

    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        (root / SERVE_NAME).write_text(json.dumps({"url": "http://127.0.0.1:8123",
                                                   "pid": server.pid}), encoding="utf-8")
        assert main(["-p", str(root), "source", "add", "s1", "--name", "S", "--kind", "other",
                     "--reliability", "C"]) == 1
        err = capsys.readouterr().err
        assert "http://127.0.0.1:8123" in err and f"PID {server.pid}" in err
    finally:
        server.kill()
        server.wait()
    # a server that died leaves a stale serve.json: ignored
    assert main(["-p", str(root), "source", "add", "s1", "--name", "S", "--kind", "other",
                 "--reliability", "C"]) == 0


def test_tally_serve_serves_and_owns_the_project(tmp_path):
    """The real server: serve.json while it runs, the sign-in page over HTTP, a CLI
    write refused naming it, serve.json gone after it stops."""
    import signal
    import socket
    import time
    import urllib.request

    root = tmp_path / "p"
    Project.init(root)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "tally", "-p", str(root), "serve",
                                   "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        page = None
        while time.monotonic() < deadline and page is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as r:
                    page = r.read().decode("utf-8")
            except OSError:
                assert server.poll() is None, log.read_text(encoding="utf-8")
                time.sleep(0.3)
        assert page is not None and 'name="csrf_token"' in page
        info = json.loads((root / SERVE_NAME).read_text(encoding="utf-8"))
        assert info == {"url": f"http://127.0.0.1:{port}", "pid": server.pid}
        refused = subprocess.run([sys.executable, "-m", "tally", "-p", str(root), "source", "add",
                                  "s1", "--name", "S", "--kind", "other", "--reliability", "C"],
                                 capture_output=True, text=True, timeout=120)
        assert refused.returncode == 1
        assert f"http://127.0.0.1:{port} (PID {server.pid})" in refused.stderr
        second = subprocess.run([sys.executable, "-m", "tally", "-p", str(root), "serve",
                                 "--port", str(port + 1)], capture_output=True, text=True,
                                timeout=120)
        assert second.returncode == 1 and f"(PID {server.pid})" in second.stderr
        assert json.loads((root / SERVE_NAME).read_text(encoding="utf-8"))["pid"] == server.pid
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    assert not (root / SERVE_NAME).exists()
