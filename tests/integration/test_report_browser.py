"""The demo's report in a real headless Chromium (Debian's `chromium` package).

Skipped where no Chromium is installed (`apt-get install chromium`; set
TALLY_CHROMIUM to a binary elsewhere). Chromium is pointed at a proxy that
this test runs and that records every connection: a self-contained report
makes none (Chromium's own calls to Google's services are told apart by host). Console messages come from Chromium's log on stderr. The
screenshot is kept as an artifact in the test's temporary folder (and copied
to $TALLY_ARTIFACTS when that is set).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
from pathlib import Path

import pytest

pytestmark = [pytest.mark.integration, pytest.mark.slow]

CHROMIUM = os.environ.get("TALLY_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")

_QUIET = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
          "--disable-background-networking", "--disable-component-update", "--disable-sync",
          "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
          "--disable-domain-reliability", "--no-default-browser-check", "--mute-audio",
          "--enable-logging=stderr", "--v=0",
          "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter"]


class _Proxy:
    """A TCP listener that only counts who tried to connect."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                try:
                    self.connections.append(conn.recv(200))
                except OSError:
                    self.connections.append(b"")

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


# Chromium's own services (clock, updates, safe browsing): its traffic, not the page's.
_CHROMIUM_HOSTS = ("google.com", "googleapis.com", "gstatic.com", "gvt1.com", "gvt2.com")


def _host(request: bytes) -> str:
    parts = request.split(b"\r\n", 1)[0].decode("latin-1").split()
    if len(parts) < 2:
        return "?"
    target = parts[1]
    if "://" in target:
        target = target.split("://", 1)[1]
    return target.split("/", 1)[0].split(":", 1)[0]


def _chromium_own(host: str) -> bool:
    return any(host == h or host.endswith("." + h) for h in _CHROMIUM_HOSTS)


@pytest.mark.skipif(not CHROMIUM, reason="no chromium installed (apt-get install chromium)")
def test_report_renders_offline_in_chromium(demo_run, tmp_path: Path):
    report = demo_run.report.resolve()  # the session's `tally demo`, read only
    proxy = _Proxy()
    profile = tmp_path / "profile"
    args = [CHROMIUM, *_QUIET, f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{proxy.port}", "--proxy-bypass-list=<-loopback>"]
    try:
        dom = subprocess.run([*args, "--dump-dom", report.as_uri()], capture_output=True,
                             text=True, timeout=120)
        shot = tmp_path / "report.png"
        snap = subprocess.run([*args, f"--screenshot={shot}", "--window-size=1200,6000",
                               "--hide-scrollbars", report.as_uri()], capture_output=True,
                              text=True, timeout=120)
    finally:
        proxy.close()
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout
    for chart in ("timeline", "map-governorate", "map-district", "by-sex", "by-age_group",
                  "by-status", "by-perpetrator", "overlaps", "forest"):
        assert f'data-chart="{chart}"' in html, chart
    console = [line for line in (dom.stderr + snap.stderr).splitlines() if "CONSOLE" in line]
    assert not console, console
    page_requests = [c for c in map(_host, proxy.connections) if not _chromium_own(c)]
    assert page_requests == [], page_requests
    assert snap.returncode == 0 and shot.is_file() and shot.stat().st_size > 10_000
    if os.environ.get("TALLY_ARTIFACTS"):
        dest = Path(os.environ["TALLY_ARTIFACTS"])
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, dest / "report.png")


@pytest.mark.skipif(not CHROMIUM, reason="no chromium installed (apt-get install chromium)")
def test_report_pdf_is_a4(cli, demo_run, tmp_path: Path):
    project = demo_run.project
    out = tmp_path / "r.html"
    result = cli("-p", project.root, "report", "--out", out, "--pdf")
    assert result.code == 0, result.err
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 594.9" in pdf


def test_pdf_without_chromium_is_refused(cli, tmp_path: Path, monkeypatch):
    from tally.project import Project

    monkeypatch.setattr("tally.report.pdf.find_chromium", lambda: None)
    Project.init(tmp_path / "p")
    result = cli("-p", tmp_path / "p", "report", "--out", tmp_path / "r.html", "--pdf")
    assert result.code == 1 and "needs Chromium" in result.err
    assert (tmp_path / "r.html").is_file()
