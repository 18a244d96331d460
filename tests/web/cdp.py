"""A tiny Chrome DevTools Protocol client over ``--remote-debugging-pipe``: enough
to drive Debian's headless Chromium through the workspace (navigate, type, press
keys, evaluate, screenshot) and to collect what the page did (console errors,
exceptions, every request's URL). No websockets, no downloaded browser.

    with Chromium() as browser:
        browser.goto("http://127.0.0.1:8123/login")
        browser.press("m")
        png = browser.screenshot()

Chromium reads commands from its fd 3 and writes replies and events to fd 4,
each a JSON message ended by a NUL byte.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

CHROMIUM = os.environ.get("TALLY_CHROMIUM") or shutil.which("chromium") or shutil.which(
    "chromium-browser")

FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
         "--no-first-run", "--no-default-browser-check", "--disable-extensions",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--metrics-recording-only", "--mute-audio",
         "--disable-features=Translate,MediaRouter,OptimizationHints",
         "--window-size=1280,900", "--lang=ar")


class CdpError(RuntimeError):
    pass


class Chromium:
    def __init__(self, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="tally-chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # fd 3: commands in, fd 4: messages out (bash wires them: dash takes only one-digit fds; no preexec_fn)
        self.proc = subprocess.Popen(
            ["bash", "-c", f'exec "$0" "$@" 3<&{to_chrome_r} 4>&{from_chrome_w}', CHROMIUM,
             *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            pass_fds=(to_chrome_r, from_chrome_w), stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._id = 0
        self._replies: dict[int, dict] = {}
        self.events: list[dict] = []
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")

    # ------------------------------------------------------------------ wire
    def _read(self) -> None:
        buffer = b""
        with os.fdopen(self._from_chrome, "rb", buffering=0) as pipe:
            while True:
                chunk = pipe.read(65536)
                if not chunk:
                    break
                buffer += chunk
                while b"\0" in buffer:
                    raw, buffer = buffer.split(b"\0", 1)
                    message = json.loads(raw)
                    with self._cond:
                        if "id" in message:
                            self._replies[message["id"]] = message
                        else:
                            self.events.append(message)
                        self._cond.notify_all()

    def call(self, method: str, params: dict | None = None, session: bool = True) -> dict:
        self._id += 1
        message = {"id": self._id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        end = time.monotonic() + self.timeout
        with self._cond:
            while self._id not in self._replies:
                left = end - time.monotonic()
                if left <= 0:
                    raise CdpError(f"no reply to {method}")
                self._cond.wait(left)
            reply = self._replies.pop(self._id)
        if "error" in reply:
            raise CdpError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    # ------------------------------------------------------------------ page
    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise CdpError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float | None = None):
        """Until ``expression`` is truthy in the page; its value."""
        end = time.monotonic() + (timeout or self.timeout)
        while time.monotonic() < end:
            try:
                value = self.evaluate(expression)
            except CdpError:
                value = None
            if value:
                return value
            time.sleep(0.05)
        raise CdpError(f"timed out waiting for {expression}")

    def mark(self) -> None:
        """Mark the current document, so :meth:`wait_new_page` knows when it is gone."""
        self.evaluate("window.__tally_old = true")

    def wait_new_page(self) -> None:
        """Until a new document (after a navigation or a redirect) has loaded."""
        self.wait_for("!window.__tally_old && document.readyState === 'complete'")

    def goto(self, url: str) -> None:
        self.mark()
        self.call("Page.navigate", {"url": url})
        self.wait_new_page()

    def wait_path(self, path: str) -> None:
        self.wait_for(f"location.pathname === {json.dumps(path)} && "
                      "document.readyState === 'complete'")

    def type_into(self, selector: str, text: str) -> None:
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.call("Input.insertText", {"text": text})

    def press(self, key: str) -> None:
        """A key as a person presses it (keydown with its text, keyup)."""
        code = f"Key{key.upper()}" if len(key) == 1 and key.isalpha() else key
        base = {"key": key, "code": code}
        if len(key) == 1:
            base["windowsVirtualKeyCode"] = ord(key.upper())
        self.call("Input.dispatchKeyEvent", {"type": "keyDown", "text": key if len(key) == 1
                                             else "", **base})
        self.call("Input.dispatchKeyEvent", {"type": "keyUp", **base})

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    # ------------------------------------------------------------------ what happened
    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries, as text."""
        found = []
        with self._cond:
            events = list(self.events)
        for e in events:
            p = e.get("params", {})
            if e.get("method") == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description")))
                                                    for a in p.get("args", [])))
            elif e.get("method") == "Runtime.exceptionThrown":
                found.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:500])
            elif e.get("method") == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                found.append(f"log: {p['entry'].get('text', '')} {p['entry'].get('url', '')}")
        return found

    def requested_urls(self) -> list[str]:
        with self._cond:
            return [e["params"]["request"]["url"] for e in self.events
                    if e.get("method") == "Network.requestWillBeSent"]

    def requested_outside(self, base: str) -> list[str]:
        """What the page asked for from anywhere but ``base``'s host (the workspace
        must load nothing from outside: no CDN, no font service)."""
        return [u for u in self.requested_urls()
                if urlparse(u).scheme not in ("data", "about")
                and urlparse(u).netloc != urlparse(base).netloc]

    def close(self) -> None:
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@contextmanager
def served(app) -> Iterator[str]:
    """``app`` served by uvicorn on a free port of 127.0.0.1 in a thread, for a
    browser to open; yields its base URL, and stops the server after."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                        access_log=False, lifespan="off"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    end = time.monotonic() + 30
    while not srv.started and time.monotonic() < end:
        time.sleep(0.05)
    assert srv.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)
