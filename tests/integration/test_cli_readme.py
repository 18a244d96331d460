"""The README's first session, run as written on a fresh project.

Every `tally` line of the README's "A first session" block runs in order, in
the folder the block's `cd` moves to; each must exit 0. The only words put in
are the ones the README writes in capitals (REC_A, P-…, CLAIM, INCIDENT,
MEMBER, OTHER, NAME, FILE), taken from what the commands before them print,
as a reader would; optional parts in brackets are left out and of `a|b`
alternatives the first is used (every one for the command named first).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

README = Path(__file__).resolve().parents[2] / "README.md"


def first_session() -> list[str]:
    """The command lines of the README's "A first session" block, comments removed."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## A first session", 1)[1]
    block = re.search(r"```\n(.*?)```", section, flags=re.S).group(1)
    lines = [line.split("  #")[0].strip() for line in block.splitlines()]
    return [line for line in lines if line]


def expand(line: str) -> list[list[str]]:
    """The argument lists one README line stands for (see the module docstring)."""
    line = re.sub(r"\s*\[[^\]]*\]", "", line)  # optional parts
    words = shlex.split(line)
    choices = [i for i, w in enumerate(words) if "|" in w]
    runs = [words]
    if choices:
        first = choices[0]
        runs = [[*words[:first], alt, *words[first + 1:]]
                for alt in words[first].split("|")]
    return [[w.split("|")[0] for w in run] for run in runs]


class Reader:
    """Fills in the README's capitalised words from the commands' own output."""

    def __init__(self, cli, workdir: Path) -> None:
        self.cli, self.workdir, self.values = cli, workdir, {"NAME": "Rima"}
        self.files = 0

    def _json(self, *args: str):
        result = self.cli(*args, "--json")
        assert result.code == 0, (args, result.err)
        return json.loads(result.out)

    def fill(self, words: list[str]) -> list[str]:
        filled = []
        for word in words:
            if word in ("REC_A", "REC_B"):
                pair = self._json("review")[0]
                self.values.update(REC_A=pair["record_id_l"], REC_B=pair["record_id_r"])
            elif word.startswith("P-"):
                word = "PERSON"
                self.values["PERSON"] = self._json("person", self._json("review", "--limit", "1")
                                                   [0]["record_id_l"])["person_id"]
            elif word == "CLAIM":
                self.values["CLAIM"] = self._json("review", "claims")[0]["claim_id"]
            elif word in ("INCIDENT", "MEMBER", "OTHER"):
                self._incident_members()
            elif word == "FILE":
                self.files += 1
                self.values["FILE"] = str(self.workdir / f"export-{self.files}.out")
            filled.append(self.values.get(word, word))
        return filled

    def _incident_members(self) -> None:
        if "INCIDENT" in self.values:
            return
        found = self._json("incidents")["incidents"]
        assert len(found) >= 2, "the first session needs two incidents to move a member"
        first, second = found[0]["incident_id"], found[1]["incident_id"]
        member = self._json("incidents", "show", first)[0]["member_id"]
        other = self._json("incidents", "show", second)[0]["member_id"]
        self.values.update(INCIDENT=first, MEMBER=member, OTHER=other)


def test_the_readme_first_session_runs_as_written(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    reader = Reader(cli, tmp_path)
    ran = 0
    for line in first_session():
        if line.startswith("cd "):
            monkeypatch.chdir(Path.cwd() / line[3:].strip())
            continue
        if not line.startswith("tally "):
            continue  # `source .venv/bin/activate`: the tests already run Tally's Python
        for words in expand(line):
            args = reader.fill(words[1:])
            result = cli(*args)
            assert result.code == 0, f"`{line}` as {args} exited {result.code}: {result.err}"
            ran += 1
    assert ran >= 30
    assert (tmp_path / "syria-coast" / "report.html").is_file()
