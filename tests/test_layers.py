"""Imports run one way: shells → stages → store/normalize → model.

DESIGN.md promises that a second shell (the web workspace) can be added without
copying logic, and that a stage re-run never reaches into another stage's insides.
Both hold only while the arrows between packages point one way. This test parses
every module's imports (ast, no import side effects) and fails on:

- an arrow to a layer above (a stage importing a shell, the store importing a stage);
- a stage importing a stage that runs after it (ingest → link), or one it has no
  business with (extract → ingest: extraction is pure text → claims);
- any import of another package's private name (``from tally.link.model import _x``).
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "tally"

# What each part of the tree may import (besides itself). The bottom: model, errors,
# disjoint_set, display hold no Tally imports but each other.
BOTTOM = {"model", "errors", "disjoint_set", "display", "__init__"}
CORE = BOTTOM | {"store", "project"}
ALLOWED: dict[str, set[str]] = {
    "model": {"errors"},
    "errors": set(),
    "disjoint_set": set(),
    "display": set(),
    "__init__": {"errors", "project"},  # Project re-exported lazily
    "store": {"model", "errors"},
    "project": {"store", "model", "errors"},
    "normalize": CORE,
    "sources": CORE,
    "data": set(),
    "examples": CORE,  # the bundled example files (tally examples)
    "backup": CORE,  # a whole project into one encrypted archive and back (opens the project)
    # stages, in the order they run
    "ingest": CORE | {"normalize", "sources", "extract"},  # an article's claims are proposed at ingest
    "extract": CORE | {"normalize", "sources"},
    "link": CORE | {"normalize", "sources", "ingest"},  # ingest: tally dedupe reads a CSV like a list
    "incident": CORE | {"normalize", "sources", "extract", "link"},
    "estimate": CORE | {"normalize"},
    "report": CORE | {"normalize", "sources", "extract", "link", "incident", "estimate"},
    "status": CORE | {"normalize", "sources", "link", "estimate", "incident"},
    "simulate": CORE | {"normalize"},
}
SHELLS = {"cli", "web", "demo", "__main__"}  # may import anything below them


def _part(module: str) -> str:
    """`tally.link.model` → `link`; `tally.export` → `export`."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ".".join(("tally", *path.relative_to(SRC).with_suffix("").parts))
    if path.name == "__init__.py":
        package = package.rsplit(".", 1)[0] + ".__init__"
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("tally"):
                    out.append((node.lineno, alias.name, []))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: -node.level]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module == "tally" or module.startswith("tally."):
                out.append((node.lineno, module, [a.name for a in node.names]))
    return out


def _violations() -> list[str]:
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC)
        here = rel.parts[0].removesuffix(".py")
        for line, module, names in _imports(path):
            there = _part(module)
            if module == "tally" and names:  # `from tally import __version__`
                there = "__init__"
            where = f"{rel}:{line} imports {module}"
            if there != here and here not in SHELLS:
                if here not in ALLOWED:
                    bad.append(f"{where}: {here!r} has no place in the layers (add it to ALLOWED)")
                elif there not in ALLOWED[here]:
                    bad.append(f"{where}: {here} may not depend on {there}")
            if there != here:
                for name in names:
                    if name.startswith("_") and not name.startswith("__"):
                        bad.append(f"{where}: private name {name} of another package")
                if any(p.startswith("_") and not p.startswith("__") for p in module.split(".")[2:]):
                    if here not in SHELLS or there != "cli":
                        bad.append(f"{where}: private module of another package")
    return bad


def test_imports_point_one_way():
    assert _violations() == []


def test_the_checker_sees_a_wrong_arrow(tmp_path, monkeypatch):
    """The rule itself: an upward arrow written into a store module is caught."""
    fake = tmp_path / "tally"
    (fake / "store").mkdir(parents=True)
    (fake / "store" / "bad.py").write_text("from tally.link.model import score_pairs\n")
    (fake / "link").mkdir()
    (fake / "link" / "ok.py").write_text("from tally.store import open_store\n")
    (fake / "extract").mkdir()
    (fake / "extract" / "peek.py").write_text("from tally.normalize.names import _private\n")
    monkeypatch.setattr(__import__(__name__), "SRC", fake, raising=False)
    globals()["SRC"], saved = fake, SRC
    try:
        found = _violations()
    finally:
        globals()["SRC"] = saved
    assert any("store may not depend on link" in v for v in found)
    assert any("private name _private" in v for v in found)
    assert not any("link/ok.py" in v for v in found)
