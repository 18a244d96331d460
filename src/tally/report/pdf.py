"""The report as PDF (A4), printed by a headless Chromium from the HTML file.

Chromium is found as ``$TALLY_CHROMIUM``, ``chromium`` or ``chromium-browser``
(Debian: ``apt-get install chromium``); without one, :func:`write_pdf` refuses
with a message saying so. Nothing is fetched: the HTML is self-contained.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tally.errors import UsageError


def find_chromium() -> str | None:
    return (os.environ.get("TALLY_CHROMIUM") or shutil.which("chromium")
            or shutil.which("chromium-browser"))


def write_pdf(html_path: str | os.PathLike, pdf_path: str | os.PathLike,
              timeout: float = 120) -> Path:
    """Print ``html_path`` to ``pdf_path`` (A4, from the report's print styles)."""
    chromium = find_chromium()
    if not chromium:
        raise UsageError("--pdf needs Chromium (apt-get install chromium, or set TALLY_CHROMIUM)")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    with tempfile.TemporaryDirectory(prefix="tally-pdf-") as profile:
        done = subprocess.run(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-extensions", f"--user-data-dir={profile}",
             "--no-pdf-header-footer", f"--print-to-pdf={pdf_path}", html_path.as_uri()],
            capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0 or not pdf_path.is_file():
        raise UsageError(f"Chromium could not print the report: {done.stderr.strip()[-300:]}")
    return pdf_path
