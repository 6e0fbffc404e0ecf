"""The code's contracts, checked by reading it: which layers may import which (over the AST,
beside the run-time check in test_layering.py), no import cycles, and mypy (strict for the
domain)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "cjtui"

# Lowest first: a module may import its own layer and those below, never one above.
LAYERS: list[tuple[str, list[str]]] = [
    ("base", ["cjtui", "cjtui.errors", "cjtui.plain", "cjtui.jsonio", "cjtui.fsutil"]),
    ("words", ["cjtui.i18n", "cjtui.said"]),
    ("model", ["cjtui.model", "cjtui.study"]),
    ("guide", ["cjtui.guide"]),
    ("store", ["cjtui.store"]),
    (
        "analysis and exchange",
        [
            "cjtui.exchange",
            "cjtui.curve",
            "cjtui.transcript",
            "cjtui.prefs",
            "cjtui.report",
            "cjtui.catalogue",
            "cjtui.journey",
        ],
    ),
    ("services", ["cjtui.interview", "cjtui.workspace", "cjtui.recovery"]),
    ("app", ["cjtui.tui"]),
    ("entry points", ["cjtui.runapp", "cjtui.cli", "cjtui.launch", "cjtui.__main__"]),
]
UI_LIBRARIES = ("textual", "rich", "textual_plotext")
# Screens and widgets own no storage code: they go through the services.
STORAGE = ("cjtui.store", "cjtui.fsutil", "cjtui.exchange", "cjtui.prefs", "cjtui.jsonio")
NO_STORAGE = ("cjtui.tui.screens", "cjtui.tui.widgets", "cjtui.tui.fields", "cjtui.tui.plot")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str) -> int:
    best, found = -1, -1
    for n, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), n
    assert found >= 0, f"{module} belongs to no layer: add it to LAYERS"
    return found


def imports(path: Path, *, typing_only: bool = True) -> list[tuple[str, int]]:
    """(module imported, line) for every import in the file, relative ones resolved.
    With typing_only False, imports under ``if TYPE_CHECKING:`` are left out."""
    tree = ast.parse(path.read_text("utf-8"))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    skip: set[int] = set()
    if not typing_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                for inner in ast.walk(node):
                    skip.add(id(inner))
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            # `from . import jsonio` imports a module, not a name from the package
            submodules = [
                f"{target}.{alias.name}"
                for alias in node.names
                if (ROOT / Path(*f"{target}.{alias.name}".split("."))).with_suffix(".py").exists()
            ]
            found += [(m, node.lineno) for m in submodules]
            if len(submodules) < len(node.names):
                found.append((target, node.lineno))
    return found


SOURCES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: module_name(p))
def test_imports_respect_the_layers(path: Path) -> None:
    me = module_name(path)
    mine = layer_of(me)
    wrong = []
    for target, line in imports(path):
        if target.split(".")[0] in UI_LIBRARIES and mine < layer_of("cjtui.tui"):
            wrong.append(f"line {line}: the domain imports {target}")
        if not target.startswith("cjtui"):
            continue
        if layer_of(target) > mine:
            theirs = LAYERS[layer_of(target)][0]
            wrong.append(f"line {line}: {LAYERS[mine][0]} imports {target} ({theirs})")
        if me.startswith(NO_STORAGE) and target.startswith(STORAGE):
            wrong.append(f"line {line}: a screen or widget imports storage code ({target})")
    assert not wrong, f"{me}:\n" + "\n".join(wrong)


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo += graph.get(module, ())
    return seen


def test_no_import_cycles() -> None:
    graph = {
        module_name(path): {
            t
            for t, _ in imports(path, typing_only=False)
            if t.startswith("cjtui") and t != module_name(path)
        }
        for path in SOURCES
    }
    cycles = sorted(m for m in graph if m in reachable(graph, m))
    assert cycles == [], f"modules that import themselves through others: {cycles}"


def test_the_layering_test_knows_every_module() -> None:
    for path in SOURCES:
        layer_of(module_name(path))


@pytest.mark.slow
def test_mypy_passes() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stdout + out.stderr
