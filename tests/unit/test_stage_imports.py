"""The stages Restructure reshaped import one way (ingest, extract and incident; parsed, not run).

extract is text -> claims and claim review: it reads no files, so it imports no
other stage. ingest may call extract's public functions (an article's claims are
proposed at ingest), nothing later. normalize sits with the store, below
every stage. incident comes after link and
extract and may use their public names, never a private one, and nothing later.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "tally"
#: normalize sits with the store, below every stage (shells -> stages -> store/normalize -> model)
STAGES = {"ingest", "extract", "link", "incident", "estimate", "report", "simulate", "cli", "web"}
ALLOWED = {
    "extract": set(),
    "ingest": {"extract"},
    "incident": {"extract", "link"},
}


def _imports(package: str):
    """(file, imported module, names) for every import in the package, top level or in a function."""
    for path in sorted((SRC / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path.name, node.module, [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                for a in node.names:
                    yield path.name, a.name, []


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_stage_imports_only_earlier_stages_and_only_their_public_names(package):
    wrong = []
    for file, module, names in _imports(package):
        parts = module.split(".")
        if parts[0] != "tally" or len(parts) < 2 or parts[1] not in STAGES or parts[1] == package:
            continue
        if parts[1] not in ALLOWED[package]:
            wrong.append(f"{package}/{file} imports {module}")
        elif any(p.startswith("_") for p in parts[2:]) or any(n.startswith("_") for n in names):
            wrong.append(f"{package}/{file} imports a private name from {module}: {names}")
    assert not wrong, "\n".join(wrong)
