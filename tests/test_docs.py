"""The README and the commands' help cannot drift apart.

Every command and subcommand of the Typer app has help with an ``Example:``
and appears in a README code block; every ``tally ...`` line a README code
block shows names a command that exists.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer

from tally.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands(group, path: tuple[str, ...] = ()):
    """(path, command) for every command under ``group``, groups included."""
    for name, command in sorted(getattr(group, "commands", {}).items()):
        yield path + (name,), command
        yield from _commands(command, path + (name,))


ROOT = typer.main.get_command(app)
COMMANDS = dict(_commands(ROOT))
#: the root command's options that take a value (-p DIR, ...), skipped before a command
ROOT_VALUE_OPTIONS = {opt for param in ROOT.params if not getattr(param, "is_flag", True)
                      for opt in getattr(param, "opts", ())}


def readme_blocks() -> list[str]:
    """The README's fenced code blocks that are shell sessions (not Python)."""
    text = README.read_text(encoding="utf-8")
    return [body for lang, body in re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S)
            if lang in ("", "sh", "shell", "bash", "console")]


def readme_tally_lines() -> list[str]:
    """Each ``tally ...`` command line of the README's code blocks, comment removed."""
    lines = []
    for block in readme_blocks():
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("tally "):
                lines.append(line)
    return lines


def command_path(line: str) -> tuple[str, ...]:
    """The longest prefix of the line's words that names a command (options skipped)."""
    words = [w for w in shlex.split(line.replace("…", ""))[1:]]
    path: tuple[str, ...] = ()
    i = 0
    while i < len(words):
        word = words[i]
        if not path and word.startswith("-"):  # a root option, with its value if it takes one
            i += 2 if word in ROOT_VALUE_OPTIONS else 1
            continue
        # `export records|persons|...` names several commands at once: the first
        candidate = path + (word.split("|")[0],)
        if candidate not in COMMANDS:
            break
        path = candidate
        i += 1
    return path


def test_the_app_has_commands():
    assert ("init",) in COMMANDS and ("review", "decide") in COMMANDS


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_has_help_with_an_example(path):
    command = COMMANDS[path]
    text = command.help or ""
    assert text.strip(), f"`tally {' '.join(path)}` has no help"
    assert "Example:" in text, f"`tally {' '.join(path)}` has no Example: in its help"
    example = text.split("Example:", 1)[1]
    runs = [command_path(part.strip()) for line in example.splitlines()
            for part in line.split(" or ") if part.strip().startswith("tally ")]
    assert any(run[:len(path)] == path for run in runs), f"the example of `tally {' '.join(path)}` does not run it"


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=" ".join)
def test_every_command_appears_in_the_readme(path):
    shown = {command_path(line)[:len(path)] for line in readme_tally_lines()}
    # `tally export records|persons|estimates ...` shows every alternative
    for line in readme_tally_lines():
        words = shlex.split(line.replace("…", ""))
        for i, word in enumerate(words[1:], start=1):
            if "|" in word:
                head = command_path(" ".join(words[:i]))
                shown |= {head + (alt,) for alt in word.split("|")}
    assert path in shown, f"README.md shows no `tally {' '.join(path)}`"


@pytest.mark.parametrize("line", readme_tally_lines())
def test_every_command_the_readme_shows_exists(line):
    words = [w for w in shlex.split(line.replace("…", ""))[1:] if not w.startswith("-")]
    path = command_path(line)
    assert path, f"README.md shows `{line}`, which names no command"
    # the word after a command group must be one of its subcommands or an argument
    command = COMMANDS[path]
    if hasattr(command, "commands") and not command.invoke_without_command:
        assert False, f"`{line}`: `tally {' '.join(path)}` needs a subcommand"
    assert words, line
