"""A refused upload must not tell the uploader where the server keeps the project:
the readers name a file by its full path (right for the CLI's operator), and the
upload page showed it — the project folder, its uploads folder and the upload's
token — to anyone with the documenter role. Tried on every refusal an upload meets:
an article, a JSON-lines file, a list on its mapping screen, a preview."""

from __future__ import annotations

import re

import pytest

from tests.adversarial.test_web_attack_upload import _served
from tests.web.conftest import csrf_of

REFUSED = [("article", "a.txt", b"\x00\x01\x02" * 10), ("articles", "a.jsonl", b"{not json\n"),
           ("list", "x.xlsx", b"not a zip"), ("article", "a.html", b"<p>no date</p>"),
           ("list", "x.csv", b"")]


def _errors(html: str) -> str:
    return " ".join(re.findall(r'class="error"[^>]*>(.*?)</p>', html, re.S)) or html


@pytest.mark.parametrize("encrypt", [False, True], ids=["plain", "encrypted"])
def test_a_refused_upload_names_the_file_not_the_servers_folders(tmp_path, encrypt):
    from tally.web.routes_upload import uploads_root

    app, client = _served(tmp_path / "proj", encrypt=encrypt)
    folders = (str(tmp_path), str(uploads_root(app)), "/received/", "uploads/")
    for kind, name, data in REFUSED:
        answer = client.post("/upload", data={"csrf_token": csrf_of(client.get("/upload").text),
                                              "source_id": "w", "kind": kind},
                             files={"file": (name, data, "text/csv")})
        shown = _errors(answer.text)
        assert answer.status_code == 400, (kind, name, answer.status_code)
        assert name in shown, (name, shown)  # still says which file
        for folder in folders:
            assert folder not in answer.text, (kind, name, folder, shown)
    # a preview refused on the mapping screen (a file that is not the encoding chosen)
    answer = client.post("/upload", data={"csrf_token": csrf_of(client.get("/upload").text),
                                          "source_id": "w"},
                         files={"file": ("w.csv", "name\nعلي\n".encode(), "text/csv")},
                         follow_redirects=False)
    screen = answer.headers["location"]
    preview = client.post(f"{screen}/preview", data={
        "csrf_token": csrf_of(client.get(screen).text), "encoding": "utf-16",
        "field_name": "name"})
    assert preview.status_code in (200, 400)
    for folder in folders:
        assert folder not in preview.text, (folder, _errors(preview.text))
